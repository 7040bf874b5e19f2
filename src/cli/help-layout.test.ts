import { Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { loanwords } from '../app/cards/i18n/catalog/th.ts';
import { catalogs, formatMessage, glossaries, type CatalogLocale, type MessageKey } from '../app/cards/i18n/messages.ts';
import { commandWords, type Words } from './command-words.ts';
import { displayWidth } from './display-width.ts';
import { wrapText } from './help-layout.ts';
import { buildProgram } from './program.ts';

const wordsOf = (locale: CatalogLocale): Words => (key, params) => formatMessage(locale, locale, key, params);
const helpKeys = (Object.keys(catalogs.en) as MessageKey[]).filter((key) => key.startsWith('cli.help.') && key !== 'cli.help.locale' && key !== 'cli.help.withDefault');
const widths = [40, 47, 54, 61, 68, 75, 80];

function helpOf(locale: CatalogLocale, command?: string): string {
  const program = buildProgram(wordsOf(locale));
  program.configureOutput({ getOutHelpWidth: () => 80 });
  const target = command === undefined ? program : program.commands.find((sub) => sub.name() === command);
  return target?.helpInformation() ?? '';
}

describe('--help laid out in the reader\'s language', () => {
  it('wraps English exactly as commander does', () => {
    const commander = new Help();
    for (const key of [...helpKeys, 'cli.help.locale'] as const) {
      const text = wordsOf('en')(key, { what: 'progress', max: '100000', usage: 'cs-card [options]' });
      for (const width of widths) expect(wrapText(text, width), `${key} at ${width}`).toBe(commander.boxWrap(text, width));
      // English breaks only at spaces: its glossary's terms change nothing.
      const terms = Object.values(glossaries.en).map((entry) => entry.term);
      for (const width of widths) expect(wrapText(text, width, terms), `${key} at ${width}`).toBe(commander.boxWrap(text, width));
    }
  });

  it.each(['ja', 'zh-CN', 'th'] as const)('wraps %s, which puts no spaces between words, inside the width and never before closing punctuation', (locale) => {
    for (const key of helpKeys) {
      const text = wordsOf(locale)(key, { max: '100000', usage: 'cs-card [options]' });
      for (const width of widths) {
        const lines = wrapText(text, width).split('\n');
        for (const line of lines) {
          // A line is longer only when one piece (a flag, a URL-like token) is.
          if (displayWidth(line) > width) expect(line.trim(), `${key} at ${width}`).not.toMatch(/\s/);
          expect(line, `${key} at ${width}`).not.toMatch(/^[、。，：；）」]/u);
        }
        expect(lines.join('').replace(/\s/g, ''), key).toBe(text.replace(/\s/g, ''));
      }
    }
    expect(wrapText('対象範囲のすべての会社のヘルスを再計算し、変わったプロパティを書き戻します', 40)).toBe('対象範囲のすべての会社のヘルスを再計算\nし、変わったプロパティを書き戻します');
  });

  it('keeps English help as it was, and words the headings, placeholders and defaults in Polish', () => {
    const english = helpOf('en', 'sync');
    expect(english).toMatch(/^Usage: cs-card sync \[options\]\n/);
    expect(english).toContain('\nOptions:\n  --full ');
    expect(english).toContain('(Free/Starter) or 190/10s (Pro/Enterprise)\n                       (default: "190/10s")\n');
    expect(english).toContain('\n  -h, --help           display help for command\n');
    expect(helpOf('en')).toMatch(/^Usage: cs-card \[options\] \[command\]\n[\s\S]*\n {2}-V, --version +print the version of cs-card\n[\s\S]*\nCommands:\n {2}card \[options\] <companyId> /);
    const polish = helpOf('pl', 'card');
    expect(polish).toMatch(/^Użycie: cs-card card \[opcje\] <companyId>\n/);
    expect(polish).toContain('\nArgumenty:\n  companyId       identyfikator rekordu firmy w HubSpot (cyfry)\n');
    expect(helpOf('pl', 'sandbox')).toContain('--port <n>         port na 127.0.0.1 (0 = dowolny wolny port) (domyślnie:\n                     "4010")');
    expect(helpOf('pl')).toContain('\n  help [polecenie]          wyświetl pomoc dla polecenia');
  });

  it('writes the usage line as the catalog does: no space after a full-width colon', () => {
    expect(helpOf('zh-CN', 'sync')).toMatch(/^用法：cs-card sync \[选项\]\n/);
    expect(helpOf('zh-CN')).toMatch(/^用法：cs-card \[选项\] \[命令\]\n/);
    expect(helpOf('ja', 'sync')).toMatch(/^使い方: cs-card sync \[オプション\]\n/);
    expect(helpOf('th', 'sync')).toMatch(/^วิธีใช้: cs-card sync \[ตัวเลือก\]\n/);
    for (const locale of ['zh-CN', 'ja', 'th', 'pl', 'en'] as const) expect(helpOf(locale, 'card').split('\n')[0]).toBe(wordsOf(locale)('cli.help.usage', { usage: `cs-card card ${wordsOf(locale)('cli.help.optionsPlaceholder')} <companyId>` }));
  });

  it('never breaks Thai inside a glossary term or a loanword the word segmenter cuts (cs-card --help --locale th at 60, 80 and 100 columns)', async () => {
    const words = await commandWords(['--help', '--locale', 'th'], {});
    const terms = words.unbreakable ?? [];
    expect(terms).toEqual(expect.arrayContaining([...Object.values(glossaries.th).map((entry) => entry.term), ...loanwords]));
    // The segmenter alone cuts property (พร็อพเพอร์ตี้) in three places: at 80 columns cs-card --help broke it.
    expect([...new Intl.Segmenter('th', { granularity: 'word' }).segment('พร็อพเพอร์ตี้')].length).toBeGreaterThan(1);
    /** Whether the break between two lines falls inside a term: the first ends with its start, the second starts with its rest. */
    const splitTerm = (before: string, after: string) =>
      terms.find((term) => [...term].some((_, at) => at > 0 && before.trimEnd().endsWith(term.slice(0, at)) && after.trimStart().startsWith(term.slice(at))));
    for (const width of [60, 80, 100]) {
      const program = buildProgram(words);
      for (const command of [program, ...program.commands]) {
        command.configureOutput({ getOutHelpWidth: () => width });
        const lines = command.helpInformation().split('\n');
        lines.forEach((line, at) => {
          const next = lines[at + 1] ?? '';
          expect(splitTerm(line, next), `${command.name()} at ${width}: ${line} / ${next}`).toBeUndefined();
          // Longer only where commander leaves a description whole (its column narrower than 40): no line continues it.
          if (displayWidth(line) > width) expect(next, `${command.name()} at ${width}: ${line}`).not.toMatch(/^ {3,}\S/);
        });
      }
    }
    for (const key of helpKeys) {
      const text = wordsOf('th')(key, { max: '100000', usage: 'cs-card [options]' });
      for (const width of [40, 60, 80, 100]) {
        const lines = wrapText(text, width, terms).split('\n');
        lines.forEach((line, at) => expect(splitTerm(line, lines[at + 1] ?? ''), `${key} at ${width}`).toBeUndefined());
        // A line is longer than the width only when it is one piece that cannot break (no space in it).
        for (const line of lines) if (displayWidth(line) > width) expect(line.trim(), `${key} at ${width}`).not.toMatch(/\s/);
        expect(lines.join('').replace(/\s/g, ''), key).toBe(text.replace(/\s/g, ''));
      }
    }
    expect(wrapText('สร้างหรืออัปเดตกลุ่มพร็อพเพอร์ตี้ customer_success และพร็อพเพอร์ตี้ของบริษัท', 40, terms)).toBe('สร้างหรืออัปเดตกลุ่มพร็อพเพอร์ตี้\ncustomer_success และพร็อพเพอร์ตี้ของบริษัท');
  });
});
