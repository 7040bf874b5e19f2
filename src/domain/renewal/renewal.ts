import type { CsConfig } from '../../config/schema.ts';
import { parseDay, type Day } from '../parsing/index.ts';
import type { Deal } from './deals.ts';
import { churnDay } from './churn.ts';
import { latestDecisions } from './decisions.ts';
import { numberOf } from '../parsing/index.ts';
import type { PropertyValues } from '../card/snapshot.ts';
import type { RenewalStatus, RenewalWindow } from '../../app/cards/contract/view-model.ts';
import { message, type Message } from '../../app/cards/contract/message.ts';
import { plural } from '../card/wording.ts';

// The renewal (DESIGN.md "Card view model"): the earliest open renewal deal, else the
// configured company date property. Days count calendar days from the as-of date.

export type RenewalSource = 'renewal_deal' | 'company_property' | 'contract_term';

export interface RenewalOutcome {
  readonly result: 'won' | 'lost';
  readonly day: Day;
  readonly dealId: string;
}

export interface StaleRenewalDeal {
  readonly dealId: string;
  readonly day: Day;
}

export interface RenewalFacts {
  readonly day: Day | null;
  readonly daysToRenewal: number | null;
  readonly window: RenewalWindow | null;
  readonly amount: number | null;
  readonly currency: string | null;
  readonly dealId: string | null;
  readonly dealName: string | null;
  readonly stage: string | null;
  readonly probability: number | null;
  /** Where the date comes from: the open renewal deal, the company's contract end property, or the last won contract deal + its term. */
  readonly source: RenewalSource | null;
  /** open: an open renewal deal drives it; renewed: the last renewal was won and its contract runs; lost: churned; none: no renewal deal (yet). */
  readonly status: RenewalStatus;
  /** The latest won or lost renewal deal closed by the as-of day. */
  readonly lastOutcome: RenewalOutcome | null;
  /** Open renewal deals far past their close date while a later open renewal exists: they do not drive the window. */
  readonly staleDeals: readonly StaleRenewalDeal[];
  /** The contract ended and no open renewal deal is on record. */
  readonly lapsed: boolean;
  /** The day the customer churned (churn.ts churnedSince: the lost renewal that was the last word), or null. */
  readonly churnedSince: Day | null;
  /** Open renewal deals whose close date has passed. */
  readonly overdueOpenDeals: number;
  /** Open renewal deals without a valid close date (they cannot be placed). */
  readonly undatedOpenDeals: number;
}

export interface ContractEnd {
  readonly day: Day | null;
  readonly source: 'company_property' | 'deals' | null;
}

/**
 * Whether a contract lapsed (issue 19 "Outcomes": it ended with no renewal deal on record): its end is
 * before the as-of day and no renewal deal is open, dated or not. The card's renewal facts and the
 * managers' book (portfolio-book.ts, on the date sync wrote) both ask this.
 *
 * @example
 * contractLapsed(10, 20, false) // => true
 * contractLapsed(10, 20, true)  // => false
 * contractLapsed(20, 20, false) // => false
 */
export function contractLapsed(endDay: Day, asOf: Day, renewalOpen: boolean): boolean {
  return endDay < asOf && !renewalOpen;
}

/**
 * The 90/60/30-day window a renewal so many days away falls in (negative: overdue).
 *
 * @example
 * renewalWindow(-3) // => 'overdue'
 * renewalWindow(30) // => 'd30'
 * renewalWindow(47) // => 'd60'
 * renewalWindow(91) // => 'later'
 */
export function renewalWindow(daysToRenewal: number): RenewalWindow {
  if (daysToRenewal < 0) return 'overdue';
  if (daysToRenewal <= 30) return 'd30';
  if (daysToRenewal <= 60) return 'd60';
  if (daysToRenewal <= 90) return 'd90';
  return 'later';
}

/**
 * The renewal and its outcome (DESIGN.md "Renewal"; issue 19 "Outcomes", "Stale open renewal
 * deals"). The earliest open renewal deal that is not stale drives the date; without one, a won
 * renewal has rolled the contract forward one term (status renewed, the next renewal estimated
 * at the contract's end), a lost renewal that is the last word is churn (status lost, churn.ts
 * churnedSince), and otherwise the contract's end (company property, else the won deals
 * + term) is the date; a contract end in the past with no open renewal deal is lapsed.
 *
 * @example
 * // Renewal won 3 days ago, contract end property a year stale: renewed, next renewal one term on.
 * renewalFacts(readDeals([renewal won at -3]), { day: +362, source: 'company_property' }, {}, config, asOf)
 * // { status: 'renewed', window: 'later', lastOutcome: { result: 'won', day: -3, ... }, lapsed: false, churnedSince: null }
 */
export function renewalFacts(deals: readonly Deal[], contract: ContractEnd, company: PropertyValues, config: CsConfig, asOf: Day): RenewalFacts {
  let overdueOpenDeals = 0;
  let undatedOpenDeals = 0;
  let latestOpen: Day | null = null;
  for (const deal of deals) {
    const day = deal.closeDay;
    if (!deal.renewal || !deal.open) continue;
    if (day === null) undatedOpenDeals++;
    else {
      if (day < asOf) overdueOpenDeals++;
      if (latestOpen === null || day > latestOpen) latestOpen = day;
    }
  }
  // The latest renewal decided and contract won by the as-of day: the search churnedSince reads too (decisions.ts).
  const { outcome: lastOutcome, wonContract: lastWonContract } = latestDecisions(deals, asOf);
  const staleBefore = asOf - config.renewal.staleOpenDealDays;
  let next: Deal | null = null;
  let staleDeals: StaleRenewalDeal[] | null = null;
  for (const deal of deals) {
    if (!deal.renewal || !deal.open || deal.closeDay === null) continue;
    if (deal.closeDay < staleBefore && latestOpen !== null && latestOpen > deal.closeDay) {
      (staleDeals ??= []).push({ dealId: deal.id, day: deal.closeDay });
      continue;
    }
    if (next === null || (next.closeDay ?? 0) > deal.closeDay || (next.closeDay === deal.closeDay && next.id > deal.id)) next = deal;
  }
  const outcome: RenewalOutcome | null = lastOutcome === null ? null : { result: lastOutcome.won ? 'won' : 'lost', day: lastOutcome.closeDay ?? 0, dealId: lastOutcome.id };
  const stale = staleDeals ?? noStaleDeals;
  if (next !== null && next.closeDay !== null) {
    const daysToRenewal = next.closeDay - asOf;
    return {
      day: next.closeDay,
      daysToRenewal,
      window: renewalWindow(daysToRenewal),
      amount: next.amount,
      currency: next.currency ?? config.currency,
      dealId: next.id,
      dealName: next.name,
      stage: next.stage,
      probability: next.probability,
      source: 'renewal_deal',
      status: 'open',
      lapsed: false,
      churnedSince: null,
      lastOutcome: outcome,
      staleDeals: stale,
      overdueOpenDeals,
      undatedOpenDeals,
    };
  }
  const anyOpen = latestOpen !== null || undatedOpenDeals > 0;
  // churnedSince, from the latest decision and won contract found above (no renewal open: checked here already).
  const churned = anyOpen ? null : churnDay(deals, lastOutcome, lastWonContract?.closeDay ?? null);
  if (churned !== null) return withoutDate('lost', churned, outcome, stale, overdueOpenDeals, undatedOpenDeals);
  const { companyDateProperty, companyAmountProperty } = config.renewal;
  const propertyDay = companyDateProperty === null ? null : parseDay(company[companyDateProperty]);
  const day = contract.day;
  if (day === null) return withoutDate('none', null, outcome, stale, overdueOpenDeals, undatedOpenDeals);
  const source: RenewalSource = contract.source === 'company_property' && day === propertyDay ? 'company_property' : 'contract_term';
  const propertyAmount = companyAmountProperty === null ? null : numberOf(company, companyAmountProperty);
  const amount = propertyAmount ?? (source === 'contract_term' ? (lastWonContract?.amount ?? null) : null);
  const renewed = outcome !== null && outcome.result === 'won' && day >= asOf;
  return {
    day,
    daysToRenewal: day - asOf,
    window: renewalWindow(day - asOf),
    amount,
    currency: source === 'company_property' || propertyAmount !== null ? config.currency : (lastWonContract?.currency ?? config.currency),
    dealId: null,
    dealName: null,
    stage: null,
    probability: null,
    source,
    status: renewed ? 'renewed' : 'none',
    lapsed: contractLapsed(day, asOf, anyOpen),
    churnedSince: null,
    lastOutcome: outcome,
    staleDeals: stale,
    overdueOpenDeals,
    undatedOpenDeals,
  };
}

const noStaleDeals: readonly StaleRenewalDeal[] = [];

/** The facts when no renewal date is known: churned (lost) or no renewal yet (none). One literal, not spreads: this runs for every company. */
function withoutDate(
  status: 'lost' | 'none',
  churnedSince: Day | null,
  lastOutcome: RenewalOutcome | null,
  staleDeals: readonly StaleRenewalDeal[],
  overdueOpenDeals: number,
  undatedOpenDeals: number,
): RenewalFacts {
  return {
    day: null,
    daysToRenewal: null,
    window: null,
    amount: null,
    currency: null,
    dealId: null,
    dealName: null,
    stage: null,
    probability: null,
    source: null,
    status,
    lapsed: false,
    churnedSince,
    lastOutcome,
    staleDeals,
    overdueOpenDeals,
    undatedOpenDeals,
  };
}

/**
 * The card's note about open renewal deals left out for want of a close date.
 *
 * @example
 * renewalWarnings({ undatedOpenDeals: 2 }) // => ['2 open renewal deals ignored: no valid close date']
 * renewalWarnings({ undatedOpenDeals: 0 }) // => []
 */
export function renewalWarnings(facts: RenewalFacts): string[] {
  return facts.undatedOpenDeals > 0 ? [`${plural(facts.undatedOpenDeals, 'open renewal deal')} ignored: no valid close date`] : [];
}

/**
 * renewalWarnings as catalog messages.
 *
 * @example
 * renewalWarningMessages({ undatedOpenDeals: 1 }) // => [{ code: 'warning.renewalUndated', params: { count: 1 } }]
 */
export function renewalWarningMessages(facts: RenewalFacts): Message[] {
  return facts.undatedOpenDeals > 0 ? [message('warning.renewalUndated', { count: facts.undatedOpenDeals })] : [];
}
