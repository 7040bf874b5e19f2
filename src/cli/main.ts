import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { registerCardCommand } from './commands/card.ts';
import { registerDoctorCommand } from './commands/doctor.ts';
import { registerSandboxCommand } from './commands/sandbox.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerSetupCommand } from './commands/setup.ts';
import { registerStateCommand } from './commands/state.ts';
import { registerStartCommand } from './commands/start.ts';
import { registerSyncCommand } from './commands/sync.ts';
import { describeError, exitCodeOf } from './errors.ts';

// Each command lives in its own module under ./commands and registers itself here.
const registrations: Array<(program: Command) => void> = [registerCardCommand, registerServeCommand, registerSandboxCommand, registerStartCommand, registerSetupCommand, registerSyncCommand, registerReportCommand, registerStateCommand, registerDoctorCommand];

/** The version in package.json, which `cs-card --version` prints. */
function packageVersion(): string {
  const manifest = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')));
  return manifest.version;
}

export function buildProgram(): Command {
  const program = new Command('cs-card')
    .description('Customer-success card for HubSpot: health, renewal, NPS and suggested actions per company.')
    .version(packageVersion(), '-V, --version', 'print the version of cs-card')
    .exitOverride()
    .showHelpAfterError('(run cs-card --help to see the commands)')
    .configureOutput({ outputError: (text, write) => write(text) });
  for (const register of registrations) register(program);
  // A mistyped command or option ends with the way to the right one.
  for (const command of program.commands) command.showHelpAfterError(`(run cs-card ${command.name()} --help to see its options)`);
  return program;
}

export async function run(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed its message; help and version are not failures.
      return error.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`cs-card: ${describeError(error, Boolean(process.env.CS_CARD_DEBUG))}\n`);
    return exitCodeOf(error);
  }
}

const invokedDirectly = process.argv[1] !== undefined && /(?:main\.ts|cs-card(?:\.js)?)$/.test(process.argv[1]);
if (invokedDirectly) {
  process.exitCode = await run(process.argv.slice(2));
}
