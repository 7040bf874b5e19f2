import type { Message } from '../app/cards/contract/message.ts';
import { MessageError } from '../app/cards/i18n/message-error.ts';

// The state store: what must hold across requests, processes and machines — the sync lease and
// the sync state per portal, idempotent request results, one change at a time per company, and
// the webhook work queue. One small interface, two implementations: an embedded SQLite file
// (the default, one machine) and PostgreSQL (CS_CARD_DATABASE_URL, any number of instances).
// Times are epoch milliseconds. Leases and request claims use the database's clock, so
// instances on hosts whose clocks disagree still agree on who holds what; queue times come from
// the caller (the debounce is measured with the scheduler that drives it).

/** Who holds a lease: enough for a person to find the process. */
export interface LeaseHolder {
  readonly host: string;
  readonly pid: number;
  /** What the process is doing, e.g. "cs-card sync" or "cs-card serve --sync-every". */
  readonly command: string;
}

export interface LeaseInfo {
  readonly name: string;
  readonly holder: LeaseHolder;
  readonly acquiredAt: number;
  readonly heartbeatAt: number;
  readonly expiresAt: number;
  /** The store's clock when this was read, to tell ages and remaining time. */
  readonly now: number;
}

export type LeaseAttempt =
  | { readonly acquired: true; readonly token: string }
  | { readonly acquired: false; readonly current: LeaseInfo | null };

/** A finished request's answer, returned again for the same idempotency key. */
export interface StoredResponse {
  readonly status: number;
  readonly body: string;
}

export type RequestClaim =
  | { readonly kind: 'claimed'; readonly token: string }
  | { readonly kind: 'done'; readonly response: StoredResponse }
  /** Another process (or this one) is running it right now. */
  | { readonly kind: 'running' };

export interface QueueItem {
  /** The kind of record: companies, deals, tickets, contacts, feedback_submissions. */
  readonly type: string;
  readonly id: string;
}

/** When the queued work is due: once nothing came for quietMs, or maxWaitMs after the oldest item. */
export interface DebounceRule {
  readonly quietMs: number;
  readonly maxWaitMs: number;
  /** How long a claimed batch stays with its claimer without extendBatch (it crashed: others take it then). */
  readonly leaseMs: number;
}

export type BatchClaim =
  | { readonly kind: 'claimed'; readonly token: string; readonly items: readonly QueueItem[] }
  /** Work is queued but not due yet: ask again at dueAt. */
  | { readonly kind: 'waiting'; readonly dueAt: number }
  | { readonly kind: 'empty' };

export interface StoredDocument {
  readonly key: string;
  readonly value: string;
  readonly updatedAt: number;
}

export interface MigrationReport {
  /** Versions applied by this call (empty when the schema was current). */
  readonly applied: readonly number[];
  readonly version: number;
}

export interface StateStore {
  /** What holds the state: an embedded SQLite file, an SQLite database in this process's memory, or PostgreSQL. */
  readonly kind: 'sqlite' | 'memory' | 'postgres';
  /**
   * Where the state lives, without credentials: the SQLite file's path (`:memory:` in memory),
   * the PostgreSQL URL without its password. Data, not words: the CLI words it with `kind` from
   * the catalog (`cli.state.location`).
   */
  readonly location: string;

  /** Brings the schema to this version (stores are migrated when opened; idempotent). */
  migrate(): Promise<MigrationReport>;
  schemaVersion(): Promise<number>;

  /** Takes the named lease for ttlMs, or says who holds it. An expired lease is taken over. */
  acquireLease(name: string, holder: LeaseHolder, ttlMs: number): Promise<LeaseAttempt>;
  /** Extends a lease still held with this token; false when it was lost (expired and taken). */
  renewLease(name: string, token: string, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, token: string): Promise<void>;
  leases(prefix: string): Promise<LeaseInfo[]>;

  readDocument(key: string): Promise<string | null>;
  /**
   * Stores a document. With a fence, only while that lease is still held with that token
   * (a holder that lost its lease must not overwrite its successor's state); false when refused.
   */
  writeDocument(key: string, value: string, fence?: { readonly lease: string; readonly token: string }): Promise<boolean>;
  documents(prefix: string): Promise<StoredDocument[]>;

  /** Claims an idempotency key; a claim older than staleMs without a result is taken over (its process died). */
  claimRequest(scope: string, key: string, staleMs: number): Promise<RequestClaim>;
  completeRequest(scope: string, key: string, token: string, response: StoredResponse): Promise<void>;
  /** Forgets a claim whose request failed, so a retry runs it again. */
  abandonRequest(scope: string, key: string, token: string): Promise<void>;

  /** Runs `run` while no other process or instance runs one for the same key (e.g. a company). */
  serialised<T>(key: string, run: () => Promise<T>): Promise<T>;

  enqueue(items: readonly QueueItem[], nowMs: number): Promise<void>;
  /** Claims every unclaimed item at once when the queue is due, so a burst becomes one batch of one instance. */
  claimBatch(rule: DebounceRule, nowMs: number): Promise<BatchClaim>;
  extendBatch(token: string, leaseMs: number, nowMs: number): Promise<void>;
  /** Removes a batch's items; items that came again while it ran stay queued for the next batch. */
  finishBatch(token: string): Promise<void>;
  queueLength(): Promise<number>;

  close(): Promise<void>;
}

/** Another process holds the company (or other key) for longer than a request may wait. */
export class StoreBusyError extends Error {
  constructor(readonly key: string) {
    super(`another request is still changing ${key}: try again in a moment`);
    this.name = 'StoreBusyError';
  }
}

/** The store cannot be used (its schema is newer than this version, its database refused): said in the catalog's words. */
export class StateStoreError extends MessageError {
  readonly exitCode = 1;
  constructor(text: Message, options?: ErrorOptions) {
    super(text, options);
    this.name = 'StateStoreError';
  }
}
