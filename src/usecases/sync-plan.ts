import { dayZone, todayIn } from '../domain/parsing/index.ts';
import { fullSyncDue } from '../domain/sync/write-rules.ts';
import { carriedWrites } from '../domain/sync/watermark.ts';
import type { PortalAccess } from '../hubspot/portfolio-gateway.ts';
import type { PendingRun, SyncReason, SyncState } from '../state/sync-state.ts';
import type { Watermark } from './sync-selection.ts';
import type { SyncRequest } from './sync.ts';

// What a sync run is (full or incremental, resumed or fresh) and the state it leaves behind.

export const defaultFullEveryDays = 7;
/** finishedAt is stamped a little after the last write, so HubSpot's clock running slightly ahead does not re-select our own writes. */
const settleMs = 2_000;

export interface Plan {
  readonly run: PendingRun;
  readonly resumed: boolean;
}

/** The language written texts are in when nothing says otherwise: what every version before portalLanguage wrote. */
const defaultLanguage = 'en';

/** `language`: the configured portal language (config portalLanguage), the one this run writes in. */
export function planRun(state: SyncState, request: SyncRequest, now: Date, timeZone = 'UTC', language: string = defaultLanguage): Plan {
  const asOf = request.asOf ?? todayIn(dayZone(timeZone), now.getTime());
  const pending = state.pending;
  // A run is resumed in the language it started in: its first pages are written in it.
  if (!request.dryRun && pending && pending.asOf === asOf && (!request.full || pending.mode === 'full') && (pending.portalLanguage ?? defaultLanguage) === language) {
    return { run: pending, resumed: true };
  }
  const fresh = (mode: 'full' | 'incremental', reason: SyncReason, watermark: Watermark | null): Plan => ({
    run: { mode, reason, asOf, startedAt: now.toISOString(), watermark, afterId: null, totals: {}, skippedIds: [], ...(language === defaultLanguage ? {} : { portalLanguage: language }) },
    resumed: false,
  });
  const last = state.lastRun;
  if (request.full) return fresh('full', { code: 'sync.reason.requested', params: {} }, null);
  if (last === null) return fresh('full', { code: 'sync.reason.firstSync', params: {} }, null);
  const written = state.portalLanguage ?? defaultLanguage;
  // The texts written before are in another language: every company's are rewritten once.
  if (written !== language) return fresh('full', { code: 'sync.reason.languageChanged', params: { from: written, to: language } }, null);
  const fullEveryDays = request.fullEveryDays ?? defaultFullEveryDays;
  if (fullSyncDue(state.lastFullRun?.asOf ?? null, asOf, fullEveryDays)) {
    return fresh('full', { code: 'sync.reason.fullDue', params: { days: fullEveryDays } }, null);
  }
  return fresh('incremental', { code: 'sync.reason.changesSince', params: { since: last.startedAt } }, { startedAt: last.startedAt, finishedAt: last.finishedAt, asOf: last.asOf, ...(last.writes ? { writes: last.writes } : {}) });
}

/** The state after `run` completed: its start is the next incremental run's watermark. */
export function completedState(state: SyncState, run: PendingRun, now: Date, overlapMs?: number): SyncState {
  const writes = carriedWrites(state.lastRun?.writes ?? [], run.startedAt, run.writes ?? [], overlapMs);
  const finished = { mode: run.mode, asOf: run.asOf, startedAt: run.startedAt, finishedAt: new Date(now.getTime() + settleMs).toISOString(), writes };
  // An incremental run that still could not read a source keeps the mark of the runs before it.
  const stillMissing = run.unavailableSources ?? [];
  const unavailable = run.mode === 'incremental' && stillMissing.length > 0 ? [...new Set([...(state.unavailableSources ?? []), ...stillMissing])] : stillMissing;
  // A full run rewrote every company's texts in its language; an incremental one only some.
  const language = run.mode === 'full' ? run.portalLanguage : state.portalLanguage;
  return {
    version: 1,
    lastRun: finished,
    lastFullRun: run.mode === 'full' ? finished : state.lastFullRun,
    pending: null,
    retryIds: run.skippedIds,
    ...(unavailable.length > 0 ? { unavailableSources: unavailable } : {}),
    ...(language === undefined || language === defaultLanguage ? {} : { portalLanguage: language }),
  };
}

/**
 * Survey answers were unavailable in an earlier run (companies held or scored without NPS) and
 * this run's selection could read them again: every company needs rescoring, not only those
 * whose records changed — the incremental run becomes a full one.
 */
export function sourcesReturned(state: SyncState, run: PendingRun, portal: PortalAccess): boolean {
  const missedBefore = state.unavailableSources?.includes('feedback') || run.unavailableSources?.includes('feedback');
  return Boolean(missedBefore) && !portal.feedbackForbidden;
}
