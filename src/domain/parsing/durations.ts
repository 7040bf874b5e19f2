// Durations as users write them in options and configuration ("30m", "60s", "1500ms", the
// interval of a rate limit): one table of units, one reader.

import { msPerDay } from './calendar-days.ts';

export const msPerSecond = 1000;
export const msPerMinute = 60_000;
export const msPerHour = 3_600_000;

/** Milliseconds per unit of a written duration. */
export const durationUnitMs = { ms: 1, s: msPerSecond, m: msPerMinute, min: msPerMinute, h: msPerHour, d: msPerDay } as const;

export type DurationUnit = keyof typeof durationUnitMs;

/**
 * Milliseconds of `amount` units, the unit named in any case; NaN for a unit not in the table.
 *
 * @example
 * durationMs(30, 'M') // => 1_800_000
 * durationMs(2, 'weeks') // => NaN
 */
export function durationMs(amount: number, unit: string): number {
  const ms: number | undefined = (durationUnitMs as Readonly<Record<string, number>>)[unit.toLowerCase()];
  return ms === undefined ? Number.NaN : amount * ms;
}

/**
 * A whole number of one of `units` (at most `maxDigits` digits, spaces around allowed) in
 * milliseconds, or null when the text is not such a duration.
 *
 * @example
 * parseDuration('30m', ['m', 'h', 'd'], 4) // 1_800_000
 * parseDuration('1.5h', ['m', 'h', 'd'], 4) // null
 */
export function parseDuration(text: string, units: readonly DurationUnit[], maxDigits: number): number | null {
  const match = new RegExp(`^\\s*(\\d{1,${maxDigits}})\\s*(${units.join('|')})\\s*$`, 'i').exec(text);
  if (!match) return null;
  return durationMs(Number(match[1]), match[2] ?? '');
}
