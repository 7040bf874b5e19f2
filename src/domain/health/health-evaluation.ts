import type { CsConfig } from '../../config/schema.ts';
import { actionTasks } from '../playbooks/action-tasks.ts';
import { adoptionFacts, lazyAdoptionFactor, type AdoptionFacts } from './adoption.ts';
import { dayZone, type Day } from '../parsing/index.ts';
import { readDealsWithContract, type Deal } from '../renewal/deals.ts';
import { engagementFacts, lazyEngagementFactor, type EngagementFacts } from './engagement.ts';
import { handoffOf, type Handoff } from '../handoff/handoff.ts';
import { combineFactors, type Health } from './health.ts';
import type { Explanation } from './factor.ts';
import { healthScoreProperty, healthTrend, scorePoints, type ScorePoint } from './health-history.ts';
import { isScoredStage, lifecycleOf, type Lifecycle } from '../lifecycle/lifecycle.ts';
import { lazyNpsFactor, npsFacts, type NpsFacts } from '../nps/nps.ts';
import { suggestActions, type SuggestedAction } from '../playbooks/playbooks.ts';
import { prefetchRecords } from '../parsing/index.ts';
import { renewalFacts, type RenewalFacts } from '../renewal/renewal.ts';
import { lazyRenewalFactor } from '../renewal/renewal-factor.ts';
import { lazySentimentFactor, sentimentFacts, type SentimentFacts } from './sentiment.ts';
import type { CompanySnapshot } from '../card/snapshot.ts';
import { snapshotAsOf, type LeftOut } from '../card/later-data.ts';
import { failedSources } from '../card/source-issues.ts';
import { lazySupportFactor, supportFacts, type SupportFacts } from './support.ts';

// One company's health as of a day: the facts read from its records, the weighted score and
// its explanation, the trend, and the suggested actions. This is what the sync evaluates for
// every company and writes back; the card view (card.ts) adds what only the card shows (the
// handoff form's contacts, the churn form, the score's history, data warnings).

export interface HealthEvaluation {
  /** The snapshot as of the day (card/later-data.ts): what every figure below was computed from. */
  readonly snapshot: CompanySnapshot;
  /** What was dated after the as-of day and left out. */
  readonly leftOut: LeftOut;
  readonly deals: readonly Deal[];
  readonly nps: NpsFacts;
  readonly renewal: RenewalFacts;
  readonly support: SupportFacts;
  readonly engagement: EngagementFacts;
  readonly adoption: AdoptionFacts;
  readonly sentiment: SentimentFacts;
  readonly lifecycle: Lifecycle;
  /** Churned: score null, band churned; prospects: score null, band unknown (not customers, not scored). */
  /** The factors' English explanations are worded by the card (factorView) and the written drivers, when read. */
  readonly health: Health<Explanation>;
  /** Score change against `trendDays` ago; null when either score is unknown. */
  readonly trend: number | null;
  /** The dated past scores (cs_health_score history), in any order. */
  readonly pastScores: readonly ScorePoint[];
  readonly handoff: Handoff;
  /** High priority first, then the soonest due; their English reasons are worded by the card (actionView). */
  readonly actions: SuggestedAction[];
}

/**
 * Everything the card and the sync derive from one company's snapshot as of a day: the facts, the factors, the score and the suggested actions,
 * computed without what is dated after that day (card/later-data.ts); `readAt` (epoch ms): when the snapshot was read, so a
 * snapshot read on the as-of day (today) is not searched for what cannot be there.
 *
 * @example
 * // A customer: "Yellow" (50), 20 of 50 seats (0.4 / 0.8 -> 50), last touch 67 days ago (100 x 23/76 = 30.3), no tickets (100);
 * // no NPS and no renewal data (coverage 0.7): (50 x 10 + 50 x 20 + 30.3 x 20 + 100 x 20) / 70 = 58.6
 * ((evaluation) => [evaluation.health.score, evaluation.health.band, evaluation.health.coverage])(evaluateHealth({
 *   company: { id: '1', properties: { lifecyclestage: 'customer', hs_csm_sentiment: 'Yellow', cs_seats_active: '20', cs_seats_licensed: '50', notes_last_contacted: '2026-10-01T10:00:00Z' } },
 *   history: {}, contacts: [], deals: [], tickets: [], feedback: [], tasks: [], issues: [],
 * }, defaultConfig, parseIsoDate('2026-12-07'))) // => [59, 'attention', 0.7]
 */
export function evaluateHealth(read: CompanySnapshot, config: CsConfig, asOf: Day, readAt?: number): HealthEvaluation {
  prefetchRecords(read);
  const { snapshot, leftOut } = snapshotAsOf(read, asOf, config, readAt);
  const company = snapshot.company.properties;
  const failed = failedSources(snapshot.issues);
  const companyFailed = failed.company;

  const zone = dayZone(config.timeZone);
  const { deals, contractEnd, contractEndSource } = readDealsWithContract(snapshot.deals, config.renewal, config.handoff, company, { zone, currency: config.currency });
  const nps = npsFacts(snapshot.feedback, config.nps, asOf, zone);
  const npsUnread = failed.feedback || failed.contacts;
  const renewal = renewalFacts(deals, { day: contractEnd, source: contractEndSource }, company, config, asOf);
  const support = supportFacts(snapshot.tickets, config.support, asOf, zone);
  const engagement = engagementFacts(company, snapshot.contacts, config.engagement, asOf, zone);
  const adoption = adoptionFacts(company, config.adoption, asOf);
  const sentiment = sentimentFacts(company, snapshot.history[config.sentiment.property], config.sentiment, asOf);

  const handoff = handoffOf(company, config.handoff);
  const lifecycle = lifecycleOf({ company, deals, renewal, handoff, asOf }, config);
  const scored = combineFactors(
    [
      lazyNpsFactor(nps, npsUnread, config.nps.lowSampleBelow, isScoredStage(lifecycle.stage)),
      lazySupportFactor(support, config.support, failed.tickets),
      lazyEngagementFactor(engagement, config.engagement, failed.contacts || companyFailed),
      lazyAdoptionFactor(adoption, config.adoption, companyFailed),
      lazyRenewalFactor(renewal, failed.deals),
      lazySentimentFactor(sentiment, config.sentiment, companyFailed),
    ],
    config.health,
  );
  const health = lifecycleHealth(scored, lifecycle);
  const pastScores = scorePoints(snapshot.history[healthScoreProperty]);
  const trend = healthTrend(health.score, pastScores, asOf, config.health.trendDays);
  const actions = suggestActions(
    { asOf, lifecycle, health, trend, renewal, nps, npsUnread, dealsUnread: failed.deals, engagement, adoption, support, handoff, deals, company, tasks: actionTasks(snapshot.tasks) },
    config.playbooks,
  );
  return {
    snapshot,
    leftOut,
    deals,
    nps,
    renewal,
    support,
    engagement,
    adoption,
    sentiment,
    lifecycle,
    health,
    trend,
    pastScores,
    handoff,
    actions,
  };
}

/** A churned customer has no health score (band churned) and a prospect none yet (band unknown): the factors stay, as facts, without contributions or points lost. */
function lifecycleHealth(health: Health<Explanation>, lifecycle: Lifecycle): Health<Explanation> {
  if (isScoredStage(lifecycle.stage)) return health;
  const factors = health.factors.map((factor) => ({ ...factor, contribution: null, effectiveWeight: 0, pointsLost: null }));
  return { score: null, band: lifecycle.stage === 'churned' ? 'churned' : 'unknown', coverage: health.coverage, factors };
}
