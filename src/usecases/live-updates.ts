import type { WebhookTargets } from '../domain/sync/webhook-events.ts';
import type { StateStore } from '../state/store.ts';
import type { FollowedCompanies, RecordsToFollow } from '../hubspot/webhook-targets.ts';
import { sortIds } from './sync-selection.ts';
import type { LogEntry } from './log-entry.ts';

// Live updates: webhook events arrive in bursts (a deal moved through three stages, a ticket
// edited field by field, HubSpot's own retries), so the companies they touch are collected and
// recomputed together once the burst is over — each company once per batch, whatever number of
// events named it, at the batch floor of API calls. Batches never overlap: what arrives while
// one runs waits for the next, so two writers never race on one company.
//
// A batch that fails is logged and dropped, not retried here: the changed records keep their
// new last-modified time, so the next incremental sync (scheduled or by hand) selects them.
//
// With a shared work queue (the state store), deliveries are also queued there, and a due batch
// is claimed from it whole: a burst delivered half to each of two instances is recomputed once,
// by one of them, and what was queued when an instance stopped is picked up by another (or by
// it after a restart).

/** What a recompute reports (sync's summary has these counts). */
export interface RecomputeOutcome {
  readonly written: number;
  readonly unchanged: number;
  readonly skipped: number;
}

/** Recomputes health for these companies and writes what changed (sync's rule, per company). */
export type Recompute = (companyIds: readonly string[]) => Promise<RecomputeOutcome>;

/** Follows deals, tickets, contacts and survey answers to their companies. */
export type FollowToCompanies = (records: RecordsToFollow) => Promise<FollowedCompanies>;

/** Timers, injectable so tests drive the debounce without waiting. */
export interface Scheduler {
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export interface LiveUpdatesDeps {
  readonly recompute: Recompute;
  readonly follow: FollowToCompanies;
  /** A batch starts once no event has come for this long ... */
  readonly quietMs?: number;
  /** ... or this long after its first event, however busy the portal stays. */
  readonly maxWaitMs?: number;
  /** Companies per recompute call. */
  readonly batchSize?: number;
  readonly scheduler?: Scheduler;
  readonly log?: (entry: LogEntry) => void;
  /** The work queue every instance shares; absent: the batch lives in this process only. */
  readonly queue?: Pick<StateStore, 'enqueue' | 'claimBatch' | 'extendBatch' | 'finishBatch' | 'queueLength'>;
}

/** How long a claimed batch stays with an instance that stopped renewing it (it crashed). */
const claimLeaseMs = 60_000;

export const defaultQuietMs = 5_000;
export const defaultMaxWaitMs = 30_000;
export const defaultBatchSize = 1_000;

export const systemScheduler: Scheduler = {
  now: () => Date.now(),
  setTimer: (run, ms) => {
    const timer = setTimeout(run, ms);
    // A pending batch must not keep a stopping process alive; close() runs it instead.
    timer.unref();
    return timer;
  },
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

type Pending = Record<keyof WebhookTargets, Set<string>>;

function emptyPending(): Pending {
  return { companies: new Set(), deals: new Set(), tickets: new Set(), contacts: new Set(), feedback_submissions: new Set() };
}

function size(pending: Pending): number {
  return Object.values(pending).reduce((total, ids) => total + ids.size, 0);
}

export class LiveUpdates {
  private pending = emptyPending();
  private firstPendingAt: number | null = null;
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private closed = false;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;
  private readonly batchSize: number;
  private readonly scheduler: Scheduler;
  private readonly log: (entry: LogEntry) => void;

  constructor(private readonly deps: LiveUpdatesDeps) {
    this.quietMs = deps.quietMs ?? defaultQuietMs;
    this.maxWaitMs = Math.max(deps.maxWaitMs ?? defaultMaxWaitMs, this.quietMs);
    this.batchSize = deps.batchSize ?? defaultBatchSize;
    this.scheduler = deps.scheduler ?? systemScheduler;
    this.log = deps.log ?? (() => undefined);
  }

  /** Adds the records of a delivery to the next batch (and the shared queue) quickly: HubSpot waits 5 s at most. */
  enqueue(targets: WebhookTargets): Promise<void> {
    if (this.closed) return Promise.resolve();
    const items: Array<{ type: string; id: string }> = [];
    for (const type of Object.keys(this.pending) as Array<keyof Pending>) {
      for (const id of targets[type]) {
        this.pending[type].add(id);
        items.push({ type, id });
      }
    }
    if (size(this.pending) > 0) this.schedule();
    return this.deps.queue?.enqueue(items, this.scheduler.now()) ?? Promise.resolve();
  }

  /** Shared queue: picks up what another instance left (it stopped, or crashed), once it is due. */
  resume(): void {
    if (!this.deps.queue || this.closed) return;
    this.firstPendingAt ??= this.scheduler.now();
    this.schedule();
  }

  /** Records waiting for the next batch. */
  get waiting(): number {
    return size(this.pending);
  }

  /** Resolves once no batch is running (one may still be scheduled). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Runs what is pending now (without a shared queue, which keeps it) and waits for every batch to finish; later events are dropped. */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelTimer();
    await this.running;
    // A shared queue keeps its work for another instance, or for this one after a restart.
    if (!this.deps.queue && size(this.pending) > 0) await this.start();
  }

  private schedule(): void {
    const now = this.scheduler.now();
    this.firstPendingAt ??= now;
    // While a batch runs, the timer is set when it ends (see start()).
    if (this.running) return;
    this.cancelTimer();
    const delay = Math.max(0, Math.min(this.quietMs, this.firstPendingAt + this.maxWaitMs - now));
    this.timer = this.scheduler.setTimer(() => {
      this.timer = null;
      void this.start();
    }, delay);
  }

  private cancelTimer(): void {
    if (this.timer === null) return;
    this.scheduler.clearTimer(this.timer);
    this.timer = null;
  }

  private start(): Promise<void> {
    const batch = this.pending;
    this.pending = emptyPending();
    this.firstPendingAt = null;
    const work = this.deps.queue ? this.runShared(this.deps.queue) : this.run(batch);
    const running = work.finally(() => {
      this.running = null;
      if (!this.closed && size(this.pending) > 0) this.schedule();
    });
    this.running = running;
    return running;
  }

  /** Claims the queue's due batch (all of it, whoever received it) and runs it; if not due yet, looks again then. */
  private async runShared(queue: NonNullable<LiveUpdatesDeps['queue']>): Promise<void> {
    const rule = { quietMs: this.quietMs, maxWaitMs: this.maxWaitMs, leaseMs: claimLeaseMs };
    let claim;
    try {
      claim = await queue.claimBatch(rule, this.scheduler.now());
    } catch (error) {
      this.log({ level: 'error', msg: 'live update: the work queue could not be read', error: errorName(error) });
      return;
    }
    if (claim.kind === 'waiting') {
      if (!this.closed) this.deferUntil(claim.dueAt);
      return;
    }
    if (claim.kind === 'empty') return;
    const batch = emptyPending();
    for (const item of claim.items) if (item.type in batch) batch[item.type as keyof Pending].add(item.id);
    let heartbeat: unknown = null;
    const beat = () => {
      heartbeat = this.scheduler.setTimer(() => {
        void queue.extendBatch(claim.token, claimLeaseMs, this.scheduler.now()).catch(() => undefined);
        beat();
      }, claimLeaseMs / 3);
    };
    beat();
    try {
      await this.run(batch);
    } finally {
      this.scheduler.clearTimer(heartbeat);
      await queue.finishBatch(claim.token).catch((error: unknown) => this.log({ level: 'error', msg: 'live update: the work queue could not be updated', error: errorName(error) }));
    }
  }

  /** The queue holds work due later (another instance's deliveries extended the quiet): look again then. */
  private deferUntil(dueAt: number): void {
    this.firstPendingAt ??= this.scheduler.now();
    this.cancelTimer();
    this.timer = this.scheduler.setTimer(() => {
      this.timer = null;
      void this.start();
    }, Math.max(0, dueAt - this.scheduler.now()));
  }

  private async run(batch: Pending): Promise<void> {
    const started = this.scheduler.now();
    let followed: FollowedCompanies;
    try {
      followed = await this.followed(batch);
    } catch (error) {
      this.log({ level: 'error', msg: 'live update: the changed records could not be followed to their companies', records: size(batch), error: errorName(error) });
      return;
    }
    const companyIds = sortIds(new Set([...batch.companies, ...followed.companyIds]));
    const { unresolved } = followed;
    let failed = 0;
    const outcome = { written: 0, unchanged: 0, skipped: 0 };
    for (let start = 0; start < companyIds.length; start += this.batchSize) {
      const part = companyIds.slice(start, start + this.batchSize);
      try {
        const done = await this.deps.recompute(part);
        for (const key of ['written', 'unchanged', 'skipped'] as const) outcome[key] += done[key];
      } catch (error) {
        failed += part.length;
        this.log({ level: 'error', msg: 'live update: recomputing companies failed', companies: part.length, error: errorName(error) });
      }
    }
    this.log({
      level: failed > 0 || unresolved > 0 || outcome.skipped > 0 ? 'warn' : 'info',
      msg: 'live update',
      records: size(batch),
      companies: companyIds.length,
      ...outcome,
      failed,
      unresolved,
      ms: this.scheduler.now() - started,
    });
  }

  private followed(batch: Pending): Promise<FollowedCompanies> {
    const records: RecordsToFollow = {
      deals: [...batch.deals],
      tickets: [...batch.tickets],
      contacts: [...batch.contacts],
      feedback_submissions: [...batch.feedback_submissions],
    };
    const total = records.deals.length + records.tickets.length + records.contacts.length + records.feedback_submissions.length;
    return total === 0 ? Promise.resolve({ companyIds: [], unresolved: 0 }) : this.deps.follow(records);
  }
}

/** Logs name the error's class only: HubSpot error messages can carry personal data. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
