import { message, type Message } from '../../app/cards/contract/message.ts';
import { formatDay, msPerDay, parseIsoDate, type Day } from '../parsing/index.ts';
import type { Period } from './renewal-period.ts';

// The periods a report covers, as managers name them (a year, a quarter, a month, or two dates),
// the current and the last full quarter, and their labels; what the user typed is validated here.

function dayOf(year: number, month: number, date: number): Day {
  return Math.floor(Date.UTC(year, month - 1, date) / msPerDay);
}

function lastDayOfMonth(year: number, month: number): Day {
  return dayOf(year, month + 1, 1) - 1;
}

/**
 * A period named the way managers say it: 2026 (a year), 2026-Q3 (a quarter), 2026-10 (a month); null when it names none.
 *
 * @example
 * namedPeriod('2026-Q1') // => { start: parseIsoDate('2026-01-01'), end: parseIsoDate('2026-03-31') }
 * namedPeriod('2026-02') // => { start: parseIsoDate('2026-02-01'), end: parseIsoDate('2026-02-28') }
 * namedPeriod('Q1 2026') // => null
 */
export function namedPeriod(text: string): Period | null {
  const year = /^(\d{4})$/.exec(text);
  if (year) return { start: dayOf(Number(year[1]), 1, 1), end: dayOf(Number(year[1]), 12, 31) };
  const quarter = /^(\d{4})-Q([1-4])$/i.exec(text);
  if (quarter) {
    const first = (Number(quarter[2]) - 1) * 3 + 1;
    return { start: dayOf(Number(quarter[1]), first, 1), end: lastDayOfMonth(Number(quarter[1]), first + 2) };
  }
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
    return { start: dayOf(Number(month[1]), Number(month[2]), 1), end: lastDayOfMonth(Number(month[1]), Number(month[2])) };
  }
  return null;
}

/**
 * The calendar quarter a day is in.
 *
 * @example
 * quarterOf(parseIsoDate('2026-11-20')) // => { start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }
 */
export function quarterOf(day: Day): Period {
  const [year, month] = formatDay(day).split('-').map(Number);
  const first = Math.floor(((month ?? 1) - 1) / 3) * 3 + 1;
  return { start: dayOf(year ?? 1970, first, 1), end: lastDayOfMonth(year ?? 1970, first + 2) };
}

/**
 * The last whole quarter before the one a day is in.
 *
 * @example
 * previousQuarter(parseIsoDate('2026-11-20')) // => { start: parseIsoDate('2026-07-01'), end: parseIsoDate('2026-09-30') }
 */
export function previousQuarter(day: Day): Period {
  return quarterOf(quarterOf(day).start - 1);
}

/**
 * 2026-Q3 for a period that is exactly a quarter, else from–to.
 *
 * @example
 * periodLabel({ start: parseIsoDate('2026-07-01'), end: parseIsoDate('2026-09-30') }) // => '2026-Q3'
 */
export function periodLabel(period: Period): string {
  const quarter = quarterOf(period.start);
  if (quarter.start === period.start && quarter.end === period.end) {
    const [year, month] = formatDay(period.start).split('-');
    return `${year}-Q${Math.floor((Number(month) - 1) / 3) + 1}`;
  }
  return `${formatDay(period.start)} – ${formatDay(period.end)}`;
}

export type PeriodArguments = { readonly period?: string; readonly from?: string; readonly to?: string };

/**
 * The period a user asked for, or what is wrong with the arguments (a catalog message, the values
 * as typed); default: the current quarter up to today.
 *
 * @example
 * periodFromArguments({ period: '2026-Q7' }, parseIsoDate('2026-11-20')) // => { error: { code: 'report.error.period', params: { value: '2026-Q7' } } }
 * periodFromArguments({ from: '2026-01-05', to: '2026-02-05' }, parseIsoDate('2026-11-20')) // => { start: parseIsoDate('2026-01-05'), end: parseIsoDate('2026-02-05') }
 */
export function periodFromArguments(args: PeriodArguments, today: Day): Period | { error: Message } {
  if (args.period !== undefined && (args.from !== undefined || args.to !== undefined)) return { error: message('report.error.periodWithRange') };
  if (args.period !== undefined) {
    const period = namedPeriod(args.period.trim());
    return period ?? { error: message('report.error.period', { value: args.period }) };
  }
  if (args.from === undefined && args.to === undefined) return quarterOf(today);
  if (args.from === undefined || args.to === undefined) return { error: message('report.error.rangeHalf') };
  const start = parseIsoDate(args.from);
  if (start === null) return { error: message('report.error.from', { value: args.from }) };
  const end = parseIsoDate(args.to);
  if (end === null) return { error: message('report.error.to', { value: args.to }) };
  if (end < start) return { error: message('report.error.toBeforeFrom', { toValue: args.to, fromValue: args.from }) };
  return { start, end };
}
