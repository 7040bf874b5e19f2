import { formatDay, type Day } from '../parsing/index.ts';
import type { Deal } from './deals.ts';

// What a customer has been worth so far (DOMAIN.md: LTV is customer success's money goal):
// since when it is a customer and the revenue won from it to date. Written to the company
// (cs_customer_since, cs_lifetime_revenue) by sync and shown in the card's renewal section.

export interface CustomerValue {
  /** YYYY-MM-DD of the first won contract deal (new business or renewal); null when none was won. */
  readonly customerSince: string | null;
  /**
   * Won revenue to date in the home currency: the amounts of every deal won up to the as-of day
   * (contracts, renewals, expansion). Null when a won deal's amount is in another currency HubSpot
   * did not convert: amounts in different currencies are never added up.
   */
  readonly lifetimeRevenue: number | null;
}

/**
 * @example
 * // New business won 2024-03-01 for 100,000 USD, renewal won 2025-03-01 for 110,000, upsell won
 * // 2025-09-10 for 20,000, a renewal lost 2026-03-01 (adds nothing), all in the home currency USD:
 * customerValue(deals, day('2026-11-23'), 'USD') // { customerSince: '2024-03-01', lifetimeRevenue: 230000 }
 */
export function customerValue(deals: readonly Deal[], asOf: Day, homeCurrency: string): CustomerValue {
  let since: Day | null = null;
  let revenue = 0;
  let mixed = false;
  for (const deal of deals) {
    if (!deal.won || deal.closeDay === null || deal.closeDay > asOf) continue;
    if ((deal.kind === 'new_business' || deal.kind === 'renewal') && (since === null || deal.closeDay < since)) since = deal.closeDay;
    const amount = deal.amount;
    if (amount === null || !Number.isFinite(amount) || amount <= 0) continue;
    if (deal.currency !== null && deal.currency !== homeCurrency) mixed = true;
    else revenue += amount;
  }
  return { customerSince: since === null ? null : formatDay(since), lifetimeRevenue: mixed ? null : revenue };
}
