import { formatDay } from '../parsing/index.ts';
import { later, noData, scored, sourceError, worded, type Explanation, type FactorResult } from '../health/factor.ts';
import { message } from '../../app/cards/contract/message.ts';
import { plural } from '../card/wording.ts';
import type { RenewalFacts } from './renewal.ts';

// The renewal factor of the health score: what the renewal's state (renewal.ts) scores.

/**
 * The renewal's state, not its proximity (identical data scores the same 200 and 31 days out;
 * urgency lives in the windows and the actions): an open renewal deal scores its stage
 * probability, an overdue one 0; a won renewal whose contract runs 100; a lapsed contract 0;
 * no renewal deal yet, or a churned customer (not scored), has no data.
 *
 * @example
 * renewalFactor({ status: 'open', window: 'd60', probability: 0.6, ... }, false) // score 60
 * renewalFactor({ status: 'open', window: 'overdue', ... }, false) // score 0
 */
export function renewalFactor(facts: RenewalFacts, sourceFailed: boolean): FactorResult {
  return worded(lazyRenewalFactor(facts, sourceFailed));
}

/**
 * renewalFactor, its explanation worded when read (the evaluation's, health-evaluation.ts).
 * @example
 * lazyRenewalFactor({ status: 'none', day: null, daysToRenewal: null }, false).status // => 'no_data'
 */
export function lazyRenewalFactor(facts: Pick<RenewalFacts, 'status' | 'day' | 'daysToRenewal' | 'probability' | 'lastOutcome' | 'lapsed'>, sourceFailed: boolean): FactorResult<Explanation> {
  if (sourceFailed) return sourceError('renewal', 'Deals could not be read, so the renewal is not counted');
  if (facts.status === 'lost') {
    const lostOn = formatDay(facts.lastOutcome?.day ?? 0);
    return noData('renewal', () => `Renewal lost on ${lostOn}`, message('renewal.lastOutcome.lost', { date: lostOn }));
  }
  if (facts.day === null || facts.daysToRenewal === null) return noData('renewal', 'No open renewal deal and no contract end date', message('factor.renewal.none'));
  const days = facts.daysToRenewal;
  const when = formatDay(facts.day);
  if (facts.status === 'open') {
    if (days < 0) return scored('renewal', 0, () => `Renewal was due ${plural(-days, 'day')} ago (${when}) and the renewal deal is still open`, message('action.reason.renewalDue', { days: -days, date: when }));
    if (facts.probability === null) {
      const text = later(() => `Renews in ${plural(days, 'day')} (${when}); the renewal deal records no stage probability`);
      return noData('renewal', text, message('factor.renewal.progress', { days, date: when, progress: 'deal', percent: 0 }));
    }
    const probability = facts.probability;
    return scored(
      'renewal',
      100 * probability,
      () => `Renewal deal at ${Math.round(probability * 100)}% probability; renews in ${plural(days, 'day')} (${when})`,
      message('factor.renewal.progress', { days, date: when, progress: 'probability', percent: Math.round(probability * 100) }),
    );
  }
  if (facts.status === 'renewed') {
    const wonOn = formatDay(facts.lastOutcome?.day ?? 0);
    return scored('renewal', 100, () => `Renewal won on ${wonOn}; next renewal expected ${when}`, message('factor.renewal.renewed', { date: wonOn, next: when }));
  }
  if (facts.lapsed) return scored('renewal', 0, () => `Contract ended ${plural(-days, 'day')} ago (${when}) and there is no open renewal deal`, message('action.reason.contractEnded', { days: -days, date: when }));
  return noData('renewal', () => `No renewal deal yet; the contract ends ${when}`, message('factor.renewal.noDeal', { date: when }));
}
