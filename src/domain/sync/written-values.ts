import { csProperty } from '../property-names.ts';
import { parseDay } from '../parsing/index.ts';
import { formatFactorScores } from '../health/factor-history.ts';
import { parseNumber } from '../parsing/index.ts';
import { sortInPlace } from '../card/sorting.ts';
import type { PropertyValues } from '../card/snapshot.ts';
import type { CardView } from '../../app/cards/contract/view-model.ts';
import type { Explanation } from '../health/factor.ts';
import type { FactorOutcome } from '../health/health.ts';

// The company properties the product owns (DESIGN.md "Company properties the product
// owns"), computed from the health a card shows, and the subset that actually changed: the
// sync writes only that, so an unchanged portfolio costs no writes.

/** The part of a card view that is written back; a whole CardView is one (and so is an evaluation, its explanations not yet worded). */
export interface WrittenHealth {
  readonly health: Pick<CardView['health'], 'score' | 'band' | 'trend30d'> & { readonly factors: ReadonlyArray<FactorOutcome<Explanation>> };
  readonly renewal: Pick<CardView['renewal'], 'date' | 'amount' | 'customerSince' | 'lifetimeRevenue'>;
  readonly nps: Pick<CardView['nps'], 'score' | 'responses'>;
  readonly actions: ReadonlyArray<Pick<CardView['actions'][number], 'title' | 'titleMessage'>>;
  readonly handoff: Pick<CardView['handoff'], 'status'>;
  readonly lifecycle: CardView['lifecycle'];
}

export const ownedCompanyProperties = [
  csProperty.healthScore,
  csProperty.healthBand,
  csProperty.healthTrend30d,
  csProperty.healthUpdatedAt,
  csProperty.healthDrivers,
  csProperty.healthFactors,
  csProperty.renewalDate,
  csProperty.renewalAmount,
  csProperty.customerSince,
  csProperty.lifetimeRevenue,
  csProperty.companyNps,
  csProperty.npsResponses,
  csProperty.nextAction,
  csProperty.handoffStatus,
  csProperty.lifecycleStage,
  csProperty.lifecycleSince,
] as const;

/** How many factors cs_health_drivers names. */
const driverCount = 3;

/**
 * How the texts a sync writes (cs_health_drivers, cs_next_action) are worded: in the portal's
 * language (config `portalLanguage`). The domain hands over the factors and the action, their
 * catalog messages included; the shell words them from the message catalog in every language,
 * English included (src/usecases/portal-wording.ts).
 */
export interface WrittenWording {
  /** One driver: the factor's name, its score out of 100 and its explanation. */
  driver(factor: FactorOutcome<Explanation>): string;
  /** Between two drivers. */
  readonly driverSeparator: string;
  nextAction(action: WrittenHealth['actions'][number]): string;
}

/**
 * The owned properties for a view; '' clears a property. cs_health_updated_at is the caller's to stamp.
 * The drivers and the next action are worded in the portal's language (`wording`; `english.written`
 * in the examples: the English the shell builds from the en catalog).
 *
 * @example
 * healthProperties({
 *   health: { score: 62, band: 'attention', trend30d: -5, factors: [{ key: 'support', label: 'Support', score: 64, status: 'ok', weight: 20, contribution: 12.8, pointsLost: 7.2, explanation: '2 tickets open (1 urgent), oldest 19 days' }] },
 *   renewal: { date: '2027-01-15', amount: 26000, customerSince: '2026-01-15', lifetimeRevenue: 29000 },
 *   nps: { score: null, responses: 0 }, actions: [{ title: 'Escalate the urgent ticket' }], handoff: { status: 'accepted' }, lifecycle: { stage: 'active', since: null },
 * }, english.written)
 * // => { cs_health_score: '62', cs_health_band: 'attention', cs_health_trend_30d: '-5', cs_health_drivers: 'Support 64/100: 2 tickets open (1 urgent), oldest 19 days', cs_health_factors: 'support:64',
 * //      cs_renewal_date: '2027-01-15', cs_renewal_amount: '26000', cs_customer_since: '2026-01-15', cs_lifetime_revenue: '29000', cs_company_nps: '', cs_nps_responses: '0',
 * //      cs_next_action: 'Escalate the urgent ticket', cs_handoff_status: 'accepted', cs_lifecycle_stage: 'active', cs_lifecycle_since: '' }
 */
export function healthProperties(view: WrittenHealth, wording: WrittenWording): Record<string, string> {
  return {
    cs_health_score: text(view.health.score),
    cs_health_band: view.health.band,
    cs_health_trend_30d: text(view.health.trend30d),
    cs_health_drivers: healthDrivers(view.health.factors, wording),
    // Its property history is the factors' past: the card's "what changed" (factor-history.ts).
    cs_health_factors: formatFactorScores(view.health.factors),
    cs_renewal_date: view.renewal.date ?? '',
    cs_renewal_amount: text(view.renewal.amount),
    cs_customer_since: view.renewal.customerSince ?? '',
    cs_lifetime_revenue: text(view.renewal.lifetimeRevenue ?? null),
    cs_company_nps: text(view.nps.score),
    cs_nps_responses: String(view.nps.responses),
    cs_next_action: nextAction(view.actions[0], wording),
    cs_handoff_status: view.handoff.status,
    cs_lifecycle_stage: view.lifecycle.stage,
    cs_lifecycle_since: view.lifecycle.since ?? '',
  };
}

function nextAction(action: WrittenHealth['actions'][number] | undefined, wording: WrittenWording): string {
  return action === undefined ? '' : wording.nextAction(action);
}

function text(value: number | null): string {
  return value === null ? '' : String(value);
}

/**
 * The factors that cost the most points, worst first (pointsLost, as the card's Why ranks them:
 * presentation.ts costliestFactors; none, or null for a factor not counted, costs nothing), e.g.
 * "Support 35/100: 2 urgent tickets open, oldest 19 days; NPS 40/100: ...", worded in the portal's language (`wording`).
 * (Loops rather than filter / sort / map / join: the sync computes this for every company.)
 *
 * @example
 * // points lost: NPS 13.4, Support 7.2, sentiment 5; adoption did not count, engagement lost nothing:
 * healthDrivers([
 *   { key: 'support', label: 'Support', score: 64, weight: 20, contribution: 12.8, pointsLost: 7.2, explanation: '2 tickets open (1 urgent), oldest 19 days' },
 *   { key: 'nps', label: 'NPS', score: 33, weight: 20, contribution: 6.6, pointsLost: 13.4, explanation: 'NPS 33 from 3 answers' },
 *   { key: 'sentiment', label: 'CSM sentiment', score: 50, weight: 10, contribution: 5, pointsLost: 5, explanation: 'CSM sentiment "Yellow"' },
 *   { key: 'adoption', label: 'Adoption', score: null, weight: 20, contribution: null, pointsLost: null, explanation: 'No seat or product-usage data' },
 *   { key: 'engagement', label: 'Engagement', score: 100, weight: 20, contribution: 20, pointsLost: 0, explanation: 'Last touch 2 days ago' },
 * ], english.written) // => 'NPS 33/100: NPS 33 from 3 answers; Support 64/100: 2 tickets open (1 urgent), oldest 19 days; CSM sentiment 50/100: CSM sentiment "Yellow"'
 */
export function healthDrivers(factors: ReadonlyArray<FactorOutcome<Explanation>>, wording: WrittenWording): string {
  const costly: Array<{ readonly factor: FactorOutcome<Explanation>; readonly lost: number }> = [];
  for (const factor of factors) {
    // The points it costs (health.ts: a low-sample NPS costs only the share it counts for); none (null: not counted) is no driver, as on the card.
    const lost = factor.pointsLost ?? 0;
    if (lost > 0) costly.push({ factor, lost });
  }
  sortInPlace(costly, byMostLost);
  let text = '';
  for (let i = 0; i < costly.length && i < driverCount; i++) {
    const { factor } = costly[i] as (typeof costly)[number];
    if (i > 0) text += wording.driverSeparator;
    text += wording.driver(factor);
  }
  return text;
}

function byMostLost(a: { readonly lost: number }, b: { readonly lost: number }): number {
  return b.lost - a.lost;
}

/**
 * The entries of `next` whose value differs from `current`, comparing numbers and dates by value; null when none does.
 *
 * @example
 * changedProperties({ cs_health_score: '70', cs_health_band: 'healthy' }, { cs_health_score: '64', cs_health_band: 'healthy' }) // => { cs_health_score: '64' }
 * changedProperties({ cs_health_score: '70' }, { cs_health_score: '70' })                                                  // => null
 */
export function changedProperties(current: PropertyValues, next: Record<string, string>): Record<string, string> | null {
  let changed: Record<string, string> | null = null;
  for (const name in next) {
    const value = next[name] ?? '';
    if (sameValue(current[name], value)) continue;
    changed ??= {};
    changed[name] = value;
  }
  return changed;
}

function sameValue(current: string | null | undefined, next: string): boolean {
  const a = (current ?? '').trim();
  const b = next.trim();
  if (a === b) return true;
  if (a === '' || b === '') return false;
  const numberA = parseNumber(a);
  const numberB = parseNumber(b);
  if (numberA !== null && numberB !== null) return numberA === numberB;
  const dayA = parseDay(a);
  const dayB = parseDay(b);
  return dayA !== null && dayA === dayB;
}
