// Calendar-day arithmetic in UTC. A `Day` is a whole number of days since 1970-01-01 (UTC),
// so "days between" is a subtraction and nothing depends on the machine's time zone. Reading
// HubSpot's date values is date-values.ts; days in the portal's time zone, time-zones.ts.

import { msPerDay } from '../../app/cards/contract/days.ts';

export { msPerDay };

export type Day = number;

/** 9999-12-31, the last day a 'YYYY-MM-DD' date can name (HubSpot's readers stop there too). */
export const lastDay: Day = 2_932_896;

/**
 * The UTC day of an instant (epoch milliseconds).
 *
 * @example
 * dayOfInstant(Date.parse('1970-01-02T23:59:00Z')) // => 1
 */
export function dayOfInstant(ms: number): Day {
  return Math.floor(ms / msPerDay);
}

/**
 * 'YYYY-MM-DD' of a day. A card writes a handful of dates, mostly the same few days, so each is formatted once.
 *
 * @example
 * formatDay(20_777) // => '2026-11-20'
 */
export function formatDay(day: Day): string {
  if (day < 0 || day >= formattedDays.length) return civilDate(day);
  return (formattedDays[day] ??= civilDate(day));
}

/** Formatted days since 1970-01-01, filled as they are asked for: up to 2199, the years HubSpot data lives in. */
const formattedDays: Array<string | undefined> = new Array<string | undefined>(84_000);

/** 'YYYY-MM-DD' by integer arithmetic (Date#toISOString is slow). */
function civilDate(day: Day): string {
  const civil = civilFromDays(day);
  const year = yearOf(civil);
  return `${year >= 1000 && year <= 9999 ? String(year) : String(year).padStart(4, '0')}-${twoDigits(monthOf(civil))}-${twoDigits(dateOf(civil))}`;
}

/**
 * The proleptic Gregorian date of a day (Howard Hinnant's civil_from_days: eras of 400 years,
 * March-based years), packed into one number, (year * 16 + month) * 32 + date: month arithmetic
 * runs for every deal, and a number is not an allocation.
 */
function civilFromDays(day: Day): number {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const date = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return (year * 16 + month) * 32 + date;
}

function yearOf(civil: number): number {
  return Math.floor(civil / 512);
}

function monthOf(civil: number): number {
  return Math.floor(civil / 32) - yearOf(civil) * 16;
}

function dateOf(civil: number): number {
  return civil - Math.floor(civil / 32) * 32;
}

/**
 * ISO 8601 in UTC with milliseconds, like Date#toISOString (which is slow in a hot path).
 *
 * @example
 * formatInstant(Date.parse('2026-11-20T09:30:00Z')) // => '2026-11-20T09:30:00.000Z'
 */
export function formatInstant(ms: number): string {
  const day = Math.floor(ms / msPerDay);
  const time = ms - day * msPerDay;
  const millis = time % 1000;
  const millisText = millis >= 100 ? String(millis) : millis >= 10 ? `0${millis}` : `00${millis}`;
  return `${formatDay(day)}T${twoDigits(Math.floor(time / 3_600_000))}:${twoDigits(Math.floor(time / 60_000) % 60)}:${twoDigits(Math.floor(time / 1000) % 60)}.${millisText}Z`;
}

const paddedPairs = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/** 0..99 as two digits, from a table (formatting dates is on every card's path). */
function twoDigits(n: number): string {
  return paddedPairs[n] ?? String(n).padStart(2, '0');
}

/**
 * The day `months` calendar months after `day` (before it when negative), the day of the month
 * kept and clamped to the month's length: a contract signed on 31 January for one month ends
 * on 28 (or 29) February.
 *
 * @example
 * formatDay(addMonths(parseDay('2026-01-31') ?? 0, 1)) // '2026-02-28'
 */
export function addMonths(day: Day, months: number): Day {
  const civil = civilFromDays(day);
  const index = yearOf(civil) * 12 + (monthOf(civil) - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return civilDay(targetYear, targetMonth, Math.min(dateOf(civil), daysInMonth(targetYear, targetMonth)));
}

/**
 * Days since 1970-01-01 of a date, from tables for the years HubSpot data lives in (no divisions).
 *
 * @example
 * civilDay(2026, 11, 20) // => 20_777
 */
export function civilDay(year: number, month: number, date: number): Day {
  const yearStart = yearStarts[year - tableFirstYear];
  const monthStart = monthStarts[month - 1];
  if (yearStart === undefined || monthStart === undefined) return daysFromCivil(year, month, date);
  return yearStart + monthStart + (month > 2 && isLeapYear(year) ? 1 : 0) + date - 1;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, date: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + date - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The number of days of a month (1-12) of a Gregorian year.
 *
 * @example
 * daysInMonth(2028, 2) // => 29
 * daysInMonth(2026, 4) // => 30
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  // (year & 3) rather than year % 4: the remainder of a possibly negative number is a division.
  return (year & 3) === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const tableFirstYear = 1900;
/** Day of 1 January for the years 1900..2199; other years are computed. */
const yearStarts = Array.from({ length: 300 }, (_, i) => daysFromCivil(tableFirstYear + i, 1, 1));
/** Days before each month in a common year. */
const monthStarts = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
