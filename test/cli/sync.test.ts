import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../src/app/cards/i18n/format.ts';
import { healthUpdatedAtProperty } from '../../src/domain/properties.ts';
import { ownedCompanyProperties } from '../../src/domain/sync/written-values.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { listenOnLoopback } from '../../src/sandbox/loopback-server.ts';
import { SqliteStateStore } from '../../src/state/sqlite-store.ts';
import { defaultConfig } from '../../src/config/schema.ts';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { PropertyGateway } from '../../src/hubspot/properties.ts';
import { runSetup } from '../../src/usecases/setup.ts';
import { customerIds } from '../sync/demo-customers.ts';
import type { StateStore } from '../../src/state/store.ts';
import { csCard, csCardUntil } from '../sync/cli-process.ts';
import { firstPageGate } from '../sync/first-page-gate.ts';

// `cs-card sync` as a user runs it: a separate process against the sandbox on loopback
// (HUBSPOT_BASE_URL), its state in the embedded store in a temporary CS_CARD_STATE_DIR.

const asOf = '2026-11-20';
/** The as-of day as the summary writes it (in the reader's locale: English here). */
const asOfText = createI18n('en', 'UTC').date(asOf);
/** Tests measure behaviour, not HubSpot's pacing: a limit the limiter never waits for. */
const fast = ['--rate-limit', '100000/1s'];

interface Portal {
  readonly sandbox: Sandbox;
  readonly env: Record<string, string>;
  readonly stateDir: string;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function portal(companies = 60, options: { setup?: boolean; serve?: (sandbox: Sandbox) => (request: Request) => Promise<Response> } = {}): Promise<Portal> {
  // Unpaced on purpose (see `fast`): no portal rate limit either.
  const sandbox = createSandbox({ companies, asOf, rateLimit: null });
  sandbox.controls.searchPerSecond = null;
  const server = options.serve ? await listenOnLoopback(options.serve(sandbox)) : await sandbox.listen();
  const stateDir = await mkdtemp(path.join(tmpdir(), 'cs-card-cli-sync-'));
  cleanups.push(() => server.close(), () => rm(stateDir, { recursive: true, force: true }));
  const env = { HUBSPOT_BASE_URL: server.url, HUBSPOT_ACCESS_TOKEN: 'pat-na1-test', CS_CARD_STATE_DIR: stateDir };
  // The properties as `cs-card setup` makes them (its own tests: test/cli/setup.test.ts), made in this
  // process: a process of its own per test would only add start-up time on a busy machine.
  if (options.setup !== false) {
    // A busy machine is not a hung portal: no idle timeout that a slow test process could reach.
    const client = createHubSpotClient({ accessToken: env.HUBSPOT_ACCESS_TOKEN, baseUrl: server.url, idleTimeoutMs: 120_000 });
    expect((await runSetup({ properties: new PropertyGateway(client), config: defaultConfig })).failed).toEqual([]);
  }
  return { sandbox, env, stateDir };
}

/** The state store the CLI uses, opened by this test process too (as a second process would). */
async function inState<T>(p: Portal, read: (store: StateStore) => Promise<T>): Promise<T> {
  const store = await SqliteStateStore.open(p.stateDir);
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

const syncStates = (p: Portal) => inState(p, async (store) => (await store.documents('sync-state:')).map((doc) => doc.key));
const syncLeases = (p: Portal) => inState(p, (store) => store.leases('sync:'));

const sync = (p: Portal, ...args: string[]) => csCard(['sync', '--as-of', asOf, ...fast, ...args], p.env);

function writtenHealth(p: Portal): Record<string, Record<string, string | null>> {
  const names = ownedCompanyProperties.filter((name) => name !== healthUpdatedAtProperty);
  // A cleared value ('') and one never written (null) are the same: empty.
  return Object.fromEntries(p.sandbox.store.list('companies').map((c) => [c.id, Object.fromEntries(names.map((name) => [name, c.properties[name] || null]))]));
}

/**
 * What an uninterrupted sync of the 500-company portal writes, made once for the file: the runs
 * killed or stopped midway below must end exactly like it (the demo portfolio is the same every time).
 */
let uninterrupted500: Promise<ReturnType<typeof writtenHealth>> | undefined;
function uninterruptedHealth(): Promise<ReturnType<typeof writtenHealth>> {
  uninterrupted500 ??= (async () => {
    const reference = await portal(500);
    expect((await sync(reference)).code).toBe(0);
    return writtenHealth(reference);
  })();
  return uninterrupted500;
}

// Each test starts one to five cs-card processes; a busy 2-core machine takes up to ~20 s to run
// one (measured at load 13), so the bounds below are generous: they only stop a hung test.
describe('cs-card sync', { timeout: 120_000 }, () => {
  it('syncs in full, then incrementally with nothing to write; progress on stderr, the summary on stdout, state per portal in the store', async () => {
    const p = await portal();
    const inScope = customerIds(p).length;

    const first = await sync(p);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Full sync as of ${asOfText} (no earlier sync of this portal).`);
    expect(first.stdout).toMatch(new RegExp(`^${inScope} companies scored: ${inScope} written, 0 unchanged, 0 skipped; [\\d,]+ CRM calls in [\\d.]+ s\\.$`, 'm'));
    expect(first.stderr).toContain(`sync: ${inScope} of ${inScope} companies done, ${inScope} written, 0 skipped`);
    expect(await syncStates(p)).toEqual([expect.stringMatching(/^sync-state:portal-[0-9a-f]{16}$/)]);

    // Progress shows from the start, before the first page of companies is read and scored.
    expect(first.stderr.split('\n').filter((line) => line.startsWith('sync:'))[0]).toBe('sync: reading the companies in scope…');

    const second = await sync(p);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Incremental sync as of');
    expect(second.stdout).toMatch(/ 0 written, /);

    // The summary in the reader's language (the terminal's LANG, or --locale), with "an incremental sync".
    const polish = await csCard(['sync', '--as-of', asOf, ...fast, '--dry-run'], { ...p.env, LANG: 'pl_PL.UTF-8' });
    expect(polish.stdout).toMatch(/^Próbny przebieg synchronizacji przyrostowej na dzień 20 lis 2026/m);
    // The runs have settled (nothing changed since): no company to rescan, so only the first progress line.
    expect(polish.stderr).toMatch(/^sync: wczytywanie firm objętych zakresem…$/m);
    expect(polish.stderr).not.toMatch(/^sync: gotowe/m);
    const english = await sync(p, '--dry-run', '--locale', 'en');
    expect(english.stdout).toContain(`Dry run of an incremental sync as of ${asOfText}`);
    expect((await sync(p, '--locale', 'xx')).stderr).toMatch(/--locale "xx" is not a language cs-card speaks: use one of en, zh-CN, ja, pl, th/);
  }, 240_000);

  it('--dry-run prints what would change and writes nothing', async () => {
    const p = await portal();
    p.sandbox.log.clear();
    const dry = await sync(p, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^Would change:\n {2}\d+ [^:\n]+: .*cs_health_band \(empty\) -> (healthy|attention|at_risk|unknown)/m);
    expect(dry.stdout).toContain(`${customerIds(p).length} would be written`);
    expect(dry.stdout).toContain('Nothing was written (dry run).');
    expect(dry.stdout).toContain(`Dry run of a full sync as of ${asOfText}`);
    // Its progress says what would be written, never "written".
    expect(dry.stderr).toMatch(/^sync: \d+ of \d+ companies done, \d+ would be written, \d+ skipped$/m);
    expect(dry.stderr).not.toMatch(/companies done, \d+ written/);
    expect(p.sandbox.log.count({ pathIncludes: '/batch/update' })).toBe(0);
    expect(p.sandbox.store.list('companies').every((c) => (c.properties.cs_health_band ?? null) === null)).toBe(true);
    expect(await syncStates(p)).toEqual([]);
  });

  it('a sync killed midway (SIGKILL) blocks the next one only until its lease expires, which then resumes and ends like an uninterrupted one', async () => {
    // 461 customers: a first page of 200 (one search page), then one of 261 (no latency needed: see firstPageGate).
    const expected = await uninterruptedHealth();

    const gate = firstPageGate();
    const p = await portal(500, { serve: gate.serve });
    const env = { ...p.env, CS_CARD_SYNC_LEASE: '1500ms' };
    gate.arm();
    // The run has written and checkpointed its first page, and cannot get past the second one's search.
    const { child, exited } = await csCardUntil(['sync', '--as-of', asOf, ...fast], env, /sync: 200 of \d+ companies done/);
    child.kill('SIGKILL');
    await exited;
    gate.release();
    expect(p.sandbox.log.count({ pathIncludes: '/batch/update' }), 'the first page was written').toBeGreaterThan(0);
    const [left] = await syncLeases(p);
    expect(left?.holder).toEqual({ host: expect.any(String), pid: child.pid, command: 'cs-card sync' });

    // Its lease outlives it by at most the lease duration (a refusal meanwhile: the next test).
    expect((left?.expiresAt ?? Infinity) - (left?.now ?? 0)).toBeLessThanOrEqual(1500);
    // Until the store's own clock says it has expired: the next run is judged by that clock.
    await vi.waitFor(async () => expect((await syncLeases(p)).every((lease) => lease.now >= lease.expiresAt)).toBe(true), { timeout: 30_000, interval: 100 });

    const resumed = await csCard(['sync', '--as-of', asOf, ...fast], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('resumed where the last run stopped');
    const inScope = customerIds(p).length;
    expect(resumed.stdout).toMatch(new RegExp(`^${inScope} companies scored: ${inScope} written, `, 'm'));
    expect(writtenHealth(p)).toEqual(expected);
    expect(await syncLeases(p)).toEqual([]);
  }, 240_000);

  it('stops at SIGTERM without waiting for a read HubSpot never answers, saving where it got to, and the next run resumes and ends like an uninterrupted one', async () => {
    // A container gets 10 s between SIGTERM and SIGKILL: the sync must not wait for the pages being
    // read (minutes on a slow portal). Here the next page's read never answers: a run that waited
    // for it would never return to save its checkpoint and say so.
    const expected = await uninterruptedHealth();

    const gate = firstPageGate();
    const p = await portal(500, { serve: gate.serve });
    gate.arm();
    const { child, exited, stderr } = await csCardUntil(['sync', '--as-of', asOf, ...fast], p.env, /sync: 200 of \d+ companies done/);
    const callsAtStop = p.sandbox.log.entries.length;
    child.kill('SIGTERM');
    // While the read is still held, the run returns, saves its checkpoint and says so.
    const stopped = /^cs-card: stopped after 200 companies; run cs-card sync again to continue where it stopped$/m;
    await vi.waitFor(() => expect(stderr()).toMatch(stopped), { timeout: 60_000, interval: 50 });
    expect(stderr()).toMatch(/^cs-card: stopping: saving where the sync got to/m);
    // Nothing more asked of HubSpot after the stop (the held search is all that was in flight).
    expect(p.sandbox.log.entries.length - callsAtStop).toBeLessThan(5);
    // What still holds the process is the abandoned read, which only the stop's last-resort exit
    // ends, syncStopGraceMs later (shown on fake timers in src/cli/runtime/signals.test.ts): not waited for here.
    child.kill('SIGKILL');
    await exited;
    gate.release();

    const resumed = await sync(p);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('resumed where the last run stopped');
    expect(writtenHealth(p)).toEqual(expected);
    expect(await syncLeases(p)).toEqual([]);
  }, 240_000);

  it('refuses to run while another sync of the portal holds the lease, naming the holder and its age', async () => {
    const p = await portal();
    await sync(p);
    const [key] = await syncStates(p);
    await inState(p, (store) => store.acquireLease((key ?? '').replace('sync-state:', 'sync:'), { host: 'ops-2', pid: 4242, command: 'cs-card serve --sync-every' }, 60_000));

    const refused = await sync(p);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      'sync: reading the companies in scope…',
      expect.stringMatching(
        /^cs-card: another sync of this portal is running: cs-card serve --sync-every on ops-2 \(pid 4242\), started \d+ s ago, last heartbeat \d+ s ago; wait for it to finish — if that process is gone, its lease expires in \d+ s, then run again$/,
      ),
    ]);
  });

  it('reports companies it could not read, leaves them unwritten and exits 1', async () => {
    const p = await portal();
    p.sandbox.controls.injectFault({ kind: '503', path: '/crm/v3/objects/tickets/batch/read' });
    const result = await sync(p);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Skipped \(left unwritten; the next sync tries them again\):\n {2}\d+: .*ticket/im);
    expect(result.stderr).toMatch(/^cs-card: \d+ companies could not be read or written completely and were left unwritten \(listed above\); the next sync tries them again$/m);
  });

  it('keeps every written NPS when survey answers answer 403 (scope lost), in a full and an incremental sync, says so and exits 0', async () => {
    const p = await portal();
    expect((await sync(p)).code).toBe(0);
    const npsOf = () => Object.fromEntries(p.sandbox.store.list('companies').map((c) => [c.id, [c.properties.cs_company_nps ?? null, c.properties.cs_nps_responses ?? null]]));
    const before = writtenHealth(p);
    const npsBefore = npsOf();
    const withNps = Object.entries(before).filter(([, values]) => (values.cs_company_nps ?? '') !== '');
    expect(withNps.length, 'the demo portfolio has companies with an NPS').toBeGreaterThan(0);

    p.sandbox.controls.injectFault({ kind: '403', objectType: 'feedback_submissions' });
    const full = await sync(p, '--full');
    expect(full.code, full.stderr).toBe(0);
    expect(full.stdout).toMatch(new RegExp(`, ${withNps.length} kept as last written \\(survey answers unavailable\\);`));
    expect(full.stdout).toMatch(/^Note: survey answers were unavailable .*cs_company_nps was not changed/m);
    expect(npsOf()).toEqual(npsBefore);
    // Companies with an NPS were not rescored from partial data: their score, band and drivers are as written.
    for (const [id, values] of withNps) expect(writtenHealth(p)[id], id).toEqual(values);

    // A company with an NPS changes: the incremental sync selects it and still holds it.
    const [changedId] = withNps[0] ?? [''];
    p.sandbox.store.update('companies', changedId, { notes_last_contacted: new Date().toISOString() });
    const incremental = await sync(p);
    expect(incremental.code, incremental.stderr).toBe(0);
    expect(incremental.stdout).toContain('Incremental sync as of');
    expect(incremental.stdout).toMatch(/kept as last written/);
    expect(npsOf()).toEqual(npsBefore);
    expect(writtenHealth(p)[changedId]).toEqual(before[changedId]);
  }, 240_000);

  it('syncs a portal without Service Hub incrementally (NPS unavailable), and once survey answers are readable the next incremental sync corrects every company', async () => {
    const reference = await portal();
    expect((await sync(reference)).code).toBe(0);

    const p = await portal();
    const noServiceHub = p.sandbox.controls.injectFault({ kind: '403', objectType: 'feedback_submissions' });
    const first = await sync(p);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('survey answers were unavailable');
    const second = await sync(p);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Incremental sync as of');
    expect(p.sandbox.store.list('companies').every((c) => (c.properties.cs_company_nps ?? '') === '')).toBe(true);

    noServiceHub();
    const recovered = await sync(p);
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(recovered.stdout).toContain('survey answers are readable again after a sync without them, so every company is rescored');
    const withoutTrend = (all: ReturnType<typeof writtenHealth>) =>
      Object.fromEntries(Object.entries(all).map(([id, values]) => [id, { ...values, cs_health_trend_30d: null }]));
    expect(withoutTrend(writtenHealth(p))).toEqual(withoutTrend(writtenHealth(reference)));
    // And the mark is gone: the run after is an ordinary incremental one.
    const after = await sync(p);
    expect(after.stdout).toContain('Incremental sync as of');
    expect(after.stdout).not.toContain('readable again');
  }, 240_000);

  it('exits 1 naming the fix when the portal lacks the properties', async () => {
    const p = await portal(10, { setup: false });
    const result = await sync(p);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^cs-card: the portal lacks the properties sync writes \(cs_health_band, .+\): run `cs-card setup` first$/);
  });

  it.each([
    [['--as-of', '20/11/2026'], /^cs-card: --as-of "20\/11\/2026" is not a date: write it YYYY-MM-DD/],
    [['--rate-limit', 'fast'], /^cs-card: --rate-limit "fast" is not a rate: write requests per interval, like 190\/10s/],
  ])('exits 2 with one sentence on bad usage: %j', async (args, message) => {
    const result = await csCard(['sync', ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  });

  it('runs against the embedded sandbox without HUBSPOT_ACCESS_TOKEN, setting it up first', async () => {
    const result = await csCard(['sync', ...fast]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('HUBSPOT_ACCESS_TOKEN is not set, so this runs against the embedded sandbox portal');
    expect(result.stdout).toMatch(/^Full sync as of [A-Z][a-z]{2} \d{1,2}, \d{4} \(no earlier sync of this portal\)\.\n(\d+) companies scored: \1 written/m);
  });
});
