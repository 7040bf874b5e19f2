import { catalogText } from '../app/cards/i18n/message-error.ts';
import { requiredProperties } from '../domain/card/requirements.ts';
import type { CrmRecord } from '../domain/card/snapshot.ts';
import { historyMayMatter, writebackFor } from '../domain/sync/write-rules.ts';
import type { WrittenWording } from '../domain/sync/written-values.ts';
import { recordWrittenPage, type WrittenPages } from '../domain/sync/watermark.ts';
import { failureMessage } from '../hubspot/failures.ts';
import type { PortalAccess } from '../hubspot/portfolio-gateway.ts';
import type { PendingRun } from '../state/sync-state.ts';
import { portalWording } from './portal-wording.ts';
import { defaultPageSize, type Page, type ReadPage } from './sync-pages.ts';
import type { CompanyChange, RecomputeDeps, SkippedCompany, SyncRequest, SyncSummary, SyncTotals } from './sync.ts';

// One sync run's work: read pages (two in flight), score, write what changed, checkpoint.

const readsInFlight = 2;
/** Companies scored between two turns of the event loop. */
const scoreSlice = 50;
const maxReportedSkips = 100;
const maxRetryIds = 10_000;

/** One run's pages, counters and checkpoint. */
export class SyncJob {
  readonly pageSize: number;
  private readonly totals: SyncTotals;
  private readonly skippedIds: string[];
  private readonly reported: SkippedCompany[] = [];
  private afterId: string | null;
  /** Pages this run wrote, for the next run's change window (domain/sync-watermark.ts). */
  private writes: WrittenPages[];
  private total: number | null = null;
  /** The portal's language, the one the values written before are in (compared in it, written in it). */
  private readonly wording: WrittenWording;

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
    this.wording = portalWording(deps.config);
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
    try {
      for (;;) {
        // A stop does not wait for the pages being read (minutes on a slow portal): they are
        // abandoned, and the checkpoint stays after the last page written, so the next run
        // reads them again. A page being written is finished first (one round of batch updates).
        const page = await unlessStopped(inFlight.shift() ?? Promise.resolve(null), this.request.signal);
        if (page === abandoned) return true;
        if (!page) return false;
        if (this.request.signal?.aborted) return true;
        startRead();
        await this.commit(page);
      }
    } finally {
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
      const writeback = writebackFor(snapshot, this.deps.config, { asOf: this.run.asOf, generatedAt }, this.wording);
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
    for (const [companyId, failure] of failed) this.skip({ companyId, reasons: [{ what: catalogText('sync.skip.notWritten'), detail: failureMessage(failure) }] });
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
      portalGaps: this.portal.feedbackForbidden ? [catalogText('sync.gap.surveyUnavailable')] : [],
      unavailableSources: this.unavailableSources(),
      ...extra,
      elapsedMs: Math.round(extra.elapsedMs),
    };
  }
}

const abandoned = Symbol('abandoned');

/**
 * `reading`'s page, or `abandoned` as soon as the signal aborts. A race of its own per page:
 * racing every page against one long-lived promise (Promise.race) leaves a reaction on it per
 * page that keeps the page's snapshots alive until the run ends, so memory grew with the portfolio.
 */
function unlessStopped<T>(reading: Promise<T>, signal: AbortSignal | undefined): Promise<T | typeof abandoned> {
  if (!signal) return reading;
  if (signal.aborted) return Promise.resolve(abandoned);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      resolve(abandoned);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    reading.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function changeOf(company: CrmRecord, next: Readonly<Record<string, string>>): CompanyChange {
  const properties = Object.fromEntries(Object.entries(next).map(([name, to]) => [name, { from: company.properties[name] ?? null, to }]));
  return { companyId: company.id, name: company.properties.name ?? null, properties };
}
