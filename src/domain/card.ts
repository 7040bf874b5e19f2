import type { CsConfig } from '../config/schema.ts';
import { openTaskActionIds } from './action-tasks.ts';
import { adoptionFacts, adoptionFactor } from './adoption.ts';
import { formatDay, formatInstant, parseIsoDate } from './dates.ts';
import { readDeals } from './deals.ts';
import { engagementFacts, engagementFactor } from './engagement.ts';
import { churnDetail } from './churn-reason.ts';
import { handoffDetail } from './handoff.ts';
import { combineFactors } from './health.ts';
import { healthHistory, healthScoreProperty, healthTrend, scorePoints } from './health-history.ts';
import { npsFacts, npsFactor, npsWarnings } from './nps.ts';
import { suggestActions } from './playbooks.ts';
import { renewalFacts, renewalFactor, renewalWarnings } from './renewal.ts';
import { sentimentFacts, sentimentFactor, sentimentWarnings } from './sentiment.ts';
import type { CompanySnapshot } from './snapshot.ts';
import { failedSources, issueWarning } from './source-issues.ts';
import { supportFacts, supportFactor } from './support.ts';
import type { CardView } from './view-model.ts';

/** The card view model of one company (DESIGN.md "Card view model"), as of a given day. */
export function buildCardView(snapshot: CompanySnapshot, config: CsConfig, at: { asOf: string; generatedAt: string }): CardView {
  const asOf = parseIsoDate(at.asOf);
  if (asOf === null) throw new RangeError(`asOf must be a YYYY-MM-DD date, got "${at.asOf}"`);
  const company = snapshot.company.properties;
  const failed = failedSources(snapshot.issues);
  const companyFailed = failed.has('company');

  const deals = readDeals(snapshot.deals, config.renewal, config.handoff);
  const nps = npsFacts(snapshot.feedback, config.nps, asOf);
  const renewal = renewalFacts(deals, company, config, asOf);
  const support = supportFacts(snapshot.tickets, config.support, asOf);
  const engagement = engagementFacts(company, snapshot.contacts, config.engagement, asOf);
  const adoption = adoptionFacts(company, config.adoption, asOf);
  const sentiment = sentimentFacts(company, snapshot.history[config.sentiment.property], config.sentiment, asOf);

  const health = combineFactors(
    [
      npsFactor(nps, failed.has('feedback') || failed.has('contacts')),
      supportFactor(support, config.support, failed.has('tickets')),
      engagementFactor(engagement, config.engagement, failed.has('contacts') || companyFailed),
      adoptionFactor(adoption, config.adoption, companyFailed),
      renewalFactor(renewal, config.renewal, failed.has('deals')),
      sentimentFactor(sentiment, config.sentiment, companyFailed),
    ],
    config.health,
  );
  const pastScores = scorePoints(snapshot.history[healthScoreProperty]);
  const handoff = handoffDetail(company, snapshot.contacts, config.handoff);
  const actions = suggestActions(
    { asOf, health, renewal, nps, engagement, adoption, support, handoff, deals, company, taskedActionIds: openTaskActionIds(snapshot.tasks) },
    config.playbooks,
  );
  const history = healthHistory(pastScores, asOf, config.health.historyDays, health.score);
  const healthView: CardView['health'] = {
    score: health.score,
    band: health.band,
    trend30d: healthTrend(health.score, pastScores, asOf, config.health.trendDays),
    coverage: health.coverage,
    factors: health.factors,
  };
  if (history.length > 0) healthView.history = history;

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
    actions,
    handoff,
    churn: churnDetail(company, deals, asOf, config.playbooks),
    warnings: cardWarnings(snapshot.issues, npsWarnings(nps.ignored), renewalWarnings(renewal), sentimentWarnings(sentiment)),
  };
}

/** The source issues, then the data notes, in one array (a loop: most cards have none, and map + concat allocate on every card). */
function cardWarnings(issues: CompanySnapshot['issues'], ...notes: ReadonlyArray<readonly string[]>): string[] {
  const warnings: string[] = [];
  for (const issue of issues) warnings.push(issueWarning(issue));
  for (const group of notes) for (const note of group) warnings.push(note);
  return warnings;
}
