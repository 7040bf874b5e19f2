import type { ActionRuleId, CsConfig } from '../config/schema.ts';
import type { AdoptionFacts } from './adoption.ts';
import { describeSeats } from './adoption.ts';
import { lostRenewal, recordedChurnReason } from './churn-reason.ts';
import { formatDay, parseDay, type Day } from './dates.ts';
import type { Deal } from './deals.ts';
import type { EngagementFacts } from './engagement.ts';
import type { Handoff } from './handoff.ts';
import { npsGroup, type NpsAnswer, type NpsFacts } from './nps.ts';
import type { RenewalFacts } from './renewal.ts';
import type { PropertyValues } from './snapshot.ts';
import { sortInPlace } from './sorting.ts';
import type { SupportFacts } from './support.ts';
import type { ActionView, HealthBand, Priority } from './view-model.ts';
import { daysAgo, plural } from './wording.ts';

// Suggested actions (DESIGN.md "Suggested actions", DOMAIN.md "Proactive actions"): rules
// over the computed facts. An action's id is the rule's id, so it is the same on every
// recompute and an open task created for it (see action-tasks.ts) marks it as tasked.

export interface PlaybookFacts {
  readonly asOf: Day;
  readonly health: { readonly score: number | null; readonly band: HealthBand };
  readonly renewal: RenewalFacts;
  readonly nps: NpsFacts;
  readonly engagement: EngagementFacts;
  readonly adoption: AdoptionFacts;
  readonly support: SupportFacts;
  readonly handoff: Handoff;
  readonly deals: readonly Deal[];
  readonly company: PropertyValues;
  /** Action ids of the company's open tasks. */
  readonly taskedActionIds: ReadonlySet<string>;
}

type Suggestion = Omit<ActionView, 'alreadyTasked' | 'id'>;
type Rule = (facts: PlaybookFacts, config: CsConfig['playbooks']) => Suggestion | null;

const bandLabels: Readonly<Record<HealthBand, string>> = {
  healthy: 'healthy',
  attention: 'needs attention',
  at_risk: 'at risk',
  unknown: 'too little data',
};

function healthText({ score, band }: PlaybookFacts['health']): string {
  return score === null ? 'health is unknown (too little data)' : `health is ${score} (${bandLabels[band]})`;
}

function renewsText(renewal: RenewalFacts): string {
  return `Renews in ${plural(renewal.daysToRenewal ?? 0, 'day')} (${formatDay(renewal.day ?? 0)})`;
}

function answerText(answer: NpsAnswer): string {
  return `${answer.value}/10 on ${formatDay(answer.day)}`;
}

/** How many of the group answered within the follow-up window, and the latest of them (the answers are newest first). */
function recentAnswers(facts: PlaybookFacts, config: CsConfig['playbooks'], group: 'promoter' | 'detractor'): { count: number; latest: NpsAnswer | null } {
  let count = 0;
  let latest: NpsAnswer | null = null;
  for (const answer of facts.nps.answers) {
    if (facts.asOf - answer.day >= config.npsFollowUpDays || npsGroup(answer.value) !== group) continue;
    count++;
    latest ??= answer;
  }
  return { count, latest };
}

const rules: Readonly<Record<ActionRuleId, Rule>> = {
  'renewal-overdue': ({ renewal }) => {
    if (renewal.window !== 'overdue') return null;
    const days = -(renewal.daysToRenewal ?? 0);
    const when = formatDay(renewal.day ?? 0);
    const reason =
      renewal.source === 'renewal_deal'
        ? `Renewal was due ${daysAgo(days)} (${when}) and the renewal deal is still open`
        : `Contract ended ${daysAgo(days)} (${when}) and there is no open renewal deal`;
    return { title: 'Escalate the overdue renewal', reason, priority: 'high', dueInDays: 0 };
  },
  'renewal-save-plan': (facts) => {
    const { renewal, health } = facts;
    if ((renewal.window !== 'd60' && renewal.window !== 'd90') || health.band === 'healthy') return null;
    return { title: 'Start a renewal save plan', reason: `${renewsText(renewal)} and ${healthText(health)}`, priority: 'high', dueInDays: 7 };
  },
  'renewal-call': (facts) => {
    const { renewal, health } = facts;
    if (renewal.window !== 'd30') return null;
    const risk = health.band === 'healthy' ? '' : ` and ${healthText(health)}`;
    return { title: 'Hold the renewal call', reason: `${renewsText(renewal)}${risk}`, priority: 'high', dueInDays: Math.min(5, renewal.daysToRenewal ?? 0) };
  },
  'renewal-checkpoint': (facts) => {
    const { renewal, health } = facts;
    if ((renewal.window !== 'd60' && renewal.window !== 'd90') || health.band !== 'healthy') return null;
    return { title: 'Start the renewal conversation', reason: `${renewsText(renewal)} and ${healthText(health)}`, priority: 'medium', dueInDays: 14 };
  },
  'nps-close-loop': (facts, config) => {
    const { count, latest } = recentAnswers(facts, config, 'detractor');
    if (latest === null) return null;
    const reason =
      count === 1
        ? `A contact answered NPS ${answerText(latest)}`
        : `${plural(count, 'detractor answer')} in the last ${config.npsFollowUpDays} days, latest ${answerText(latest)}`;
    return { title: 'Close the loop with the detractor', reason, priority: 'high', dueInDays: 2 };
  },
  'nps-referral': (facts, config) => {
    const { count, latest } = recentAnswers(facts, config, 'promoter');
    if (latest === null || facts.health.band === 'at_risk') return null;
    const reason =
      count === 1
        ? `A contact answered NPS ${answerText(latest)}`
        : `${plural(count, 'promoter answer')} in the last ${config.npsFollowUpDays} days, latest ${answerText(latest)}`;
    return { title: 'Ask the promoter for a referral or case study', reason, priority: 'low', dueInDays: 14 };
  },
  'engagement-check-in': ({ engagement, asOf }, config) => {
    const days = engagement.daysSinceTouch;
    if (days !== null && days < config.noTouchDays) return null;
    const reason = days === null ? 'No CSM touch recorded' : `No CSM touch in ${plural(days, 'day')} (last ${formatDay(asOf - days)})`;
    return { title: 'Check in with the customer', reason, priority: 'medium', dueInDays: 7 };
  },
  'adoption-training': ({ adoption }, config) => {
    if (adoption.utilisation === null || adoption.utilisation >= config.lowUtilisation) return null;
    return { title: 'Run a training session', reason: `Only ${describeSeats(adoption) ?? ''}`, priority: 'medium', dueInDays: 14 };
  },
  'adoption-expansion': ({ adoption, health }, config) => {
    // Over-selling raises churn (DOMAIN.md): no expansion talk with an at-risk or unknown account.
    if (adoption.utilisation === null || adoption.utilisation < config.fullUtilisation) return null;
    if (health.band !== 'healthy' && health.band !== 'attention') return null;
    return { title: 'Talk about expansion', reason: describeSeats(adoption) ?? '', priority: 'low', dueInDays: 30 };
  },
  'support-escalation': ({ support }, config) => {
    const urgent = support.byPriority.URGENT;
    let old = 0;
    for (const ticket of support.open) if (ticket.ageDays !== null && ticket.ageDays > config.oldTicketDays) old++;
    if (urgent === 0 && old === 0) return null;
    const urgentText = urgent > 0 ? `${plural(urgent, 'urgent ticket')} open` : '';
    const oldText = old > 0 ? `${plural(old, 'ticket')} open longer than ${config.oldTicketDays} days` : '';
    const oldest = support.oldestOpenDays === null ? '' : `, oldest ${plural(support.oldestOpenDays, 'day')}`;
    return {
      title: 'Review the open support tickets with support',
      // Starts with a count: "2 urgent tickets open and 1 ticket open longer than 30 days, oldest 40 days".
      reason: `${urgentText}${urgent > 0 && old > 0 ? ' and ' : ''}${oldText}${oldest}`,
      priority: urgent > 0 ? 'high' : 'medium',
      dueInDays: urgent > 0 ? 1 : 3,
    };
  },
  'handoff-complete': ({ deals, handoff, asOf }, config) => {
    if (handoff.status === 'submitted' || handoff.status === 'accepted') return null;
    const won = latestDeal(deals, asOf, config.handoffLookbackDays, (d) => d.newBusiness && d.won);
    if (won === null) return null;
    const state = handoff.status === 'returned' ? 'the handoff was returned by CS' : 'the handoff is not submitted';
    const missing = handoff.missing.length > 0 ? `; missing: ${handoff.missing.join(', ')}` : '';
    return {
      title: 'Complete the sales handoff',
      reason: `New business won ${daysAgo(asOf - (won.closeDay ?? asOf))} (${formatDay(won.closeDay ?? asOf)}) and ${state}${missing}`,
      priority: 'high',
      dueInDays: 3,
    };
  },
  'churn-reason': ({ deals, company, asOf }, config) => {
    if (recordedChurnReason(company, config) !== null) return null;
    const lost = lostRenewal(deals, asOf, config);
    if (lost === null) return null;
    return {
      title: 'Record why the customer churned',
      reason: `Renewal lost on ${formatDay(lost.closeDay ?? asOf)} and no churn reason is recorded`,
      priority: 'medium',
      dueInDays: 7,
    };
  },
  'qbr-schedule': ({ company, asOf }, config) => {
    const last = parseDay(company[config.qbrProperty]);
    if (last !== null && asOf - last <= config.qbrDays) return null;
    const reason = last === null ? 'No quarterly business review recorded' : `Last quarterly business review ${daysAgo(asOf - last)} (${formatDay(last)})`;
    return { title: 'Schedule a quarterly business review', reason, priority: 'low', dueInDays: 30 };
  },
};

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

interface EnabledRule {
  readonly id: ActionRuleId;
  readonly rule: Rule;
}

const allRules: readonly EnabledRule[] = (Object.entries(rules) as Array<[ActionRuleId, Rule]>).map(([id, rule]) => ({ id, rule }));
const enabledByConfig = new WeakMap<CsConfig['playbooks']['rules'], readonly EnabledRule[]>();

/** The rules the configuration switches on, in rule order; worked out once per configuration. */
function enabledRules(switches: CsConfig['playbooks']['rules']): readonly EnabledRule[] {
  let enabled = enabledByConfig.get(switches);
  if (enabled === undefined) {
    enabled = allRules.filter(({ id }) => switches[id]);
    enabledByConfig.set(switches, enabled);
  }
  return enabled;
}

const priorityRank: Readonly<Record<Priority, number>> = { high: 0, medium: 1, low: 2 };

/** The suggested actions, high priority first, then the soonest due. */
export function suggestActions(facts: PlaybookFacts, config: CsConfig['playbooks']): ActionView[] {
  const actions: ActionView[] = [];
  const enabled = enabledRules(config.rules);
  for (let i = 0; i < enabled.length; i++) {
    const { id, rule } = enabled[i] as EnabledRule;
    const suggestion = rule(facts, config);
    if (suggestion === null) continue;
    const { title, reason, priority, dueInDays } = suggestion;
    actions.push({ id, title, reason, priority, dueInDays: Math.max(0, dueInDays), alreadyTasked: facts.taskedActionIds.has(id) });
  }
  return sortInPlace(actions, byPriorityThenDue);
}

function byPriorityThenDue(a: ActionView, b: ActionView): number {
  return priorityRank[a.priority] - priorityRank[b.priority] || a.dueInDays - b.dueInDays || (a.id < b.id ? -1 : 1);
}
