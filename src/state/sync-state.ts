import { hostname } from 'node:os';
import { z } from 'zod';
import { msPerHour, parseDuration } from '../domain/parsing/index.ts';
import { isoDaySchema } from '../app/cards/contract/days.ts';
import type { MessageParams } from '../app/cards/contract/message.ts';
import { catalogText, MessageError } from '../app/cards/i18n/message-error.ts';
import type { LeaseHolder, LeaseInfo, StateStore } from './store.ts';

// What a sync remembers between runs, per portal, in the state store (the embedded SQLite file
// in .cs-card/, or PostgreSQL shared by every instance): when the last complete run started
// (the watermark of the next incremental run), when the last full run was, and the checkpoint
// of a run that did not finish, so a restart continues after the last company it completed.
// Plus the sync lease, so two syncs of one portal never run over each other on any number of
// machines: its holder renews it while it runs; a holder that crashed (kill -9, a lost machine)
// stops renewing, and its lease expires after the lease duration.

const isoInstant = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'not an ISO timestamp');
const isoDate = isoDaySchema;

/** Pages of companies a run wrote (domain/sync-watermark.ts): the next run re-checks those changed after their write. */
const writtenPagesSchema = z.array(z.object({ stamp: isoInstant, lastStamp: isoInstant.optional(), writtenAt: isoInstant }));

const completedRunSchema = z.object({
  mode: z.enum(['full', 'incremental']),
  asOf: isoDate,
  startedAt: isoInstant,
  finishedAt: isoInstant,
  writes: writtenPagesSchema.optional(),
});

const companyId = z.string().regex(/^\d+$/);

/**
 * Why a run is full or incremental: a catalog code (sync.reason.*) and its parameters, worded in
 * the reader's language where it is shown. State written before reasons had codes holds English
 * text: it reads as the code of that text (sync.reason.earlier when it is none of them).
 */
const syncReasonCodeSchema = z.enum([
  'sync.reason.requested',
  'sync.reason.firstSync',
  'sync.reason.fullDue',
  'sync.reason.changesSince',
  'sync.reason.tooManyChanges',
  'sync.reason.sourcesReturned',
  'sync.reason.recompute',
  'sync.reason.earlier',
  'sync.reason.languageChanged',
]);
const syncReasonSchema = z.object({ code: syncReasonCodeSchema, params: z.record(z.string(), z.union([z.string(), z.number()])) });
export type SyncReason = z.infer<typeof syncReasonSchema>;

/** An English reason of an earlier version's state, as its code. */
export function legacySyncReason(text: string): SyncReason {
  const due = /^the last full sync is (\d+) or more days old/.exec(text);
  if (due) return { code: 'sync.reason.fullDue', params: { days: Number(due[1]) } };
  const since = /^changes since the sync of (\S+)$/.exec(text);
  if (since?.[1] !== undefined) return { code: 'sync.reason.changesSince', params: { since: since[1] } };
  const recompute = /^recompute of (\d+) given companies$/.exec(text);
  if (recompute) return { code: 'sync.reason.recompute', params: { count: Number(recompute[1]) } };
  if (text === 'requested with --full') return { code: 'sync.reason.requested', params: {} };
  if (text === 'no earlier sync of this portal') return { code: 'sync.reason.firstSync', params: {} };
  if (text.startsWith('so many records changed')) return { code: 'sync.reason.tooManyChanges', params: {} };
  if (text.startsWith('survey answers are readable again')) return { code: 'sync.reason.sourcesReturned', params: {} };
  return { code: 'sync.reason.earlier', params: {} };
}

const pendingRunSchema = z.object({
  mode: z.enum(['full', 'incremental']),
  reason: z.union([syncReasonSchema, z.string().transform(legacySyncReason)]),
  asOf: isoDate,
  startedAt: isoInstant,
  /** The completed run an incremental run selects changes since; kept so a resumed run selects the same. */
  watermark: completedRunSchema.pick({ startedAt: true, finishedAt: true, asOf: true, writes: true }).nullable(),
  /** This run's written pages so far (kept across a resume). */
  writes: writtenPagesSchema.optional(),
  /** Companies are processed in ascending id order; everything up to this id is done. */
  afterId: companyId.nullable(),
  /** Totals so far, so the final summary covers the whole run, not just the resumed part. */
  totals: z.record(z.string(), z.number().int().nonnegative()),
  skippedIds: z.array(companyId),
  /** Sources this run could not read in the portal at all (survey answers refused so far). */
  unavailableSources: z.array(z.enum(['feedback'])).optional(),
  /** The portal language this run writes texts in (config portalLanguage); absent: English. */
  portalLanguage: z.string().optional(),
});
export type PendingRun = z.infer<typeof pendingRunSchema>;

const syncStateSchema = z.object({
  version: z.literal(1),
  lastRun: completedRunSchema.nullable(),
  lastFullRun: completedRunSchema.nullable(),
  pending: pendingRunSchema.nullable(),
  /** Companies the last run skipped (partial data, refused writes): the next incremental run tries them again. */
  retryIds: z.array(companyId),
  /**
   * Sources the last run could not read at all (survey answers refused): companies were held or
   * scored without them, so once the source is readable again the next run rescans every company.
   */
  unavailableSources: z.array(z.enum(['feedback'])).optional(),
  /**
   * The language every company's written texts are in: that of the last completed full run
   * (absent: English). Another configured language makes the next run a full one.
   */
  portalLanguage: z.string().optional(),
});
export type SyncState = z.infer<typeof syncStateSchema>;

export const emptySyncState: SyncState = { version: 1, lastRun: null, lastFullRun: null, pending: null, retryIds: [] };

/** How long a sync's lease lasts without a heartbeat (CS_CARD_SYNC_LEASE); renewed every third of it. */
export const defaultLeaseMs = 60_000;

export class SyncLockedError extends MessageError {
  readonly exitCode = 1;
  constructor(current: LeaseInfo) {
    super(catalogText('sync.locked', leaseParams(current)));
    this.name = 'SyncLockedError';
  }
}

export class SyncStateError extends MessageError {
  readonly exitCode = 1;
}

export interface SyncLock {
  release(): Promise<void>;
}

export interface SyncStateOptions {
  /** Lease duration; a crashed holder blocks the portal's syncs at most this long. */
  readonly leaseMs?: number;
  /** What the holder is, for the message another sync gets: "cs-card sync", "cs-card serve --sync-every". */
  readonly command?: string;
}

/** The sync state and lease of one portal in the state store. */
export class SyncStateStore {
  private readonly stateKey: string;
  private readonly leaseName: string;
  private readonly leaseMs: number;
  private readonly holder: LeaseHolder;
  /** While this process holds the lease: its token (writes are fenced by it) and whether it was lost. */
  private held: { token: string; lost: boolean } | null = null;

  constructor(
    readonly store: StateStore,
    readonly portalKey: string,
    options: SyncStateOptions = {},
  ) {
    if (!/^[\w-]+$/.test(portalKey)) throw new RangeError(`portal key "${portalKey}" must be letters, digits, _ or -`);
    this.stateKey = `sync-state:${portalKey}`;
    this.leaseName = `sync:${portalKey}`;
    this.leaseMs = options.leaseMs ?? defaultLeaseMs;
    if (!Number.isFinite(this.leaseMs) || this.leaseMs < 100) throw new RangeError(`the sync lease must last at least 100 ms, got ${this.leaseMs}`);
    this.holder = { host: hostname(), pid: process.pid, command: options.command ?? 'cs-card sync' };
  }

  async read(): Promise<SyncState> {
    const text = await this.store.readDocument(this.stateKey);
    if (text === null) return emptySyncState;
    const parsed = syncStateSchema.safeParse(safeJson(text));
    if (!parsed.success) {
      throw new SyncStateError(catalogText('sync.stateUnreadable', { location: this.store.location }));
    }
    return parsed.data;
  }

  /** Atomic; while this process holds the lease, only while it still does (a successor's state is never overwritten). */
  async write(state: SyncState): Promise<void> {
    const text = JSON.stringify(state);
    if (this.held === null) {
      await this.store.writeDocument(this.stateKey, text);
      return;
    }
    const written = !this.held.lost && (await this.store.writeDocument(this.stateKey, text, { lease: this.leaseName, token: this.held.token }));
    if (!written) {
      this.held.lost = true;
      throw new SyncStateError(catalogText('sync.leaseLost', { seconds: Math.round(this.leaseMs / 100) / 10 }));
    }
  }

  /** Takes the portal's sync lease, or throws SyncLockedError naming the live holder and its age. */
  async lock(): Promise<SyncLock> {
    const attempt = await this.store.acquireLease(this.leaseName, this.holder, this.leaseMs);
    if (!attempt.acquired) {
      if (attempt.current === null) throw new SyncStateError(catalogText('sync.leaseReleased'));
      throw new SyncLockedError(attempt.current);
    }
    const held = { token: attempt.token, lost: false };
    this.held = held;
    const heartbeat = setInterval(() => {
      this.store.renewLease(this.leaseName, held.token, this.leaseMs).then(
        (renewed) => {
          if (!renewed) held.lost = true;
        },
        // A failed heartbeat is retried at the next beat; the lease outlives two missed ones.
        () => undefined,
      );
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    heartbeat.unref();
    return {
      release: async () => {
        clearInterval(heartbeat);
        if (this.held === held) this.held = null;
        await this.store.releaseLease(this.leaseName, held.token);
      },
    };
  }
}

/**
 * A lease as catalog parameters: its holder (command, host, pid), how long ago it started and last
 * beat, and when it expires, each as a whole number and its unit (s, min, h; `now` when expired).
 *
 * @example
 * leaseParams(lease) // { command: 'cs-card sync', host: 'ops-1', pid: '4242', started: 3, startedUnit: 'min', heartbeat: 5, heartbeatUnit: 's', expires: 55, expiresUnit: 's' }
 */
export function leaseParams(lease: LeaseInfo): MessageParams {
  const { holder } = lease;
  const started = span(lease.now - lease.acquiredAt);
  const heartbeat = span(lease.now - lease.heartbeatAt);
  const expires = lease.expiresAt <= lease.now ? { n: 0, unit: 'now' } : span(lease.expiresAt - lease.now);
  return { command: holder.command, host: holder.host, pid: String(holder.pid), started: started.n, startedUnit: started.unit, heartbeat: heartbeat.n, heartbeatUnit: heartbeat.unit, expires: expires.n, expiresUnit: expires.unit };
}

export interface PortalSyncOverview {
  readonly portalKey: string;
  /** null when the stored state is not one this version understands. */
  readonly state: SyncState | null;
  readonly lease: LeaseInfo | null;
}

/** Every portal the store knows: its sync state and the sync running now, if any (`cs-card state status`). */
export async function syncOverview(store: StateStore): Promise<PortalSyncOverview[]> {
  const [documents, leases] = await Promise.all([store.documents('sync-state:'), store.leases('sync:')]);
  const portals = new Set([...documents.map((doc) => doc.key.slice('sync-state:'.length)), ...leases.map((lease) => lease.name.slice('sync:'.length))]);
  return [...portals].sort().map((portalKey) => {
    const doc = documents.find((candidate) => candidate.key === `sync-state:${portalKey}`);
    const parsed = doc ? syncStateSchema.safeParse(safeJson(doc.value)) : null;
    return {
      portalKey,
      state: parsed === null ? emptySyncState : parsed.success ? parsed.data : null,
      lease: leases.find((lease) => lease.name === `sync:${portalKey}`) ?? null,
    };
  });
}

/** "60s", "2m", "1500ms" -> milliseconds (100 ms to 1 hour); null when not such a duration. */
export function parseLeaseDuration(text: string): number | null {
  const ms = parseDuration(text, ['ms', 's', 'm'], 7);
  if (ms === null) return null;
  return ms >= 100 && ms <= msPerHour ? ms : null;
}

/** A duration as a whole number of seconds (under 2 min), minutes (under 2 h) or hours. */
function span(ms: number): { n: number; unit: 's' | 'min' | 'h' } {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return { n: s, unit: 's' };
  if (s < 7_200) return { n: Math.round(s / 60), unit: 'min' };
  return { n: Math.round(s / 3_600), unit: 'h' };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
