import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_DEMO_COMPANIES, DEMO_SEARCH_LAG, MAX_DEMO_COMPANIES } from '../sandbox/demo-defaults.ts';
import type { Words } from './command-words.ts';
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

/** Every command's --locale: one language selection for the whole command line (./locale.ts). */
function localeHelp(what: string): string {
  return `language of ${what}: en, zh-CN, ja, pl or th (default: CS_CARD_LOCALE, LC_ALL, LC_MESSAGES or LANG, else en)`;
}

function defineCommands(program: Command): void {
  program
    .command('card')
    .description("Show one company's customer-success card: a readable summary, or the view model with --json.")
    .argument('<companyId>', 'HubSpot company record id (digits)')
    .option('--json', 'print exactly the card view model as JSON')
    .option('--as-of <date>', 'compute the card as of this day (YYYY-MM-DD); default today in the portal\'s time zone')
    .option('--locale <tag>', localeHelp('the readable card'))
    .action(lazy(async () => (await import('./commands/card.ts')).showCard));
  program
    .command('serve')
    .description('Run the backend server the card calls and HubSpot\'s webhooks reach (port: PORT, default 3000).')
    .option('--sync-every <interval>', 'also run an incremental sync at start and then every interval, like 30m, 6h or 1d')
    .option('--locale <tag>', localeHelp('the messages'))
    .action(lazy(async () => (await import('./commands/serve.ts')).serve));
  program
    .command('sandbox')
    .description('Serve the sandbox portal (an in-memory HubSpot-compatible CRM API with a demo portfolio) on loopback HTTP.')
    .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', String(SANDBOX_DEFAULT_PORT))
    .option('--companies <n>', `demo portfolio size (up to ${MAX_DEMO_COMPANIES})`, String(DEFAULT_DEMO_COMPANIES))
    .option('--seed <n>', 'seed of the demo data (same seed and --as-of, same data)', '1')
    .option('--as-of <date>', 'YYYY-MM-DD the demo dates are relative to (default: today, UTC)')
    .option('--rate-limit <n>', 'requests per 10 s before HubSpot-style 429s (0 = off), or a rate like 190/10s or 6000/1m', String(SANDBOX_DEFAULT_RATE_LIMIT))
    .option('--token <token>', 'accept only this bearer token (401 for others); default: any token')
    .option('--fault <spec>', 'inject a HubSpot failure, repeatable: [METHOD:]KIND[xTIMES][@OBJECT_TYPE|@PATH], KIND 429, 429-daily, 500, 502, 503, 504, timeout, 401 or 403 (e.g. 503x3@/batch/update, 403@feedback_submissions)', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('--latency <ms>', 'added to every response', '0')
    .option('--scopes <list>', 'scopes every token is granted, comma-separated: all, scope names, or -scope to take one away (e.g. -crm.objects.feedback_submissions.read)', 'all')
    .option('--locale <tag>', localeHelp('the messages'))
    .option('--search-lag <ms>', 'how long search takes to see a write: ms, or a range drawn per write (0 = at once)', `${DEMO_SEARCH_LAG.minMs}-${DEMO_SEARCH_LAG.maxMs}`)
    .action(lazy(async () => (await import('./commands/sandbox.ts')).serveSandbox));
  program
    .command('start')
    .description('Run the whole product: the sandbox portal (or HUBSPOT_ACCESS_TOKEN\'s portal), the card backend and a local preview of the card.')
    .option('--port <port>', 'card backend port (default PORT or 3000; a busy default falls back to a free port)')
    .option('--preview-port <port>', 'preview page port (default: backend port + 1)')
    .option('--companies <n>', `size of the sandbox demo portfolio (up to ${MAX_DEMO_COMPANIES})`, String(DEFAULT_DEMO_COMPANIES))
    .option('--write', 'with HUBSPOT_ACCESS_TOKEN: create the properties and run a full sync (writes cs_* properties to that portal)')
    .option('--locale <tag>', localeHelp('the progress and summary'))
    .action(lazy(async () => (await import('./commands/start.ts')).start));
  program
    .command('setup')
    .description('Create or update the customer_success property group and company properties (idempotent); --lists also creates the managers\' lists.')
    .option('--lists', 'also create the HubSpot lists: at-risk customers, renewing in 90 days and not healthy, detractors')
    .option('--locale <tag>', localeHelp('the report'))
    .action(lazy(async () => (await import('./commands/setup.ts')).setup));
  program
    .command('sync')
    .description('Recompute health for every company in scope and write back the properties that changed (incremental unless --full).')
    .option('--full', 'recompute every company in scope, not only those whose inputs changed since the last sync')
    .option('--dry-run', 'print what would change and write nothing (not even the sync state)')
    .option('--as-of <date>', 'compute health as of this day (YYYY-MM-DD); default today in the portal\'s time zone')
    .option('--rate-limit <rate>', "the portal's API limit this sync paces itself to, e.g. 100/10s (Free/Starter) or 190/10s (Pro/Enterprise)", '190/10s')
    .option('--locale <tag>', localeHelp('the progress and summary'))
    .action(lazy(async () => (await import('./commands/sync.ts')).sync));
  program
    .command('report')
    .description("The period's renewal, churn, retention and LTV figures for managers, from the customers' deals.")
    .option('--period <period>', 'a year (2026), a quarter (2026-Q3) or a month (2026-10); default the current quarter')
    .option('--from <date>', 'first day of the period (YYYY-MM-DD), with --to')
    .option('--to <date>', 'last day of the period (YYYY-MM-DD), with --from')
    .option('--json', 'print the figures as JSON')
    .option('--csv', 'print the figures as CSV (one row per scope)')
    .option('--by <grouping>', 'also split the figures by "owner"')
    .option('--currency <code>', 'report in this currency (default: the configured currency); companies whose deals are in another one are left out of the amounts')
    .option('--as-of <date>', 'report as of this day (YYYY-MM-DD), as the card does: deals created after it are left out, deals closed after it count as open, and the current quarter is taken from it; default today in the portal\'s time zone')
    .option('--locale <tag>', localeHelp('the readable report'))
    .action(lazy(async () => (await import('./commands/report.ts')).showReport));
  program
    .command('state')
    .description('The shared state store (CS_CARD_DATABASE_URL, or SQLite in CS_CARD_STATE_DIR): "migrate" brings its schema up to date, "status" shows running syncs, last syncs and the webhook queue.')
    .argument('<action>', 'migrate or status')
    .option('--locale <tag>', localeHelp('the status'))
    .action(lazy(async () => (await import('./commands/state.ts')).state));
  program
    .command('doctor')
    .description('Check the portal (scopes, properties, option mappings, renewal rule, survey answers, time zone, currency, rate limit) without writing anything; exit 1 when something blocks correct results.')
    .option('--locale <tag>', localeHelp('the checklist'))
    .action(lazy(async () => (await import('./commands/doctor.ts')).doctor));
}

/** The command table, its help and commander's errors told with `words` (./command-words.ts). */
export function buildProgram(words: Words): Command {
  const program = new LocalizedCommand(words, 'cs-card')
    .description('Customer-success card for HubSpot: health, renewal, NPS and suggested actions per company.')
    .version(packageVersion(), '-V, --version', 'print the version of cs-card')
    .exitOverride()
    .showHelpAfterError(words('cli.usage.seeCommands'))
    .configureOutput({ outputError: (text, write) => write(text) });
  defineCommands(program);
  // A mistyped command or option ends with the way to the right one.
  for (const command of program.commands) command.showHelpAfterError(words('cli.usage.seeOptions', { command: command.name() }));
  return program;
}
