import type { ActionRuleId, CsConfig } from '../config/schema.ts';
import { message, type Message } from '../app/cards/contract/message.ts';
import { sortInPlace } from './sorting.ts';
import type { ActionView, LifecycleStage, Priority } from '../app/cards/contract/view-model.ts';
import { rules, type PlaybookFacts, type Rule } from './playbook-rules.ts';

export type { PlaybookFacts } from './playbook-rules.ts';

// Which suggested actions a customer gets: the rules of playbook-rules.ts that its lifecycle
// stage and the configuration switch on, less those a completed task settled, in order.

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

/** Which rules apply in each lifecycle stage (issue 19 "Actions follow the stage"); null: all. */
const stageRules: Readonly<Record<LifecycleStage, ReadonlySet<ActionRuleId> | null>> = {
  prospect: new Set<ActionRuleId>(),
  churned: new Set<ActionRuleId>(['churn-reason', 'churn-exit-interview']),
  onboarding: null,
  renewing: null,
  active: null,
};

/** Rules that do not apply in a stage that otherwise allows all. */
const onboardingExcluded: ReadonlySet<ActionRuleId> = new Set<ActionRuleId>(['nps-referral', 'adoption-expansion', 'qbr-schedule']);

/** Plans that rule out an expansion pitch beside them. */
const savePlans: ReadonlySet<string> = new Set<ActionRuleId>(['renewal-save-plan', 'at-risk-success-plan', 'renewal-overdue', 'renewal-lapsed']);

/**
 * How long a completed task of a rule's action settles it, in days from completion (issue 19
 * "Done work settles an action"): a QBR for the QBR cadence, a check-in for the no-touch
 * window, a follow-up for its follow-up window; 0 for rules that only the facts settle.
 */
function settleDays(id: ActionRuleId, config: CsConfig['playbooks']): number {
  switch (id) {
    case 'qbr-schedule':
      return config.qbrDays;
    case 'engagement-check-in':
      return config.noTouchDays;
    case 'nps-close-loop':
    case 'nps-referral':
      return config.npsFollowUpDays;
    case 'nps-ask-feedback':
    case 'adoption-expansion':
      return 90;
    case 'renewal-save-plan':
    case 'renewal-checkpoint':
    case 'renewal-call':
    case 'at-risk-success-plan':
    case 'health-drop':
    case 'adoption-training':
      return 30;
    case 'churn-exit-interview':
    case 'onboarding-go-live-check':
      return config.lostRenewalLookbackDays;
    case 'support-escalation':
    case 'renewal-overdue':
    case 'renewal-lapsed':
    case 'renewal-stale-deal':
      return 7;
    case 'handoff-complete':
    case 'handoff-accept':
    case 'churn-reason':
      return 0;
  }
}

interface Candidate {
  readonly action: ActionView;
  readonly value: number;
}

/**
 * The suggested actions for the customer's lifecycle stage, without those a completed task
 * settled: high priority first, then the larger value at stake, then the soonest due.
 */
export function suggestActions(facts: PlaybookFacts, config: CsConfig['playbooks']): ActionView[] {
  const stage = facts.lifecycle.stage;
  const allowed = stageRules[stage];
  if (allowed !== null && allowed.size === 0) return [];
  const candidates: Candidate[] = [];
  const enabled = enabledRules(config.rules);
  let savePlan = false;
  for (let i = 0; i < enabled.length; i++) {
    const { id, rule } = enabled[i] as EnabledRule;
    if (allowed !== null ? !allowed.has(id) : stage === 'onboarding' && onboardingExcluded.has(id)) continue;
    const suggestion = rule(facts, config);
    if (suggestion === null) continue;
    const done = facts.tasks.completed.get(id);
    if (done !== undefined && facts.asOf - done < settleDays(id, config)) continue;
    savePlan ||= savePlans.has(id);
    const { title, reason, priority, dueInDays, titleMessage, reasonMessage, value } = suggestion;
    const action: ActionView = { id, title, reason, priority, dueInDays: Math.max(0, dueInDays), alreadyTasked: facts.tasks.open.has(id) };
    if (titleMessage !== undefined) action.titleMessage = titleMessage;
    action.reasonMessage = reasonMessage;
    candidates.push({ action, value: value ?? 0 });
  }
  sortInPlace(candidates, byPriorityValueDue);
  const actions: ActionView[] = [];
  // Expansion is never suggested beside a save plan (over-selling raises churn).
  for (const { action } of candidates) {
    if (savePlan && action.id === 'adoption-expansion') continue;
    // Every action carries its words as catalog messages (the English stays for compatibility).
    actions.push({
      ...action,
      titleMessage: action.titleMessage ?? message(`action.${action.id}.title`),
      reasonMessage: action.reasonMessage ?? message('action.reason.plain', { text: action.reason }),
    });
  }
  return actions;
}

function byPriorityValueDue(a: Candidate, b: Candidate): number {
  return (
    priorityRank[a.action.priority] - priorityRank[b.action.priority] ||
    b.value - a.value ||
    a.action.dueInDays - b.action.dueInDays ||
    (a.action.id < b.action.id ? -1 : 1)
  );
}

export type { Message };
