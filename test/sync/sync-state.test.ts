import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptySyncState, SyncLockedError, SyncStateError, SyncStateStore } from '../../src/usecases/sync-state.ts';

// The sync state file and lock of one portal: what makes resume, incremental runs and "two syncs
// never run over each other" hold across processes.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cs-card-state-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('SyncStateStore', () => {
  it('gives the lock to exactly one of many simultaneous takers, and again once released', async () => {
    const store = new SyncStateStore(dir, 'portal-1');
    const attempts = await Promise.allSettled(Array.from({ length: 12 }, () => store.lock()));
    const won = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    expect(won).toHaveLength(1);
    for (const attempt of attempts) if (attempt.status === 'rejected') expect(attempt.reason).toBeInstanceOf(SyncLockedError);

    await won[0]?.release();
    expect(await readdir(dir)).toEqual([]);
    const again = await store.lock();
    await again.release();
  });

  it('takes over a lock whose process is gone or whose file is unreadable, but not a live one', async () => {
    const store = new SyncStateStore(dir, 'portal-1');
    const lockFile = path.join(dir, 'sync-portal-1.lock');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(lockFile, JSON.stringify({ pid: dead, host: hostname(), startedAt: '2026-11-20T08:00:00.000Z', token: 'gone' }));
    await (await store.lock()).release();

    await writeFile(lockFile, '{"pid": 12');
    await (await store.lock()).release();

    await writeFile(lockFile, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2026-11-20T08:00:00.000Z', token: 'alive' }));
    await expect(store.lock()).rejects.toThrow(SyncLockedError);
    // Refused, and the live holder's file is untouched.
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toMatchObject({ token: 'alive' });
  });

  it('keeps one state file per portal, and refuses a corrupt one naming the fix', async () => {
    const one = new SyncStateStore(dir, 'portal-1');
    const two = new SyncStateStore(dir, 'portal-2');
    const state = { ...emptySyncState, lastRun: { mode: 'full' as const, asOf: '2026-11-20', startedAt: '2026-11-20T08:00:00.000Z', finishedAt: '2026-11-20T08:05:00.000Z' } };
    await one.write(state);
    expect(await one.read()).toEqual(state);
    expect(await two.read()).toEqual(emptySyncState);
    expect(await readdir(dir)).toEqual(['sync-portal-1.json']);

    await writeFile(path.join(dir, 'sync-portal-2.json'), '{"version": 7}');
    await expect(two.read()).rejects.toThrow(SyncStateError);
    await expect(two.read()).rejects.toThrow(/sync-portal-2\.json is not a sync state this version understands; delete it/);
    expect(() => new SyncStateStore(dir, '../elsewhere')).toThrow(RangeError);
  });
});
