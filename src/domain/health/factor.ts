import type { FactorKey } from '../../config/schema.ts';
import { message, type Message } from '../../app/cards/contract/message.ts';
import type { FactorStatus } from '../../app/cards/contract/view-model.ts';

/**
 * A factor's English explanation (kept for compatibility beside its catalog message): the text,
 * or its wording, done when a view reads it. A sync scores every company and reads at most three
 * explanations (cs_health_drivers), so the evaluation words none itself.
 */
export type Explanation = string | (() => string);

/**
 * The text of an explanation, worded now if it was not yet.
 *
 * @example
 * explanationText(() => 'No open tickets') // => 'No open tickets'
 * explanationText('No open tickets') // => 'No open tickets'
 */
export function explanationText(explanation: Explanation): string {
  return typeof explanation === 'string' ? explanation : explanation();
}

/**
 * Wording kept for later (an action's reason, a factor's explanation). The closure is passed as
 * an argument rather than assigned to a property or variable: tsx (esbuild's keepNames) names
 * every closure so assigned with an Object.defineProperty call on each evaluation, which cost
 * 15% of bench 20-domain.
 *
 * @example
 * later(() => 'No open tickets')() // => 'No open tickets'
 */
export function later(words: () => string): () => string {
  return words;
}

/** One health factor as a factor module computes it, before weighting; its explanation worded (E = string) or not yet (E = Explanation). */
export interface FactorResult<E extends Explanation = string> {
  readonly key: FactorKey;
  readonly label: string;
  /** Integer 0..100, or null when there is nothing to score. */
  readonly score: number | null;
  readonly status: FactorStatus;
  readonly explanation: E;
  /** Share of the factor's weight its data supports, 0..1 (NPS: respondents / the low-sample threshold); the rest counts as missing data. */
  readonly confidence?: number;
  /** The explanation as a catalog message, for the user's language. */
  readonly explanationMessage: Message;
}

export const factorLabels: Readonly<Record<FactorKey, string>> = {
  nps: 'NPS',
  support: 'Support',
  engagement: 'Engagement',
  adoption: 'Adoption',
  renewal: 'Renewal',
  sentiment: 'CSM sentiment',
};

/**
 * A scored factor, its score clamped to an integer 0..100.
 *
 * @example
 * scored('support', 86.4, '1 high-priority ticket open, oldest 10 days', { code: 'factor.support.open', params: {} })
 * // => { key: 'support', label: 'Support', score: 86, status: 'ok', explanation: '1 high-priority ticket open, oldest 10 days', explanationMessage: { code: 'factor.support.open', params: {} } }
 */
export function scored<E extends Explanation>(key: FactorKey, score: number, explanation: E, explanationMessage: Message): FactorResult<E> {
  return { key, label: factorLabels[key], score: clampScore(score), status: 'ok', explanation, explanationMessage };
}

/**
 * A factor with nothing to score: excluded from the score, its weight counted as missing data.
 *
 * @example
 * noData('nps', 'No NPS answers in the last 180 days', { code: 'factor.nps.none', params: { days: 180 } })
 * // => { key: 'nps', label: 'NPS', score: null, status: 'no_data', explanation: 'No NPS answers in the last 180 days', explanationMessage: { code: 'factor.nps.none', params: { days: 180 } } }
 */
export function noData<E extends Explanation>(key: FactorKey, explanation: E, explanationMessage: Message): FactorResult<E> {
  return { key, label: factorLabels[key], score: null, status: 'no_data', explanation, explanationMessage };
}

/**
 * The factor's source failed: it is excluded, never scored as zero. Its message is `factor.<key>.failed`.
 *
 * @example
 * sourceError('engagement', 'Contacts could not be read, so engagement is not counted')
 * // => { key: 'engagement', label: 'Engagement', score: null, status: 'error', explanation: 'Contacts could not be read, so engagement is not counted', explanationMessage: { code: 'factor.engagement.failed', params: {} } }
 */
export function sourceError(key: FactorKey, explanation: string): FactorResult {
  return { key, label: factorLabels[key], score: null, status: 'error', explanation, explanationMessage: message(`factor.${key}.failed`) };
}

/**
 * The factor with its explanation worded: what the factor functions return (same fields, same order).
 *
 * @example
 * worded(noData('support', () => 'No tickets', { code: 'factor.support.none', params: {} })).explanation // => 'No tickets'
 */
export function worded(factor: FactorResult<Explanation>): FactorResult {
  const { key, label, score, status, explanationMessage, confidence } = factor;
  const explanation = explanationText(factor.explanation);
  return confidence === undefined ? { key, label, score, status, explanation, explanationMessage } : { key, label, score, status, explanation, explanationMessage, confidence };
}

/**
 * An integer 0..100 (a NaN input, which no caller should produce, becomes 0).
 *
 * @example
 * clampScore(72.6) // => 73
 * clampScore(140)  // => 100
 * clampScore(-5)   // => 0
 */
export function clampScore(score: number): number {
  if (!(score > 0)) return 0;
  return score >= 100 ? 100 : Math.round(score);
}

/**
 * 100 up to `fullDays`, 0 from `zeroDays`, linear between.
 *
 * @example
 * recencyScore(10, 14, 60) // => 100
 * recencyScore(37, 14, 60) // => 50
 * recencyScore(90, 14, 60) // => 0
 */
export function recencyScore(daysAgo: number, fullDays: number, zeroDays: number): number {
  if (daysAgo <= fullDays) return 100;
  if (daysAgo >= zeroDays) return 0;
  return (100 * (zeroDays - daysAgo)) / (zeroDays - fullDays);
}
