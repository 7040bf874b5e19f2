import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { formatMessage, type CatalogLocale } from '../app/cards/i18n/messages.ts';
import type { Words } from './command-words.ts';
import { commanderText, LocalizedCommand, WordsNeeded } from './localized-command.ts';

const wordsOf = (locale: CatalogLocale): Words => (key, params) => formatMessage(locale, locale, key, params);

/** A small command table with every kind of mistake commander catches. */
function table(program: Command): Command {
  program.exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  program.command('start').option('--full').option('--fast');
  program.command('card').argument('<companyId>').option('--as-of <date>').option('--json').addOption(new Option('--csv').conflicts('json'));
  program.command('state').requiredOption('--store <url>').argument('[action]', '', (value: string) => {
    if (value !== 'migrate') throw new InvalidArgumentError('migrate only.');
    return value;
  });
  program.command('report').option('--by <grouping>', '', (value: string) => {
    if (value !== 'owner') throw new InvalidArgumentError('owner only.');
    return value;
  });
  return program;
}

const mistakes = [
  ['start', '--fulll'],
  ['start', '--fas'],
  ['strat'],
  ['sta'],
  ['card'],
  ['card', '1', '2'],
  ['card', '1', '--as-of'],
  ['card', '1', '--json', '--csv'],
  ['state', 'migrate'],
  ['state', '--store', 'x', 'drop'],
  ['report', '--by', 'team'],
];

async function failure(program: Command, argv: readonly string[]): Promise<CommanderError> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error;
    throw error;
  }
  throw new Error(`${argv.join(' ')} did not fail`);
}

describe("commander's errors in the reader's language", () => {
  it.each(mistakes)('in English, says what commander says, with its code and exit code (%s …)', async (...argv) => {
    const plain = await failure(table(new Command('cs-card')), argv);
    const localized = await failure(table(new LocalizedCommand(wordsOf('en'), 'cs-card')), argv);
    expect(plain.code).not.toBe('commander.error');
    expect(localized.message).toBe(plain.message);
    expect([localized.code, localized.exitCode]).toEqual([plain.code, plain.exitCode]);
  });

  it.each(['pl', 'ja', 'zh-CN', 'th'] as const)('in %s, says every one of them in that language', async (locale) => {
    for (const argv of mistakes) {
      const plain = await failure(table(new Command('cs-card')), argv);
      const localized = await failure(table(new LocalizedCommand(wordsOf(locale), 'cs-card')), argv);
      expect(localized.message, argv.join(' ')).not.toMatch(/^error:|Did you mean|unknown|missing|too many|invalid|cannot/m);
      expect([localized.code, localized.exitCode]).toEqual([plain.code, plain.exitCode]);
    }
  });

  it('names the option, the command and the suggestion in Polish and Japanese', async () => {
    const pl = table(new LocalizedCommand(wordsOf('pl'), 'cs-card'));
    expect((await failure(pl, ['start', '--fulll'])).message).toBe('błąd: nieznana opcja „--fulll”\n(Czy chodziło o --full?)');
    expect((await failure(pl, ['card', '1', '2'])).message).toBe('błąd: za dużo argumentów polecenia „card”: przyjmuje ono 1 argument, a podano 2.');
    const ja = table(new LocalizedCommand(wordsOf('ja'), 'cs-card'));
    expect((await failure(ja, ['sta'])).message).toBe('エラー: 不明なコマンド「sta」が指定されました\n（もしかして: start, state のいずれか）');
  });

  it('shows a message it cannot read as commander wrote it', () => {
    expect(commanderText('error: something new', 'commander.unknownOption', 'sync', wordsOf('pl'))).toBe('error: something new');
    expect(commanderText("error: unknown option '--x'\n(a hint commander added)", 'commander.unknownOption', 'sync', wordsOf('pl'))).toBe("error: unknown option '--x'\n(a hint commander added)");
  });
});

describe('without words (the command line before it has help or an error to show)', () => {
  it('throws WordsNeeded where it would show help or a mistake, having written nothing', async () => {
    for (const argv of [...mistakes, ['--help'], ['start', '--help'], ['help', 'card'], []]) {
      const written: string[] = [];
      const program = table(new LocalizedCommand(undefined, 'cs-card')).configureOutput({ writeErr: (text) => written.push(text), writeOut: (text) => written.push(text) });
      await expect(program.parseAsync([...argv], { from: 'user' }), argv.join(' ')).rejects.toBeInstanceOf(WordsNeeded);
      expect(written, argv.join(' ')).toEqual([]);
    }
  });

  it('parses a right command line as it does with words', async () => {
    const seen: unknown[] = [];
    const program = table(new LocalizedCommand(undefined, 'cs-card'));
    program.commands.find((command) => command.name() === 'card')?.action((companyId: string, options: unknown) => void seen.push(companyId, options));
    await program.parseAsync(['card', '7', '--as-of', '2026-12-01', '--json'], { from: 'user' });
    expect(seen).toEqual(['7', { asOf: '2026-12-01', json: true }]);
  });
});
