import type { CsConfig } from '../../config/schema.ts';
import { addMonths, lastDay, parseDay, type Day } from '../parsing/index.ts';
import type { PropertyValues } from '../card/snapshot.ts';

// Renewal vs expansion (DESIGN.md "Renewal"; issue 19 "Renewal vs expansion"). A deal is a
// renewal when it is in a configured renewal pipeline or of a configured renewal type, or — the
// default, for portals that use HubSpot's plain `existingbusiness` for both — an existing-
// business deal closing within `contractEndDistanceDays` (default 60) of the contract's end.
// Other existing-business deals are expansion (upsell / cross-sell): never "the renewal", never
// a churn, expansion in the KPIs.
//
// The contract's end:
// - with the configured company date property (contract_end_date): that day and its
//   anniversaries one contract term apart (a stale date still names the anniversary: a renewal
//   won near it rolls the contract to the next one);
// - else from the deals, in close-date order: the first won new-business deal starts a contract
//   that ends one term later; a renewal won near the end rolls it forward one term; a deal
//   closing well after the end (a year without a renewal deal) moves the end on by whole terms;
//   with no new-business deal at all, the first existing-business deal is taken as the renewal
//   of a contract ending on its close day.
// A won contract deal's term is its own contract term property (months, `contractTermProperty`)
// when filled, else `contractTermMonths` (default 12).

export type DealKind = 'new_business' | 'renewal' | 'expansion' | 'other';

/** What a deal's pipeline and type say before its close date is looked at. */
export type DealBasis = 'renewal' | 'new_business' | 'existing_business' | 'other';

export interface DealToClassify {
  readonly id: string;
  readonly basis: DealBasis;
  readonly closeDay: Day | null;
  readonly won: boolean;
  /** The deal's own contract term in months, or null for the default term. */
  readonly termMonths: number | null;
}

export interface ContractTerms {
  /** The company's contract end date property, or null. */
  readonly endDay: Day | null;
  readonly termMonths: number;
  readonly distanceDays: number;
}

export interface DealClassification {
  /** One kind per input deal, in input order. */
  readonly kinds: DealKind[];
  /**
   * The end of the contract in force after the deals (a won renewal rolled it forward), or null
   * when neither the company property nor a won contract deal names one.
   */
  readonly contractEnd: Day | null;
  readonly contractEndSource: 'company_property' | 'deals' | null;
}

/**
 * The contract terms of a company: its contract end date property, the default term and the renewal distance.
 *
 * @example
 * contractTerms({ contract_end_date: '2027-03-31' }, defaultConfig.renewal) // => { endDay: parseIsoDate('2027-03-31'), termMonths: 12, distanceDays: 60 }
 * contractTerms({}, defaultConfig.renewal).endDay // => null
 */
export function contractTerms(company: PropertyValues, config: CsConfig['renewal']): ContractTerms {
  const endDay = config.companyDateProperty === null ? null : parseDay(company[config.companyDateProperty]);
  return { endDay, termMonths: config.contractTermMonths, distanceDays: config.contractEndDistanceDays };
}

/**
 * A contract term in whole months (1..120) from a property value, or null.
 *
 * @example
 * termMonthsOf(24)  // => 24
 * termMonthsOf(0)   // => null
 * termMonthsOf(1.5) // => null
 */
export function termMonthsOf(value: number | null): number | null {
  return value !== null && Number.isInteger(value) && value >= 1 && value <= 120 ? value : null;
}

/**
 * Whether a won deal of this kind signs a contract: new business or a renewal. Only such a deal starts a contract or
 * wins a churned customer back (churn.ts churnedSince, the card's lifecycle, and the contract in force of the book
 * and the period report, portfolio/contract-in-force.ts); an expansion adds to a contract in force and renews none.
 *
 * @example
 * signsContract('renewal')   // => true
 * signsContract('expansion') // => false
 */
export function signsContract(kind: DealKind): boolean {
  return kind === 'new_business' || kind === 'renewal';
}

/**
 * Tells renewals from expansion (see the rules above).
 *
 * @example
 * // New business won 2025-03-01 (12-month contract ending 2026-03-01), an upsell closing
 * // 2025-12-10 and the renewal closing 2026-02-20, both existing business:
 * classifyDeals(
 *   [
 *     { id: 'nb', basis: 'new_business', closeDay: parseDay('2025-03-01'), won: true, termMonths: null },
 *     { id: 'up', basis: 'existing_business', closeDay: parseDay('2025-12-10'), won: false, termMonths: null },
 *     { id: 'rn', basis: 'existing_business', closeDay: parseDay('2026-02-20'), won: false, termMonths: null },
 *   ],
 *   { endDay: null, termMonths: 12, distanceDays: 60 },
 * ) // { kinds: ['new_business', 'expansion', 'renewal'], contractEnd: day of 2026-03-01, contractEndSource: 'deals' }
 */
export function classifyDeals(deals: readonly DealToClassify[], terms: ContractTerms): DealClassification {
  const kinds = new Array<DealKind>(deals.length);
  let needsDates = false;
  for (let i = 0; i < deals.length; i++) {
    const deal = deals[i] as DealToClassify;
    const basis = deal.basis;
    kinds[i] = basis === 'existing_business' ? 'renewal' : basis;
    // A won contract deal names the contract's end (its close day + the term) even with no renewal deal yet.
    needsDates ||= basis === 'existing_business' || basis === 'renewal' || (basis === 'new_business' && deal.won);
  }
  if (!needsDates && terms.endDay === null) return { kinds, contractEnd: null, contractEndSource: null };
  const order = datedOrder(deals);
  const classified = terms.endDay === null ? fromDeals(deals, order, kinds, terms) : fromProperty(deals, order, kinds, terms, terms.endDay);
  // A contract rolled past 9999-12-31 (a placeholder close date such as 9999-12-31 plus a term)
  // has no date to name: its end is unknown, not a made-up year 10000.
  return classified.contractEnd !== null && classified.contractEnd > lastDay ? { kinds, contractEnd: null, contractEndSource: null } : classified;
}

/** Indexes of the dated deals by close day (then id, then input order): the walk's order. (Insertion sort: a company has a handful of deals.) */
function datedOrder(deals: readonly DealToClassify[]): number[] {
  const order: number[] = [];
  for (let i = 0; i < deals.length; i++) {
    const deal = deals[i] as DealToClassify;
    if (deal.closeDay === null) continue;
    let k = order.length - 1;
    for (; k >= 0 && comesAfter(deals[order[k] ?? 0] as DealToClassify, deal); k--) order[k + 1] = order[k] ?? 0;
    order[k + 1] = i;
  }
  return order;
}

/** Whether dated deal `a` comes after `b` in the walk (b listed after a: equal keys keep input order). */
function comesAfter(a: DealToClassify, b: DealToClassify): boolean {
  const x = a.closeDay ?? 0;
  const y = b.closeDay ?? 0;
  return x !== y ? x > y : a.id > b.id;
}

/** The contract end walked from the deals. Undated existing-business deals stay renewals (they cannot be placed; the card warns). */
function fromDeals(deals: readonly DealToClassify[], order: readonly number[], kinds: DealKind[], terms: ContractTerms): DealClassification {
  const { distanceDays } = terms;
  let end: Day | null = null;
  // Only a won contract deal names a contract's end; an open or lost first deal only places the walk.
  let signed = false;
  let termMonths = terms.termMonths;
  for (const i of order) {
    const deal = deals[i] as DealToClassify;
    const day = deal.closeDay ?? 0;
    if (deal.basis === 'new_business') {
      if (deal.won && !signed) {
        termMonths = deal.termMonths ?? terms.termMonths;
        end = addMonths(day, termMonths);
        signed = true;
      }
      continue;
    }
    if (deal.basis === 'other') continue;
    if (end === null) {
      // No contract known yet: this deal is the renewal of a contract ending on its close day.
      kinds[i] = 'renewal';
      if (deal.won) termMonths = deal.termMonths ?? terms.termMonths;
      end = deal.won ? addMonths(day, termMonths) : day;
      signed ||= deal.won;
      continue;
    }
    // A year (or more) without any renewal deal: the contract's end moved on by whole terms.
    let candidate: Day = end;
    while (day > candidate + distanceDays) candidate = addMonths(candidate, termMonths);
    const near = Math.abs(day - candidate) <= distanceDays;
    if (deal.basis === 'existing_business') kinds[i] = near ? 'renewal' : 'expansion';
    if (kinds[i] !== 'renewal') continue;
    if (deal.won) termMonths = deal.termMonths ?? terms.termMonths;
    end = deal.won ? addMonths(near ? candidate : day, termMonths) : candidate;
    signed ||= deal.won;
  }
  return signed ? { kinds, contractEnd: end, contractEndSource: 'deals' } : { kinds, contractEnd: null, contractEndSource: null };
}

/** The contract ends on the property's day and its anniversaries; the latest won renewal rolls the end past it. */
function fromProperty(deals: readonly DealToClassify[], order: readonly number[], kinds: DealKind[], terms: ContractTerms, endDay: Day): DealClassification {
  const { termMonths, distanceDays } = terms;
  // Anniversaries before the customer's first contract started are no contract's end.
  let started: Day | null = null;
  for (const i of order) {
    const deal = deals[i] as DealToClassify;
    if (deal.basis === 'new_business' && deal.won) {
      started = deal.closeDay;
      break;
    }
  }
  let end = endDay;
  for (const i of order) {
    const deal = deals[i] as DealToClassify;
    if (deal.basis !== 'existing_business' && deal.basis !== 'renewal') continue;
    const day = deal.closeDay ?? 0;
    const anniversary = nearestAnniversary(endDay, termMonths, day);
    const near = Math.abs(day - anniversary) <= distanceDays && (started === null || anniversary > started + distanceDays);
    if (deal.basis === 'existing_business') kinds[i] = near ? 'renewal' : 'expansion';
    if (deal.won && kinds[i] === 'renewal') {
      const next = addMonths(near ? anniversary : day, deal.termMonths ?? termMonths);
      if (next > end) end = next;
    }
  }
  return { kinds, contractEnd: end, contractEndSource: 'company_property' };
}

/** The anniversary of `endDay` (whole terms before or after it) nearest to `day`. */
function nearestAnniversary(endDay: Day, termMonths: number, day: Day): Day {
  const approxTerms = Math.round((day - endDay) / (termMonths * 30.436875));
  let best = addMonths(endDay, approxTerms * termMonths);
  // Anniversaries one term apart are at least 28 x termMonths - 3 days apart (a short month,
  // a clamped day): within 12 days a month of `day`, the ones either side are farther.
  if (Math.abs(best - day) < 12 * termMonths) return best;
  // The terms either side: the rounding may be one off; ties keep the earlier candidate.
  const before = addMonths(endDay, (approxTerms - 1) * termMonths);
  if (Math.abs(before - day) < Math.abs(best - day)) best = before;
  const after = addMonths(endDay, (approxTerms + 1) * termMonths);
  if (Math.abs(after - day) < Math.abs(best - day)) best = after;
  return best;
}
