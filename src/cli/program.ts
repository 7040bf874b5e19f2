import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_DEMO_COMPANIES, DEMO_SEARCH_LAG, MAX_DEMO_COMPANIES } from '../sandbox/demo-defaults.ts';
import type { Words } from './command-words.ts';
import { helpLayout } from './help-layout.ts';
import { LocalizedCommand } from './localized-command.ts';

// The command line's table of contents: every command with its arguments, options and help.
// A command's module (./commands/*.ts, with the portal, the SDK, the servers) is loaded only
// when that command runs, so `cs-card --version` and `--help` start in a fraction of a second.

/** Loads a command's action only when commander calls it. */
function lazy<A extends unknown[]>(load: () => Promise<(...args: A) => Promise<void>>): (...args: A) => Promise<void> {
  return async (...args) => (await load())(...args);
}

/** The version in package.json, which `cs-card --version` prints. */
function packageVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const version = typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : undefined;
  return typeof version === 'string' ? version : 'unknown';
}

/** `cs-card sandbox`'s port, and its rate limit: Pro/Enterprise private apps get 190 requests per 10 s. */
export const SANDBOX_DEFAULT_PORT = 4010;
export const SANDBOX_DEFAULT_RATE_LIMIT = 190;

type LocaleFor = 'card' | 'messages' | 'progress' | 'report' | 'readableReport' | 'status' | 'checklist';

function defineCommands(program: Command, t: Words): void {
  // Every command's --locale: one language selection for the whole command line (./locale-choice.ts).
  const localeHelp = (what: LocaleFor) => t('cli.help.locale', { what });
  const maxCompanies = String(MAX_DEMO_COMPANIES);
  program
    .command('card')
    .description(t('cli.help.card'))
    .argument('<companyId>', t('cli.help.card.companyId'))
    .option('--json', t('cli.help.card.json'))
    .option('--as-of <date>', t('cli.help.card.asOf'))
    .option('--locale <tag>', localeHelp('card'))
    .action(lazy(async () => (await import('./commands/card.ts')).showCard));
  program
    .command('serve')
    .description(t('cli.help.serve'))
    .option('--sync-every <interval>', t('cli.help.serve.syncEvery'))
    .option('--locale <tag>', localeHelp('messages'))
    .action(lazy(async () => (await import('./commands/serve.ts')).serve));
  program
    .command('sandbox')
    .description(t('cli.help.sandbox'))
    .option('--port <n>', t('cli.help.sandbox.port'), String(SANDBOX_DEFAULT_PORT))
    .option('--companies <n>', t('cli.help.sandbox.companies', { max: maxCompanies }), String(DEFAULT_DEMO_COMPANIES))
    .option('--seed <n>', t('cli.help.sandbox.seed'), '1')
    .option('--as-of <date>', t('cli.help.sandbox.asOf'))
    .option('--rate-limit <n>', t('cli.help.sandbox.rateLimit'), String(SANDBOX_DEFAULT_RATE_LIMIT))
    .option('--token <token>', t('cli.help.sandbox.token'))
    .option('--fault <spec>', t('cli.help.sandbox.fault'), (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('--latency <ms>', t('cli.help.sandbox.latency'), '0')
    .option('--scopes <list>', t('cli.help.sandbox.scopes'), 'all')
    .option('--locale <tag>', localeHelp('messages'))
    .option('--search-lag <ms>', t('cli.help.sandbox.searchLag'), `${DEMO_SEARCH_LAG.minMs}-${DEMO_SEARCH_LAG.maxMs}`)
    .action(lazy(async () => (await import('./commands/sandbox.ts')).serveSandbox));
  program
    .command('start')
    .description(t('cli.help.start'))
    .option('--port <port>', t('cli.help.start.port'))
    .option('--preview-port <port>', t('cli.help.start.previewPort'))
    .option('--companies <n>', t('cli.help.start.companies', { max: maxCompanies }), String(DEFAULT_DEMO_COMPANIES))
    .option('--write', t('cli.help.start.write'))
    .option('--locale <tag>', localeHelp('progress'))
    .action(lazy(async () => (await import('./commands/start.ts')).start));
  program
    .command('setup')
    .description(t('cli.help.setup'))
    .option('--lists', t('cli.help.setup.lists'))
    .option('--locale <tag>', localeHelp('report'))
    .action(lazy(async () => (await import('./commands/setup.ts')).setup));
  program
    .command('sync')
    .description(t('cli.help.sync'))
    .option('--full', t('cli.help.sync.full'))
    .option('--dry-run', t('cli.help.sync.dryRun'))
    .option('--as-of <date>', t('cli.help.sync.asOf'))
    .option('--rate-limit <rate>', t('cli.help.sync.rateLimit'), '190/10s')
    .option('--locale <tag>', localeHelp('progress'))
    .action(lazy(async () => (await import('./commands/sync.ts')).sync));
  program
    .command('report')
    .description(t('cli.help.report'))
    .option('--period <period>', t('cli.help.report.period'))
    .option('--from <date>', t('cli.help.report.from'))
    .option('--to <date>', t('cli.help.report.to'))
    .option('--json', t('cli.help.report.json'))
    .option('--csv', t('cli.help.report.csv'))
    .option('--by <grouping>', t('cli.help.report.by'))
    .option('--currency <code>', t('cli.help.report.currency'))
    .option('--as-of <date>', t('cli.help.report.asOf'))
    .option('--locale <tag>', localeHelp('readableReport'))
    .action(lazy(async () => (await import('./commands/report.ts')).showReport));
  program
    .command('state')
    .description(t('cli.help.state'))
    .argument('<action>', t('cli.help.state.action'))
    .option('--locale <tag>', localeHelp('status'))
    .action(lazy(async () => (await import('./commands/state.ts')).state));
  program
    .command('doctor')
    .description(t('cli.help.doctor'))
    .option('--locale <tag>', localeHelp('checklist'))
    .action(lazy(async () => (await import('./commands/doctor.ts')).doctor));
}

/**
 * The command table, its help and commander's errors told with `words` (./command-words.ts).
 * Without words it has no texts: it parses the command line and runs its command, and help or
 * a usage error throws WordsNeeded (./localized-command.ts) before writing anything.
 */
export function buildProgram(words?: Words): Command {
  const t: Words = words ?? (() => '');
  const program = new LocalizedCommand(words, 'cs-card')
    .description(t('cli.help.program'))
    .version(packageVersion(), '-V, --version', t('cli.help.version'))
    .helpOption('-h, --help', t('cli.help.help'))
    .helpCommand('help [command]', t('cli.help.help'))
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  if (words !== undefined) program.configureHelp(helpLayout(words)).showHelpAfterError(words('cli.usage.seeCommands'));
  defineCommands(program, t);
  // A mistyped command or option ends with the way to the right one.
  if (words !== undefined) for (const command of program.commands) command.showHelpAfterError(words('cli.usage.seeOptions', { command: command.name() }));
  return program;
}
