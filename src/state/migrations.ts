import type { Message } from '../app/cards/contract/message.ts';
import { catalogText } from '../app/cards/i18n/message-error.ts';

// Versioned schema migrations, the same SQL for SQLite and PostgreSQL (TEXT, BIGINT and
// INTEGER only). Each store applies, in order and once, every version it has not applied yet,
// when it opens; a version is never edited after release — a change is a new version.

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly statements: readonly string[];
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'leases, documents, idempotent requests, webhook work queue',
    statements: [
      `CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        token TEXT NOT NULL,
        holder TEXT NOT NULL,
        acquired_at BIGINT NOT NULL,
        heartbeat_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      )`,
      `CREATE TABLE documents (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      )`,
      `CREATE TABLE requests (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        token TEXT NOT NULL,
        status INTEGER,
        body TEXT,
        claimed_at BIGINT NOT NULL,
        PRIMARY KEY (scope, key)
      )`,
      'CREATE INDEX requests_claimed_at ON requests (claimed_at)',
      `CREATE TABLE work_queue (
        object_type TEXT NOT NULL,
        object_id TEXT NOT NULL,
        first_at BIGINT NOT NULL,
        last_at BIGINT NOT NULL,
        claim_token TEXT,
        claimed_until BIGINT,
        again INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (object_type, object_id)
      )`,
      'CREATE INDEX work_queue_claim ON work_queue (claim_token)',
    ],
  },
];

export const latestVersion = Math.max(...migrations.map((migration) => migration.version));

export const migrationsTable = 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)';

/** Idempotency results older than this are forgotten (a retry comes within minutes). */
export const requestRetentionMs = 24 * 3_600_000;

/** What a store whose schema is newer than this version says (the catalog's `state.newerSchema`). */
export function newerSchemaMessage(location: string, version: number): Message {
  return catalogText('state.newerSchema', { location, version: String(version), latest: String(latestVersion) });
}
