import type { ActionRuleId, CsConfig } from '../../config/schema.ts';
import { message, type Message } from '../../app/cards/contract/message.ts';
import type { ActionView, Priority } from '../../app/cards/contract/view-model.ts';
import { sortInPlace } from '../card/sorting.ts';
import { rules, type PlaybookFacts, type Rule, type Suggestion } from './playbook-rules.ts';
import type { RenewalRuleId } from './renewal-rules.ts';

export type { PlaybookFacts } from './playbook-rules.ts';

// Which suggested actions a customer gets: the rules of playbook-rules.ts that its lifecycle
// stage and the configuration switch on, less those a completed task settled, in order.

const priorityRank: Readonly<Record<Priority, number>> = { high: 0, medium: 1, low: 2 };

/** Rules that apply to a churned customer (issue 19 "Actions follow the stage"); a prospect gets none, other stages all but onboardingExcluded. */
const churnedRules: ReadonlySet<ActionRuleId> = new Set<ActionRuleId>(['churn-reason', 'churn-exit-interview']);

/** Rules that do not apply while onboarding. */
const onboardingExcluded: ReadonlySet<ActionRuleId> = new Set<ActionRuleId>(['nps-referral', 'adoption-expansion', 'qbr-schedule']);

/** Plans that rule out the asks of notBesideSavePlan beside them: the account is being saved. */
const savePlans: ReadonlySet<string> = new Set<ActionRuleId>(['renewal-save-plan', 'at-risk-success-plan', 'renewal-overdue', 'renewal-lapsed']);

/**
 * Asks a CSM never makes of an account they are trying to save (issue 19 "Actions follow the
 * stage"): an expansion pitch (over-selling raises churn) and a referral or case-study request.
 */
const notBesideSavePlan: ReadonlySet<string> = new Set<ActionRuleId>(['adoption-expansion', 'nps-referral']);

/**
 * The rules silent while the deals could not be read (PlaybookFacts.dealsUnread): each rests on the
 * deals, so none read proves nothing.
 * - The renewal's (renewal-rules.ts): its window, an overdue, stale or missing renewal deal. The
 *   at-risk success plan stays, saying the renewal is unknown.
 * - Churn: a lost renewal read proves no churn, for a later one won or open may be unread.
 * - Expansion: an upsell under way may be among the unread deals.
 * - The asks a stage or a save plan withholds (onboarding: no referral, expansion or QBR; beside a
 *   save plan: no referral or expansion): the stage and the renewal rest on the deals, so neither
 *   can be ruled out (sandbox with --fault 503@deals: Falcon Foods, renewing in 72 days with a save
 *   plan, read "Ask the promoter for a referral"; Tidewater Outfitters, onboarding, read "Schedule
 *   a quarterly business review").
 */
const restOnDeals: ReadonlySet<ActionRuleId> = new Set<ActionRuleId>([
  ...(['renewal-overdue', 'renewal-lapsed', 'renewal-stale-deal', 'renewal-save-plan', 'renewal-call', 'renewal-checkpoint'] satisfies RenewalRuleId[]),
  ...churnedRules,
  ...onboardingExcluded,
]);

/** A rule the configuration switches on, with what the stage filter, the settling and the ordering need of it. */
interface EnabledRule {
  readonly id: ActionRuleId;
  readonly rule: Rule;
  /** Days a completed task of its action settles it (settleDays). */
  readonly settleDays: number;
  readonly savePlan: boolean;
  /** Its title as a catalog message, `action.<id>.title` (one, shared by every action of the rule: it has no parameters). */
  readonly titleMessage: Message;
}

/** The enabled rules for each kind of lifecycle stage, in rule order. */
interface StageRules {
  readonly churned: readonly EnabledRule[];
  readonly onboarding: readonly EnabledRule[];
  readonly other: readonly EnabledRule[];
}

const allRules = Object.entries(rules) as Array<[ActionRuleId, Rule]>;
const rulesByConfig = new WeakMap<CsConfig['playbooks'], StageRules>();

/** The rules the configuration switches on, by stage; worked out once per configuration, not for every company. */
function stageRulesOf(config: CsConfig['playbooks']): StageRules {
  let known = rulesByConfig.get(config);
  if (known === undefined) {
    const enabled: EnabledRule[] = allRules.filter(([id]) => config.rules[id]).map(([id, rule]) => ({
      id,
      rule,
      settleDays: settleDays(id, config),
      savePlan: savePlans.has(id),
      titleMessage: Object.freeze(message(`action.${id}.title`, Object.freeze({}))),
    }));
    known = {
      churned: enabled.filter(({ id }) => churnedRules.has(id)),
      onboarding: enabled.filter(({ id }) => !onboardingExcluded.has(id)),
      other: enabled,
    };
    rulesByConfig.set(config, known);
  }
  return known;
}

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
  readonly id: ActionRuleId;
  readonly titleMessage: Message;
  readonly suggestion: Suggestion;
  readonly rank: number;
  readonly value: number;
  readonly dueInDays: number;
}

/**
 * A suggested action as the evaluation keeps it: the view's fields, with the English reason
 * (kept for compatibility) still to be worded. A card words it (actionView); a sync, which
 * evaluates every company and shows no reasons, never does.
 */
export type SuggestedAction = Omit<ActionView, 'reason'> & { readonly reason: () => string };

/**
 * The action as the card shows it, its English reason worded.
 *
 * @example
 * actionView({ id: 'qbr-schedule', title: 'Schedule a quarterly business review', reason: () => 'No quarterly business review recorded', priority: 'low', dueInDays: 30, alreadyTasked: false }).reason // => 'No quarterly business review recorded'
 */
export function actionView(action: SuggestedAction): ActionView {
  return {
    id: action.id,
    title: action.title,
    reason: action.reason(),
    priority: action.priority,
    dueInDays: action.dueInDays,
    alreadyTasked: action.alreadyTasked,
    titleMessage: action.titleMessage,
    reasonMessage: action.reasonMessage,
  };
}

/**
 * The suggested actions for the customer's lifecycle stage, without those a completed task
 * settled: high priority first, then the larger value at stake, then the soonest due.
 *
 * @example
 * // Three rules on (the facts shortened to what they read): an urgent ticket; no touch in 60 days (a task
 * // for it is open already); the last QBR was in May, but a QBR task was completed 17 days ago, which settles it.
 * suggestActions({
 *   asOf: parseIsoDate('2026-12-07'), lifecycle: { stage: 'active', since: null },
 *   engagement: { daysSinceTouch: 60, contacts: 3, engagedContacts: 1 },
 *   support: { open: [{ id: 't1', priority: 'URGENT', ageDays: 19 }], byPriority: { LOW: 0, MEDIUM: 0, HIGH: 0, URGENT: 1 }, openHighPriority: 1, oldestOpenDays: 19 },
 *   company: { cs_last_qbr_date: '2026-05-01' },
 *   tasks: { open: new Set(['engagement-check-in']), completed: new Map([['qbr-schedule', parseIsoDate('2026-11-20')]]) },
 * }, { ...defaultConfig.playbooks, rules: { 'support-escalation': true, 'engagement-check-in': true, 'qbr-schedule': true } })
 *   .map((action) => [action.id, action.priority, action.dueInDays, action.alreadyTasked]) // => [['support-escalation', 'high', 1, false], ['engagement-check-in', 'medium', 7, true]]
 */
export function suggestActions(facts: PlaybookFacts, config: CsConfig['playbooks']): SuggestedAction[] {
  const stage = facts.lifecycle.stage;
  if (stage === 'prospect') return [];
  const byStage = stageRulesOf(config);
  const enabled = stage === 'churned' ? byStage.churned : stage === 'onboarding' ? byStage.onboarding : byStage.other;
  const { open, completed } = facts.tasks;
  const candidates: Candidate[] = [];
  let savePlan = false;
  for (let i = 0; i < enabled.length; i++) {
    const entry = enabled[i] as EnabledRule;
    if (facts.dealsUnread && restOnDeals.has(entry.id)) continue;
    const suggestion = entry.rule(facts, config);
    if (suggestion === null) continue;
    if (completed.size > 0) {
      const done = completed.get(entry.id);
      if (done !== undefined && facts.asOf - done < entry.settleDays) continue;
    }
    savePlan ||= entry.savePlan;
    candidates.push({ id: entry.id, titleMessage: entry.titleMessage, suggestion, rank: priorityRank[suggestion.priority], value: suggestion.value ?? 0, dueInDays: Math.max(0, suggestion.dueInDays) });
  }
  sortInPlace(candidates, byPriorityValueDue);
  const actions: SuggestedAction[] = [];
  for (const { id, titleMessage, suggestion, dueInDays } of candidates) {
    // Neither expansion nor a referral ask is suggested beside a save plan.
    if (savePlan && notBesideSavePlan.has(id)) continue;
    const { title, reason, priority } = suggestion;
    // Every action carries its words as catalog messages (the English, worded when asked, stays for compatibility).
    actions.push({
      id,
      title,
      reason,
      priority,
      dueInDays,
      alreadyTasked: open.size > 0 && open.has(id),
      titleMessage,
      reasonMessage: suggestion.reasonMessage,
    });
  }
  return actions;
}

function byPriorityValueDue(a: Candidate, b: Candidate): number {
  return a.rank - b.rank || b.value - a.value || a.dueInDays - b.dueInDays || (a.id < b.id ? -1 : 1);
}

export type { Message };
