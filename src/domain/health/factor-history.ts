import { csProperty } from '../property-names.ts';
import { dayOfInstant, formatDay, parseInstant, type Day } from '../parsing/index.ts';
import type { PropertyChange } from '../card/snapshot.ts';
import { sortInPlace } from '../card/sorting.ts';
import type { CardView, FactorView } from '../../app/cards/contract/view-model.ts';

// The factor scores behind each health score the sync writes, kept in one company property
// (cs_health_factors) so that its HubSpot property history says which factors moved the score.
//
// Format: `key:score` pairs joined by `;`, in the health model's order, e.g.
//   nps:40;support:80;engagement:-;adoption:55;renewal:100;sentiment:20
// A score is an integer 0-100; `-` means the factor did not count (no data, stale, or its
// source failed). Keys are the health factor keys (lower case, digits, `_`). Six factors take
// about 80 characters, far under HubSpot's 65,536 for a text property. Spaces around the parts
// are tolerated (a hand edit); anything else that does not read exactly is reported, never guessed.

export const healthFactorsProperty = csProperty.healthFactors;

/** Factor key -> its score, or null when the factor did not count. */
export type FactorScores = ReadonlyMap<string, number | null>;

export type FactorScoresReading =
  /** No value (never written, or cleared). */
  | { readonly kind: 'empty' }
  | { readonly kind: 'scores'; readonly scores: FactorScores }
  /** A value that is not in the format: `problem` says what, in English, for logs and admins. */
  | { readonly kind: 'malformed'; readonly problem: string };

/** Longer than any value the sync writes by far: a value this long was not written by it. */
const maxLength = 2_000;
const keyPattern = /^[a-z][a-z0-9_]*$/;
const scorePattern = /^(?:100|[1-9]?[0-9])$/;

/**
 * The value written to cs_health_factors for a health's factors: the scores of the factors
 * that count (status ok, with a score); `-` for the others.
 *
 * @example
 * formatFactorScores([{ key: 'nps', score: 40, status: 'ok' }, { key: 'support', score: null, status: 'no_data' }, { key: 'sentiment', score: 30, status: 'stale' }])
 * // 'nps:40;support:-;sentiment:-'
 */
export function formatFactorScores(factors: ReadonlyArray<Pick<FactorView, 'key' | 'score' | 'status'>>): string {
  let text = '';
  for (const factor of factors) {
    text += `${text === '' ? '' : ';'}${factor.key}:${countedScore(factor) ?? '-'}`;
  }
  return text;
}

function countedScore(factor: Pick<FactorView, 'score' | 'status'>): number | null {
  return factor.status === 'ok' && factor.score !== null ? factor.score : null;
}

/**
 * Reads a cs_health_factors value back.
 *
 * @example
 * parseFactorScores('nps:40;support:-')  // { kind: 'scores', scores: Map { 'nps' => 40, 'support' => null } }
 * parseFactorScores('')                  // { kind: 'empty' }
 * parseFactorScores('nps:40;support:high') // { kind: 'malformed', problem: 'the score of "support" is "high", not a whole number from 0 to 100 or -' }
 */
export function parseFactorScores(raw: string | null | undefined): FactorScoresReading {
  const text = (raw ?? '').trim();
  if (text === '') return { kind: 'empty' };
  if (text.length > maxLength) return malformed(`it is ${text.length} characters long, more than the ${maxLength} a factor list can take`);
  const scores = new Map<string, number | null>();
  for (const part of text.split(';')) {
    const pair = part.trim();
    const colon = pair.indexOf(':');
    if (colon < 0) return malformed(`"${clip(pair)}" is not a key:score pair`);
    const key = pair.slice(0, colon).trim();
    const score = pair.slice(colon + 1).trim();
    if (!keyPattern.test(key)) return malformed(`"${clip(key)}" is not a factor key`);
    if (scores.has(key)) return malformed(`the factor "${key}" appears twice`);
    if (score !== '-' && !scorePattern.test(score)) return malformed(`the score of "${key}" is "${clip(score)}", not a whole number from 0 to 100 or -`);
    scores.set(key, score === '-' ? null : Number(score));
  }
  return { kind: 'scores', scores };
}

function malformed(problem: string): FactorScoresReading {
  return { kind: 'malformed', problem };
}

function clip(text: string): string {
  return text.length > 20 ? `${text.slice(0, 17)}...` : text;
}

/**
 * The cs_health_factors value in force at the end of `day` (the newest change on or before it), with the instant it was written; null when none.
 *
 * @example
 * factorValueOn([{ value: 'nps:80;support:64', timestamp: '2026-11-01T02:00:00Z' }, { value: 'nps:80;support:90', timestamp: '2026-11-20T02:00:00Z' }], parseIsoDate('2026-11-07'))
 * // => { value: 'nps:80;support:64', at: parseInstant('2026-11-01T02:00:00Z') }
 * factorValueOn([], parseIsoDate('2026-11-07')) // => null
 */
export function factorValueOn(history: readonly PropertyChange[] | undefined, day: Day): { readonly value: string | null; readonly at: number } | null {
  let best: { value: string | null; at: number } | null = null;
  for (const change of history ?? []) {
    const at = parseInstant(change.timestamp);
    if (at === null || dayOfInstant(at) > day) continue;
    if (best === null || at > best.at) best = { value: change.value, at };
  }
  return best;
}

export type FactorChanges = NonNullable<CardView['health']['factorChanges']>;

export type FactorChangesResult =
  | { readonly kind: 'changes'; readonly factorChanges: FactorChanges | null }
  /** The value in force back then cannot be read: what changed is not shown, and the card says why. */
  | { readonly kind: 'unreadable'; readonly writtenOn: string; readonly problem: string }
  /** The customer has no score (churned, or a prospect): what changed is not shown, and nothing needs saying. */
  | { readonly kind: 'notScored' };

export interface FactorChangeOptions {
  readonly asOf: Day;
  /** How far back to compare (the trend's horizon, 30 days by default). */
  readonly days: number;
  /** The least move, in points, that counts as a change. */
  readonly threshold: number;
}

/**
 * Which factors moved since `days` ago: the current factors' scores against the cs_health_factors
 * value in force at the end of that day. A factor changed when it counted both then and now
 * and its score moved by `threshold` points or more (a factor that gained or lost its data is
 * not a move: the factor table says its status). Largest move first, then in the factors'
 * order. `factorChanges` is null when no value was in force that day (the history is younger).
 *
 * @example
 * // As of 2026-12-07, 30 days, threshold 10; on 2026-11-01 the sync wrote 'nps:80;support:70;adoption:50'.
 * // Now NPS 40, support 65, adoption 75:
 * factorChangesSince(factors, history, { asOf, days: 30, threshold: 10 })
 * // { kind: 'changes', factorChanges: { since: '2026-11-07', threshold: 10,
 * //   changes: [{ key: 'nps', from: 80, to: 40 }, { key: 'adoption', from: 50, to: 75 }] } }
 */
export function factorChangesSince(
  factors: ReadonlyArray<Pick<FactorView, 'key' | 'score' | 'status'>>,
  history: readonly PropertyChange[] | undefined,
  options: FactorChangeOptions,
): FactorChangesResult {
  const day = options.asOf - options.days;
  const inForce = factorValueOn(history, day);
  const reading = parseFactorScores(inForce?.value);
  if (inForce === null || reading.kind === 'empty') return { kind: 'changes', factorChanges: null };
  if (reading.kind === 'malformed') return { kind: 'unreadable', writtenOn: formatDay(dayOfInstant(inForce.at)), problem: reading.problem };
  const moves: Array<{ key: string; from: number; to: number; order: number }> = [];
  factors.forEach((factor, order) => {
    const to = countedScore(factor);
    const from = reading.scores.get(factor.key) ?? null;
    if (to !== null && from !== null && Math.abs(to - from) >= options.threshold) moves.push({ key: factor.key, from, to, order });
  });
  sortInPlace(moves, (a, b) => Math.abs(b.to - b.from) - Math.abs(a.to - a.from) || a.order - b.order);
  return {
    kind: 'changes',
    factorChanges: { since: formatDay(day), threshold: options.threshold, changes: moves.map(({ key, from, to }) => ({ key, from, to })) },
  };
}
