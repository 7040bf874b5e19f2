import type { Day } from '../parsing/index.ts';
import type { Deal } from '../renewal/deals.ts';
import { contractDays, impliedContract, nextContract, type DayDeals } from './contract-in-force.ts';

// Who counts as a customer on a day, the one rule of the managers' book (portfolio-book.ts: its
// customers on the as-of day) and of the period report (renewal-period.ts: its customers at the
// start and the end), so the two never count the same company two ways. A customer has a contract
// in force (the walk of contract-in-force.ts: a lost renewal followed by a won, lost or open
// renewal deal is not the end of the contract, issue 19), or no contract on record at all: a
// company in HubSpot's customer stages (the book's scope) with no contract deal, for whom that
// stage is all that is known. A churned company is none: its contract ended (renewal/churn.ts
// churnedSince names the same day).

/**
 * Whether a company is a customer as `day` ends, from its contract deals (deals after the day count as not there yet): a contract is in force, or no contract is on record at all (no
 * contract deal signed or lost, none implied by a renewal deal: HubSpot's customer stage, the book's scope, is then all
 * that is known). The one rule of the book's customers (portfolio-book.ts) and of the period report's customers at its
 * start and end (renewal-period.ts). A churned company is none: its contract ended.
 *
 * @example
 * // (deals shortened) Won 2025-12-01, its renewal lost 2026-12-01: a customer until then, not after.
 * customerOn([{ id: '1', kind: 'new_business', won: true, closeDay: parseIsoDate('2025-12-01'), amount: 10000 }, { id: '2', kind: 'renewal', lost: true, closeDay: parseIsoDate('2026-12-01'), amount: 10000 }], parseIsoDate('2026-12-07'), 'USD') // => false
 * // ... and with a new renewal deal open since: the loss was not the last word, still a customer.
 * customerOn([{ id: '1', kind: 'new_business', won: true, closeDay: parseIsoDate('2025-12-01'), amount: 10000 }, { id: '2', kind: 'renewal', lost: true, closeDay: parseIsoDate('2026-12-01'), amount: 10000 }, { id: '3', kind: 'renewal', open: true, closeDay: parseIsoDate('2027-01-15'), amount: 9000 }], parseIsoDate('2026-12-07'), 'USD') // => true
 * // No contract deal on record: a customer by HubSpot's word.
 * customerOn([], parseIsoDate('2026-12-07'), 'USD') // => true
 */
export function customerOn(deals: readonly Deal[], day: Day, currency: string): boolean {
  return customerOnDays(contractDays(deals, currency), day);
}

/**
 * customerOn over a company's contract days already gathered (contract-in-force.ts contractDays), for a caller that walks them anyway.
 *
 * @example
 * customerOnDays([], parseIsoDate('2026-12-07')) // => true
 */
export function customerOnDays(days: readonly DayDeals[], day: Day): boolean {
  let contract = impliedContract(days);
  let onRecord = contract.active;
  let customer = contract.active;
  for (const today of days) {
    contract = nextContract(contract, today);
    onRecord ||= contract.active || contract.ended;
    if (today.day <= day) customer = contract.active;
  }
  return customer || !onRecord;
}
