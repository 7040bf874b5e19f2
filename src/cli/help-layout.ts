import { Help, type HelpConfiguration, type Option } from 'commander';
import type { MessageKey } from '../app/cards/i18n/messages.ts';
import type { Words } from './command-words.ts';
import { displayWidth, isWide } from './display-width.ts';

// commander's --help laid out in the reader's language: its usage line and headings, the [options] / [command]
// of the usage lines and an option's default from the catalog; and lines wrapped as that
// language writes: Japanese, Chinese and Thai put no spaces between words, and a Chinese or
// Japanese character takes two columns of the terminal (a Thai vowel or tone mark none).

// The usage line is the catalog's whole (cli.help.usage): commander's "Usage:" and the space after it
// would leave "用法： cs-card" where Chinese writes "用法：cs-card".
const headings = new Map<string, MessageKey>([
  ['Arguments:', 'cli.help.arguments'],
  ['Options:', 'cli.help.options'],
  ['Commands:', 'cli.help.commands'],
]);

const thai = /\p{Script=Thai}/u;
/** Punctuation a line does not start with, and punctuation it does not end with. */
const closing = /[、。，．：；！？）」』】〕”’・ー々〜…)\].,:;!?]/u;
const opening = /[（「『【〔“‘([]/u;

/** Whether a line may break between these two characters where there is no space. */
function breaksBetween(before: string, after: string): boolean {
  if (closing.test(after) || opening.test(before)) return false;
  return isWide(before) || isWide(after) || (thai.test(before) && thai.test(after));
}

/** Word boundaries, made when help is first wrapped (making one takes ~10 ms). */
let segmenter: Intl.Segmenter | undefined;

/**
 * A line's words: the segmenter's, except that each of `terms` found in the line is one word.
 * Thai puts no spaces between words, and Intl.Segmenter's dictionary does not know the English
 * words Thai writes in its own script: it cuts พร็อพเพอร์ตี้ (property) as พร็อพ|เพ|อร์|ตี้, and
 * misreads the text around one (จากดีล, "from the deal", as จา|กดีล). No rule on the characters
 * catches these cuts: the segmenter never cuts before a vowel or tone mark (it cuts between
 * grapheme clusters), and each piece (เพ, อร์, ตี้) is well-formed Thai. So the catalog names
 * such words (its glossary's terms and its loanwords): they are taken out of the line whole,
 * and only the text between them is segmented.
 */
function segments(line: string, terms: readonly string[]): string[] {
  const words = (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' }));
  const out: string[] = [];
  let from = 0;
  const plain = (to: number) => {
    for (const { segment } of words.segment(line.slice(from, to))) out.push(segment);
  };
  for (const { index, length } of termsIn(line, terms)) {
    plain(index);
    out.push(line.slice(index, index + length));
    from = index + length;
  }
  plain(line.length);
  return out;
}

/** Where `terms` occur in a line, left to right, the longest where two overlap. */
function termsIn(line: string, terms: readonly string[]): Array<{ index: number; length: number }> {
  const found: Array<{ index: number; length: number }> = [];
  for (const term of terms) {
    for (let index = term === '' ? -1 : line.indexOf(term); index >= 0; index = line.indexOf(term, index + 1)) found.push({ index, length: term.length });
  }
  found.sort((a, b) => a.index - b.index || b.length - a.length);
  const kept: Array<{ index: number; length: number }> = [];
  for (const term of found) {
    const last = kept.at(-1);
    if (last === undefined || term.index >= last.index + last.length) kept.push(term);
  }
  return kept;
}

/** A line as the pieces it may break between, each with the spaces before it (commander's chunks, plus breaks between words that no space separates). */
function pieces(line: string, terms: readonly string[]): string[] {
  const out: string[] = [];
  for (const segment of segments(line, terms)) {
    const last = out.at(-1);
    const space = segment.trim() === '';
    if (last === undefined || (space ? last.trim() !== '' : last.trim() !== '' && breaksBetween(last.at(-1) ?? '', segment.charAt(0)))) out.push(segment);
    else out[out.length - 1] = last + segment;
  }
  return out;
}

/**
 * Text wrapped to `width` columns; the spaces where a line breaks are dropped, and no line
 * breaks inside one of `terms` (./command-words.ts: the catalog's glossary terms and loanwords).
 * Text in languages that put spaces between words wraps as commander's own boxWrap does.
 *
 * @example
 * wrapText('対象範囲のすべての会社のヘルスを再計算し、変わったプロパティを書き戻します', 40)
 * // '対象範囲のすべての会社のヘルスを再計算\nし、変わったプロパティを書き戻します'
 */
export function wrapText(text: string, width: number, terms: readonly string[] = []): string {
  // Too narrow a column is not wrapped (commander's Help.minWidthToWrap).
  if (width < 40) return text;
  return text.split(/\r\n|\n/).map((line) => {
    const lines: string[] = [];
    let current = '';
    // The columns `current` takes, kept as pieces are added: each piece is measured once.
    let columns = 0;
    for (const piece of pieces(line, terms)) {
      const pieceColumns = displayWidth(piece);
      if (current !== '' && columns + pieceColumns > width) {
        lines.push(current);
        current = piece.trimStart();
        columns = displayWidth(current);
      } else {
        current += piece;
        columns += pieceColumns;
      }
    }
    return [...lines, current].join('\n');
  }).join('\n');
}

/** commander's help, in the catalog's words (`t`), laid out for the reader's script. */
export function helpLayout(t: Words): HelpConfiguration {
  const placeholder = (text: string) => (text === '[options]' ? t('cli.help.optionsPlaceholder') : text === '[command]' ? t('cli.help.commandPlaceholder') : text);
  return {
    formatHelp: (cmd, helper) => {
      const usage = helper.styleUsage(helper.commandUsage(cmd));
      const commanders = `${helper.styleTitle('Usage:')} ${usage}`;
      const text = Help.prototype.formatHelp.call(helper, cmd, helper);
      return text.startsWith(commanders) ? t('cli.help.usage', { usage }) + text.slice(commanders.length) : text;
    },
    styleTitle: (title) => {
      const key = headings.get(title);
      return key === undefined ? title : t(key);
    },
    styleOptionText: placeholder,
    styleSubcommandText: placeholder,
    styleArgumentText: placeholder,
    // What commander adds after an option's description: its default (our options have no choices, preset or environment variable).
    optionDescription: (option: Option) => {
      const shown = option.defaultValue !== undefined && (option.required || option.optional);
      if (!shown) return option.description;
      const value = option.defaultValueDescription ?? JSON.stringify(option.defaultValue);
      return t('cli.help.withDefault', { description: option.description, value }).trimStart();
    },
    displayWidth,
    boxWrap: (text, width) => wrapText(text, width, t.unbreakable ?? []),
  };
}
