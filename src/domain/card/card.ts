import type { CsConfig } from '../../config/schema.ts';
import { asOfDay, dayZone, formatDay, formatInstant, parseInstant, todayIn } from '../parsing/index.ts';
import { churnDetail } from '../handoff/churn-reason.ts';
import { customerValue } from '../renewal/customer-value.ts';
import type { Deal } from '../renewal/deals.ts';
import { handoffDetail } from '../handoff/handoff.ts';
import { isScoredStage } from '../lifecycle/lifecycle.ts';
import { factorChangesSince, healthFactorsProperty, type FactorChangesResult } from '../health/factor-history.ts';
import { evaluateHealth } from '../health/health-evaluation.ts';
import { factorView, leavesOutUnread } from '../health/health.ts';
import { healthHistory } from '../health/health-history.ts';
import { actionView } from '../playbooks/playbooks.ts';
import { message, type Message } from '../../app/cards/contract/message.ts';
import { npsWarningMessages, npsWarnings } from '../nps/nps.ts';
import { renewalWarningMessages, renewalWarnings } from '../renewal/renewal.ts';
import { sentimentWarningMessages, sentimentWarnings } from '../health/sentiment.ts';
import type { CompanySnapshot } from './snapshot.ts';
import { futureAsOfMessages, futureAsOfWarnings, leftOutMessages, leftOutWarnings } from './left-out-messages.ts';
import { issueWarning, issueWarningMessage } from './source-issues.ts';
import type { CardView } from '../../app/cards/contract/view-model.ts';

/**
 * The card view model of one company (DESIGN.md "Card view model"), as of a given day. Everything
 * dated after `at.asOf` is left out first (later-data.ts), and the view says what was.
 *
 * @example
 * // A customer with 45 of 50 seats active, touched 6 days ago, sentiment "Positive" and one HIGH
 * // ticket open 10 days (support 100 - 12 x (1 + 0.5 x 10/30) = 86); no NPS answers and no renewal
 * // data, so the score weighs the other four: (86 x 20 + 100 x 20 + 100 x 20 + 100 x 10) / 70 = 96.
 * buildCardView({
 *   company: { id: '1', properties: { name: 'Acme', lifecyclestage: 'customer', hs_csm_sentiment: 'Positive', cs_seats_active: '45', cs_seats_licensed: '50', cs_last_product_activity: '2026-12-04', notes_last_contacted: '2026-12-01T10:00:00Z' } },
 *   history: {}, contacts: [], deals: [], feedback: [], tasks: [], issues: [],
 *   tickets: [{ id: 't1', properties: { subject: 'SSO login fails', hs_pipeline_stage: '1', hs_ticket_priority: 'HIGH', createdate: '2026-11-27T08:00:00Z' } }],
 * }, defaultConfig, { asOf: '2026-12-07', generatedAt: '2026-12-07T09:00:00Z' }).health.score // => 96
 */
export function buildCardView(read: CompanySnapshot, config: CsConfig, at: { asOf: string; generatedAt: string }): CardView {
  const asOf = asOfDay(at.asOf);
  const readAt = readInstant(at.generatedAt);
  const { snapshot, leftOut, deals, nps, renewal, support, sentiment, lifecycle, health, trend, pastScores, handoff, actions } = evaluateHealth(read, config, asOf, readAt);
  const readOn = readAt === undefined ? null : todayIn(dayZone(config.timeZone), readAt);
  const company = snapshot.company.properties;

  const history = healthHistory(pastScores, asOf, config.health.historyDays, health.score);
  // No 30-day trend from a score that leaves out a source it could not read (the action "Find out
  // why health dropped" is not suggested then either, playbook-rules.ts): the score of 30 days ago
  // counted that factor, so the change may be the gap.
  const healthView: CardView['health'] = { score: health.score, band: health.band, trend30d: leavesOutUnread(health) ? null : trend, coverage: health.coverage, factors: health.factors.map(factorView) };
  if (history.length > 0) healthView.history = history;
  // A churned customer or a prospect has no score, so no factor score "moved in 30 days" either
  // (Upland Capital, churned, read "What changed in 30 days: NPS 48 → 0" under "the customer has left").
  const changes: FactorChangesResult = isScoredStage(lifecycle.stage)
    ? factorChangesSince(health.factors, snapshot.history[healthFactorsProperty], { asOf, days: config.health.trendDays, threshold: config.health.factorChangePoints })
    : { kind: 'notScored' };
  if (changes.kind === 'changes') healthView.factorChanges = changes.factorChanges;

  return {
    companyId: snapshot.company.id,
    asOf: at.asOf,
    generatedAt: at.generatedAt,
    health: healthView,
    renewal: {
      date: renewal.day === null ? null : formatDay(renewal.day),
      daysToRenewal: renewal.daysToRenewal,
      window: renewal.window,
      amount: renewal.amount,
      currency: renewal.currency,
      dealId: renewal.dealId,
      stage: renewal.stage,
      source: renewal.source,
      ...foreignDealAmount(deals, renewal.dealId, renewal.currency),
      ...customerValue(deals, asOf, config.currency),
      lifetimeRevenueCurrency: config.currency,
      status: renewal.status,
      lastOutcome: renewal.lastOutcome === null ? null : { result: renewal.lastOutcome.result, date: formatDay(renewal.lastOutcome.day), dealId: renewal.lastOutcome.dealId },
      staleDeals: renewal.staleDeals.map((stale) => ({ dealId: stale.dealId, closeDate: formatDay(stale.day) })),
      lapsed: renewal.lapsed,
    },
    nps: {
      score: nps.score,
      responses: nps.responses,
      promoters: nps.promoters,
      passives: nps.passives,
      detractors: nps.detractors,
      windowDays: nps.windowDays,
      lowSample: nps.lowSample,
      latest:
        nps.latest === null
          ? null
          : { value: nps.latest.value, comment: nps.latest.comment, submittedAt: formatInstant(nps.latest.submittedAt), contactId: nps.latest.contactId },
    },
    support: { openTickets: support.open.length, openHighPriority: support.openHighPriority, oldestOpenDays: support.oldestOpenDays },
    actions: actions.map(actionView),
    handoff: handoffDetail(company, snapshot.contacts, config.handoff, handoff),
    churn: churnDetail(company, deals, asOf, config.playbooks),
    lifecycle: { stage: lifecycle.stage, since: lifecycle.since === null ? null : formatDay(lifecycle.since) },
    ...(leftOut.count > 0 ? { leftOut } : {}),
    warnings: cardWarnings(snapshot.issues, futureAsOfWarnings(at.asOf, readOn), leftOutWarnings(leftOut, at.asOf), npsWarnings(nps.ignored), renewalWarnings(renewal), sentimentWarnings(sentiment), factorHistoryWarnings(changes)),
    warningMessages: cardWarningMessages(snapshot.issues, futureAsOfMessages(at.asOf, readOn), leftOutMessages(leftOut, at.asOf), npsWarningMessages(nps.ignored), renewalWarningMessages(renewal), sentimentWarningMessages(sentiment), factorHistoryWarningMessages(changes)),
  };
}

/** When the snapshot was read: the view's generatedAt (undefined when it is no instant: then nothing is taken for granted). */
function readInstant(generatedAt: string): number | undefined {
  return parseInstant(generatedAt) ?? undefined;
}

/** A factor-score record that cannot be read (a hand edit of cs_health_factors) is said, not guessed around. */
function factorHistoryWarnings(changes: FactorChangesResult): string[] {
  return changes.kind === 'unreadable' ? [`${healthFactorsProperty} as written on ${changes.writtenOn} cannot be read (${changes.problem}), so what changed is not shown`] : [];
}

function factorHistoryWarningMessages(changes: FactorChangesResult): Message[] {
  return changes.kind === 'unreadable' ? [message('warning.factorHistoryUnreadable', { date: changes.writtenOn, property: healthFactorsProperty })] : [];
}

/** The renewal deal's own amount and currency, when it is not in the currency the card's amount is in. */
function foreignDealAmount(deals: readonly Deal[], dealId: string | null, currency: string | null): { dealAmount?: number | null; dealCurrency?: string } {
  if (dealId === null) return {};
  const deal = deals.find((candidate) => candidate.id === dealId);
  if (!deal || deal.dealCurrency === null || deal.dealCurrency === currency) return {};
  return { dealAmount: deal.dealAmount, dealCurrency: deal.dealCurrency };
}

/** The source issues, then the data notes, in one array (a loop: most cards have none, and map + concat allocate on every card). */
function cardWarnings(issues: CompanySnapshot['issues'], ...notes: ReadonlyArray<readonly string[]>): string[] {
  const warnings: string[] = [];
  for (const issue of issues) warnings.push(issueWarning(issue));
  for (const group of notes) for (const note of group) warnings.push(note);
  return warnings;
}

/** The same warnings as catalog messages, in the same order. */
function cardWarningMessages(issues: CompanySnapshot['issues'], ...notes: ReadonlyArray<readonly Message[]>): Message[] {
  const warnings: Message[] = [];
  for (const issue of issues) warnings.push(issueWarningMessage(issue));
  for (const group of notes) for (const note of group) warnings.push(note);
  return warnings;
}
