// Reading HubSpot's date values: dates as 'YYYY-MM-DD', datetimes as ISO 8601 and sometimes
// epoch-millisecond strings; anything else (including impossible dates like 2024-02-30) is no
// date at all. Days are UTC calendar days (calendar-days.ts); a datetime's day in the portal's
// time zone is time-zones.ts.

import { isoDayPattern } from '../../app/cards/contract/days.ts';
import { civilDay, daysInMonth, formatDay, msPerDay, type Day } from './calendar-days.ts';
import { trimmed } from './property-values.ts';

const minMs = Date.UTC(1900, 0, 1);
const maxMs = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * Epoch milliseconds of a date / datetime / epoch-ms property value, or null.
 *
 * @example
 * parseInstant('2026-11-20T09:30:00Z') // => Date.parse('2026-11-20T09:30:00Z')
 * parseInstant('1795165800000')        // => 1795165800000
 * parseInstant('next week')            // => null
 */
export function parseInstant(value: string | null | undefined): number | null {
  if (value == null) return null;
  // The shape HubSpot sends most (Date#toISOString) is read without trimming or the general scan;
  // anything else that merely has its length goes the general way below.
  if (value.length === 24) {
    const time = canonicalTimeMs(value);
    const date = time === null ? null : isoDate(value);
    if (date !== null && time !== null) return date * msPerDay + time;
  }
  const text = trimmed(value);
  const ms = text.charCodeAt(4) === dash ? parseIso(text) : parseEpochMs(text);
  return ms !== null && ms >= minMs && ms <= maxMs ? ms : null;
}

// Epoch milliseconds: 12 to 15 digits (1973 on). Shorter numbers are not dates; 10 digits
// would be epoch seconds, which HubSpot does not send, so guessing would only mislead.
function parseEpochMs(text: string): number | null {
  return text.length >= 12 && text.length <= 15 ? nonNegative(digits(text, 0, text.length)) : null;
}

function nonNegative(value: number): number | null {
  return value < 0 ? null : value;
}

/**
 * The UTC calendar day of a date / datetime / epoch-ms property value, or null.
 *
 * @example
 * formatDay(parseDay('2026-11-20T23:30:00Z') ?? 0) // => '2026-11-20'
 * parseDay('2026-02-30')                          // => null
 */
export function parseDay(value: string | null | undefined): Day | null {
  if (value == null) return null;
  // A date or a canonical UTC datetime as sent (no white space around it) names its day outright;
  // any other value of those lengths goes the general way below.
  const length = value.length;
  if (length === 10 || (length === 24 && canonicalTimeMs(value) !== null)) {
    const day = isoDate(value);
    if (day !== null) return day;
  }
  const text = trimmed(value);
  // The two shapes HubSpot sends most, a date and a UTC datetime, name their day outright: no
  // instant (a float of milliseconds) is needed to find it.
  if (text.length === 10 || canonicalTimeMs(text) !== null) return isoDate(text);
  const ms = parseInstant(text);
  return ms === null ? null : Math.floor(ms / msPerDay);
}

/**
 * A strict 'YYYY-MM-DD' (the as-of date), or null.
 *
 * @example
 * formatDay(parseIsoDate('2026-11-20') ?? 0) // => '2026-11-20'
 * parseIsoDate('2026-11-20T10:00:00Z')       // => null
 */
export function parseIsoDate(value: string): Day | null {
  return isoDayPattern.test(value) ? parseDay(value) : null;
}

/**
 * The day of an as-of date 'YYYY-MM-DD'; a RangeError otherwise (the shells validate what users type first).
 *
 * @example
 * asOfDay('1970-01-02') // => 1
 */
export function asOfDay(value: string): Day {
  const day = parseIsoDate(value);
  if (day === null) throw new RangeError(`asOf must be a YYYY-MM-DD date, got "${value}"`);
  return day;
}

/**
 * 'YYYY-MM-DD' plus n calendar days.
 *
 * @example
 * addDays('2026-12-30', 3) // => '2027-01-02'
 */
export function addDays(isoDate: string, days: number): string {
  const day = parseIsoDate(isoDate);
  if (day === null) throw new RangeError(`"${isoDate}" is not a YYYY-MM-DD date`);
  return formatDay(day + days);
}

// A hand-rolled scanner rather than a regular expression: a sync parses a few dates per
// record for every company, and this is the hottest code in the domain (see npm run bench).
// Grammar: YYYY-MM-DD[(T| )HH:MM[:SS[(.|,)fraction]][ ][Z|(+|-)HH[[:]MM]]].
function parseIso(text: string): number | null {
  const length = text.length;
  const date = isoDate(text);
  if (date === null) return null;
  const day = date * msPerDay;
  if (length === 10) return day;
  if (length === 24) {
    const time = canonicalTimeMs(text);
    if (time !== null) return day + time;
  }

  const separator = text.charCodeAt(10);
  if ((separator !== upperT && separator !== lowerT && separator !== space) || text.charCodeAt(13) !== colon) return null;
  const hours = digitPairAt(text, 11);
  const minutes = digitPairAt(text, 14);
  let seconds = 0;
  let millis = 0;
  let i = 16;
  if (text.charCodeAt(i) === colon) {
    seconds = digitPairAt(text, i + 1);
    i += 3;
    const mark = text.charCodeAt(i);
    if (mark === dot || mark === comma) {
      const start = ++i;
      for (; i < length && i - start < 9 && isDigit(text.charCodeAt(i)); i++) {
        if (i - start < 3) millis = millis * 10 + (text.charCodeAt(i) - zero);
      }
      if (i === start) return null;
      for (let place = i - start; place < 3; place++) millis *= 10;
    }
  }
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) return null;
  while (text.charCodeAt(i) === space) i++;
  const offset = zoneOffsetMinutes(text, i);
  return offset === null ? null : day + ((hours * 60 + minutes - offset) * 60 + seconds) * 1000 + millis;
}

/**
 * The day of the 'YYYY-MM-DD' the text starts with (1900 on), or null.
 *
 * @example
 * isoDate('1970-01-03 (a Saturday)') // => 2
 * isoDate('1899-12-31')              // => null
 */
export function isoDate(text: string): Day | null {
  if (text.length < 10 || text.charCodeAt(4) !== dash || text.charCodeAt(7) !== dash) return null;
  const century = pairIn(text, 0);
  const yearOfCentury = pairIn(text, 2);
  const month = pairIn(text, 5);
  const date = pairIn(text, 8);
  if (century < 19 || yearOfCentury < 0 || month < 1 || month > 12 || date < 1) return null;
  const year = century * 100 + yearOfCentury;
  return date > daysInMonth(year, month) ? null : civilDay(year, month, date);
}

/**
 * Milliseconds into the day of 'YYYY-MM-DDTHH:MM:SS.sssZ' (Date#toISOString, how HubSpot
 * sends most datetimes) read in one go; null for any other 24-character shape, which the
 * general scanner then reads.
 */
function canonicalTimeMs(text: string): number | null {
  if (text.length !== 24 || text.charCodeAt(10) !== upperT || text.charCodeAt(13) !== colon || text.charCodeAt(16) !== colon || text.charCodeAt(19) !== dot || text.charCodeAt(23) !== upperZ) return null;
  const hours = pairIn(text, 11);
  const minutes = pairIn(text, 14);
  const seconds = pairIn(text, 17);
  const hundreds = text.charCodeAt(20) - zero;
  const rest = pairIn(text, 21);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59 || (hundreds | (9 - hundreds)) < 0 || rest < 0) return null;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + hundreds * 100 + rest;
}

/** Minutes east of UTC from position i to the end; no zone at all is read as UTC (HubSpot's own convention). */
function zoneOffsetMinutes(text: string, i: number): number | null {
  const rest = text.length - i;
  if (rest === 0) return 0;
  const first = text.charCodeAt(i);
  if (rest === 1 && (first === upperZ || first === lowerZ)) return 0;
  if (first !== plus && first !== dash) return null;
  const hours = digitPairAt(text, i + 1);
  let minutes = 0;
  if (rest === 5 && text.charCodeAt(i + 3) !== colon) minutes = digitPairAt(text, i + 3);
  else if (rest === 6 && text.charCodeAt(i + 3) === colon) minutes = digitPairAt(text, i + 4);
  else if (rest !== 3) return null;
  if (hours < 0 || hours > 14 || minutes < 0 || minutes > 59) return null;
  return (first === dash ? -1 : 1) * (hours * 60 + minutes);
}

/** The number written by the two ASCII digits at `start`, or -1 (also when they run past the end). */
function digitPairAt(text: string, start: number): number {
  return start + 1 < text.length ? pairIn(text, start) : -1;
}

/**
 * The number written by the two ASCII digits at `start`, or a negative number; both places
 * must be inside the text (a read past the end is NaN, which the bit test would take for 0).
 * One sign test instead of four comparisons: a date is read on every record's path.
 */
function pairIn(text: string, start: number): number {
  const tens = text.charCodeAt(start) - zero;
  const ones = text.charCodeAt(start + 1) - zero;
  return (tens | ones | (9 - tens) | (9 - ones)) < 0 ? -1 : tens * 10 + ones;
}

/** The number written by `count` ASCII digits at `start`, or -1. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return -1;
    value = value * 10 + (code - zero);
  }
  return value;
}

function isDigit(code: number): boolean {
  return code >= zero && code <= zero + 9;
}

const [zero, dash, colon, dot, comma, space, plus, upperT, lowerT, upperZ, lowerZ] = ['0', '-', ':', '.', ',', ' ', '+', 'T', 't', 'Z', 'z'].map((c) => c.charCodeAt(0)) as [
  number, number, number, number, number, number, number, number, number, number, number,
];

