import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestVersion } from '../../src/state/migrations.ts';
import { PostgresStateStore, redactedUrl } from '../../src/state/postgres-store.ts';
import { SqliteStateStore } from '../../src/state/sqlite-store.ts';
import type { StateStore } from '../../src/state/store.ts';
import { inCi, postgresBinDir, startPostgres, type PostgresServer } from './postgres-server.ts';

// One suite, two stores: the embedded SQLite file and a real PostgreSQL server. Each test opens
// two stores on the same database — two processes (or two instances) sharing the state.

interface Backend {
  /** A fresh, empty database; `open` gives another connection to it each call. */
  fresh(): Promise<{ open: () => Promise<StateStore>; dispose: () => Promise<void> }>;
}

const sqlite: Backend = {
  async fresh() {
    const dir = await mkdtemp(path.join(tmpdir(), 'cs-card-store-'));
    return { open: () => SqliteStateStore.open(dir), dispose: () => rm(dir, { recursive: true, force: true }) };
  },
};

let server: PostgresServer | null = null;
let databases = 0;
const postgres: Backend = {
  async fresh() {
    if (server === null) throw new Error('PostgreSQL did not start');
    const url = await server.createDatabase(`store_${process.pid}_${(databases += 1)}`);
    return { open: () => PostgresStateStore.open(url), dispose: async () => undefined };
  },
};

const hasPostgres = postgresBinDir() !== null;
if (!hasPostgres && inCi) {
  describe('the store suite on PostgreSQL in CI', () => {
    it('has PostgreSQL to run against', () => {
      throw new Error("PostgreSQL is not installed: apt-get install -y postgresql; .ci/run installs it");
    });
  });
}

const holder = (command: string) => ({ host: 'host-a', pid: 4242, command });

describe.each([
  { name: 'SQLite', backend: sqlite, skip: false },
  { name: 'PostgreSQL', backend: postgres, skip: !hasPostgres },
])('the state store on $name', ({ name, backend, skip }) => {
  let one: StateStore;
  let two: StateStore;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    if (name === 'PostgreSQL' && !skip) server = await startPostgres();
  }, 90_000);
  afterAll(async () => {
    if (name === 'PostgreSQL') await server?.stop();
  });
  beforeEach(async () => {
    if (skip) return;
    const db = await backend.fresh();
    one = await db.open();
    two = await db.open();
    dispose = db.dispose;
  });
  afterEach(async () => {
    if (skip) return;
    await one.close();
    await two.close();
    await dispose();
  });

  it.skipIf(skip)('creates its schema on open and migrates only once, however many open it', async () => {
    expect(await one.schemaVersion()).toBe(latestVersion);
    expect(await two.migrate()).toEqual({ applied: [], version: latestVersion });
    expect(one.location).not.toMatch(/password|secret/);
  });

  it.skipIf(skip)('gives a lease to exactly one of many takers and names the holder to the others', async () => {
    const attempts = await Promise.all(Array.from({ length: 10 }, (_, n) => (n % 2 ? one : two).acquireLease('sync:p1', holder(`sync ${n}`), 60_000)));
    const won = attempts.filter((attempt) => attempt.acquired);
    expect(won).toHaveLength(1);
    for (const attempt of attempts) {
      if (attempt.acquired) continue;
      expect(attempt.current?.holder).toMatchObject({ host: 'host-a', pid: 4242 });
      expect(attempt.current?.expiresAt).toBeGreaterThan(attempt.current?.now ?? Infinity);
    }
    const token = won[0]?.acquired ? won[0].token : '';
    expect(await two.renewLease('sync:p1', token, 60_000)).toBe(true);
    expect(await two.renewLease('sync:p1', 'not-the-token', 60_000)).toBe(false);
    expect(await one.leases('sync:')).toHaveLength(1);
    await one.releaseLease('sync:p1', token);
    expect(await two.leases('sync:')).toEqual([]);
    expect((await two.acquireLease('sync:p1', holder('sync again'), 60_000)).acquired).toBe(true);
  });

  it.skipIf(skip)('lets a lease whose holder stopped renewing expire, and fences the old holder out', async () => {
    // A minute to live while the next sync is refused (however slow the machine), then a last heartbeat that leaves it 300 ms.
    const first = await one.acquireLease('sync:p1', holder('crashed sync'), 60_000);
    expect(first.acquired).toBe(true);
    const firstToken = first.acquired ? first.token : '';
    expect(await one.writeDocument('sync-state:p1', '{"by":"first"}', { lease: 'sync:p1', token: firstToken })).toBe(true);
    expect((await two.acquireLease('sync:p1', holder('next sync'), 60_000)).acquired).toBe(false);

    expect(await one.renewLease('sync:p1', firstToken, 300)).toBe(true);
    // Until the store's own clock is past its expiry (polled; the bound only stops a hung test).
    await vi.waitFor(async () => expect((await two.leases('sync:p1')).every((lease) => lease.now >= lease.expiresAt)).toBe(true), { timeout: 20_000, interval: 50 });
    const second = await two.acquireLease('sync:p1', holder('next sync'), 60_000);
    expect(second.acquired).toBe(true);
    // The first holder wakes up: it can neither renew nor overwrite its successor's state.
    expect(await one.renewLease('sync:p1', firstToken, 60_000)).toBe(false);
    expect(await one.writeDocument('sync-state:p1', '{"by":"stale"}', { lease: 'sync:p1', token: firstToken })).toBe(false);
    expect(await two.readDocument('sync-state:p1')).toBe('{"by":"first"}');
  });

  it.skipIf(skip)('keeps documents by key and lists them by prefix', async () => {
    expect(await one.readDocument('sync-state:a')).toBeNull();
    await one.writeDocument('sync-state:a', '{"n":1}');
    await two.writeDocument('sync-state:a', '{"n":2}');
    await two.writeDocument('sync-state:b', '{"n":3}');
    await two.writeDocument('other:c', '{}');
    expect(await one.readDocument('sync-state:a')).toBe('{"n":2}');
    expect((await one.documents('sync-state:')).map((doc) => doc.key)).toEqual(['sync-state:a', 'sync-state:b']);
  });

  it.skipIf(skip)('answers the same idempotency key with the first result, from any instance', async () => {
    const claims = await Promise.all([one.claimRequest('task', 'k1', 60_000), two.claimRequest('task', 'k1', 60_000)]);
    expect(claims.map((claim) => claim.kind).sort()).toEqual(['claimed', 'running']);
    const mine = claims.find((claim) => claim.kind === 'claimed');
    const token = mine?.kind === 'claimed' ? mine.token : '';
    await one.completeRequest('task', 'k1', token, { status: 201, body: '{"taskId":"9"}' });
    expect(await two.claimRequest('task', 'k1', 60_000)).toEqual({ kind: 'done', response: { status: 201, body: '{"taskId":"9"}' } });
    // Another scope is another request.
    expect((await two.claimRequest('handoff', 'k1', 60_000)).kind).toBe('claimed');
  });

  it.skipIf(skip)('runs a failed request again, and takes over the claim of one whose process died', async () => {
    const failed = await one.claimRequest('task', 'k2', 60_000);
    await one.abandonRequest('task', 'k2', failed.kind === 'claimed' ? failed.token : '');
    expect((await two.claimRequest('task', 'k2', 60_000)).kind).toBe('claimed');

    expect((await one.claimRequest('task', 'k3', 60_000)).kind).toBe('claimed');
    await sleep(50);
    expect((await two.claimRequest('task', 'k3', 10)).kind).toBe('claimed');
  });

  it.skipIf(skip)('runs the changes of one key one at a time across instances, other keys side by side', async () => {
    const events: string[] = [];
    const change = (store: StateStore, key: string, label: string) =>
      store.serialised(key, async () => {
        events.push(`${label} start`);
        await sleep(80);
        events.push(`${label} end`);
        return label;
      });
    const results = await Promise.all([change(one, 'company:1', 'a'), change(two, 'company:1', 'b'), change(one, 'company:1', 'c')]);
    expect(results).toEqual(['a', 'b', 'c']);
    for (let n = 0; n < events.length; n += 2) expect(events[n]?.split(' ')[0]).toBe(events[n + 1]?.split(' ')[0]);

    // Other keys side by side: each change waits inside until both have started (one key waiting for
    // the other would never get there: the test would time out).
    const parallel: string[] = [];
    let started = 0;
    let bothStarted = (): void => undefined;
    const together = new Promise<void>((resolve) => {
      bothStarted = resolve;
    });
    await Promise.all(
      ['company:2', 'company:3'].map((key, n) =>
        (n ? one : two).serialised(key, async () => {
          parallel.push(`${key} start`);
          started += 1;
          if (started === 2) bothStarted();
          await together;
          parallel.push(`${key} end`);
        }),
      ),
    );
    expect(parallel.slice(0, 2).every((event) => event.endsWith('start'))).toBe(true);
    // A failing change releases the key.
    await expect(one.serialised('company:1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await two.serialised('company:1', async () => 'free')).toBe('free');
  });

  it.skipIf(skip)('debounces the work queue: one claimer takes a whole burst once it is quiet', async () => {
    const rule = { quietMs: 5_000, maxWaitMs: 30_000, leaseMs: 60_000 };
    await one.enqueue([{ type: 'deals', id: '201' }, { type: 'companies', id: '101' }], 1_000);
    await two.enqueue([{ type: 'companies', id: '101' }, { type: 'tickets', id: '301' }], 3_000);
    expect(await one.queueLength()).toBe(3);
    expect(await one.claimBatch(rule, 7_000)).toEqual({ kind: 'waiting', dueAt: 8_000 });

    const claims = await Promise.all([one.claimBatch(rule, 8_000), two.claimBatch(rule, 8_000)]);
    const claimed = claims.flatMap((claim) => (claim.kind === 'claimed' ? [claim] : []));
    expect(claimed).toHaveLength(1);
    expect(claims.filter((claim) => claim.kind === 'empty')).toHaveLength(1);
    expect(claimed[0]?.items.map((item) => `${item.type}:${item.id}`).sort()).toEqual(['companies:101', 'deals:201', 'tickets:301']);

    // Arrives while the batch runs: queued again for the next batch, not lost with this one.
    await two.enqueue([{ type: 'companies', id: '101' }], 9_000);
    expect((await two.claimBatch(rule, 20_000)).kind).toBe('empty');
    await one.finishBatch(claimed[0]?.token ?? '');
    expect(await two.queueLength()).toBe(1);
    const next = await two.claimBatch(rule, 20_000);
    expect(next.kind === 'claimed' ? next.items : []).toEqual([{ type: 'companies', id: '101' }]);
  });

  it.skipIf(skip)('does not wait past maxWait in a steady stream, and gives a crashed claimer\'s batch to another', async () => {
    const rule = { quietMs: 5_000, maxWaitMs: 30_000, leaseMs: 60_000 };
    for (let t = 0; t <= 30_000; t += 2_000) await one.enqueue([{ type: 'companies', id: String(100 + (t % 3)) }], t);
    const batch = await one.claimBatch(rule, 30_000);
    expect(batch.kind).toBe('claimed');
    // Its claimer died: after the lease the work is another instance's.
    expect((await two.claimBatch(rule, 60_000)).kind).toBe('empty');
    const taken = await two.claimBatch(rule, 90_001);
    expect(taken.kind === 'claimed' ? taken.items.length : 0).toBe(3);
    await two.finishBatch(taken.kind === 'claimed' ? taken.token : '');
    expect(await one.queueLength()).toBe(0);
  });
});

describe('state store locations', () => {
  it('never show a database password', () => {
    expect(redactedUrl('postgres://cs:s3cret@db.internal:5432/cs_card?sslmode=require')).toBe('postgres://cs@db.internal:5432/cs_card');
  });
});
