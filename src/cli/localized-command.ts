import { Command, type ErrorOptions as CommanderErrorOptions, type HelpContext } from 'commander';
import type { MessageValue } from '../app/cards/i18n/catalog-locale.ts';
import type { MessageKey } from '../app/cards/i18n/messages.ts';
import type { Words } from './command-words.ts';

// commander in the reader's language: its own errors (unknown option or command, a missing or
// surplus argument, ...) are told with the catalog's words. commander says which error it is
// (its code) and names the option or command only inside its English sentence, so the names are
// read from that sentence; one that does not read as expected is shown as commander wrote it.

/** What each of commander's errors says (by its code), and the names it takes from commander's sentence. */
const sentences: ReadonlyArray<{ readonly code: string; readonly pattern: RegExp; readonly key: MessageKey; readonly names: readonly string[] }> = [
  { code: 'commander.unknownOption', pattern: /^unknown option '(.*)'$/, key: 'cli.usage.unknownOption', names: ['option'] },
  { code: 'commander.unknownCommand', pattern: /^unknown command '(.*)'$/, key: 'cli.usage.unknownCommand', names: ['command'] },
  { code: 'commander.missingArgument', pattern: /^missing required argument '(.*)'$/, key: 'cli.usage.missingArgument', names: ['argument'] },
  { code: 'commander.optionMissingArgument', pattern: /^option '(.*)' argument missing$/, key: 'cli.usage.optionMissingArgument', names: ['option'] },
  { code: 'commander.missingMandatoryOptionValue', pattern: /^required option '(.*)' not specified$/, key: 'cli.usage.missingMandatoryOption', names: ['option'] },
  { code: 'commander.excessArguments', pattern: /Expected (\d+) arguments? but got (\d+)\.$/, key: 'cli.usage.excessArguments', names: ['expected', 'received'] },
  { code: 'commander.conflictingOption', pattern: /^option '(.*)' cannot be used with option '(.*)'$/, key: 'cli.usage.conflictingOption', names: ['option', 'other'] },
  { code: 'commander.invalidArgument', pattern: /^option '(.*)' argument '(.*)' is invalid\. ?(.*)$/, key: 'cli.usage.invalidOptionValue', names: ['option', 'value', 'reason'] },
  { code: 'commander.invalidArgument', pattern: /^command-argument value '(.*)' is invalid for argument '(.*)'\. ?(.*)$/, key: 'cli.usage.invalidArgument', names: ['value', 'argument', 'reason'] },
];

/** commander's "(Did you mean --full?)" under an unknown option or command. */
function suggestionText(line: string, t: Words): string | null {
  const oneOf = /^\(Did you mean one of (.*)\?\)$/.exec(line);
  if (oneOf?.[1] !== undefined) return t('cli.usage.didYouMeanOneOf', { suggestions: oneOf[1] });
  const one = /^\(Did you mean (.*)\?\)$/.exec(line);
  return one?.[1] === undefined ? null : t('cli.usage.didYouMean', { suggestion: one[1] });
}

/**
 * One of commander's error messages in the reader's language (`command`: the command it is
 * about), or the message as commander wrote it when it does not read as expected.
 *
 * @example
 * commanderText("error: unknown option '--fulll'\n(Did you mean --full?)", 'commander.unknownOption', 'sync', t)
 * // "błąd: nieznana opcja „--fulll”\n(Czy chodziło o --full?)" under Polish words
 */
export function commanderText(message: string, code: string | undefined, command: string, t: Words): string {
  const [first = '', ...rest] = message.split('\n');
  const sentence = first.replace(/^error: /, '');
  for (const { code: known, pattern, key, names } of sentences) {
    const match = known === code ? pattern.exec(sentence) : null;
    if (match === null) continue;
    const params: Record<string, MessageValue> = { command };
    // The argument counts are numbers, for the plural rules.
    names.forEach((name, at) => (params[name] = name === 'expected' || name === 'received' ? Number(match[at + 1]) : match[at + 1] ?? ''));
    const suggestions = rest.map((line) => suggestionText(line, t));
    if (suggestions.includes(null)) return message;
    return [t('cli.usage.error', { message: t(key, params) }), ...suggestions].join('\n');
  }
  return message;
}

/**
 * What a LocalizedCommand built without words throws where it would show help or a usage
 * error: nothing is written, and the command line is parsed again with its words (./main.ts).
 */
export class WordsNeeded extends Error {
  constructor() {
    super('the command line needs its words to show help or a usage error');
    this.name = 'WordsNeeded';
  }
}

/**
 * A commander Command (and its subcommands) whose errors are told with `words`. Without words
 * it parses and runs a command as well, and throws WordsNeeded instead of showing help or an error.
 */
export class LocalizedCommand extends Command {
  readonly words: Words | undefined;

  constructor(words: Words | undefined, name?: string) {
    super(name);
    this.words = words;
  }

  override createCommand(name?: string): Command {
    return new LocalizedCommand(this.words, name);
  }

  override helpInformation(context?: HelpContext): string {
    if (this.words === undefined) throw new WordsNeeded();
    return super.helpInformation(context);
  }

  override error(message: string, errorOptions?: CommanderErrorOptions): never {
    if (this.words === undefined) throw new WordsNeeded();
    return super.error(commanderText(message, errorOptions?.code, this.name(), this.words), errorOptions);
  }
}
