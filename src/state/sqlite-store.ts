import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { latestVersion, migrations, migrationsTable, newerSchemaMessage, requestRetentionMs } from './migrations.ts';
import { leaseInfoOf, parseLeaseRow, queueDue } from './rows.ts';
import { StateStoreError, StoreBusyError } from './store.ts';
import type { BatchClaim, DebounceRule, LeaseAttempt, LeaseHolder, LeaseInfo, MigrationReport, QueueItem, RequestClaim, StateStore, StoredDocument, StoredResponse } from './store.ts';

// The embedded default: one SQLite file in the state directory (node:sqlite, no server). Several
// processes on one machine may share it (WAL, busy timeout, BEGIN IMMEDIATE for every write
// transaction); node:sqlite is synchronous, so each call below is atomic within this process.

const nowSql = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";
/** How long a per-company turn is held at most (a change takes well under the card's 15 s budget). */
const serialLeaseMs = 60_000;
const serialWaitMs = 20_000;
const serialPollMs = 20;

export const sqliteFileName = 'state.sqlite';

export class SqliteStateStore implements StateStore {
  private readonly db: DatabaseSync;
  private readonly turns = new Map<string, Promise<unknown>>();

  private constructor(
    readonly kind: 'sqlite' | 'memory',
    readonly location: string,
  ) {
    this.db = new DatabaseSync(location, { timeout: 5_000 });
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA synchronous = NORMAL');
  }

  /** The store in `dir` (created when missing), migrated; `:memory:` for a store that lives as long as the process. */
  static async open(dir: string | ':memory:'): Promise<SqliteStateStore> {
    if (dir === ':memory:') return SqliteStateStore.inMemory();
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, sqliteFileName);
    const store = new SqliteStateStore('sqlite', file);
    try {
      store.migrateNow();
    } catch (error) {
      store.db.close();
      throw error;
    }
    return store;
  }

  private transaction<T>(run: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = run();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private all(sql: string, ...params: SQLInputValue[]): Array<Record<string, SQLInputValue>> {
    return this.db.prepare(sql).all(...params) as Array<Record<string, SQLInputValue>>;
  }

  private get(sql: string, ...params: SQLInputValue[]): Record<string, SQLInputValue> | undefined {
    return this.db.prepare(sql).get(...params) as Record<string, SQLInputValue> | undefined;
  }

  private run(sql: string, ...params: SQLInputValue[]): number {
    return Number(this.db.prepare(sql).run(...params).changes);
  }

  /** A store that lives as long as this process, ready at once (state of one process: tests, the local preview). */
  static inMemory(): SqliteStateStore {
    const store = new SqliteStateStore('memory', ':memory:');
    store.migrateNow();
    return store;
  }

  async migrate(): Promise<MigrationReport> {
    return this.migrateNow();
  }

  private migrateNow(): MigrationReport {
    return this.transaction(() => {
      this.db.exec(migrationsTable);
      const done = new Set(this.all('SELECT version FROM schema_migrations').map((row) => Number(row.version)));
      const newest = Math.max(0, ...done);
      if (newest > latestVersion) throw new StateStoreError(newerSchemaMessage(this.location, newest));
      const applied: number[] = [];
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        for (const statement of migration.statements) this.db.exec(statement);
        this.run(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ${nowSql})`, migration.version);
        applied.push(migration.version);
      }
      return { applied, version: latestVersion };
    });
  }

  async schemaVersion(): Promise<number> {
    return Number(this.get('SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations')?.version ?? 0);
  }

  async acquireLease(name: string, holder: LeaseHolder, ttlMs: number): Promise<LeaseAttempt> {
    return this.acquireNow(name, holder, ttlMs);
  }

  private acquireNow(name: string, holder: LeaseHolder, ttlMs: number): LeaseAttempt {
    const token = randomUUID();
    const taken = this.get(
      `INSERT INTO leases (name, token, holder, acquired_at, heartbeat_at, expires_at) VALUES (?, ?, ?, ${nowSql}, ${nowSql}, ${nowSql} + ?)
       ON CONFLICT (name) DO UPDATE SET token = excluded.token, holder = excluded.holder, acquired_at = excluded.acquired_at,
         heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at
       WHERE leases.expires_at <= excluded.acquired_at
       RETURNING token`,
      name,
      token,
      JSON.stringify(holder),
      Math.round(ttlMs),
    );
    if (taken?.token === token) return { acquired: true, token };
    const row = this.get(`SELECT name, holder, acquired_at, heartbeat_at, expires_at, ${nowSql} AS now FROM leases WHERE name = ?`, name);
    return { acquired: false, current: row ? leaseInfoOf(parseLeaseRow(row)) : null };
  }

  async renewLease(name: string, token: string, ttlMs: number): Promise<boolean> {
    return this.run(`UPDATE leases SET heartbeat_at = ${nowSql}, expires_at = ${nowSql} + ? WHERE name = ? AND token = ?`, Math.round(ttlMs), name, token) === 1;
  }

  async releaseLease(name: string, token: string): Promise<void> {
    this.run('DELETE FROM leases WHERE name = ? AND token = ?', name, token);
  }

  async leases(prefix: string): Promise<LeaseInfo[]> {
    const rows = this.all(`SELECT name, holder, acquired_at, heartbeat_at, expires_at, ${nowSql} AS now FROM leases WHERE substr(name, 1, ?) = ? ORDER BY name`, prefix.length, prefix);
    return rows.map((row) => leaseInfoOf(parseLeaseRow(row)));
  }

  async readDocument(key: string): Promise<string | null> {
    const row = this.get('SELECT value FROM documents WHERE key = ?', key);
    return typeof row?.value === 'string' ? row.value : null;
  }

  async writeDocument(key: string, value: string, fence?: { readonly lease: string; readonly token: string }): Promise<boolean> {
    const upsert = 'ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at';
    if (!fence) return this.run(`INSERT INTO documents (key, value, updated_at) VALUES (?, ?, ${nowSql}) ${upsert}`, key, value) === 1;
    const changed = this.run(
      `INSERT INTO documents (key, value, updated_at) SELECT ?, ?, ${nowSql} WHERE EXISTS (SELECT 1 FROM leases WHERE name = ? AND token = ?) ${upsert}`,
      key,
      value,
      fence.lease,
      fence.token,
    );
    return changed === 1;
  }

  async documents(prefix: string): Promise<StoredDocument[]> {
    const rows = this.all('SELECT key, value, updated_at FROM documents WHERE substr(key, 1, ?) = ? ORDER BY key', prefix.length, prefix);
    return rows.map((row) => ({ key: String(row.key), value: String(row.value), updatedAt: Number(row.updated_at) }));
  }

  async claimRequest(scope: string, key: string, staleMs: number): Promise<RequestClaim> {
    return this.transaction(() => {
      this.run(`DELETE FROM requests WHERE claimed_at < ${nowSql} - ?`, requestRetentionMs);
      const token = randomUUID();
      const claimed = this.get(
        `INSERT INTO requests (scope, key, token, status, body, claimed_at) VALUES (?, ?, ?, NULL, NULL, ${nowSql})
         ON CONFLICT (scope, key) DO UPDATE SET token = excluded.token, claimed_at = excluded.claimed_at
         WHERE requests.status IS NULL AND requests.claimed_at <= excluded.claimed_at - ?
         RETURNING token`,
        scope,
        key,
        token,
        Math.round(staleMs),
      );
      if (claimed?.token === token) return { kind: 'claimed', token } as const;
      const row = this.get('SELECT status, body FROM requests WHERE scope = ? AND key = ?', scope, key);
      if (row && row.status !== null && typeof row.body === 'string') return { kind: 'done', response: { status: Number(row.status), body: row.body } } as const;
      return { kind: 'running' } as const;
    });
  }

  async completeRequest(scope: string, key: string, token: string, response: StoredResponse): Promise<void> {
    this.run('UPDATE requests SET status = ?, body = ? WHERE scope = ? AND key = ? AND token = ?', response.status, response.body, scope, key, token);
  }

  async abandonRequest(scope: string, key: string, token: string): Promise<void> {
    this.run('DELETE FROM requests WHERE scope = ? AND key = ? AND token = ? AND status IS NULL', scope, key, token);
  }

  /** One turn at a time in this process (a promise chain), and across processes a lease row polled for. */
  async serialised<T>(key: string, run: () => Promise<T>): Promise<T> {
    const previous = this.turns.get(key) ?? Promise.resolve();
    const turn = previous.then(
      () => this.acrossProcesses(key, run),
      () => this.acrossProcesses(key, run),
    );
    const tail = turn.catch(() => undefined);
    this.turns.set(key, tail);
    void tail.then(() => {
      if (this.turns.get(key) === tail) this.turns.delete(key);
    });
    return turn;
  }

  private async acrossProcesses<T>(key: string, run: () => Promise<T>): Promise<T> {
    const name = `serial:${key}`;
    const holder = { host: 'local', pid: process.pid, command: 'request' };
    const giveUpAt = Date.now() + serialWaitMs;
    for (;;) {
      const attempt = this.acquireNow(name, holder, serialLeaseMs);
      if (attempt.acquired) {
        try {
          return await run();
        } finally {
          this.run('DELETE FROM leases WHERE name = ? AND token = ?', name, attempt.token);
        }
      }
      if (Date.now() > giveUpAt) throw new StoreBusyError(key);
      await sleep(serialPollMs);
    }
  }

  async enqueue(items: readonly QueueItem[], nowMs: number): Promise<void> {
    if (items.length === 0) return;
    this.transaction(() => {
      const insert = this.db.prepare(
        `INSERT INTO work_queue (object_type, object_id, first_at, last_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (object_type, object_id) DO UPDATE SET last_at = excluded.last_at,
           again = CASE WHEN work_queue.claim_token IS NULL THEN 0 ELSE 1 END`,
      );
      for (const item of items) insert.run(item.type, item.id, nowMs, nowMs);
    });
  }

  async claimBatch(rule: DebounceRule, nowMs: number): Promise<BatchClaim> {
    return this.transaction((): BatchClaim => {
      const open = 'claim_token IS NULL OR claimed_until <= ?';
      const row = this.get(`SELECT COUNT(*) AS n, MAX(last_at) AS last, MIN(first_at) AS first FROM work_queue WHERE ${open}`, nowMs);
      const due = queueDue(Number(row?.n ?? 0), Number(row?.first ?? 0), Number(row?.last ?? 0), rule, nowMs);
      if (due.kind !== 'due') return due;
      const token = randomUUID();
      const items = this.all(`UPDATE work_queue SET claim_token = ?, claimed_until = ?, again = 0 WHERE ${open} RETURNING object_type, object_id`, token, nowMs + rule.leaseMs, nowMs);
      return { kind: 'claimed', token, items: items.map((item) => ({ type: String(item.object_type), id: String(item.object_id) })) };
    });
  }

  async extendBatch(token: string, leaseMs: number, nowMs: number): Promise<void> {
    this.run('UPDATE work_queue SET claimed_until = ? WHERE claim_token = ?', nowMs + leaseMs, token);
  }

  async finishBatch(token: string): Promise<void> {
    this.transaction(() => {
      this.run('UPDATE work_queue SET claim_token = NULL, claimed_until = NULL, again = 0, first_at = last_at WHERE claim_token = ? AND again = 1', token);
      this.run('DELETE FROM work_queue WHERE claim_token = ?', token);
    });
  }

  async queueLength(): Promise<number> {
    return Number(this.get('SELECT COUNT(*) AS n FROM work_queue')?.n ?? 0);
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }
}
