import type { CsConfig } from '../config/schema.ts';
import { openTaskActionIds } from './action-tasks.ts';
import { adoptionFacts, adoptionFactor, type AdoptionFacts } from './adoption.ts';
import { dayZone, type Day } from './dates.ts';
import { readDeals, type Deal } from './deals.ts';
import { engagementFacts, engagementFactor, type EngagementFacts } from './engagement.ts';
import { handoffOf, type Handoff } from './handoff.ts';
import { combineFactors, type Health } from './health.ts';
import { healthScoreProperty, healthTrend, scorePoints, type ScorePoint } from './health-history.ts';
import { npsFacts, npsFactor, type NpsFacts } from './nps.ts';
import { suggestActions } from './playbooks.ts';
import { prefetchRecords } from './prefetch.ts';
import { renewalFacts, renewalFactor, type RenewalFacts } from './renewal.ts';
import { sentimentFacts, sentimentFactor, type SentimentFacts } from './sentiment.ts';
import type { CompanySnapshot } from './snapshot.ts';
import { failedSources } from './source-issues.ts';
import { supportFacts, supportFactor, type SupportFacts } from './support.ts';
import type { ActionView } from './view-model.ts';

// One company's health as of a day: the facts read from its records, the weighted score and
// its explanation, the trend, and the suggested actions. This is what the sync evaluates for
// every company and writes back; the card view (card.ts) adds what only the card shows (the
// handoff form's contacts, the churn form, the score's history, data warnings).

export interface HealthEvaluation {
  readonly deals: readonly Deal[];
  readonly nps: NpsFacts;
  readonly renewal: RenewalFacts;
  readonly support: SupportFacts;
  readonly engagement: EngagementFacts;
  readonly adoption: AdoptionFacts;
  readonly sentiment: SentimentFacts;
  readonly health: Health;
  /** Score change against `trendDays` ago; null when either score is unknown. */
  readonly trend: number | null;
  /** The dated past scores (cs_health_score history), in any order. */
  readonly pastScores: readonly ScorePoint[];
  readonly handoff: Handoff;
  /** High priority first, then the soonest due. */
  readonly actions: ActionView[];
}

export function evaluateHealth(snapshot: CompanySnapshot, config: CsConfig, asOf: Day): HealthEvaluation {
  prefetchRecords(snapshot);
  const company = snapshot.company.properties;
  const failed = failedSources(snapshot.issues);
  const companyFailed = failed.company;

  const zone = dayZone(config.timeZone);
  const deals = readDeals(snapshot.deals, config.renewal, config.handoff, company, { zone, currency: config.currency });
  const nps = npsFacts(snapshot.feedback, config.nps, asOf, zone);
  const renewal = renewalFacts(deals, company, config, asOf);
  const support = supportFacts(snapshot.tickets, config.support, asOf, zone);
  const engagement = engagementFacts(company, snapshot.contacts, config.engagement, asOf, zone);
  const adoption = adoptionFacts(company, config.adoption, asOf);
  const sentiment = sentimentFacts(company, snapshot.history[config.sentiment.property], config.sentiment, asOf);

  const health = combineFactors(
    [
      npsFactor(nps, failed.feedback || failed.contacts),
      supportFactor(support, config.support, failed.tickets),
      engagementFactor(engagement, config.engagement, failed.contacts || companyFailed),
      adoptionFactor(adoption, config.adoption, companyFailed),
      renewalFactor(renewal, config.renewal, failed.deals),
      sentimentFactor(sentiment, config.sentiment, companyFailed),
    ],
    config.health,
  );
  const pastScores = scorePoints(snapshot.history[healthScoreProperty]);
  const handoff = handoffOf(company, config.handoff);
  const actions = suggestActions(
    { asOf, health, renewal, nps, engagement, adoption, support, handoff, deals, company, taskedActionIds: openTaskActionIds(snapshot.tasks) },
    config.playbooks,
  );
  return {
    deals,
    nps,
    renewal,
    support,
    engagement,
    adoption,
    sentiment,
    health,
    trend: healthTrend(health.score, pastScores, asOf, config.health.trendDays),
    pastScores,
    handoff,
    actions,
  };
}
