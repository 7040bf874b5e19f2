import { sameTimeZone } from '../parsing/index.ts';
import type { ListCondition, ManagerList } from './manager-lists.ts';

// How `cs-card setup --lists` recognises the lists it made, whatever language they were named in,
// and what it does with each (pure: the gateway finds the lists, the use case carries the plan out).
//
// Identity is the NAME: a list of the portal's companies named with one of the catalog's names for
// that list, in any of the catalog's languages, is the one setup made (HubSpot keeps list names
// unique in a portal, and those names are the app's own words). Not the filters: the definition
// changes with the configuration (the customer scope, the thresholds) and with the product, and
// an admin may have built a list of their own with the same filters, which setup must not take.
// Then the filters decide how far setup may go:
//   - the same conditions: at most a rename into the portal's language, and its filters written
//     again when its day ranges count another zone's days than the portal's (a list made before
//     setup knew the portal's time zone, or before the portal's changed);
//   - the same form (the same properties tested the same way) with other values: the values are
//     setup's (the configuration's scope, days, thresholds), so it writes its own, and says so;
//   - another form (conditions added, removed or tested differently, or not a dynamic list of that
//     form at all): someone changed the list in HubSpot, so setup leaves it alone, name and filters,
//     creates no copy, and says what to do. A list renamed by hand is no longer setup's: its name is
//     not found, and setup creates its own list beside it.

/** A list found in the portal under one of a manager list's catalog names (in any language). */
export interface FoundList {
  readonly listId: string;
  readonly name: string;
  /** Its filters read as conditions; null when they are not of the form setup writes (one AND branch of property tests, a dynamic list). */
  readonly conditions: readonly ListCondition[] | null;
  /** The time zones its day ranges count days in (one per time point; none when it has no day range or HubSpot names none). */
  readonly zoneIds?: readonly string[];
}

export type ListPlan =
  | { readonly action: 'create' }
  | { readonly action: 'unchanged'; readonly list: FoundList }
  | { readonly action: 'update'; readonly list: FoundList; readonly rename: boolean; readonly replaceFilters: boolean }
  | { readonly action: 'keep'; readonly list: FoundList };

export interface ListMatch {
  readonly plan: ListPlan;
  /** Further lists found under the list's other catalog names (copies older versions left after a change of language): setup leaves them alone. */
  readonly others: readonly FoundList[];
}

/** HubSpot compares list names without case. */
const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

const conditionForm = (condition: ListCondition): string => `${condition.property}\u0000${condition.test}`;

function conditionValue(condition: ListCondition): string {
  switch (condition.test) {
    case 'any-of':
    case 'none-of':
      return JSON.stringify([...new Set(condition.values)].sort());
    case 'below':
      return String(condition.value);
    case 'within-next-days':
    case 'within-last-days':
      return String(condition.days);
  }
}

const formOf = (conditions: readonly ListCondition[]): string => JSON.stringify(conditions.map(conditionForm).sort());
const definitionOf = (conditions: readonly ListCondition[]): string => JSON.stringify(conditions.map((c) => `${conditionForm(c)}\u0000${conditionValue(c)}`).sort());

/**
 * How a list's filters compare with the wanted conditions: `same` (in any order, values as sets),
 * `values` (the same properties tested the same way, other values), or `other`.
 *
 * @example
 * compareConditions([{ property: 'cs_health_band', test: 'any-of', values: ['at_risk'] }], [{ property: 'cs_health_band', test: 'any-of', values: ['at_risk'] }]) // => 'same'
 * compareConditions([{ property: 'cs_company_nps', test: 'below', value: -20 }], [{ property: 'cs_company_nps', test: 'below', value: 0 }]) // => 'values'
 * compareConditions([{ property: 'cs_company_nps', test: 'below', value: 0 }], [{ property: 'cs_health_band', test: 'any-of', values: ['at_risk'] }]) // => 'other'
 * compareConditions(null, [{ property: 'cs_company_nps', test: 'below', value: 0 }]) // => 'other'
 */
export function compareConditions(found: readonly ListCondition[] | null, wanted: readonly ListCondition[]): 'same' | 'values' | 'other' {
  if (found === null || formOf(found) !== formOf(wanted)) return 'other';
  return definitionOf(found) === definitionOf(wanted) ? 'same' : 'values';
}

/**
 * What setup does for one manager list, given the lists found under its catalog names (in any
 * language; the portal's language first): create it when none is found; otherwise take the one
 * named in the portal's language, else the one with the wanted filters, else the first, and
 * rename it and/or write setup's filters — or leave it alone when its filters were changed by hand.
 *
 * @example
 * planManagerList({ key: 'detractors', name: 'カスタマーサクセス：批判者（会社の NPS が 0 未満）', conditions: [{ property: 'cs_company_nps', test: 'below', value: 0 }] }, []).plan
 * // => { action: 'create' }
 * planManagerList({ key: 'detractors', name: 'カスタマーサクセス：批判者（会社の NPS が 0 未満）', conditions: [{ property: 'cs_company_nps', test: 'below', value: 0 }] }, [{ listId: '101', name: 'Customer success: detractors (company NPS below 0)', conditions: [{ property: 'cs_company_nps', test: 'below', value: 0 }] }]).plan
 * // => { action: 'update', list: { listId: '101', name: 'Customer success: detractors (company NPS below 0)', conditions: [{ property: 'cs_company_nps', test: 'below', value: 0 }] }, rename: true, replaceFilters: false }
 * planManagerList({ key: 'detractors', name: 'Customer success: detractors (company NPS below 0)', conditions: [{ property: 'cs_company_nps', test: 'below', value: 0 }] }, [{ listId: '101', name: 'Customer success: detractors (company NPS below 0)', conditions: [{ property: 'cs_company_nps', test: 'below', value: 0 }] }]).plan.action
 * // => 'unchanged'
 * planManagerList({ key: 'detractors', name: 'Customer success: detractors (company NPS below 0)', conditions: [{ property: 'cs_company_nps', test: 'below', value: 0 }] }, [{ listId: '101', name: 'Customer success: detractors (company NPS below 0)', conditions: [{ property: 'cs_company_nps', test: 'below', value: -20 }] }]).plan.action
 * // => 'update'
 * planManagerList({ key: 'detractors', name: 'Customer success: detractors (company NPS below 0)', conditions: [{ property: 'cs_company_nps', test: 'below', value: 0 }] }, [{ listId: '101', name: 'Customer success: detractors (company NPS below 0)', conditions: null }]).plan.action
 * // => 'keep'
 * planManagerList({ key: 'churned', name: 'Churned', conditions: [{ property: 'cs_lifecycle_since', test: 'within-last-days', days: 90 }] }, [{ listId: '102', name: 'Churned', conditions: [{ property: 'cs_lifecycle_since', test: 'within-last-days', days: 90 }], zoneIds: ['UTC', 'UTC'] }], 'Europe/Warsaw').plan
 * // => { action: 'update', list: { listId: '102', name: 'Churned', conditions: [{ property: 'cs_lifecycle_since', test: 'within-last-days', days: 90 }], zoneIds: ['UTC', 'UTC'] }, rename: false, replaceFilters: true }
 */
export function planManagerList(wanted: ManagerList, found: readonly FoundList[], zoneId?: string): ListMatch {
  const chosen =
    found.find((list) => sameName(list.name, wanted.name)) ??
    found.find((list) => compareConditions(list.conditions, wanted.conditions) === 'same') ??
    found[0];
  if (!chosen) return { plan: { action: 'create' }, others: [] };
  const others = found.filter((list) => list.listId !== chosen.listId);
  const filters = compareConditions(chosen.conditions, wanted.conditions);
  if (filters === 'other') return { plan: { action: 'keep', list: chosen }, others };
  const rename = chosen.name !== wanted.name;
  const otherZone = zoneId !== undefined && (chosen.zoneIds ?? []).some((listZone) => !sameTimeZone(listZone, zoneId));
  const replaceFilters = filters === 'values' || otherZone;
  if (!rename && !replaceFilters) return { plan: { action: 'unchanged', list: chosen }, others };
  return { plan: { action: 'update', list: chosen, rename, replaceFilters }, others };
}
