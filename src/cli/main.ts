import { CommanderError } from 'commander';
import { commandWords } from './command-words.ts';
import { WordsNeeded } from './localized-command.ts';
import { buildProgram } from './program.ts';

// The entry point: parses the command line (./program.ts), runs the command, and turns what
// it throws into one sentence on stderr and an exit code (DESIGN.md: 0 ok, 1 failure, 2 usage).
// Words (the message catalog) are loaded only when there is something to tell: help, a usage
// error, or an error of the command.

export { buildProgram } from './program.ts';

/**
 * Parses the command line and runs its command. The command table is built without its texts;
 * only when it has help or a usage error to show (WordsNeeded, thrown before anything is written
 * or run) is it built again with the reader's words and the command line parsed again.
 */
async function parse(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof WordsNeeded)) throw error;
    await buildProgram(await commandWords(argv)).parseAsync([...argv], { from: 'user' });
  }
}

export async function run(argv: readonly string[]): Promise<number> {
  try {
    await parse(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed its message (in the reader's language); help and version are not failures.
      return error.exitCode === 0 ? 0 : 2;
    }
    const [{ describeError, exitCodeOf }, { errorI18n }] = await Promise.all([import('./errors.ts'), import('./locale.ts')]);
    const i18n = await errorI18n(argv);
    process.stderr.write(`cs-card: ${describeError(error, Boolean(process.env.CS_CARD_DEBUG), i18n, process.env.HUBSPOT_BASE_URL?.trim() || undefined)}\n`);
    return exitCodeOf(error);
  }
}

const invokedDirectly = process.argv[1] !== undefined && /(?:main\.ts|cs-card(?:\.js)?)$/.test(process.argv[1]);
if (invokedDirectly) {
  process.exitCode = await run(process.argv.slice(2));
}
