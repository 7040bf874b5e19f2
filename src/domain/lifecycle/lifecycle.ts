import type { CsConfig } from '../../config/schema.ts';
import { parseDay, type Day } from '../parsing/index.ts';
import type { Deal } from '../renewal/deals.ts';
import { handoffFieldProperties, type Handoff } from '../handoff/handoff.ts';
import { keyOf } from '../parsing/index.ts';
import type { RenewalFacts } from '../renewal/renewal.ts';
import type { PropertyValues } from '../card/snapshot.ts';
import { keySet } from '../parsing/index.ts';
import type { LifecycleStage } from '../../app/cards/contract/view-model.ts';

// Where a customer is in its life (issue 19 "Stages"), so the headline never contradicts the
// facts beside it. In order of precedence:
// - churned: a lost renewal that is the last word (no open renewal, no later renewal deal) and no
//   contract deal (new business or renewal) won on the day of the loss or after it
//   (renewal/churn.ts churnedSince), since the loss; a won expansion wins nobody back (the book and the period report read it so too,
//   portfolio/contract-in-force.ts);
// - prospect: not a customer yet — lifecyclestage before customer (lifecycle.prospectStages, or
//   empty with no renewal data at all) and no won contract deal;
// - renewing: the renewal is overdue or within renewal.horizonDays (90), since the window opened —
//   an open renewal deal, or with none the contract's end (company property, or estimated from
//   the won deals + term) while it is still ahead: the renewal is due and nobody has opened its
//   deal yet, which is when a CSM must act on it. A contract that ended with no open renewal deal
//   (renewal.lapsed) is not renewing: nothing is being renewed, and the window's start (its end
//   − 90 days) would date a renewal that never began. It falls through to the stages below
//   (active, in practice), and the lapsed flag and its action (renewal-lapsed) say what is wrong;
// - onboarding: new business won within lifecycle.onboardingDays (90), a handoff submitted or
//   returned (not yet accepted), or a go-live date still ahead;
// - active: otherwise, since the last won contract deal (new business: once onboarding ended).

export interface Lifecycle {
  readonly stage: LifecycleStage;
  readonly since: Day | null;
}

export interface LifecycleInput {
  readonly company: PropertyValues;
  readonly deals: readonly Deal[];
  readonly renewal: RenewalFacts;
  readonly handoff: Handoff;
  readonly asOf: Day;
}

/**
 * Whether a customer in this stage has a health score: a churned customer has left and a
 * prospect is not a customer yet, so neither is scored, and nothing on their card may read as a
 * score (no contribution, no points lost, no factor moving "in 30 days").
 *
 * @example
 * isScoredStage('renewing') // => true
 * isScoredStage('churned') // => false
 * isScoredStage('prospect') // => false
 */
export function isScoredStage(stage: LifecycleStage): boolean {
  return stage !== 'churned' && stage !== 'prospect';
}

/**
 * The lifecycle stage and since when.
 *
 * @example
 * // lifecyclestage 'lead', no won deal: a prospect.
 * lifecycleOf({ company: { lifecyclestage: 'lead' }, deals: [], renewal: none, handoff, asOf }, config) // { stage: 'prospect', since: null }
 * // Renewal lost 10 days ago, nothing open: churned since the loss.
 * lifecycleOf({ ..., renewal: { churnedSince: asOf - 10, ... } }, config) // { stage: 'churned', since: asOf - 10 }
 * // Open renewal deal closing in 31 days: renewing since the 90-day window opened, 59 days ago.
 * lifecycleOf({ ..., renewal: { day: asOf + 31, daysToRenewal: 31, lapsed: false, ... } }, config) // { stage: 'renewing', since: asOf - 59 }
 * // Contract ended 400 days ago, no renewal deal on record (lapsed): not renewing; active since onboarding ended.
 * lifecycleOf({ ..., deals: [new business won at -765], renewal: { day: asOf - 400, daysToRenewal: -400, lapsed: true, ... } }, config) // { stage: 'active', since: asOf - 675 }
 */
export function lifecycleOf(input: LifecycleInput, config: CsConfig): Lifecycle {
  const { company, deals, renewal, handoff, asOf } = input;
  if (renewal.churnedSince !== null) return { stage: 'churned', since: renewal.churnedSince };
  let firstNewBusiness: Day | null = null;
  let lastNewBusiness: Day | null = null;
  let lastWonRenewal: Day | null = null;
  for (const deal of deals) {
    const day = deal.closeDay;
    if (!deal.won || day === null || day > asOf) continue;
    if (deal.newBusiness) {
      if (firstNewBusiness === null || day < firstNewBusiness) firstNewBusiness = day;
      if (lastNewBusiness === null || day > lastNewBusiness) lastNewBusiness = day;
    } else if (deal.renewal && (lastWonRenewal === null || day > lastWonRenewal)) lastWonRenewal = day;
  }
  const wonContract = lastNewBusiness !== null || lastWonRenewal !== null;
  if (!wonContract && isBeforeCustomer(company, renewal, config.lifecycle)) return { stage: 'prospect', since: null };
  if (renewal.daysToRenewal !== null && renewal.daysToRenewal <= config.renewal.horizonDays && !renewal.lapsed) {
    const opened = (renewal.day ?? asOf) - config.renewal.horizonDays;
    return { stage: 'renewing', since: opened <= asOf ? opened : asOf };
  }
  const onboardingEnds = lastNewBusiness === null ? null : lastNewBusiness + config.lifecycle.onboardingDays;
  if ((onboardingEnds !== null && onboardingEnds > asOf) || handoff.status === 'submitted' || handoff.status === 'returned' || isAfter(parseDay(company[handoffFieldProperties.goLiveDate]), asOf)) {
    return { stage: 'onboarding', since: lastNewBusiness };
  }
  const since = Math.max(lastWonRenewal ?? -Infinity, onboardingEnds ?? -Infinity);
  return { stage: 'active', since: Number.isFinite(since) ? since : null };
}

/** Whether the day is known and after `asOf` (the go-live date is read only when nothing else settles onboarding). */
function isAfter(day: Day | null, asOf: Day): boolean {
  return day !== null && day > asOf;
}

function isBeforeCustomer(company: PropertyValues, renewal: RenewalFacts, config: CsConfig['lifecycle']): boolean {
  const stage = keyOf(company, 'lifecyclestage');
  if (stage === null) return renewal.source === null && renewal.lastOutcome === null;
  return keySet(config.prospectStages).has(stage);
}
