import { csProperty } from '../property-names.ts';
import { dayOfInstant, formatDay, parseInstant, type Day } from '../parsing/index.ts';
import { parseNumber } from '../parsing/index.ts';
import type { PropertyChange } from '../card/snapshot.ts';
import { sortInPlace } from '../card/sorting.ts';

// The score's past, read from the history of the cs_health_score property the sync writes.

export const healthScoreProperty = csProperty.healthScore;

export interface ScorePoint {
  /** Epoch milliseconds of the change. */
  readonly at: number;
  readonly day: Day;
  /** null when the score was cleared or is not a number. */
  readonly value: number | null;
}

/**
 * The dated changes of the score property, in any order.
 *
 * @example
 * // a cleared score is a point without a value; a change without a readable time is dropped:
 * scorePoints([{ value: '72', timestamp: '2026-11-01T02:00:00Z' }, { value: '', timestamp: '2026-11-05T02:00:00Z' }, { value: '70', timestamp: 'yesterday' }]).map((point) => [formatDay(point.day), point.value])
 * // => [['2026-11-01', 72], ['2026-11-05', null]]
 */
export function scorePoints(history: readonly PropertyChange[] | undefined): ScorePoint[] {
  const result: ScorePoint[] = [];
  for (const change of history ?? []) {
    const at = parseInstant(change.timestamp);
    if (at !== null) result.push({ at, day: dayOfInstant(at), value: parseNumber(change.value) });
  }
  return result;
}

/**
 * The score in effect at the end of `day`: the value of the newest change on or before it.
 *
 * @example
 * scoreOn(scorePoints([{ value: '72', timestamp: '2026-11-01T02:00:00Z' }, { value: '64', timestamp: '2026-11-20T02:00:00Z' }, { value: '61', timestamp: '2026-11-20T14:00:00Z' }]), parseIsoDate('2026-11-07')) // => 72
 * // two changes on the 20th: the later one holds at the end of the day
 * scoreOn(scorePoints([{ value: '72', timestamp: '2026-11-01T02:00:00Z' }, { value: '64', timestamp: '2026-11-20T02:00:00Z' }, { value: '61', timestamp: '2026-11-20T14:00:00Z' }]), parseIsoDate('2026-11-20')) // => 61
 * scoreOn(scorePoints([{ value: '72', timestamp: '2026-11-01T02:00:00Z' }, { value: '64', timestamp: '2026-11-20T02:00:00Z' }, { value: '61', timestamp: '2026-11-20T14:00:00Z' }]), parseIsoDate('2026-10-31')) // => null
 */
export function scoreOn(points: readonly ScorePoint[], day: Day): number | null {
  let best: ScorePoint | null = null;
  for (const point of points) {
    if (point.day <= day && (best === null || point.at > best.at)) best = point;
  }
  return best?.value ?? null;
}

/**
 * Score now minus the score `days` ago, rounded; null when either is unknown.
 *
 * @example
 * // 58 on 2026-12-07; 30 days before, on 2026-11-07, the score was 72:
 * healthTrend(58, scorePoints([{ value: '72', timestamp: '2026-11-01T02:00:00Z' }, { value: '64', timestamp: '2026-11-20T02:00:00Z' }, { value: '61', timestamp: '2026-11-20T14:00:00Z' }]), parseIsoDate('2026-12-07'), 30) // => -14
 */
export function healthTrend(score: number | null, points: readonly ScorePoint[], asOf: Day, days: number): number | null {
  if (score === null) return null;
  const past = scoreOn(points, asOf - days);
  if (past === null) return null;
  const trend = Math.round(score - past);
  return trend === 0 ? 0 : trend;
}

/**
 * One point per day over the last `days` days (the day's last value), oldest first, ending with today's score.
 *
 * @example
 * // 2026-11-01 is 36 days back, outside the 30 days; the 20th ended at 61:
 * healthHistory(scorePoints([{ value: '72', timestamp: '2026-11-01T02:00:00Z' }, { value: '64', timestamp: '2026-11-20T02:00:00Z' }, { value: '61', timestamp: '2026-11-20T14:00:00Z' }]), parseIsoDate('2026-12-07'), 30, 58)
 * // => [{ date: '2026-11-20', score: 61 }, { date: '2026-12-07', score: 58 }]
 */
export function healthHistory(points: readonly ScorePoint[], asOf: Day, days: number, current: number | null): Array<{ date: string; score: number }> {
  const inWindow: ScorePoint[] = [];
  for (const point of points) {
    if (point.value === null || point.day > asOf || asOf - point.day >= days) continue;
    if (current !== null && point.day === asOf) continue; // today's score replaces today's changes
    inWindow.push(point);
  }
  // Oldest day first, and within a day the last change first: it is the day's value.
  sortInPlace(inWindow, byDayThenLatest);
  const result: Array<{ date: string; score: number }> = [];
  let previousDay: Day | null = null;
  for (const point of inWindow) {
    if (point.day === previousDay) continue;
    previousDay = point.day;
    result.push({ date: formatDay(point.day), score: point.value ?? 0 });
  }
  if (current !== null) result.push({ date: formatDay(asOf), score: current });
  return result;
}

function byDayThenLatest(a: ScorePoint, b: ScorePoint): number {
  return a.day - b.day || b.at - a.at;
}
