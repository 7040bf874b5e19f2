import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs, loadEveryCatalog } from '../../src/app/cards/i18n/messages.ts';
import { createI18n } from '../../src/app/cards/i18n/format.ts';
import { summaryLines } from '../../src/cli/commands/sync.ts';
import { setupReportLines } from '../../src/cli/commands/setup.ts';
import { defaultConfig } from '../../src/config/schema.ts';
import { managerLists } from '../../src/domain/portfolio/manager-lists.ts';
import { legacySyncReason } from '../../src/state/sync-state.ts';
import type { SyncSummary } from '../../src/usecases/sync.ts';
import { listeningPortal } from '../sandbox/listening-portal.ts';
import { csCard, csCardUntil, type CliResult } from '../sync/cli-process.ts';
import { listName } from '../../src/usecases/portal-wording.ts';

// The summaries below are formatted here in every language: every catalog, as the card and the backend load them.
loadEveryCatalog();

// Issue 18: every text the command line shows comes from the catalog in the reader's language
// (LANG / LC_ALL / LC_MESSAGES / CS_CARD_LOCALE, or --locale). The check: no run of three English
// words from the English catalog (leaving out runs that other languages' texts share, like
// "cs card sync" or "Lists API") appears in what setup, serve, sandbox and the errors of every
// command print under a Polish or a Japanese terminal.

const words = (text: string) => text.toLowerCase().match(/[a-z]+/g) ?? [];

/** Runs of three words, leaving out placeholders, identifiers (cs_health_band), URLs and flags (--as-of): they are no language's words. */
function shingles(text: string): Set<string> {
  const list = words(text.replace(/\{[^{}]*\}/g, ' ').replace(/https?:\/\/\S+|\S*_\S*|--[a-z][\w-]*/g, ' '));
  const out = new Set<string>();
  for (let i = 0; i + 3 <= list.length; i += 1) out.add(list.slice(i, i + 3).join(' '));
  return out;
}

/** Three-word runs of the English catalog that no other language's catalog has. */
const englishOnly = (() => {
  const shared = new Set<string>();
  for (const [locale, catalog] of Object.entries(catalogs)) if (locale !== 'en') for (const text of Object.values(catalog)) for (const run of shingles(text)) shared.add(run);
  const english = new Set<string>();
  for (const text of Object.values(catalogs.en)) for (const run of shingles(text)) if (!shared.has(run)) english.add(run);
  return english;
})();

const englishListNames = managerLists(defaultConfig, listName('en')).map((list) => list.name);

function englishIn(output: string): string[] {
  return output.split('\n').filter((line) => [...shingles(line)].some((run) => englishOnly.has(run)));
}

const terminals = [
  // `skippedTickets`: a company skipped because its tickets could not be read, with HubSpot's answer.
  // `badCurrency`: a config file's issue; `unknownOption`: commander's own error for `sync --fulll`, with its suggestion and the way to --help;
  // `help`: lines of `cs-card --help` and `cs-card sync --help`.
  {
    name: 'Polish', LANG: 'pl_PL.UTF-8', sample: /[ąćęłńóśźż]/, empty: '(puste)', listSeparator: ', ', skippedTickets: /^ {2}\d+: Zgłoszenia do wsparcia: dane niedostępne — HubSpot nie odpowiedział/m,
    badCurrency: 'currency: musi być trzyliterowym kodem waluty ISO 4217 pisanym wielkimi literami, np. "USD" (otrzymano "usd")',
    unknownOption: ['błąd: nieznana opcja „--fulll”', '(Czy chodziło o --full?)', '(opcje tego polecenia pokazuje cs-card sync --help)'],
    help: { usage: 'Użycie: cs-card [opcje] [polecenie]', syncUsage: 'Użycie: cs-card sync [opcje]', options: 'Opcje:', commands: 'Polecenia:', help: /^ {2}-h, --help +wyświetl pomoc dla polecenia$/m, dryRun: /^ {2}--dry-run +wypisz, co by się zmieniło/m },
  },
  {
    name: 'Japanese', LANG: 'ja_JP.UTF-8', sample: /[\u3040-\u30ff\u4e00-\u9fff]/, empty: '（空）', listSeparator: '、', skippedTickets: /^ {2}\d+: サポートチケットを取得できません: 再試行しても HubSpot /m,
    badCurrency: 'currency: 大文字 3 文字の ISO 4217 通貨コードにしてください。例: "USD"（"usd"でした）',
    unknownOption: ['エラー: 不明なオプション「--fulll」が指定されました', '（もしかして: --full）', '（このコマンドのオプションは cs-card sync --help で確認できます）'],
    help: { usage: '使い方: cs-card [オプション] [コマンド]', syncUsage: '使い方: cs-card sync [オプション]', options: 'オプション:', commands: 'コマンド:', help: /^ {2}-h, --help +コマンドのヘルプを表示します$/m, dryRun: /^ {2}--dry-run +変更内容を表示するだけで/m },
  },
] as const;

describe('the command line speaks the reader\'s language', () => {
  it('the check itself finds English catalog text', () => {
    expect(englishIn('cs-card: HUBSPOT_ACCESS_TOKEN is not set, so this runs against the embedded sandbox portal')).toHaveLength(1);
    expect(englishIn(`cs-card: ${catalogs.pl['cli.sandboxNotice']}`)).toEqual([]);
  });

  it('words the sync summary (and why a run is full or incremental) and the setup report in each language', () => {
    const summary: SyncSummary = {
      mode: 'incremental', reason: { code: 'sync.reason.changesSince', params: { since: '2026-11-20T08:00:00.000Z' } }, asOf: '2026-11-20', dryRun: false, resumed: false, interrupted: false,
      scanned: 3, recomputed: 3, written: 1, unchanged: 2, skipped: 3, held: 0, portalGaps: [{ code: 'sync.gap.surveyUnavailable', params: {} }], unavailableSources: ['feedback'], apiCalls: 4, elapsedMs: 1200,
      skippedCompanies: [
        {
          companyId: '1000000002',
          reasons: [
            { what: { code: 'warning.source', params: { source: 'tickets', state: 'unavailable' } }, detail: { code: 'hubspot.failure.timeout', params: { what: 'HTTP 503' } } },
            { what: { code: 'warning.source', params: { source: 'deals', state: 'incomplete' } }, detail: { code: 'hubspot.malformedRecords', params: { skipped: 1, total: 4 } } },
          ],
        },
        { companyId: '1000000003', reasons: [{ what: { code: 'sync.skip.notWritten', params: {} }, detail: { code: 'hubspot.failure.rejected', params: { status: '400', category: 'VALIDATION_ERROR' } } }] },
        { companyId: 'unknown', reasons: [{ what: { code: 'sync.skip.malformedCompanies', params: { count: 2 } } }] },
      ],
    };
    const report = { group: 'created', created: ['cs_health_band'], updated: [{ name: 'cs_health_score', fields: ['label'] }], unchanged: ['cs_renewal_date', 'cs_company_nps'], failed: [
      { name: 'cs_health_band', reason: { code: 'cli.setup.reason.hubspotDefined', params: {} } },
      { name: 'cs_health_band', reason: { code: 'cli.setup.reason.notCreated', params: {} } },
      { name: 'cs_health_band', reason: { code: 'cli.setup.reason.missingScope', params: { scope: 'crm.schemas.companies.write' } } },
    ], lists: [
      { name: 'At-risk customers', outcome: 'created', listId: '101' },
      { name: 'At-risk customers', outcome: 'renamed', listId: '102', previousName: 'Old name' },
      { name: 'At-risk customers', outcome: 'updated', listId: '103', previousName: 'Old name', copies: [{ listId: '105', name: 'Old name' }] },
      { name: 'At-risk customers', outcome: 'updated', listId: '104' },
      { name: 'Old name', outcome: 'kept', listId: '106' },
      { name: 'At-risk customers', outcome: 'unchanged', listId: '107' },
      { name: 'At-risk customers', outcome: 'failed', reason: { code: 'cli.setup.reason.listNotAsSent', params: {} } },
    ] } as const;
    for (const locale of ['pl', 'ja', 'zh-CN', 'th']) {
      const i18n = createI18n(locale, 'UTC');
      // A list's name is the portal's (setup finds its lists by name), not the command's words.
      const lines = [...summaryLines(summary, i18n), ...setupReportLines(report, i18n)].join('\n').replaceAll('At-risk customers', 'X').replaceAll('Old name', 'Y');
      expect(englishIn(lines), locale).toEqual([]);
    }
    expect(summaryLines({ ...summary, mode: 'full', reason: { code: 'sync.reason.fullDue', params: { days: 7 } } }, createI18n('pl', 'UTC'))[0]).toBe(
      'Pełna synchronizacja na dzień 20 lis 2026 (ostatnia pełna synchronizacja była 7 dni temu lub dawniej, a czas od ostatniego kontaktu oraz wiek zgłoszeń i ocen CSM rosną z każdym dniem).',
    );
    expect(setupReportLines(report, createI18n('pl', 'UTC'))).toContain('Bez zmian: 2 właściwości');
    // Seconds in the reader's number format: a decimal comma in Polish, a point in English.
    expect(summaryLines(summary)[1]).toBe('3 companies scored: 1 written, 2 unchanged, 3 skipped; 4 CRM calls in 1.2 s.');
    expect(summaryLines(summary, createI18n('pl', 'UTC'))[1]).toBe('Oceniono 3 firmy: zapisano 1, bez zmian 2, pominięto 3; 4 wywołania CRM w 1,2 s.');
    expect(summaryLines({ ...summary, dryRun: true, elapsedMs: 34_567_800 }, createI18n('pl', 'UTC'))[1]).toMatch(/ w 34\u00a0567,8 s\.$/);
    // Why companies were skipped: the same words as before codes, in English; the reader's language otherwise.
    expect(summaryLines(summary).slice(-3)).toEqual([
      '  1000000002: Support tickets unavailable: HubSpot did not answer in time after retries (HTTP 503); Deals (renewal) incomplete: 1 of 4 records were skipped because HubSpot returned them in an unexpected shape',
      '  1000000003: HubSpot did not take the new values: HubSpot rejected the request (HTTP 400, VALIDATION_ERROR)',
      '  (no readable id): HubSpot returned 2 companies in an unexpected shape',
    ]);
    expect(summaryLines(summary, createI18n('pl', 'UTC')).slice(-3)).toEqual([
      '  1000000002: Zgłoszenia do wsparcia: dane niedostępne — HubSpot nie odpowiedział na czas mimo ponownych prób (HTTP 503); Transakcje (odnowienie): dane niekompletne — pominięto 1 z 4 rekordów, bo HubSpot zwrócił je w nieoczekiwanej postaci',
      '  1000000003: HubSpot nie przyjął nowych wartości — HubSpot odrzucił żądanie (HTTP 400, VALIDATION_ERROR)',
      '  (bez czytelnego id): HubSpot zwrócił 2 firmy w nieoczekiwanej postaci',
    ]);
  });

  it('reads the English reasons of state an earlier version wrote as their codes', () => {
    expect(legacySyncReason('changes since the sync of 2026-11-19T08:00:00.000Z')).toEqual({ code: 'sync.reason.changesSince', params: { since: '2026-11-19T08:00:00.000Z' } });
    expect(legacySyncReason('the last full sync is 7 or more days old, and ages of touches, tickets and sentiment drift daily')).toEqual({ code: 'sync.reason.fullDue', params: { days: 7 } });
    expect(legacySyncReason('requested with --full')).toEqual({ code: 'sync.reason.requested', params: {} });
    expect(legacySyncReason('something a future version wrote')).toEqual({ code: 'sync.reason.earlier', params: {} });
  });

  describe.each(terminals)('under a $name terminal (LANG=$LANG)', ({ LANG, sample, empty, listSeparator, skippedTickets, badCurrency, unknownOption, help }) => {
    const portal = listeningPortal({ companies: 5, asOf: '2026-11-20' });

    it('setup reports, and the errors of every command, in that language', async () => {
      const portalEnv = { HUBSPOT_BASE_URL: portal.url, HUBSPOT_ACCESS_TOKEN: 'pat-na1-test', LANG };
      const commands: Array<[string[], Record<string, string>]> = [
        [['setup'], portalEnv],
        [['setup', '--lists'], { LANG }],
        [['sandbox', '--port', 'eighty'], { LANG }],
        [['sandbox', '--scopes', ','], { LANG }],
        [['card', 'acme'], { LANG }],
        [['card', '123', '--as-of', '1899-12-31'], { LANG }],
        [['start', '--write'], { LANG }],
        [['start', '--port', '4100', '--preview-port', '4100'], { LANG }],
        [['serve', '--sync-every', 'often'], { LANG }],
        [['serve'], { LANG, HUBSPOT_ACCESS_TOKEN: 'pat-na1-test', HUBSPOT_BASE_URL: 'http://127.0.0.1:9' }],
        [['sync', '--rate-limit', 'fast'], { LANG }],
        [['report', '--json', '--csv'], { LANG }],
        [['report', '--from', '2026-03-01', '--to', '2026-02-01'], { LANG }],
        [['state', 'nonsense'], { LANG }],
        [['setup'], { LANG, PORT: 'x', HUBSPOT_BASE_URL: 'http://127.0.0.1:9' }],
      ];
      // A few at a time: the machine is shared, and each run is a Node process of its own.
      const runs: CliResult[] = [];
      for (let at = 0; at < commands.length; at += 3) runs.push(...(await Promise.all(commands.slice(at, at + 3).map(([args, env]) => csCard(args, env)))));
      const [setup, lists, ...failures] = runs;
      expect(setup?.code, setup?.stderr).toBe(0);
      expect(lists?.code, lists?.stderr).toBe(0);
      // The lists' names are the portal's language's (English here), not the command's words.
      const withoutListNames = (text: string) => englishListNames.reduce((rest, name) => rest.replaceAll(name, 'X'), text);
      for (const run of runs) {
        expect(englishIn(withoutListNames(run.stdout + run.stderr)), run.stdout + run.stderr).toEqual([]);
        expect(run.stdout + run.stderr).toMatch(sample);
      }
      for (const failure of failures) expect(failure.stderr.trim().split('\n'), failure.stderr).toHaveLength(1);
      expect(failures.map((failure) => failure.code)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    }, 400_000);

    it('--help in that language: headings, usage, every description and the built-in -h/--version', async () => {
      const [top, sync] = await Promise.all([csCard(['--help'], { LANG }), csCard(['sync', '--help'], { LANG })]);
      for (const run of [top, sync]) {
        expect(run.code, run.stderr).toBe(0);
        // Flags and their value names (--rate-limit <rate>) are the command line's syntax, no language's words.
        expect(englishIn(run.stdout.replace(/--?[\w-]+(?: <[^>]+>)?|<[^>]+>/g, ' ')), run.stdout).toEqual([]);
        // No English word of commander's own help either.
        expect(run.stdout).not.toMatch(/Usage|Options|Commands|display help|version number|default:|\[options\]|\[command\]/);
      }
      expect(top.stdout.split('\n')[0]).toBe(help.usage);
      expect(top.stdout).toContain(`\n${help.options}\n`);
      expect(top.stdout).toContain(`\n${help.commands}\n`);
      for (const command of ['card', 'serve', 'sandbox', 'start', 'setup', 'sync', 'report', 'state', 'doctor']) expect(top.stdout).toMatch(new RegExp(`\\n  ${command}\\b`));
      expect(sync.stdout.split('\n')[0]).toBe(help.syncUsage);
      expect(sync.stdout).toMatch(help.help);
      expect(sync.stdout).toMatch(help.dryRun);
      // --locale chooses the help's language as it does the command's.
      const english = await csCard(['sync', '--help', '--locale', 'en'], { LANG });
      expect(english.stdout).toMatch(/^Usage: cs-card sync \[options\]\n[\s\S]*\n {2}--dry-run +print what would change and write nothing/);
    }, 120_000);

    it("commander's own errors (unknown option or command, a missing or surplus argument) in that language, exit 2", async () => {
      const option = await csCard(['sync', '--fulll'], { LANG });
      expect(option.code).toBe(2);
      expect(option.stderr.trim().split('\n')).toEqual(unknownOption);
      // --locale names the language even where commander stops before the command runs.
      const english = await csCard(['sync', '--fulll', '--locale', 'en'], { LANG });
      expect(english.stderr).toMatch(/^error: unknown option '--fulll'\n\(Did you mean --full\?\)\n\(run cs-card sync --help to see its options\)\n$/);
      const runs = await Promise.all([['strat'], ['card'], ['card', '1', '2'], ['sync', '--as-of']].map((args) => csCard(args, { LANG })));
      for (const run of [option, ...runs]) {
        expect(run.code, run.stderr).toBe(2);
        expect(englishIn(run.stderr), run.stderr).toEqual([]);
        expect(run.stderr).toMatch(sample);
      }
    }, 120_000);

    it('a dry-run sync in that language: empty values, and why companies were skipped (HubSpot\'s answer too)', async () => {
      const stateDir = await mkdtemp(path.join(tmpdir(), 'cs-card-i18n-sync-'));
      // Every ticket read fails: the customers with tickets are skipped, the others would change.
      const removeFault = portal.sandbox.controls.injectFault({ kind: '503', path: '/crm/v3/objects/tickets/batch/read' });
      try {
        const run = await csCard(['sync', '--dry-run', '--as-of', '2026-11-20', '--rate-limit', '100000/1s'], { HUBSPOT_BASE_URL: portal.url, HUBSPOT_ACCESS_TOKEN: 'pat-na1-test', CS_CARD_STATE_DIR: stateDir, LANG });
        expect(run.code, run.stderr).toBe(1);
        expect(run.stdout).toContain(`cs_health_band ${empty} -> `);
        // A company's changes one after another with the language's list separator (、 in Japanese).
        expect(run.stdout).toContain(`${listSeparator}cs_health_`);
        expect(run.stdout).toMatch(skippedTickets);
        // The values listed are what would be written to the portal (drivers, next action), not the command's words.
        const words = (run.stdout + run.stderr).split('\n').filter((line) => !/^ {2}\d+ [^:]+: .* -> /.test(line));
        expect(englishIn(words.join('\n')), run.stdout + run.stderr).toEqual([]);
      } finally {
        removeFault();
        await rm(stateDir, { recursive: true, force: true });
      }
    }, 120_000);

    it('what is wrong with a configuration file, field by field, in that language', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'cs-card-i18n-config-'));
      const file = path.join(dir, 'cs-card.config.json');
      await writeFile(file, JSON.stringify({ currency: 'usd', nps: { windowDays: '180' }, health: { weight: {}, bands: { healthyMin: 50, attentionMin: 60 } }, adoption: { seatsActiveProperty: 'Active users' } }));
      try {
        const run = await csCard(['card', '123'], { LANG, CS_CARD_CONFIG: file });
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
        expect(run.stderr).toContain(badCurrency);
        expect(run.stderr).toContain('nps.windowDays');
        expect(englishIn(run.stderr), run.stderr).toEqual([]);
        expect(run.stderr).toMatch(sample);
        await writeFile(file, '{"currency": "USD",}');
        const notJson = await csCard(['card', '123'], { LANG, CS_CARD_CONFIG: file });
        expect(notJson.code).toBe(2);
        // JSON.parse's own explanation stays as the platform words it; the sentence around it is the reader's.
        expect(englishIn(notJson.stderr.replace(/\(.*\)/, '')), notJson.stderr).toEqual([]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, 60_000);

    it('sandbox and serve banners in that language', async () => {
      for (const [args, ready] of [
        [['sandbox', '--port', '0', '--companies', '3', '--latency', '5', '--search-lag', '0'], /HUBSPOT_BASE_URL=http/],
        [['serve'], /\/webhooks\/hubspot/],
      ] as const) {
        const started = await csCardUntil(args, { LANG, PORT: '0' }, ready);
        started.child.kill('SIGINT');
        expect(await started.exited).toBe(0);
        expect(englishIn(started.stderr()), started.stderr()).toEqual([]);
        expect(started.stderr()).toMatch(sample);
      }
    }, 120_000);
  });
});
