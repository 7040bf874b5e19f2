import { csProperty } from '../domain/property-names.ts';
import type { CsConfig } from '../config/schema.ts';
import { msPerDay } from '../domain/parsing/index.ts';
import { dateDrivenSelection } from '../domain/sync/write-rules.ts';
import { scopeFilter } from '../domain/sync/scope.ts';
import { healthUpdatedAtProperty } from '../domain/properties.ts';
import { changeWindow, searchLagOverlapMs, type Watermark } from '../domain/sync/watermark.ts';
import { HubSpotError } from '../hubspot/failures.ts';
import type { Filter, PortalAccess, PortfolioGateway, PortfolioObjectType } from '../hubspot/portfolio-gateway.ts';

// Which companies an incremental sync recomputes: those whose inputs changed since the last
// run (found by searching each input object type by last-modified time and following the
// associations to companies), those the passing days moved (renewal window, trend horizon),
// and those the last run had to skip. Every search costs one call per 200 hits, so a portfolio
// where nothing changed costs a handful of calls whatever its size.

export type { Watermark } from '../domain/sync/watermark.ts';

/** More changed records than this and a full pass is cheaper than following every association. */
export const maxIncrementalCandidates = 50_000;



function modifiedProperty(type: PortfolioObjectType): string {
  // Contacts keep HubSpot's legacy name for it.
  return type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate';
}

class TooManyChanges extends Error {}

/** Every id the search finds, walking pages by ascending id. */
async function searchIds(gateway: PortfolioGateway, type: PortfolioObjectType, filterGroups: ReadonlyArray<readonly Filter[]>): Promise<string[]> {
  const ids: string[] = [];
  let afterId: string | null = null;
  do {
    const page = await gateway.search(type, filterGroups, ['hs_object_id'], afterId);
    ids.push(...page.records.map((record) => record.id));
    if (ids.length > maxIncrementalCandidates) throw new TooManyChanges();
    afterId = page.lastId;
  } while (afterId !== null);
  return ids;
}

async function companiesOf(gateway: PortfolioGateway, type: PortfolioObjectType, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { byId, failed } = await gateway.associations(type, 'companies', ids);
  if (failed.size > 0) throw new SelectionError(`the companies of ${failed.size} changed ${type} could not be read`);
  return [...byId.values()].flat();
}

/** The changed records' companies could not be read (a failure: exit 1, as any error not marked as usage). */
export class SelectionError extends Error {}

/** Changed-input company ids, ascending; null when so much changed that a full pass is the cheaper way. */
export async function incrementalCandidates(
  gateway: PortfolioGateway,
  config: CsConfig,
  watermark: Watermark,
  asOf: string,
  retryIds: readonly string[],
  portal: PortalAccess = { feedbackForbidden: false },
  lookBackMs: number = searchLagOverlapMs,
): Promise<string[] | null> {
  // Looks back past the last run's start (search lags writes); companies the last run wrote count
  // only if changed after their page was written (domain/sync-watermark.ts).
  const window = changeWindow(watermark, lookBackMs);
  const since = String(window.changedAfterMs);
  const stampBefore = String(window.stampBeforeMs);
  const changedSince = (type: PortfolioObjectType): Filter => ({ propertyName: modifiedProperty(type), operator: 'GT', value: since });
  const stage = scopeFilter(config);
  const pageGroups = window.pages.map((page): Filter[] => [
    ...(page.stampFromMs === page.stampToMs
      ? [{ propertyName: healthUpdatedAtProperty, operator: 'EQ' as const, value: String(page.stampFromMs) }]
      : [{ propertyName: healthUpdatedAtProperty, operator: 'GTE' as const, value: String(page.stampFromMs) }, { propertyName: healthUpdatedAtProperty, operator: 'LTE' as const, value: String(page.stampToMs) }]),
    { propertyName: 'hs_lastmodifieddate', operator: 'GT', value: String(page.changedAfterMs) },
  ]);
  try {
    const moved = dateDrivenSelection(watermark.asOf, asOf, config.health.trendDays);
    const between = (propertyName: string, from: number, to: number): Filter[] => [
      stage,
      { propertyName, operator: 'GTE', value: String(from) },
      { propertyName, operator: 'LT', value: String(to) },
    ];
    // Searches take at most 5 filter groups and 25 filters (each group also gets the id keyset).
    const found = await Promise.all([
      // Company inputs: modified since the last run started, except by that run's own write
      // (its stamp is newer than the watermark) unless modified again after it finished; and
      // companies whose last score change just crossed the trend horizon.
      searchIds(gateway, 'companies', [
        [stage, changedSince('companies'), { propertyName: healthUpdatedAtProperty, operator: 'LT', value: stampBefore }],
        [stage, changedSince('companies'), { propertyName: healthUpdatedAtProperty, operator: 'NOT_HAS_PROPERTY' }],
        [stage, { propertyName: 'hs_lastmodifieddate', operator: 'GT', value: String(window.finishedAfterMs) }],
        ...(moved ? [between(healthUpdatedAtProperty, ...moved.changedBetweenMs)] : []),
      ]),
      // Companies the last run wrote and someone changed after that write, five pages a search.
      ...chunked(pageGroups, 5).map((groups) => searchIds(gateway, 'companies', groups)),
      // Renewal dates that crossed a 90/60/30/0-day boundary.
      moved ? searchIds(gateway, 'companies', moved.renewalDays.map(([from, to]) => between(csProperty.renewalDate, from * msPerDay, to * msPerDay))) : [],
      ...(['deals', 'tickets', 'contacts', 'tasks'] as const).map(async (type) => companiesOf(gateway, type, await searchIds(gateway, type, [[changedSince(type)]]))),
      changedSurveyCompanies(gateway, [[changedSince('feedback_submissions')]], portal),
    ]);
    const candidates = new Set([...found.flat(), ...retryIds]);
    return candidates.size > maxIncrementalCandidates ? null : sortIds(candidates);
  } catch (error) {
    if (error instanceof TooManyChanges) return null;
    throw error;
  }
}

/**
 * Companies with new survey answers. A portal without Service Hub (or without the scope)
 * refuses them with 403: that is no reason to stop the sync, only to score without NPS — the
 * run learns it here and reads no survey answers for its companies either.
 */
async function changedSurveyCompanies(gateway: PortfolioGateway, filterGroups: ReadonlyArray<readonly Filter[]>, portal: PortalAccess): Promise<string[]> {
  if (portal.feedbackForbidden) return [];
  let ids: string[];
  try {
    ids = await searchIds(gateway, 'feedback_submissions', filterGroups);
  } catch (error) {
    if (error instanceof HubSpotError && error.failure.kind === 'forbidden') {
      portal.feedbackForbidden = true;
      return [];
    }
    throw error;
  }
  if (ids.length === 0) return [];
  const { byId, failed } = await gateway.associations('feedback_submissions', 'contacts', ids);
  if ([...failed.values()].some((failure) => failure.kind === 'forbidden')) {
    portal.feedbackForbidden = true;
    return [];
  }
  if (failed.size > 0) throw new SelectionError(`the contacts of ${failed.size} new survey answers could not be read`);
  return companiesOf(gateway, 'contacts', [...new Set([...byId.values()].flat())]);
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** HubSpot ids are decimal strings of varying length: order by number, not by text. */
export function sortIds(ids: Iterable<string>): string[] {
  return [...ids].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether `id` comes after `afterId` in that order. */
export function idAfter(id: string, afterId: string | null): boolean {
  return afterId === null || id.length > afterId.length || (id.length === afterId.length && id > afterId);
}
