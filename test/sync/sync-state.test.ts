import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStateStore } from '../../src/state/sqlite-store.ts';
import { emptySyncState, parseLeaseDuration, SyncLockedError, SyncStateError, SyncStateStore } from '../../src/state/sync-state.ts';

// The sync state and lease of one portal in the state store: what makes resume, incremental runs
// and "two syncs never run over each other" hold across processes and machines. (The store
// itself runs the same suite on SQLite and PostgreSQL: test/state/store.test.ts.)

let dir: string;
let store: SqliteStateStore;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cs-card-state-'));
  store = await SqliteStateStore.open(dir);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('SyncStateStore', () => {
  it('gives the lease to exactly one of many simultaneous takers, and again once released', async () => {
    const other = await SqliteStateStore.open(dir);
    const attempts = await Promise.allSettled(Array.from({ length: 12 }, (_, n) => new SyncStateStore(n % 2 ? store : other, 'portal-1').lock()));
    const won = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    expect(won).toHaveLength(1);
    for (const attempt of attempts) if (attempt.status === 'rejected') expect(attempt.reason).toBeInstanceOf(SyncLockedError);

    await won[0]?.release();
    expect(await store.leases('sync:')).toEqual([]);
    const again = await new SyncStateStore(store, 'portal-1').lock();
    await again.release();
    await other.close();
  });

  it('names the holder and its age; a stale lease left by another host or a reused PID expires instead of blocking forever', async () => {
    const crashed = await store.acquireLease('sync:portal-1', { host: 'ops-2', pid: process.pid, command: 'cs-card serve --sync-every' }, 400);
    expect(crashed.acquired).toBe(true);
    const state = new SyncStateStore(store, 'portal-1');
    const refusal = await state.lock().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SyncLockedError);
    expect(String(refusal)).toMatch(/cs-card serve --sync-every on ops-2 \(pid \d+\), started 0 s ago, last heartbeat 0 s ago; .*its lease expires in 0 s, then run again/);

    await sleep(500);
    const lock = await state.lock();
    await state.write({ ...emptySyncState, retryIds: ['7'] });
    await lock.release();
    expect((await state.read()).retryIds).toEqual(['7']);
  });

  it('keeps its lease alive with heartbeats while it runs, and a holder that lost it cannot overwrite its successor', async () => {
    const state = new SyncStateStore(store, 'portal-1', { leaseMs: 300 });
    const lock = await state.lock();
    await sleep(700);
    // Renewed every 100 ms: still held.
    await expect(new SyncStateStore(store, 'portal-1').lock()).rejects.toThrow(SyncLockedError);
    await lock.release();

    const paused = new SyncStateStore(store, 'portal-1', { leaseMs: 300 });
    await paused.lock();
    // The process stalls (a long GC pause, a suspended VM): no heartbeat for longer than the lease.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    const successor = await store.acquireLease('sync:portal-1', { host: 'ops-3', pid: 1, command: 'cs-card sync' }, 60_000);
    expect(successor.acquired).toBe(true);
    await store.writeDocument('sync-state:portal-1', JSON.stringify({ ...emptySyncState, retryIds: ['9'] }));
    await expect(paused.write({ ...emptySyncState, retryIds: ['1'] })).rejects.toThrow(/lost its lease/);
    expect((await paused.read()).retryIds).toEqual(['9']);
  });

  it('keeps one state per portal, and refuses one it does not understand, naming the fix', async () => {
    const one = new SyncStateStore(store, 'portal-1');
    const two = new SyncStateStore(store, 'portal-2');
    const state = { ...emptySyncState, lastRun: { mode: 'full' as const, asOf: '2026-11-20', startedAt: '2026-11-20T08:00:00.000Z', finishedAt: '2026-11-20T08:05:00.000Z' } };
    await one.write(state);
    expect(await one.read()).toEqual(state);
    expect(await two.read()).toEqual(emptySyncState);

    await store.writeDocument('sync-state:portal-2', '{"version": 7}');
    await expect(two.read()).rejects.toThrow(SyncStateError);
    await expect(two.read()).rejects.toThrow(/is not one this version understands/);
    expect(() => new SyncStateStore(store, '../elsewhere')).toThrow(RangeError);
  });

  it('reads a lease duration written like 60s, 2m or 1500ms', () => {
    expect(parseLeaseDuration('60s')).toBe(60_000);
    expect(parseLeaseDuration(' 2m ')).toBe(120_000);
    expect(parseLeaseDuration('1500ms')).toBe(1_500);
    expect(parseLeaseDuration('50ms')).toBeNull();
    expect(parseLeaseDuration('2h')).toBeNull();
    expect(parseLeaseDuration('soon')).toBeNull();
  });
});
