import type { Day } from '../parsing/index.ts';
import type { Deal } from './deals.ts';
import { latestDecisions, type DecisionFacts } from './decisions.ts';

// Churn (issue 19 "Outcomes"): a lost renewal is not the last word. The one home of that rule,
// read by the card's renewal facts and lifecycle stage, sync and the managers' book (churnedSince)
// and by the contract walk of the book and the period report (portfolio/contract-in-force.ts
// contractDays), so they never read a loss two ways.
//
// - A renewal lost on a day is the last word (lossIsLastWord) unless a renewal deal is open
//   (whatever its close date: none, past or ahead), or the next contract step after that day —
//   the earliest later day with a renewal deal (won, lost, or deciding after the as-of day: still
//   pending then) or won new business — is a renewal deal. So a lost renewal followed by a won,
//   lost or open one is not churn, and the customer churns on the last loss.
// - Churned (churnedSince): the latest renewal decided by the as-of day (won over lost on the
//   same day; decisions.ts latestDecisions, the card's last renewal outcome) was lost, that loss
//   is the last word, and no contract deal (new business or a renewal: signsContract) was won on
//   the day of the loss or after it by then. A won expansion wins nobody back: it renews no
//   contract.
//
// Why one question about one loss, over the classified deals (readDeals' Deal, or the book's
// ContractDeal): the walk asks it of every day with a lost renewal (a customer may churn, come
// back with new business and churn again), the card of the latest loss by its as-of day; both
// read the same list of deals, whatever the day (a renewal deal decided after the as-of day was
// still pending then), so the same function answers both. Not the walk itself (the card's hot
// path would group and sort every company's deals for it), nor churnedSince (it answers for one
// as-of day, the walk needs every loss). A deal id sent twice in two versions (garbage) is one
// deal already: both read readDeals' deals (deals.ts oneVersionPerId), so a loss is never undone
// by a version that was dropped.

/** What the churn rule reads of a deal: a card's Deal, or a ContractDeal of the managers' book. */
export type ChurnDealFacts = Pick<Deal, 'kind' | 'open' | 'won' | 'lost' | 'closeDay'>;

/** What the rule reads of a contract step that may come after a loss. */
type ContractStepFacts = Pick<ChurnDealFacts, 'kind' | 'won' | 'closeDay'>;

/**
 * Whether a renewal deal is still open, whatever its close date (none, past or ahead): then no lost renewal is the
 * last word.
 *
 * @example
 * renewalStillOpen([{ kind: 'renewal', open: false, won: false, lost: true, closeDay: 10 }, { kind: 'renewal', open: true, won: false, lost: false, closeDay: null }]) // => true
 * renewalStillOpen([{ kind: 'expansion', open: true, won: false, lost: false, closeDay: 20 }]) // => false
 */
export function renewalStillOpen(deals: readonly Pick<ChurnDealFacts, 'kind' | 'open'>[]): boolean {
  return deals.some((deal) => deal.kind === 'renewal' && deal.open);
}

/**
 * Whether a renewal lost on `lossDay` is the last word (see the rule above): no renewal deal is open, and the next
 * contract step after that day is not a renewal deal.
 *
 * @example
 * // Lost on day 10, nothing after it: the last word.
 * lossIsLastWord([{ kind: 'renewal', open: false, won: false, lost: true, closeDay: 10 }], 10) // => true
 * // ... but a renewal lost again on day 40 comes next: the customer churns then, not on day 10.
 * lossIsLastWord([{ kind: 'renewal', open: false, won: false, lost: true, closeDay: 10 }, { kind: 'renewal', open: false, won: false, lost: true, closeDay: 40 }], 10) // => false
 * // ... while new business won on day 30 comes before it: a new contract, so day 10 ended the old one.
 * lossIsLastWord([{ kind: 'renewal', open: false, won: false, lost: true, closeDay: 10 }, { kind: 'new_business', open: false, won: true, lost: false, closeDay: 30 }, { kind: 'renewal', open: false, won: false, lost: true, closeDay: 40 }], 10) // => true
 * // A renewal deal open, whatever its close date: no loss is the last word.
 * lossIsLastWord([{ kind: 'renewal', open: false, won: false, lost: true, closeDay: 10 }, { kind: 'renewal', open: true, won: false, lost: false, closeDay: 5 }], 10) // => false
 */
export function lossIsLastWord(deals: readonly ChurnDealFacts[], lossDay: Day): boolean {
  return !renewalStillOpen(deals) && !renewalFollows(deals, lossDay);
}

/** Whether the next contract step after a day (a renewal deal, or won new business; on one day a renewal first) is a renewal deal. */
function renewalFollows(deals: readonly ContractStepFacts[], lossDay: Day): boolean {
  let next: Day | null = null;
  let renewal = false;
  for (const deal of deals) {
    const day = deal.closeDay;
    if (day === null || day <= lossDay || !(deal.kind === 'renewal' || (deal.won && deal.kind === 'new_business'))) continue;
    if (next === null || day < next) [next, renewal] = [day, deal.kind === 'renewal'];
    else if (day === next) renewal ||= deal.kind === 'renewal';
  }
  return renewal;
}

/**
 * The day a customer churned (see the rule above), or null: the one rule of the card, the lifecycle stage, sync and
 * the managers' book.
 *
 * @example
 * // New business won 2025-10-15, its renewal lost 2026-10-15; as of 2026-11-23:
 * churnedSince([newBusinessWon('2025-10-15'), renewalLost('2026-10-15')], day('2026-11-23')) // day('2026-10-15')
 * // ... and a new-business deal won back 2026-11-01, or a renewal still open: not churned.
 * churnedSince([..., newBusinessWon('2026-11-01')], day('2026-11-23')) // null
 * // ... but existing business won 2027-02-01, past the renewal distance (an expansion), renews nothing:
 * churnedSince([..., existingBusinessWon('2027-02-01')], day('2027-02-15')) // day('2026-10-15')
 * // ... while new business won on the day of the loss is a new contract:
 * churnedSince([..., newBusinessWon('2026-10-15')], day('2026-11-23')) // null
 * // (shortened deals) Lost on day 10 as of day 20 with nothing after it: churned on day 10.
 * churnedSince([{ id: '1', kind: 'renewal', open: false, won: false, lost: true, closeDay: 10 }], 20) // => 10
 */
export function churnedSince(deals: readonly (ChurnDealFacts & DecisionFacts)[], asOf: Day): Day | null {
  // A renewal open: no loss is the last word (lossIsLastWord). Asked first, as it settles most companies at once.
  if (renewalStillOpen(deals)) return null;
  const { outcome, wonContract } = latestDecisions(deals, asOf);
  return churnDay(deals, outcome, wonContract?.closeDay ?? null);
}

/**
 * churnedSince for a caller that has the latest decisions by the as-of day already (the card's renewal facts,
 * renewal.ts): `decided` is the latest renewal decided by then, `lastWonContract` the latest day a contract deal was
 * won by then (decisions.ts latestDecisions' outcome and wonContract).
 *
 * @example
 * // Lost on day 10, new business won on day 10 too: a new contract, no churn; without it, churned on day 10.
 * churnDay([{ kind: 'renewal', open: false, won: false, lost: true, closeDay: 10 }], { lost: true, closeDay: 10 }, 10) // => null
 * churnDay([{ kind: 'renewal', open: false, won: false, lost: true, closeDay: 10 }], { lost: true, closeDay: 10 }, 3) // => 10
 */
export function churnDay(deals: readonly ChurnDealFacts[], decided: Pick<ChurnDealFacts, 'lost' | 'closeDay'> | null, lastWonContract: Day | null): Day | null {
  if (decided === null || !decided.lost || decided.closeDay === null) return null;
  // A contract signed on the day of the loss (new business; a won renewal already outranks the loss) is in force after it.
  if (lastWonContract !== null && lastWonContract >= decided.closeDay) return null;
  return lossIsLastWord(deals, decided.closeDay) ? decided.closeDay : null;
}
