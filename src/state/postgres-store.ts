import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { catalogText } from '../app/cards/i18n/message-error.ts';
import { latestVersion, migrations, migrationsTable, newerSchemaMessage, requestRetentionMs } from './migrations.ts';
import { leaseInfoOf, parseLeaseRow, queueDue } from './rows.ts';
import { StateStoreError, StoreBusyError } from './store.ts';
import type { BatchClaim, DebounceRule, LeaseAttempt, LeaseHolder, LeaseInfo, MigrationReport, QueueItem, RequestClaim, StateStore, StoredDocument, StoredResponse } from './store.ts';

// Shared state for any number of instances (CS_CARD_DATABASE_URL=postgres://…), through a
// connection pool of node-postgres. One change per company at a time is a transaction-scoped
// advisory lock: held while the change runs, released by COMMIT — or by the server when the
// holder's connection drops, so a crashed instance never blocks a company.

const nowSql = '(extract(epoch from clock_timestamp()) * 1000)::bigint';
/** Keys of the advisory locks that are not companies (hashtextextended of a text). */
const migrateLockKey = 'cs-card:migrate';
const queueLockKey = 'cs-card:work-queue';
const serialWaitMs = 20_000;
const lockNotAvailable = '55P03';

type Row = Record<string, unknown>;

export class PostgresStateStore implements StateStore {
  readonly kind = 'postgres';

  private constructor(
    readonly location: string,
    private readonly pool: pg.Pool,
  ) {}

  /** Connects and migrates; the URL's password never appears in `location` or in messages. */
  static async open(url: string): Promise<PostgresStateStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000 });
    // An idle connection the server dropped must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    const store = new PostgresStateStore(redactedUrl(url), pool);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end();
      if (error instanceof StateStoreError) throw error;
      throw new StateStoreError(catalogText('state.unusable', { location: store.location, error: null }), { cause: error });
    }
    return store;
  }

  private async query(sql: string, params: readonly unknown[] = []): Promise<pg.QueryResult<Row>> {
    return this.pool.query<Row>(sql, [...params]);
  }

  private async transaction<T>(run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await run(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async migrate(): Promise<MigrationReport> {
    return this.transaction(async (client) => {
      // Two instances starting together: the second waits, then finds the schema current.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [migrateLockKey]);
      await client.query(migrationsTable);
      const done = new Set((await client.query<Row>('SELECT version FROM schema_migrations')).rows.map((row) => Number(row.version)));
      const newest = Math.max(0, ...done);
      if (newest > latestVersion) throw new StateStoreError(newerSchemaMessage(this.location, newest));
      const applied: number[] = [];
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        for (const statement of migration.statements) await client.query(statement);
        await client.query(`INSERT INTO schema_migrations (version, applied_at) VALUES ($1, ${nowSql})`, [migration.version]);
        applied.push(migration.version);
      }
      return { applied, version: latestVersion };
    });
  }

  async schemaVersion(): Promise<number> {
    const { rows } = await this.query('SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations');
    return Number(rows[0]?.version ?? 0);
  }

  async acquireLease(name: string, holder: LeaseHolder, ttlMs: number): Promise<LeaseAttempt> {
    const token = randomUUID();
    const { rows } = await this.query(
      `INSERT INTO leases (name, token, holder, acquired_at, heartbeat_at, expires_at) VALUES ($1, $2, $3, ${nowSql}, ${nowSql}, ${nowSql} + $4)
       ON CONFLICT (name) DO UPDATE SET token = excluded.token, holder = excluded.holder, acquired_at = excluded.acquired_at,
         heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at
       WHERE leases.expires_at <= excluded.acquired_at
       RETURNING token`,
      [name, token, JSON.stringify(holder), Math.round(ttlMs)],
    );
    if (rows[0]?.token === token) return { acquired: true, token };
    const current = await this.query(`SELECT name, holder, acquired_at, heartbeat_at, expires_at, ${nowSql} AS now FROM leases WHERE name = $1`, [name]);
    const row = current.rows[0];
    return { acquired: false, current: row ? leaseInfoOf(parseLeaseRow(row)) : null };
  }

  async renewLease(name: string, token: string, ttlMs: number): Promise<boolean> {
    const result = await this.query(`UPDATE leases SET heartbeat_at = ${nowSql}, expires_at = ${nowSql} + $3 WHERE name = $1 AND token = $2`, [name, token, Math.round(ttlMs)]);
    return result.rowCount === 1;
  }

  async releaseLease(name: string, token: string): Promise<void> {
    await this.query('DELETE FROM leases WHERE name = $1 AND token = $2', [name, token]);
  }

  async leases(prefix: string): Promise<LeaseInfo[]> {
    const { rows } = await this.query(
      `SELECT name, holder, acquired_at, heartbeat_at, expires_at, ${nowSql} AS now FROM leases WHERE left(name, $1) = $2 ORDER BY name`,
      [prefix.length, prefix],
    );
    return rows.map((row) => leaseInfoOf(parseLeaseRow(row)));
  }

  async readDocument(key: string): Promise<string | null> {
    const { rows } = await this.query('SELECT value FROM documents WHERE key = $1', [key]);
    const value = rows[0]?.value;
    return typeof value === 'string' ? value : null;
  }

  async writeDocument(key: string, value: string, fence?: { readonly lease: string; readonly token: string }): Promise<boolean> {
    const upsert = 'ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at';
    if (!fence) {
      await this.query(`INSERT INTO documents (key, value, updated_at) VALUES ($1, $2, ${nowSql}) ${upsert}`, [key, value]);
      return true;
    }
    const result = await this.query(
      `INSERT INTO documents (key, value, updated_at) SELECT $1, $2, ${nowSql} WHERE EXISTS (SELECT 1 FROM leases WHERE name = $3 AND token = $4) ${upsert}`,
      [key, value, fence.lease, fence.token],
    );
    return result.rowCount === 1;
  }

  async documents(prefix: string): Promise<StoredDocument[]> {
    const { rows } = await this.query('SELECT key, value, updated_at FROM documents WHERE left(key, $1) = $2 ORDER BY key', [prefix.length, prefix]);
    return rows.map((row) => ({ key: String(row.key), value: String(row.value), updatedAt: Number(row.updated_at) }));
  }

  async claimRequest(scope: string, key: string, staleMs: number): Promise<RequestClaim> {
    const token = randomUUID();
    const { rows } = await this.query(
      `WITH forgotten AS (DELETE FROM requests WHERE claimed_at < ${nowSql} - $5)
       INSERT INTO requests (scope, key, token, status, body, claimed_at) VALUES ($1, $2, $3, NULL, NULL, ${nowSql})
       ON CONFLICT (scope, key) DO UPDATE SET token = excluded.token, claimed_at = excluded.claimed_at
       WHERE requests.status IS NULL AND requests.claimed_at <= excluded.claimed_at - $4
       RETURNING token`,
      [scope, key, token, Math.round(staleMs), requestRetentionMs],
    );
    if (rows[0]?.token === token) return { kind: 'claimed', token };
    const existing = await this.query('SELECT status, body FROM requests WHERE scope = $1 AND key = $2', [scope, key]);
    const row = existing.rows[0];
    if (row && row.status !== null && typeof row.body === 'string') return { kind: 'done', response: { status: Number(row.status), body: row.body } };
    return { kind: 'running' };
  }

  async completeRequest(scope: string, key: string, token: string, response: StoredResponse): Promise<void> {
    await this.query('UPDATE requests SET status = $4, body = $5 WHERE scope = $1 AND key = $2 AND token = $3', [scope, key, token, response.status, response.body]);
  }

  async abandonRequest(scope: string, key: string, token: string): Promise<void> {
    await this.query('DELETE FROM requests WHERE scope = $1 AND key = $2 AND token = $3 AND status IS NULL', [scope, key, token]);
  }

  async serialised<T>(key: string, run: () => Promise<T>): Promise<T> {
    return this.transaction(async (client) => {
      await client.query(`SET LOCAL lock_timeout = ${serialWaitMs}`);
      try {
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`serial:${key}`]);
      } catch (error) {
        if ((error as { code?: unknown }).code === lockNotAvailable) throw new StoreBusyError(key);
        throw error;
      }
      return run();
    });
  }

  async enqueue(items: readonly QueueItem[], nowMs: number): Promise<void> {
    if (items.length === 0) return;
    await this.query(
      `INSERT INTO work_queue (object_type, object_id, first_at, last_at)
       SELECT DISTINCT ON (t, i) t, i, $3::bigint, $3::bigint FROM unnest($1::text[], $2::text[]) AS items (t, i)
       ON CONFLICT (object_type, object_id) DO UPDATE SET last_at = excluded.last_at,
         again = CASE WHEN work_queue.claim_token IS NULL THEN 0 ELSE 1 END`,
      [items.map((item) => item.type), items.map((item) => item.id), Math.round(nowMs)],
    );
  }

  async claimBatch(rule: DebounceRule, nowMs: number): Promise<BatchClaim> {
    return this.transaction(async (client): Promise<BatchClaim> => {
      // Claimers take turns, so two instances never split one burst between them.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [queueLockKey]);
      const open = 'claim_token IS NULL OR claimed_until <= $1';
      const { rows } = await client.query<Row>(`SELECT COUNT(*) AS n, MAX(last_at) AS last, MIN(first_at) AS first FROM work_queue WHERE ${open}`, [Math.round(nowMs)]);
      const row = rows[0];
      const due = queueDue(Number(row?.n ?? 0), Number(row?.first ?? 0), Number(row?.last ?? 0), rule, nowMs);
      if (due.kind !== 'due') return due;
      const token = randomUUID();
      const claimed = await client.query<Row>(
        `UPDATE work_queue SET claim_token = $2, claimed_until = $3, again = 0 WHERE ${open} RETURNING object_type, object_id`,
        [Math.round(nowMs), token, Math.round(nowMs + rule.leaseMs)],
      );
      return { kind: 'claimed', token, items: claimed.rows.map((item) => ({ type: String(item.object_type), id: String(item.object_id) })) };
    });
  }

  async extendBatch(token: string, leaseMs: number, nowMs: number): Promise<void> {
    await this.query('UPDATE work_queue SET claimed_until = $2 WHERE claim_token = $1', [token, Math.round(nowMs + leaseMs)]);
  }

  async finishBatch(token: string): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('UPDATE work_queue SET claim_token = NULL, claimed_until = NULL, again = 0, first_at = last_at WHERE claim_token = $1 AND again = 1', [token]);
      await client.query('DELETE FROM work_queue WHERE claim_token = $1', [token]);
    });
  }

  async queueLength(): Promise<number> {
    const { rows } = await this.query('SELECT COUNT(*) AS n FROM work_queue');
    return Number(rows[0]?.n ?? 0);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** postgres://user:secret@host:5432/db?sslmode=require -> postgres://user@host:5432/db */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return '(an unreadable URL)';
  }
}
