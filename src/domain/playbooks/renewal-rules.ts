import { later } from '../health/factor.ts';
import { formatDay } from '../parsing/index.ts';
import { message } from '../../app/cards/contract/message.ts';
import { daysAgo, plural } from '../card/wording.ts';
import { healthText, renewsMessage, renewsText } from './playbook-reasons.ts';
import type { PlaybookFacts, Rule } from './playbook-rules.ts';

// The rules that read the renewal (DESIGN.md "Suggested actions"): its window, an overdue or
// stale renewal deal, a lapsed contract. The renewal rests on the deals; while they could not be
// read (PlaybookFacts.dealsUnread, the renewal factor's error: "Deals could not be read, so the
// renewal is not counted") none of these fires (playbooks.ts restOnDeals: each would state a
// renewal the card could not read or, from a contract-end property alone, that no renewal deal is
// open; sandbox with --fault 503@deals: churned Upland Capital was told "the renewal is not within
// 90 days"). An at-risk customer still gets its success plan, saying the renewal is unknown.

export type RenewalRuleId = 'renewal-overdue' | 'renewal-lapsed' | 'renewal-stale-deal' | 'at-risk-success-plan' | 'renewal-save-plan' | 'renewal-call' | 'renewal-checkpoint';

/**
 * The money at stake an action is ordered by (issue 19 "Priority follows value"): the renewal's
 * value, unknown while the deals could not be read (the card does not count a renewal it could not
 * read, whatever a contract-end or amount property says).
 *
 * @example
 * renewalAtStake({ dealsUnread: false, renewal: { amount: 48000 } }) // => 48000
 * renewalAtStake({ dealsUnread: true, renewal: { amount: 48000 } }) // => null
 */
export function renewalAtStake({ dealsUnread, renewal }: Pick<PlaybookFacts, 'dealsUnread'> & { readonly renewal: Pick<PlaybookFacts['renewal'], 'amount'> }): number | null {
  return dealsUnread ? null : renewal.amount;
}

export const renewalRules: Readonly<Record<RenewalRuleId, Rule>> = {
  'renewal-overdue': ({ renewal }) => {
    // An open renewal deal past its close date; a contract that ended without one is renewal-lapsed.
    if (renewal.window !== 'overdue' || renewal.status !== 'open' || renewal.day === null) return null;
    const days = -(renewal.daysToRenewal ?? 0);
    const when = formatDay(renewal.day);
    return {
      title: 'Escalate the overdue renewal',
      reason: later(() => `Renewal was due ${daysAgo(days)} (${when}) and the renewal deal is still open`),
      reasonMessage: message('action.renewal-overdue.reason', { days, date: when }),
      priority: 'high',
      dueInDays: 0,
      value: renewal.amount,
    };
  },
  'renewal-lapsed': ({ renewal }) => {
    if (!renewal.lapsed || renewal.day === null) return null;
    const days = -(renewal.daysToRenewal ?? 0);
    const when = formatDay(renewal.day);
    return {
      title: 'Contract lapsed, no renewal on record: create the renewal deal or record the churn',
      reason: later(() => `The contract ended ${daysAgo(days)} (${when}) and no open renewal deal is on record`),
      reasonMessage: message('action.renewal-lapsed.reason', { days, date: when }),
      priority: 'high',
      dueInDays: 0,
      value: renewal.amount,
    };
  },
  'renewal-stale-deal': ({ renewal, asOf }) => {
    const stale = renewal.staleDeals[0];
    if (stale === undefined) return null;
    const when = formatDay(stale.day);
    const count = renewal.staleDeals.length;
    return {
      title: 'Close or update the stale renewal deal',
      reason: later(() => `Renewal deal ${stale.dealId} was due ${daysAgo(asOf - stale.day)} (${when}) and is still open while a later renewal deal exists${count > 1 ? ` (and ${plural(count - 1, 'other stale renewal deal')})` : ''}`),
      reasonMessage: message('action.renewal-stale-deal.reason', { dealId: stale.dealId, days: asOf - stale.day, date: when, count }),
      priority: 'medium',
      dueInDays: 3,
    };
  },
  'at-risk-success-plan': (facts) => {
    // Inside the 90-day windows the renewal rules (save plan, call, escalation) cover it. A
    // lapsed contract (ended, no renewal deal on record) has no renewal in motion to save the
    // account: renewal-lapsed only asks for the record to be put straight, so the plan stands.
    // With the deals unread the renewal rules are silent and the renewal unknown: the plan
    // stands, and says so rather than where the renewal is.
    const { health, renewal, dealsUnread } = facts;
    if (health.band !== 'at_risk') return null;
    const lapsed = !dealsUnread && renewal.lapsed;
    if (!dealsUnread && !lapsed && renewal.window !== null && renewal.window !== 'later') return null;
    const score = health.score ?? 0;
    const [code, clause] = dealsUnread
      ? (['action.at-risk-success-plan.reasonDealsUnread', 'the renewal is unknown because the deals could not be read'] as const)
      : lapsed
        ? (['action.at-risk-success-plan.reasonLapsed', 'the contract ended with no renewal on record'] as const)
        : (['action.at-risk-success-plan.reason', 'the renewal is not within 90 days'] as const);
    return {
      title: 'Start an at-risk success plan',
      reason: later(() => `Health is ${score} (at risk) and ${clause}: time to turn it around`),
      reasonMessage: message(code, { score }),
      priority: 'high',
      dueInDays: 7,
      value: renewalAtStake(facts),
    };
  },
  'renewal-save-plan': ({ renewal, health }) => {
    if ((renewal.window !== 'd60' && renewal.window !== 'd90') || health.band === 'healthy') return null;
    return { title: 'Start a renewal save plan', reason: later(() => `${renewsText(renewal)} and ${healthText(health)}`), reasonMessage: renewsMessage(renewal, health, true), priority: 'high', dueInDays: 7 };
  },
  'renewal-call': ({ renewal, health }) => {
    if (renewal.window !== 'd30') return null;
    const reason = later(() => `${renewsText(renewal)}${health.band === 'healthy' ? '' : ` and ${healthText(health)}`}`);
    const reasonMessage = renewsMessage(renewal, health, health.band !== 'healthy');
    return { title: 'Hold the renewal call', reason, reasonMessage, priority: 'high', dueInDays: Math.min(5, renewal.daysToRenewal ?? 0) };
  },
  'renewal-checkpoint': ({ renewal, health }) => {
    if ((renewal.window !== 'd60' && renewal.window !== 'd90') || health.band !== 'healthy') return null;
    return { title: 'Start the renewal conversation', reason: later(() => `${renewsText(renewal)} and ${healthText(health)}`), reasonMessage: renewsMessage(renewal, health, true), priority: 'medium', dueInDays: 14 };
  },
};
