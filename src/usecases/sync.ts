import type { CsConfig } from '../config/schema.ts';
import { dayZone, todayIn } from '../domain/parsing/index.ts';
import { fullSyncDue, historyMayMatter, writebackFor } from '../domain/sync/write-rules.ts';
import { requiredProperties } from '../domain/card/requirements.ts';
import type { CompanySnapshot, CrmRecord } from '../domain/card/snapshot.ts';
import { issueWarning } from '../domain/card/source-issues.ts';
import { describeFailure } from '../hubspot/failures.ts';
import { searchPageSize, type PortalAccess, type PortfolioGateway } from '../hubspot/portfolio-gateway.ts';
import { carriedWrites, recordWrittenPage, type WrittenPages } from '../domain/sync/watermark.ts';
import { idAfter, incrementalCandidates, sortIds, stageFilter, type Watermark } from './sync-selection.ts';
import type { PendingRun, SyncState, SyncStateStore } from '../state/sync-state.ts';

// `cs-card sync`: recompute every company in scope with the card's own rule and write back
// only what changed. The portfolio streams through in pages (read, score, write, checkpoint),
// the next page's reads overlapping this page's writes, so memory stays flat in portfolio size
// and an interrupted run resumes after its last finished page. A company whose data could not
// be read completely is never written: it is reported, and the next run tries it again.

/** What recomputing a given set of companies needs (webhooks): no sync state, no lock. */
export interface RecomputeDeps {
  readonly gateway: PortfolioGateway;
  readonly config: CsConfig;
  readonly now: () => Date;
  /** API calls this process has made so far, for the summary (the rate limiter counts them). */
  readonly apiCalls?: () => number;
}

export interface SyncDeps extends RecomputeDeps {
  readonly store: SyncStateStore;
  /** API calls this process has made so far (the rate limiter counts them). */
  readonly apiCalls: () => number;
}

export interface SyncRequest {
  readonly full?: boolean;
  /** Report what would change; write nothing, not even the sync state. */
  readonly dryRun?: boolean;
  /** YYYY-MM-DD; today (UTC) when absent. */
  readonly asOf?: string;
  /** Companies per page: 1,000 fills one v4 association call per type. */
  readonly pageSize?: number;
  /** An incremental request runs in full when the last full run is this many days old. */
  readonly fullEveryDays?: number;
  /** Stops after the page in progress is written and checkpointed. */
  readonly signal?: AbortSignal;
  /** How far an incremental run looks back past the last run's start; default searchLagOverlapMs (tests shorten it). */
  readonly lookBackMs?: number;
  readonly onProgress?: (progress: SyncProgress) => void;
  /** Each company that gets (or in a dry run would get) new values. */
  readonly onChange?: (change: CompanyChange) => void;
}

export interface SyncProgress {
  readonly done: number;
  /** Companies in this run, when HubSpot says (the first search page's total). */
  readonly total: number | null;
  readonly written: number;
  readonly skipped: number;
}

export interface CompanyChange {
  readonly companyId: string;
  readonly name: string | null;
  /** New values, and what HubSpot holds now. */
  readonly properties: Readonly<Record<string, { readonly from: string | null; readonly to: string }>>;
}

export interface SkippedCompany {
  readonly companyId: string;
  readonly reasons: readonly string[];
}

export interface SyncTotals {
  /** Companies in scope that this run looked at. */
  scanned: number;
  /** Scored from complete data. */
  recomputed: number;
  written: number;
  unchanged: number;
  skipped: number;
  /** Kept as last written because survey answers could not be read (not rescored from partial data). */
  held: number;
}

export interface SyncSummary extends SyncTotals {
  readonly mode: 'full' | 'incremental';
  readonly reason: string;
  readonly asOf: string;
  readonly dryRun: boolean;
  readonly resumed: boolean;
  /** Stopped by the signal; the next run continues where this one stopped. */
  readonly interrupted: boolean;
  /** The first skipped companies and why (all of them are counted in `skipped`). */
  readonly skippedCompanies: readonly SkippedCompany[];
  /** Data the portal withholds from every score (e.g. NPS without the feedback scope). */
  readonly portalGaps: readonly string[];
  /** Sources this run could not read at all; the next run after they return rescans every company. */
  readonly unavailableSources: readonly 'feedback'[];
  readonly apiCalls: number;
  readonly elapsedMs: number;
}

export const defaultPageSize = 1000;
const readsInFlight = 2;
/** Companies scored between two turns of the event loop. */
const scoreSlice = 50;
export const defaultFullEveryDays = 7;
const maxReportedSkips = 100;
const maxRetryIds = 10_000;
/** finishedAt is stamped a little after the last write, so HubSpot's clock running slightly ahead does not re-select our own writes. */
const settleMs = 2_000;

interface Plan {
  readonly run: PendingRun;
  readonly resumed: boolean;
}

export function planRun(state: SyncState, request: SyncRequest, now: Date, timeZone = 'UTC'): Plan {
  const asOf = request.asOf ?? todayIn(dayZone(timeZone), now.getTime());
  const pending = state.pending;
  if (!request.dryRun && pending && pending.asOf === asOf && (!request.full || pending.mode === 'full')) {
    return { run: pending, resumed: true };
  }
  const fresh = (mode: 'full' | 'incremental', reason: string, watermark: Watermark | null): Plan => ({
    run: { mode, reason, asOf, startedAt: now.toISOString(), watermark, afterId: null, totals: {}, skippedIds: [] },
    resumed: false,
  });
  const last = state.lastRun;
  if (request.full) return fresh('full', 'requested with --full', null);
  if (last === null) return fresh('full', 'no earlier sync of this portal', null);
  const fullEveryDays = request.fullEveryDays ?? defaultFullEveryDays;
  if (fullSyncDue(state.lastFullRun?.asOf ?? null, asOf, fullEveryDays)) {
    return fresh('full', `the last full sync is ${fullEveryDays} or more days old, and ages of touches, tickets and sentiment drift daily`, null);
  }
  return fresh('incremental', `changes since the sync of ${last.startedAt}`, { startedAt: last.startedAt, finishedAt: last.finishedAt, asOf: last.asOf, ...(last.writes ? { writes: last.writes } : {}) });
}

interface Page {
  readonly companies: readonly CrmRecord[];
  /** The run is done up to here once this page is written. */
  readonly lastId: string;
  readonly total: number | null;
  /** Companies of this page that could not be read at all. */
  readonly unreadable: readonly SkippedCompany[];
}

interface ReadPage extends Page {
  readonly snapshots: readonly CompanySnapshot[];
}

export async function runSync(deps: SyncDeps, request: SyncRequest = {}): Promise<SyncSummary> {
  const started = performance.now();
  const callsBefore = deps.apiCalls();
  const lock = request.dryRun ? null : await deps.store.lock();
  try {
    const state = await deps.store.read();
    const { run, resumed } = planRun(state, request, deps.now(), deps.config.timeZone);
    const retryIds = state.retryIds;
    const portal: PortalAccess = { feedbackForbidden: false };
    const selection = run.mode === 'incremental' && run.watermark ? await incrementalCandidates(deps.gateway, deps.config, run.watermark, run.asOf, retryIds, portal, request.lookBackMs) : null;
    const effective: PendingRun =
      run.mode === 'incremental' && selection === null
        ? { ...run, mode: 'full', reason: 'so many records changed that a full pass is cheaper' }
        : run.mode === 'incremental' && sourcesReturned(state, run, portal)
          ? { ...run, mode: 'full', reason: 'survey answers are readable again after a sync without them, so every company is rescored with its NPS' }
          : run;
    const save = request.dryRun ? null : (pending: PendingRun) => deps.store.write({ ...state, pending });
    const job = new SyncJob(deps, request, effective, save, portal);
    await save?.(effective);
    const pages = effective.mode === 'full' ? fullPages(deps, effective.afterId, job.pageSize) : idPages(deps, selection ?? [], effective.afterId, job.pageSize);
    const interrupted = await job.process(prefetched(pages));
    if (!request.dryRun) await deps.store.write(interrupted ? { ...state, pending: job.checkpoint() } : completedState(state, job.checkpoint(), deps.now(), request.lookBackMs));
    return job.summary({ resumed, interrupted, apiCalls: deps.apiCalls() - callsBefore, elapsedMs: performance.now() - started });
  } finally {
    await lock?.release();
  }
}

/**
 * Recomputes exactly these companies (those of them in scope) and writes what changed, the way
 * a sync does: what the live updates call for the companies a burst of webhook events touched.
 * No sync state and no lock: it neither resumes nor moves the incremental watermark, and a sync
 * running at the same time at worst computes the same values again (writes only what changed).
 */
export async function syncCompanies(
  deps: RecomputeDeps,
  ids: readonly string[],
  asOf: string,
  options: Pick<SyncRequest, 'dryRun' | 'onChange' | 'pageSize'> = {},
): Promise<SyncSummary> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new RangeError(`asOf must be YYYY-MM-DD, got "${asOf}"`);
  const started = performance.now();
  const callsBefore = deps.apiCalls?.() ?? 0;
  const wanted = [...new Set(ids)].filter((id) => /^\d+$/.test(id));
  const run: PendingRun = {
    mode: 'incremental',
    reason: `recompute of ${wanted.length} given companies`,
    asOf,
    startedAt: deps.now().toISOString(),
    watermark: null,
    afterId: null,
    totals: {},
    skippedIds: [],
  };
  const job = new SyncJob(deps, { ...options, asOf }, run, null);
  await job.process(idPages(deps, wanted, null, job.pageSize));
  return job.summary({ resumed: false, interrupted: false, apiCalls: (deps.apiCalls?.() ?? 0) - callsBefore, elapsedMs: performance.now() - started });
}

/** One run's pages, counters and checkpoint. */
class SyncJob {
  readonly pageSize: number;
  private readonly totals: SyncTotals;
  private readonly skippedIds: string[];
  private readonly reported: SkippedCompany[] = [];
  private afterId: string | null;
  /** Pages this run wrote, for the next run's change window (domain/sync-watermark.ts). */
  private writes: WrittenPages[];
  private total: number | null = null;

  constructor(
    private readonly deps: RecomputeDeps,
    private readonly request: SyncRequest,
    private readonly run: PendingRun,
    /** Persists the checkpoint after each page; null when nothing is remembered (dry run, recompute). */
    private readonly save: ((pending: PendingRun) => Promise<void>) | null,
    /** What the run learns about the portal as a whole (a refused optional scope). */
    private readonly portal: PortalAccess = { feedbackForbidden: false },
  ) {
    this.pageSize = request.pageSize ?? defaultPageSize;
    const saved = run.totals;
    this.totals = {
      scanned: saved.scanned ?? 0,
      recomputed: saved.recomputed ?? 0,
      written: saved.written ?? 0,
      unchanged: saved.unchanged ?? 0,
      skipped: saved.skipped ?? 0,
      held: saved.held ?? 0,
    };
    this.skippedIds = [...run.skippedIds];
    this.afterId = run.afterId;
    this.writes = [...(run.writes ?? [])];
  }

  /**
   * Commits pages in order while the next ones are read: two reads in flight, so the next
   * page's first round trips (associations) overlap this page's record reads and the rate
   * budget never idles between pages. Memory stays a few pages whatever the portfolio's size.
   * Returns true when stopped by the signal.
   */
  async process(pages: AsyncGenerator<Page>): Promise<boolean> {
    const plan = requiredProperties(this.deps.config);
    const read = async (): Promise<ReadPage | null> => {
      const next = await pages.next();
      if (next.done) return null;
      const snapshots = await this.deps.gateway.snapshots(next.value.companies, plan, this.portal, {
        needsHistory: (company) => historyMayMatter(company, plan.companyHistory),
      });
      return { ...next.value, snapshots };
    };
    const inFlight: Array<Promise<ReadPage | null>> = [];
    const startRead = () => {
      const reading = read();
      // Surfaces when awaited; until then it must not count as unhandled.
      reading.catch(() => undefined);
      inFlight.push(reading);
    };
    for (let i = 0; i < readsInFlight; i += 1) startRead();
    const stopped = stopOf(this.request.signal);
    try {
      for (;;) {
        // A stop does not wait for the pages being read (minutes on a slow portal): they are
        // abandoned, and the checkpoint stays after the last page written, so the next run
        // reads them again. A page being written is finished first (one round of batch updates).
        const page = await Promise.race([inFlight.shift() ?? Promise.resolve(null), stopped.promise]);
        if (page === abandoned) return true;
        if (!page) return false;
        if (this.request.signal?.aborted) return true;
        startRead();
        await this.commit(page);
      }
    } finally {
      stopped.dispose();
      if (this.request.signal?.aborted) {
        // Only reads are left: they end with the process (the CLI exits once the state is saved).
        void pages.return(undefined).catch(() => undefined);
      } else {
        // Nothing of this run may still be calling HubSpot once it returns (the lock is released then).
        await Promise.allSettled(inFlight.splice(0));
        await pages.return(undefined).catch(() => undefined);
      }
    }
  }

  private async commit(page: ReadPage): Promise<void> {
    const generatedAt = this.deps.now().toISOString();
    const updates: Array<{ id: string; properties: Record<string, string> }> = [];
    const companies = new Map(page.snapshots.map((snapshot) => [snapshot.company.id, snapshot.company]));
    for (const skipped of page.unreadable) this.skip(skipped);
    for (const [index, snapshot] of page.snapshots.entries()) {
      // Scoring a page takes a while: let the next pages' requests go out meanwhile.
      if (index > 0 && index % scoreSlice === 0) await new Promise((resolve) => setImmediate(resolve));
      this.totals.scanned += 1;
      const writeback = writebackFor(snapshot, this.deps.config, { asOf: this.run.asOf, generatedAt });
      if (writeback.kind === 'skipped') this.skip({ companyId: snapshot.company.id, reasons: writeback.reasons });
      else if (writeback.kind === 'held') this.hold(snapshot.company.id, writeback.portalWide);
      else if (writeback.kind === 'unchanged') this.count('unchanged');
      else updates.push({ id: snapshot.company.id, properties: writeback.properties });
    }
    const written = this.request.dryRun ? new Set(updates.map((update) => update.id)) : await this.write(updates, generatedAt);
    for (const update of updates) {
      if (!written.has(update.id)) continue;
      this.count('written');
      const company = companies.get(update.id);
      if (company) this.request.onChange?.(changeOf(company, update.properties));
    }
    this.afterId = page.lastId;
    this.total = this.total ?? (page.total === null ? null : page.total + this.totals.scanned - page.snapshots.length);
    await this.save?.(this.checkpoint());
    this.request.onProgress?.({ done: this.totals.scanned, total: this.total, written: this.totals.written, skipped: this.totals.skipped });
  }

  private async write(updates: ReadonlyArray<{ id: string; properties: Record<string, string> }>, stamp: string): Promise<Set<string>> {
    if (updates.length === 0) return new Set();
    const { written, failed, writtenAt } = await this.deps.gateway.updateCompanies(updates);
    if (written.length > 0) {
      // HubSpot's own time of these writes; without it, ours just after them (the overlap covers the skew).
      this.writes = recordWrittenPage(this.writes, { stamp, writtenAt: new Date(writtenAt ?? this.deps.now().getTime()).toISOString() });
    }
    for (const [companyId, failure] of failed) this.skip({ companyId, reasons: [`HubSpot did not take the new values: ${describeFailure(failure)}`] });
    return new Set(written);
  }

  private count(outcome: 'written' | 'unchanged'): void {
    this.totals[outcome] += 1;
    this.totals.recomputed += 1;
  }

  private skip(skipped: SkippedCompany): void {
    this.totals.skipped += 1;
    if (this.skippedIds.length < maxRetryIds && /^\d+$/.test(skipped.companyId)) this.skippedIds.push(skipped.companyId);
    if (this.reported.length < maxReportedSkips) this.reported.push(skipped);
  }

  /**
   * Survey answers could not be read: the company keeps what was written. A failure of this
   * company's answers is retried by the next run; a portal-wide refusal is not (every run would
   * retry every company) — the run remembers the source instead, see sourcesReturned.
   */
  private hold(companyId: string, portalWide: boolean): void {
    this.totals.held += 1;
    if (!portalWide && this.skippedIds.length < maxRetryIds) this.skippedIds.push(companyId);
  }

  /** Sources unavailable in this run so far, including before it was resumed. */
  unavailableSources(): Array<'feedback'> {
    return this.portal.feedbackForbidden || this.run.unavailableSources?.includes('feedback') ? ['feedback'] : [];
  }

  checkpoint(): PendingRun {
    const unavailable = this.unavailableSources();
    return { ...this.run, afterId: this.afterId, totals: { ...this.totals }, skippedIds: this.skippedIds, writes: this.writes, ...(unavailable.length > 0 ? { unavailableSources: unavailable } : {}) };
  }

  summary(extra: { resumed: boolean; interrupted: boolean; apiCalls: number; elapsedMs: number }): SyncSummary {
    return {
      ...this.totals,
      mode: this.run.mode,
      reason: this.run.reason,
      asOf: this.run.asOf,
      dryRun: this.request.dryRun ?? false,
      skippedCompanies: this.reported,
      portalGaps: this.portal.feedbackForbidden
        ? [
            'survey answers were unavailable (HubSpot refused them: the crm.objects.feedback_submissions.read scope or Service Hub Pro is missing), so NPS is left out: ' +
              'cs_company_nps was not changed, companies with an NPS kept their last written score, the others were scored without NPS; ' +
              'once survey answers are readable again the next sync rescans every company',
          ]
        : [],
      unavailableSources: this.unavailableSources(),
      ...extra,
      elapsedMs: Math.round(extra.elapsedMs),
    };
  }
}

const abandoned = Symbol('abandoned');

/** Settles with `abandoned` once the signal aborts (never without a signal). */
function stopOf(signal: AbortSignal | undefined): { promise: Promise<typeof abandoned>; dispose(): void } {
  if (!signal) return { promise: new Promise(() => undefined), dispose: () => undefined };
  let onAbort: () => void = () => undefined;
  const promise = new Promise<typeof abandoned>((resolve) => {
    onAbort = () => {
      resolve(abandoned);
    };
    if (signal.aborted) resolve(abandoned);
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

/** The state after `run` completed: its start is the next incremental run's watermark. */
function completedState(state: SyncState, run: PendingRun, now: Date, overlapMs?: number): SyncState {
  const writes = carriedWrites(state.lastRun?.writes ?? [], run.startedAt, run.writes ?? [], overlapMs);
  const finished = { mode: run.mode, asOf: run.asOf, startedAt: run.startedAt, finishedAt: new Date(now.getTime() + settleMs).toISOString(), writes };
  // An incremental run that still could not read a source keeps the mark of the runs before it.
  const stillMissing = run.unavailableSources ?? [];
  const unavailable = run.mode === 'incremental' && stillMissing.length > 0 ? [...new Set([...(state.unavailableSources ?? []), ...stillMissing])] : stillMissing;
  return {
    version: 1,
    lastRun: finished,
    lastFullRun: run.mode === 'full' ? finished : state.lastFullRun,
    pending: null,
    retryIds: run.skippedIds,
    ...(unavailable.length > 0 ? { unavailableSources: unavailable } : {}),
  };
}

/**
 * Survey answers were unavailable in an earlier run (companies held or scored without NPS) and
 * this run's selection could read them again: every company needs rescoring, not only those
 * whose records changed — the incremental run becomes a full one.
 */
function sourcesReturned(state: SyncState, run: PendingRun, portal: PortalAccess): boolean {
  const missedBefore = state.unavailableSources?.includes('feedback') || run.unavailableSources?.includes('feedback');
  return Boolean(missedBefore) && !portal.feedbackForbidden;
}

function changeOf(company: CrmRecord, next: Readonly<Record<string, string>>): CompanyChange {
  const properties = Object.fromEntries(Object.entries(next).map(([name, to]) => [name, { from: company.properties[name] ?? null, to }]));
  return { companyId: company.id, name: company.properties.name ?? null, properties };
}

/**
 * Fetches the next page as soon as one is handed out: the company search (which has its own,
 * much smaller rate limit) then runs alongside the reads of the page before instead of leaving
 * the portal's request budget idle while it pages. One page of companies more in memory.
 */
async function* prefetched<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = source.next();
      // Surfaces when awaited; until then it must not count as unhandled.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    // Stopped early: the page being fetched must not outlive the run.
    await next.catch(() => undefined);
  }
}

/** Every company in scope, by ascending id after `afterId`, in pages of `pageSize` (search pages of 200). */
async function* fullPages(deps: RecomputeDeps, afterId: string | null, pageSize: number): AsyncGenerator<Page> {
  const properties = requiredProperties(deps.config).company;
  let cursor = afterId;
  let buffer: CrmRecord[] = [];
  let total: number | null = null;
  let unreadable = 0;
  // The first page is one search page: reads start at once instead of after several searches
  // (search has its own, smaller rate limit), and later pages fill while earlier ones are read.
  let size = Math.min(pageSize, searchPageSize);
  do {
    const page = await deps.gateway.search('companies', [[stageFilter(deps.config)]], properties, cursor);
    total ??= page.total;
    unreadable += page.malformed;
    buffer.push(...page.records);
    cursor = page.lastId;
    while (buffer.length >= size || (cursor === null && buffer.length > 0)) {
      const companies = buffer.slice(0, size);
      buffer = buffer.slice(size);
      size = pageSize;
      yield { companies, lastId: companies.at(-1)?.id ?? '0', total, unreadable: malformedCompanies(unreadable) };
      unreadable = 0;
    }
  } while (cursor !== null);
}

function malformedCompanies(count: number): SkippedCompany[] {
  return count === 0 ? [] : [{ companyId: 'unknown', reasons: [`HubSpot returned ${count} companies in an unexpected shape`] }];
}

/** The given company ids after `afterId`, read 100 a call, keeping those in scope. */
async function* idPages(deps: RecomputeDeps, ids: readonly string[], afterId: string | null, pageSize: number): AsyncGenerator<Page> {
  const properties = requiredProperties(deps.config).company;
  const stages = new Set(deps.config.sync.lifecycleStages.map((stage) => stage.toLowerCase()));
  const todo = sortIds(ids).filter((id) => idAfter(id, afterId));
  for (let start = 0; start < todo.length; start += pageSize) {
    const part = todo.slice(start, start + pageSize);
    const { records, failed } = await deps.gateway.read('companies', part, properties);
    const companies = records
      .filter((company) => stages.has((company.properties.lifecyclestage ?? '').trim().toLowerCase()))
      .map((company) => ({ id: company.id, properties: company.properties }));
    const unreadable = [...failed].map(([companyId, failure]) => ({ companyId, reasons: [issueWarning({ source: 'company', kind: 'unavailable', detail: describeFailure(failure) })] }));
    yield { companies: sortById(companies), lastId: part.at(-1) ?? '0', total: start === 0 ? todo.length : null, unreadable };
  }
}

function sortById(companies: readonly CrmRecord[]): CrmRecord[] {
  const byId = new Map(companies.map((company) => [company.id, company]));
  return sortIds(byId.keys()).flatMap((id) => byId.get(id) ?? []);
}
