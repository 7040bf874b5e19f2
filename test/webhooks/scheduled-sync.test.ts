import { describe, expect, it } from 'vitest';
import { maxSyncIntervalMs, minSyncIntervalMs, parseSyncInterval, ScheduledSync } from '../../src/usecases/scheduled-sync.ts';
import { runSync, type SyncSummary } from '../../src/usecases/sync.ts';
import { SyncLockedError } from '../../src/state/sync-state.ts';
import { msPerHour } from '../../src/domain/parsing/index.ts';
import { demoAsOf, portalsClosedAfterEach } from '../sync/portfolio-portal.ts';
import { ManualScheduler } from './fixtures.ts';

// The server's scheduled sync, on a hand-moved clock.

const hour = msPerHour;

/** Starts the schedule, lets its first run and the one an hour later finish, and stops it. */
async function runTwice(schedule: ScheduledSync, scheduler: ManualScheduler): Promise<void> {
  schedule.start();
  scheduler.advance(0);
  await schedule.whenIdle();
  scheduler.advance(hour);
  await schedule.whenIdle();
  await schedule.stop();
}

function summary(overrides: Partial<SyncSummary> = {}): SyncSummary {
  return {
    mode: 'incremental',
    reason: { code: 'sync.reason.changesSince', params: { since: '2026-11-20T00:00:00.000Z' } },
    asOf: '2026-11-22',
    dryRun: false,
    resumed: false,
    interrupted: false,
    skippedCompanies: [],
    portalGaps: [],
    unavailableSources: [],
    scanned: 3,
    recomputed: 3,
    written: 1,
    unchanged: 2,
    skipped: 0,
    held: 0,
    apiCalls: 7,
    elapsedMs: 120,
    ...overrides,
  };
}

describe('parseSyncInterval', () => {
  it.each([
    ['30m', 30 * 60_000],
    ['6h', 6 * hour],
    [' 1D ', 24 * hour],
    ['5m', minSyncIntervalMs],
    ['7d', maxSyncIntervalMs],
  ])('reads %j', (text, ms) => {
    expect(parseSyncInterval(text)).toBe(ms);
  });

  it.each(['', '6', '6x', '1.5h', '-1h', '4m', '8d', '6 hours', '0h'])('refuses %j', (text) => {
    expect(parseSyncInterval(text)).toBeNull();
  });
});

describe('ScheduledSync', () => {
  it('syncs at start, then every interval after the previous run ends, never two at once', async () => {
    const scheduler = new ManualScheduler();
    const started: number[] = [];
    let finish: () => void = () => undefined;
    let concurrent = 0;
    let maxConcurrent = 0;
    const schedule = new ScheduledSync({
      everyMs: 6 * hour,
      scheduler,
      run: async () => {
        started.push(scheduler.now());
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await new Promise<void>((resolve) => (finish = resolve));
        concurrent -= 1;
        return summary();
      },
    });

    schedule.start();
    scheduler.advance(0);
    expect(started).toEqual([0]);
    scheduler.advance(10 * hour); // the first run is still going: nothing else starts
    expect(started).toEqual([0]);
    finish();
    await schedule.whenIdle();
    scheduler.advance(6 * hour - 1);
    expect(started).toEqual([0]);
    scheduler.advance(1);
    expect(started).toEqual([0, 16 * hour]);
    expect(maxConcurrent).toBe(1);
    finish();
    await schedule.stop();
  });

  it('logs each run\'s summary, and a run that could not start, and carries on', async () => {
    const scheduler = new ManualScheduler();
    const logs: Array<Record<string, unknown>> = [];
    let calls = 0;
    const schedule = new ScheduledSync({
      everyMs: hour,
      scheduler,
      log: (entry) => logs.push(entry),
      run: async () => {
        calls += 1;
        if (calls === 1) throw new SyncLockedError({ name: 'sync:x', holder: { pid: 4242, host: 'ops-1', command: 'cs-card sync' }, acquiredAt: 0, heartbeatAt: 0, expiresAt: 60_000, now: 1_000 });
        return summary({ skipped: 1, written: 0, unchanged: 2 });
      },
    });

    await runTwice(schedule, scheduler);

    expect(logs).toEqual([
      { level: 'warn', msg: 'scheduled sync did not run', error: 'SyncLockedError', nextInMs: hour },
      expect.objectContaining({ level: 'warn', msg: 'scheduled sync', mode: 'incremental', written: 0, skipped: 1, apiCalls: 7 }),
    ]);
  });

  it('on stop aborts the run in progress and schedules nothing more', async () => {
    const scheduler = new ManualScheduler();
    let aborted = false;
    const schedule = new ScheduledSync({
      everyMs: hour,
      scheduler,
      run: (signal) =>
        new Promise<SyncSummary>((resolve) => {
          signal.addEventListener('abort', () => {
            aborted = true;
            resolve(summary({ interrupted: true }));
          });
        }),
    });

    schedule.start();
    scheduler.advance(0);
    await schedule.stop();

    expect(aborted).toBe(true);
    expect(schedule.runs).toBe(1);
    expect(scheduler.pending).toBe(0);
  });

  it('refuses an interval that is not a positive number', () => {
    expect(() => new ScheduledSync({ everyMs: 0, run: async () => summary() })).toThrow(RangeError);
  });
});

describe('ScheduledSync with the real sync against the demo portfolio', () => {
  const openPortal = portalsClosedAfterEach();

  it('writes every customer in the first run and nothing in the next one', async () => {
    const portal = await openPortal({ companies: 60 });
    await portal.setup();
    const deps = portal.deps();
    const scheduler = new ManualScheduler();
    const logs: Array<Record<string, unknown>> = [];
    const schedule = new ScheduledSync({ everyMs: hour, scheduler, log: (entry) => logs.push(entry), run: (signal) => runSync(deps, { asOf: demoAsOf, signal }) });
    const customers = portal.sandbox.store.list('companies').filter((company) => company.properties.lifecyclestage === 'customer').length;

    await runTwice(schedule, scheduler);

    expect(logs).toEqual([
      expect.objectContaining({ msg: 'scheduled sync', mode: 'full', written: customers, skipped: 0 }),
      expect.objectContaining({ msg: 'scheduled sync', written: 0, skipped: 0 }),
    ]);
  });
});
