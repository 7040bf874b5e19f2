import type { Message } from '../app/cards/contract/message.ts';
import type { CsConfig } from '../config/schema.ts';
import type { SkipReason } from '../domain/card/source-issues.ts';
import type { PortalAccess, PortfolioGateway } from '../hubspot/portfolio-gateway.ts';
import type { PendingRun, SyncReason, SyncStateStore } from '../state/sync-state.ts';
import { SyncJob } from './sync-job.ts';
import { fullPages, idPages, prefetched } from './sync-pages.ts';
import { completedState, planRun, sourcesReturned } from './sync-plan.ts';
import { incrementalCandidates } from './sync-selection.ts';
import { parseIsoDate } from '../domain/parsing/index.ts';

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
  /** YYYY-MM-DD; today in the portal's time zone when absent. */
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
  /** Catalog messages, worded in the reader's language where they are shown. */
  readonly reasons: readonly SkipReason[];
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
  /** Why the run is full or incremental: a catalog code (sync.reason.*) and its parameters. */
  readonly reason: SyncReason;
  readonly asOf: string;
  readonly dryRun: boolean;
  readonly resumed: boolean;
  /** Stopped by the signal; the next run continues where this one stopped. */
  readonly interrupted: boolean;
  /** The first skipped companies and why (all of them are counted in `skipped`). */
  readonly skippedCompanies: readonly SkippedCompany[];
  /** Data the portal withholds from every score (e.g. NPS without the feedback scope). */
  readonly portalGaps: readonly Message[];
  /** Sources this run could not read at all; the next run after they return rescans every company. */
  readonly unavailableSources: readonly 'feedback'[];
  readonly apiCalls: number;
  readonly elapsedMs: number;
}


export async function runSync(deps: SyncDeps, request: SyncRequest = {}): Promise<SyncSummary> {
  const started = performance.now();
  const callsBefore = deps.apiCalls();
  const lock = request.dryRun ? null : await deps.store.lock();
  try {
    const state = await deps.store.read();
    const { run, resumed } = planRun(state, request, deps.now(), deps.config.timeZone, deps.config.portalLanguage);
    const retryIds = state.retryIds;
    const portal: PortalAccess = { feedbackForbidden: false };
    const selection = run.mode === 'incremental' && run.watermark ? await incrementalCandidates(deps.gateway, deps.config, run.watermark, run.asOf, retryIds, portal, request.lookBackMs) : null;
    const effective: PendingRun =
      run.mode === 'incremental' && selection === null
        ? { ...run, mode: 'full', reason: { code: 'sync.reason.tooManyChanges', params: {} } }
        : run.mode === 'incremental' && sourcesReturned(state, run, portal)
          ? { ...run, mode: 'full', reason: { code: 'sync.reason.sourcesReturned', params: {} } }
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
  if (parseIsoDate(asOf) === null) throw new RangeError(`asOf must be YYYY-MM-DD, got "${asOf}"`);
  const started = performance.now();
  const callsBefore = deps.apiCalls?.() ?? 0;
  const wanted = [...new Set(ids)].filter((id) => /^\d+$/.test(id));
  const run: PendingRun = {
    mode: 'incremental',
    reason: { code: 'sync.reason.recompute', params: { count: wanted.length } },
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
