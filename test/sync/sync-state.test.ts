import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

/** Until the store's own clock is past the lease's expiry (polled; the bound only stops a hung test). */
async function leaseExpired(on: SqliteStateStore, name: string): Promise<void> {
  await vi.waitFor(async () => expect((await on.leases(name)).every((lease) => lease.now >= lease.expiresAt)).toBe(true), { timeout: 20_000, interval: 50 });
}

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
    // A minute to live while it is refused (however slow the machine), then a last heartbeat that leaves it 300 ms.
    const crashed = await store.acquireLease('sync:portal-1', { host: 'ops-2', pid: process.pid, command: 'cs-card serve --sync-every' }, 60_000);
    if (!crashed.acquired) throw new Error('the crashed holder did not get the lease');
    const state = new SyncStateStore(store, 'portal-1');
    const refusal = await state.lock().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SyncLockedError);
    expect(String(refusal)).toMatch(/cs-card serve --sync-every on ops-2 \(pid \d+\), started \d+ s ago, last heartbeat \d+ s ago; .*its lease expires in (59|60) s, then run again/);

    expect(await store.renewLease('sync:portal-1', crashed.token, 300)).toBe(true);
    await leaseExpired(store, 'sync:portal-1');
    const lock = await state.lock();
    await state.write({ ...emptySyncState, retryIds: ['7'] });
    await lock.release();
    expect((await state.read()).retryIds).toEqual(['7']);
  });

  it('keeps its lease alive with heartbeats while it runs, and a holder that lost it cannot overwrite its successor', async () => {
    const state = new SyncStateStore(store, 'portal-1', { leaseMs: 1_500 });
    const lock = await state.lock();
    const [first] = await store.leases('sync:portal-1');
    // Renewed every 500 ms: until a heartbeat comes after the moment the lease would have expired without them.
    await vi.waitFor(async () => expect((await store.leases('sync:portal-1'))[0]?.heartbeatAt).toBeGreaterThanOrEqual(first?.expiresAt ?? Infinity), { timeout: 20_000, interval: 50 });
    // Still the same lease, and held: another taker is refused.
    expect((await store.leases('sync:portal-1'))[0]?.acquiredAt).toBe(first?.acquiredAt);
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
