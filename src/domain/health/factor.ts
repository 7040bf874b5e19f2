import type { FactorKey } from '../../config/schema.ts';
import { message, type Message } from '../../app/cards/contract/message.ts';
import type { FactorStatus } from '../../app/cards/contract/view-model.ts';

/** One health factor as a factor module computes it, before weighting. */
export interface FactorResult {
  readonly key: FactorKey;
  readonly label: string;
  /** Integer 0..100, or null when there is nothing to score. */
  readonly score: number | null;
  readonly status: FactorStatus;
  readonly explanation: string;
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
export function scored(key: FactorKey, score: number, explanation: string, explanationMessage: Message): FactorResult {
  return { key, label: factorLabels[key], score: clampScore(score), status: 'ok', explanation, explanationMessage };
}

/**
 * A factor with nothing to score: excluded from the score, its weight counted as missing data.
 *
 * @example
 * noData('nps', 'No NPS answers in the last 180 days', { code: 'factor.nps.none', params: { days: 180 } })
 * // => { key: 'nps', label: 'NPS', score: null, status: 'no_data', explanation: 'No NPS answers in the last 180 days', explanationMessage: { code: 'factor.nps.none', params: { days: 180 } } }
 */
export function noData(key: FactorKey, explanation: string, explanationMessage: Message): FactorResult {
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
