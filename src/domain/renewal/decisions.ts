import type { Day } from '../parsing/index.ts';
import type { Deal } from './deals.ts';
import { signsContract } from './renewal-classification.ts';

// The latest decisions by an as-of day: the renewal last won or lost (the card's last renewal
// outcome, renewal.ts lastOutcome) and the contract deal last won. The one search the card's
// renewal facts (renewal.ts) and the churn rule (churn.ts churnedSince, the lifecycle, sync and
// the managers' book) read, so they never pick the latest decision two ways. A deal decided
// after the as-of day was still pending then. Deals closed on the same day: won over lost (a
// won renewal outranks a loss that day), then the later id; never the order the deals came in.

/** What the search reads of a deal: a card's Deal, or a ContractDeal of the managers' book. */
export type DecisionFacts = Pick<Deal, 'id' | 'kind' | 'won' | 'lost' | 'closeDay'>;

export interface LatestDecisions<D extends DecisionFacts> {
  /** The latest renewal deal won or lost by the as-of day, or null. */
  readonly outcome: D | null;
  /** The latest contract deal (new business or a renewal: signsContract) won by the as-of day, or null. */
  readonly wonContract: D | null;
}

/**
 * The renewal last decided and the contract deal last won by the as-of day (see above).
 *
 * @example
 * // A renewal lost on day 10 and another won on day 10 (the won one outranks it), new business won on day 5; the renewal
 * // lost on day 30 is after the as-of day 20:
 * ((d) => [d.outcome.id, d.wonContract.id])(latestDecisions([{ id: '1', kind: 'renewal', won: false, lost: true, closeDay: 10 }, { id: '2', kind: 'renewal', won: true, lost: false, closeDay: 10 }, { id: '3', kind: 'new_business', won: true, lost: false, closeDay: 5 }, { id: '4', kind: 'renewal', won: false, lost: true, closeDay: 30 }], 20)) // => ['2', '2']
 * // A won expansion signs no contract; nothing decided by then: nulls.
 * latestDecisions([{ id: '1', kind: 'expansion', won: true, lost: false, closeDay: 5 }], 20) // => { outcome: null, wonContract: null }
 */
export function latestDecisions<D extends DecisionFacts>(deals: readonly D[], asOf: Day): LatestDecisions<D> {
  let outcome: D | null = null;
  let wonContract: D | null = null;
  for (const deal of deals) {
    const day = deal.closeDay;
    if (day === null || day > asOf || !(deal.won || deal.lost)) continue;
    if (deal.won && signsContract(deal.kind) && (wonContract === null || decidedAfter(deal, day, wonContract))) wonContract = deal;
    if (deal.kind === 'renewal' && (outcome === null || decidedAfter(deal, day, outcome))) outcome = deal;
  }
  return { outcome, wonContract };
}

/** Whether `deal` (closing on `day`) was decided after `than`: a later close day; on the same day won after lost (it outranks it), then the later id. */
function decidedAfter(deal: DecisionFacts, day: Day, than: DecisionFacts): boolean {
  const thanDay = than.closeDay ?? 0;
  if (thanDay !== day) return thanDay < day;
  return deal.won !== than.won ? deal.won : than.id < deal.id;
}
