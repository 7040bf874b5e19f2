import type { CsConfig } from '../config/schema.ts';
import { formatDay, parseDay, type Day } from './dates.ts';
import type { Deal } from './deals.ts';
import { noData, scored, sourceError, type FactorResult } from './factor.ts';
import { numberOf } from './property-values.ts';
import type { PropertyValues } from './snapshot.ts';
import type { RenewalWindow } from './view-model.ts';
import { plural } from './wording.ts';

// The renewal (DESIGN.md "Card view model"): the earliest open renewal deal, else the
// configured company date property. Days count calendar days from the as-of date.

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
  readonly source: 'renewal_deal' | 'company_property' | null;
  /** Open renewal deals whose close date has passed. */
  readonly overdueOpenDeals: number;
  /** Open renewal deals without a valid close date (they cannot be placed). */
  readonly undatedOpenDeals: number;
}

/** How much deal progress is assumed when nothing records it. */
const unknownProbability = 0.5;

export function renewalWindow(daysToRenewal: number): RenewalWindow {
  if (daysToRenewal < 0) return 'overdue';
  if (daysToRenewal <= 30) return 'd30';
  if (daysToRenewal <= 60) return 'd60';
  if (daysToRenewal <= 90) return 'd90';
  return 'later';
}

export function renewalFacts(deals: readonly Deal[], company: PropertyValues, config: CsConfig, asOf: Day): RenewalFacts {
  let next: Deal | null = null;
  let overdueOpenDeals = 0;
  let undatedOpenDeals = 0;
  for (const deal of deals) {
    if (!deal.renewal || !deal.open) continue;
    if (deal.closeDay === null) {
      undatedOpenDeals++;
      continue;
    }
    if (deal.closeDay < asOf) overdueOpenDeals++;
    if (next === null || (next.closeDay ?? 0) > deal.closeDay || (next.closeDay === deal.closeDay && next.id > deal.id)) next = deal;
  }
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
      overdueOpenDeals,
      undatedOpenDeals,
    };
  }
  const { companyDateProperty, companyAmountProperty } = config.renewal;
  const day = companyDateProperty === null ? null : parseDay(company[companyDateProperty]);
  if (day === null) {
    return { day: null, daysToRenewal: null, window: null, amount: null, currency: null, dealId: null, dealName: null, stage: null, probability: null, source: null, overdueOpenDeals, undatedOpenDeals };
  }
  return {
    day,
    daysToRenewal: day - asOf,
    window: renewalWindow(day - asOf),
    amount: companyAmountProperty === null ? null : numberOf(company, companyAmountProperty),
    currency: config.currency,
    dealId: null,
    dealName: null,
    stage: null,
    probability: null,
    source: 'company_property',
    overdueOpenDeals,
    undatedOpenDeals,
  };
}

/**
 * Renewal proximity against deal progress: beyond the horizon 100; an overdue renewal 0;
 * in between the risk grows as the date nears, damped by the deal's stage probability.
 */
export function renewalFactor(facts: RenewalFacts, config: CsConfig['renewal'], sourceFailed: boolean): FactorResult {
  if (sourceFailed) return sourceError('renewal', 'Deals could not be read, so the renewal is not counted');
  if (facts.day === null || facts.daysToRenewal === null) return noData('renewal', 'No open renewal deal and no contract end date');
  const days = facts.daysToRenewal;
  const when = formatDay(facts.day);
  if (days < 0) {
    const what = facts.source === 'renewal_deal' ? 'Renewal was due' : 'Contract ended';
    const state = facts.source === 'renewal_deal' ? 'the renewal deal is still open' : 'there is no open renewal deal';
    return scored('renewal', 0, `${what} ${plural(-days, 'day')} ago (${when}) and ${state}`);
  }
  const renews = `Renews in ${plural(days, 'day')} (${when})`;
  if (days > config.horizonDays) return scored('renewal', 100, renews);
  const progress = facts.probability ?? unknownProbability;
  const risk = 1 - days / config.horizonDays;
  const progressText =
    facts.probability !== null
      ? `renewal deal at ${Math.round(facts.probability * 100)}% probability`
      : facts.source === 'renewal_deal'
        ? 'no deal progress recorded'
        : 'no renewal deal yet';
  return scored('renewal', 100 * (1 - risk * (1 - progress)), `${renews}; ${progressText}`);
}

export function renewalWarnings(facts: RenewalFacts): string[] {
  return facts.undatedOpenDeals > 0 ? [`${plural(facts.undatedOpenDeals, 'open renewal deal')} ignored: no valid close date`] : [];
}
