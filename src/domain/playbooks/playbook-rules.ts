import type { ActionRuleId, CsConfig } from '../../config/schema.ts';
import type { ActionTasks } from './action-tasks.ts';
import { describeSeats, type AdoptionFacts } from '../health/adoption.ts';
import { later } from '../health/factor.ts';
import { leavesOutUnread } from '../health/health.ts';
import { lostRenewal, recordedChurnReason } from '../handoff/churn-reason.ts';
import { formatDay, parseDay, type Day } from '../parsing/index.ts';
import type { Deal } from '../renewal/deals.ts';
import type { EngagementFacts } from '../health/engagement.ts';
import { handoffFieldProperties, type Handoff } from '../handoff/handoff.ts';
import type { Lifecycle } from '../lifecycle/lifecycle.ts';
import { message, type Message } from '../../app/cards/contract/message.ts';
import type { NpsFacts } from '../nps/nps.ts';
import type { RenewalFacts } from '../renewal/renewal.ts';
import type { PropertyValues } from '../card/snapshot.ts';
import type { SupportFacts } from '../health/support.ts';
import type { ActionView, FactorStatus, HealthBand } from '../../app/cards/contract/view-model.ts';
import { daysAgo, plural } from '../card/wording.ts';
import { answersMessage, answerText, recentAnswers, seatsMessage } from './playbook-reasons.ts';
import { renewalAtStake, renewalRules } from './renewal-rules.ts';

// Suggested actions (DESIGN.md "Suggested actions", DOMAIN.md "Proactive actions"): rules
// over the computed facts. An action's id is the rule's id, so it is the same on every
// recompute and an open task created for it (see action-tasks.ts) marks it as tasked.

export interface PlaybookFacts {
  readonly asOf: Day;
  readonly lifecycle: Lifecycle;
  /** The score, its band, and each factor's status: one whose source failed ('error') is left out of the score. */
  readonly health: { readonly score: number | null; readonly band: HealthBand; readonly factors: ReadonlyArray<{ readonly status: FactorStatus }> };
  /** Score change over the trend horizon (30 days), or null. */
  readonly trend: number | null;
  readonly renewal: RenewalFacts;
  readonly nps: NpsFacts;
  /** The NPS answers (or the contacts they hang on) could not be read: none on record proves nothing. */
  readonly npsUnread: boolean;
  /** The deals could not be read, or only some: the renewal is unknown and no deal missing from `deals` is known absent (playbooks.ts restOnDeals). */
  readonly dealsUnread: boolean;
  readonly engagement: EngagementFacts;
  readonly adoption: AdoptionFacts;
  readonly support: SupportFacts;
  readonly handoff: Handoff;
  readonly deals: readonly Deal[];
  readonly company: PropertyValues;
  /** The company's tasks by action id: open ones mark an action tasked, completed ones settle it. */
  readonly tasks: ActionTasks;
}

export type Suggestion = Omit<ActionView, 'alreadyTasked' | 'id' | 'reason' | 'reasonMessage' | 'titleMessage'> & {
  /**
   * The English reason, kept for compatibility, worded only when a view asks for it: a sync
   * suggests actions for every company and never shows their reasons.
   */
  readonly reason: () => string;
  /** The reason as a catalog message: every rule says why in the user's language. */
  readonly reasonMessage: Message;
  /** The money at stake (the renewal's value) for ordering actions of equal priority. */
  readonly value?: number | null;
};
export type Rule = (facts: PlaybookFacts, config: CsConfig['playbooks']) => Suggestion | null;

export const rules: Readonly<Record<ActionRuleId, Rule>> = {
  // The rules that read the renewal: renewal-rules.ts.
  ...renewalRules,
  'health-drop': (facts, config) => {
    const { trend, health } = facts;
    if (trend === null || health.score === null || trend > -config.sharpDropPoints) return null;
    // A source that could not be read left its factor out of today's score, not of the score written then: the fall may be the gap.
    if (leavesOutUnread(health)) return null;
    const from = health.score - trend;
    return {
      title: 'Find out why health dropped',
      reason: later(() => `Health fell ${-trend} points in 30 days (from ${from} to ${health.score})`),
      reasonMessage: message('action.health-drop.reason', { points: -trend, from, to: health.score }),
      priority: 'high',
      dueInDays: 3,
      value: renewalAtStake(facts),
    };
  },
  'nps-ask-feedback': ({ nps, npsUnread }) => {
    if (npsUnread || nps.answers.length > 0 || nps.responses > 0) return null;
    return {
      title: 'Ask the customer for feedback',
      reason: later(() => `No NPS answer from this company's contacts in the last ${nps.windowDays} days`),
      reasonMessage: message('action.nps-ask-feedback.reason', { days: nps.windowDays }),
      priority: 'low',
      dueInDays: 30,
    };
  },
  'handoff-accept': ({ handoff }) => {
    if (handoff.status !== 'submitted') return null;
    return {
      title: 'Review and accept the sales handoff',
      reason: later(() => 'Sales submitted the handoff and it waits for customer success'),
      reasonMessage: message('action.handoff-accept.reason'),
      priority: 'high',
      dueInDays: 2,
    };
  },
  'onboarding-go-live-check': ({ company, asOf, lifecycle }) => {
    if (lifecycle.stage !== 'onboarding') return null;
    const goLive = parseDay(company[handoffFieldProperties.goLiveDate]);
    if (goLive === null || goLive > asOf) return null;
    const when = formatDay(goLive);
    return {
      title: 'Check that the customer went live',
      reason: later(() => `The planned go-live date (${when}) has passed`),
      reasonMessage: message('action.onboarding-go-live-check.reason', { date: when }),
      priority: 'medium',
      dueInDays: 3,
    };
  },
  'churn-exit-interview': ({ lifecycle, asOf }, config) => {
    if (lifecycle.stage !== 'churned' || lifecycle.since === null || asOf - lifecycle.since > config.lostRenewalLookbackDays) return null;
    const when = formatDay(lifecycle.since);
    return {
      title: 'Hold an exit interview',
      reason: later(() => `The renewal was lost on ${when}: learn what would win the customer back`),
      reasonMessage: message('action.churn-exit-interview.reason', { date: when }),
      priority: 'low',
      dueInDays: 14,
    };
  },
  'nps-close-loop': (facts, config) => {
    const { count, latest } = recentAnswers(facts, config, 'detractor');
    if (latest === null) return null;
    const reason = later(() =>
      count === 1
        ? `A contact answered NPS ${answerText(latest)}`
        : `${plural(count, 'detractor answer')} in the last ${config.npsFollowUpDays} days, latest ${answerText(latest)}`);
    return { title: 'Close the loop with the detractor', reason, reasonMessage: answersMessage(count, latest, 'detractor', config.npsFollowUpDays), priority: 'high', dueInDays: 2 };
  },
  'nps-referral': (facts, config) => {
    const { count, latest } = recentAnswers(facts, config, 'promoter');
    if (latest === null || facts.health.band === 'at_risk') return null;
    const reason = later(() =>
      count === 1
        ? `A contact answered NPS ${answerText(latest)}`
        : `${plural(count, 'promoter answer')} in the last ${config.npsFollowUpDays} days, latest ${answerText(latest)}`);
    return { title: 'Ask the promoter for a referral or case study', reason, reasonMessage: answersMessage(count, latest, 'promoter', config.npsFollowUpDays), priority: 'low', dueInDays: 14 };
  },
  'engagement-check-in': ({ engagement, asOf }, config) => {
    const days = engagement.daysSinceTouch;
    if (days !== null && days < config.noTouchDays) return null;
    const reason = later(() => (days === null ? 'No CSM touch recorded' : `No CSM touch in ${plural(days, 'day')} (last ${formatDay(asOf - days)})`));
    const reasonMessage = days === null ? message('action.reason.noTouchEver') : message('action.reason.noTouch', { days, date: formatDay(asOf - days) });
    return { title: 'Check in with the customer', reason, reasonMessage, priority: 'medium', dueInDays: 7 };
  },
  'adoption-training': ({ adoption }, config) => {
    if (adoption.utilisation === null || adoption.utilisation >= config.lowUtilisation) return null;
    return { title: 'Run a training session', reason: later(() => `Only ${describeSeats(adoption) ?? ''}`), reasonMessage: seatsMessage(adoption, true), priority: 'medium', dueInDays: 14 };
  },
  'adoption-expansion': ({ adoption, health, deals }, config) => {
    // Over-selling raises churn (DOMAIN.md): no expansion talk with an at-risk or unknown account.
    if (adoption.utilisation === null || adoption.utilisation < config.fullUtilisation) return null;
    if (health.band !== 'healthy' && health.band !== 'attention') return null;
    // An open expansion deal (upsell, cross-sell) is that talk under way: account management owns it.
    if (deals.some(isOpenExpansion)) return null;
    return { title: 'Talk about expansion', reason: later(() => describeSeats(adoption) ?? ''), reasonMessage: seatsMessage(adoption, false), priority: 'low', dueInDays: 30 };
  },
  'support-escalation': ({ support }, config) => {
    const urgent = support.byPriority.URGENT;
    let old = 0;
    for (const ticket of support.open) if (ticket.ageDays !== null && ticket.ageDays > config.oldTicketDays) old++;
    if (urgent === 0 && old === 0) return null;
    return {
      title: 'Review the open support tickets with support',
      // Starts with a count: "2 urgent tickets open and 1 ticket open longer than 30 days, oldest 40 days".
      reason: later(() => {
        const urgentText = urgent > 0 ? `${plural(urgent, 'urgent ticket')} open` : '';
        const oldText = old > 0 ? `${plural(old, 'ticket')} open longer than ${config.oldTicketDays} days` : '';
        const oldest = support.oldestOpenDays === null ? '' : `, oldest ${plural(support.oldestOpenDays, 'day')}`;
        return `${urgentText}${urgent > 0 && old > 0 ? ' and ' : ''}${oldText}${oldest}`;
      }),
      reasonMessage: message('action.reason.supportLoad', { urgent, old, oldDays: config.oldTicketDays, oldest: support.oldestOpenDays ?? -1 }),
      priority: urgent > 0 ? 'high' : 'medium',
      dueInDays: urgent > 0 ? 1 : 3,
    };
  },
  'handoff-complete': ({ deals, handoff, asOf }, config) => {
    if (handoff.status === 'submitted' || handoff.status === 'accepted') return null;
    const won = latestDeal(deals, asOf, config.handoffLookbackDays, (d) => d.newBusiness && d.won);
    if (won === null) return null;
    return {
      title: 'Complete the sales handoff',
      reason: later(() => {
        const state = handoff.status === 'returned' ? 'the handoff was returned by CS' : 'the handoff is not submitted';
        const missing = handoff.missing.length > 0 ? `; missing: ${handoff.missing.join(', ')}` : '';
        return `New business won ${daysAgo(asOf - (won.closeDay ?? asOf))} (${formatDay(won.closeDay ?? asOf)}) and ${state}${missing}`;
      }),
      reasonMessage: message('action.reason.handoffPending', {
        days: asOf - (won.closeDay ?? asOf),
        date: formatDay(won.closeDay ?? asOf),
        state: handoff.status === 'returned' ? 'returned' : 'not_submitted',
        missing: handoff.missing.length,
      }),
      priority: 'high',
      dueInDays: 3,
    };
  },
  'churn-reason': ({ deals, company, asOf, lifecycle }, config) => {
    // A lost renewal followed by a won or open one is no churn and asks for no reason.
    if (lifecycle.stage !== 'churned' || recordedChurnReason(company, config) !== null) return null;
    const lost = lostRenewal(deals, asOf, config);
    if (lost === null) return null;
    const when = formatDay(lost.closeDay ?? asOf);
    const lostReason = lost.lostReason;
    return {
      title: 'Record why the customer churned',
      reason: later(() => `Renewal lost on ${when} and no churn reason is recorded${lostReason === null ? '' : `; the deal says: "${lostReason}"`}`),
      reasonMessage: lost.lostReason === null ? message('action.churn-reason.reason', { date: when }) : message('action.churn-reason.reasonWithDeal', { date: when, lostReason: lost.lostReason }),
      priority: 'medium',
      dueInDays: 7,
    };
  },
  'qbr-schedule': ({ company, asOf }, config) => {
    const last = parseDay(company[config.qbrProperty]);
    if (last !== null && asOf - last <= config.qbrDays) return null;
    const reason = later(() => (last === null ? 'No quarterly business review recorded' : `Last quarterly business review ${daysAgo(asOf - last)} (${formatDay(last)})`));
    const reasonMessage = last === null ? message('action.reason.noQbr') : message('action.reason.lastQbr', { days: asOf - last, date: formatDay(last) });
    return { title: 'Schedule a quarterly business review', reason, reasonMessage, priority: 'low', dueInDays: 30 };
  },
};

const isOpenExpansion = (deal: Deal): boolean => deal.expansion && deal.open;

/** The most recently closed matching deal closed within the last `lookbackDays` days. */
function latestDeal(deals: readonly Deal[], asOf: Day, lookbackDays: number, matches: (deal: Deal) => boolean): Deal | null {
  let latest: Deal | null = null;
  for (const deal of deals) {
    const day = deal.closeDay;
    if (day === null || day > asOf || asOf - day > lookbackDays || !matches(deal)) continue;
    if (latest === null || (latest.closeDay ?? 0) < day) latest = deal;
  }
  return latest;
}
