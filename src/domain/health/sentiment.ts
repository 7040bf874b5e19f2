import type { CsConfig } from '../../config/schema.ts';
import { dayOfInstant, parseInstant, type Day } from '../parsing/index.ts';
import { later, noData, scored, sourceError, worded, type Explanation, type FactorResult } from './factor.ts';
import { textValue } from '../parsing/index.ts';
import type { PropertyChange, PropertyValues } from '../card/snapshot.ts';
import { lowerMap } from '../parsing/index.ts';
import { message, type Message } from '../../app/cards/contract/message.ts';
import { daysAgo } from '../card/wording.ts';

// CSM sentiment: a manual pulse (green / yellow / red or positive / neutral / negative).
// Nobody updating it is common, so a value older than staleDays is shown as stale and,
// like missing data, not counted: an old "green" must not prop up the score.

export interface SentimentFacts {
  readonly value: string | null;
  /** The configured score for the value; null when empty or not recognised. */
  readonly score: number | null;
  /** Days since the value last changed; null when the history does not say. */
  readonly ageDays: number | null;
  readonly stale: boolean;
}

/**
 * The sentiment value, its configured score, and its age from the property history (stale after staleDays).
 *
 * @example
 * // "Green" since 2026-08-01: 128 days by 2026-12-07, past the 90 stale days:
 * sentimentFacts({ hs_csm_sentiment: 'Green' }, [{ value: 'Green', timestamp: '2026-08-01T12:00:00Z' }, { value: 'Yellow', timestamp: '2026-05-01T12:00:00Z' }], defaultConfig.sentiment, parseIsoDate('2026-12-07'))
 * // => { value: 'Green', score: 100, ageDays: 128, stale: true }
 */
export function sentimentFacts(company: PropertyValues, history: readonly PropertyChange[] | undefined, config: CsConfig['sentiment'], asOf: Day): SentimentFacts {
  const value = textValue(company[config.property]);
  const score = value === null ? null : (lowerMap(config.values).get(value.toLowerCase()) ?? null);
  const changed = latestChange(history);
  const ageDays = changed === null ? null : Math.max(0, asOf - changed);
  return { value, score, ageDays, stale: ageDays !== null && ageDays > config.staleDays };
}

/** The day of the newest change; the history is meant to be newest first, but is not trusted to be. */
function latestChange(history: readonly PropertyChange[] | undefined): Day | null {
  let latest: number | null = null;
  for (const change of history ?? []) {
    const at = parseInstant(change.timestamp);
    if (at !== null && (latest === null || at > latest)) latest = at;
  }
  return latest === null ? null : dayOfInstant(latest);
}

/**
 * The sentiment factor: the value's configured score; a stale value is shown but not counted.
 *
 * @example
 * sentimentFactor({ value: 'Green', score: 100, ageDays: 128, stale: true }, defaultConfig.sentiment, false).status // => 'stale'
 * sentimentFactor({ value: 'Yellow', score: 50, ageDays: 12, stale: false }, defaultConfig.sentiment, false).explanation // => 'CSM sentiment "Yellow", updated 12 days ago'
 * sentimentFactor({ value: 'Amber', score: null, ageDays: null, stale: false }, defaultConfig.sentiment, false).status // => 'no_data'
 */
export function sentimentFactor(facts: SentimentFacts, config: CsConfig['sentiment'], companyFailed: boolean): FactorResult {
  return worded(lazySentimentFactor(facts, config, companyFailed));
}

/**
 * sentimentFactor, its explanation worded when read (the evaluation's, health-evaluation.ts).
 *
 * @example
 * lazySentimentFactor({ value: 'green', score: 100, ageDays: 3, stale: false }, defaultConfig.sentiment, false).score // => 100
 */
export function lazySentimentFactor(facts: SentimentFacts, config: CsConfig['sentiment'], companyFailed: boolean): FactorResult<Explanation> {
  if (companyFailed) return sourceError('sentiment', 'The company record could not be read, so sentiment is not counted');
  if (facts.value === null) return noData('sentiment', 'No CSM sentiment recorded', message('factor.sentiment.none'));
  if (facts.score === null) {
    return noData('sentiment', `CSM sentiment "${truncate(facts.value)}" is not a recognised value`, message('factor.sentiment.unknown', { value: truncate(facts.value) }));
  }
  const value = facts.value;
  // The catalog names the sentiment in the reader's language (sentimentName); the English text, as HubSpot shows it.
  const params = { value: truncate(sentimentName(value, config.labels)), updated: facts.ageDays ?? -1 };
  const current = later(() => `CSM sentiment "${truncate(optionLabel(value, config.labels))}"${facts.ageDays === null ? '' : `, updated ${daysAgo(facts.ageDays)}`}`);
  if (facts.stale) {
    return {
      ...scored('sentiment', facts.score, '', message('factor.sentiment.stale', { ...params, staleDays: config.staleDays })),
      status: 'stale',
      explanation: later(() => `${current()}: stale after ${config.staleDays} days, so not counted`),
    };
  }
  return scored('sentiment', facts.score, current, message('factor.sentiment.current', params));
}

/** The sentiments the message catalog names in each language (the options sentiment.values scores by default). */
const namedSentiments: ReadonlySet<string> = new Set(['positive', 'neutral', 'negative', 'green', 'yellow', 'red']);

/** The label HubSpot shows for a stored option value (the portal's, in config.sentiment.labels), else the value itself. */
function optionLabel(value: string, labels: Readonly<Record<string, string>> | undefined): string {
  return (labels !== undefined && Object.hasOwn(labels, value) ? labels[value] : undefined) ?? value;
}

/**
 * A sentiment as the card's messages name it: HubSpot's label for the stored option (else the
 * value), as one of the words the catalog translates (lower case: positive, neutral, negative,
 * green, yellow, red) when it is one, else as it is. The card read "CSM sentiment “positive”",
 * the option's internal value, where HubSpot shows "Positive" (in Japanese, ポジティブ).
 *
 * @example
 * sentimentName('positive', { positive: 'Positive' }) // => 'positive'
 * sentimentName('option_1', { option_1: 'Green' }) // => 'green'
 * sentimentName('option_2', { option_2: 'Mostly happy' }) // => 'Mostly happy'
 * sentimentName('Amber', undefined) // => 'Amber'
 */
export function sentimentName(value: string, labels: Readonly<Record<string, string>> | undefined): string {
  const label = optionLabel(value, labels);
  const word = label.trim().toLowerCase();
  return namedSentiments.has(word) ? word : label;
}

/**
 * The card's warning for a sentiment value not in the configured values, as a catalog message.
 *
 * @example
 * sentimentWarningMessages({ value: 'Amber', score: null, ageDays: null, stale: false }) // => [{ code: 'warning.sentimentUnknown', params: { value: 'Amber' } }]
 * sentimentWarningMessages({ value: 'Green', score: 100, ageDays: 3, stale: false }) // => []
 */
export function sentimentWarningMessages(facts: SentimentFacts): Message[] {
  return facts.value !== null && facts.score === null ? [message('warning.sentimentUnknown', { value: truncate(facts.value) })] : [];
}

/**
 * The card's warning for a sentiment value not in the configured values.
 *
 * @example
 * sentimentWarnings({ value: 'Amber', score: null, ageDays: null, stale: false }) // => ['CSM sentiment "Amber" not recognised; use one of the configured values']
 */
export function sentimentWarnings(facts: SentimentFacts): string[] {
  return facts.value !== null && facts.score === null ? [`CSM sentiment "${truncate(facts.value)}" not recognised; use one of the configured values`] : [];
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
