import * as z from 'zod/mini';

// Calendar days as the card and the backend exchange them: `YYYY-MM-DD` strings (message
// parameters, the view model's dates, the sync state's as-of day) and the length of a day.
// The one home of these primitives: the backend's day arithmetic (src/domain/parsing/) builds
// on them, and the card (which may import only its own folder) uses them directly.

/** Milliseconds in a calendar day (UTC days have no leap seconds in JavaScript time). */
export const msPerDay = 86_400_000;

/**
 * The shape of a calendar day, `YYYY-MM-DD` (the shape only: 2026-02-31 matches; reading it as
 * a real day is src/domain/parsing's parseIsoDate).
 *
 * @example
 * isoDayPattern.test('2026-12-07') // true
 * isoDayPattern.test('2026-12-07T10:00:00Z') // false
 */
export const isoDayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** A `YYYY-MM-DD` string, as the view model and the sync state carry days. */
export const isoDaySchema = z.string().check(z.regex(isoDayPattern));

/** A day as HubSpot's DateInput holds it: `{ year, month (0-11), date }`. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly date: number;
}

/**
 * A `YYYY-MM-DD` day as a DateInput's value, or null when the text is not that shape.
 *
 * @example
 * calendarDateOf('2026-12-07') // { year: 2026, month: 11, date: 7 }
 */
export function calendarDateOf(isoDay: string): CalendarDate | null {
  if (!isoDayPattern.test(isoDay)) return null;
  return { year: Number(isoDay.slice(0, 4)), month: Number(isoDay.slice(5, 7)) - 1, date: Number(isoDay.slice(8, 10)) };
}

/**
 * A DateInput's value as `YYYY-MM-DD`.
 *
 * @example
 * isoDayOf({ year: 2026, month: 11, date: 7 }) // '2026-12-07'
 */
export function isoDayOf(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month + 1).padStart(2, '0')}-${String(date.date).padStart(2, '0')}`;
}
