// Calendar-day arithmetic in UTC. A `Day` is a whole number of days since 1970-01-01 (UTC),
// so "days between" is a subtraction and nothing depends on the machine's time zone.
// HubSpot sends dates as 'YYYY-MM-DD', datetimes as ISO 8601 and sometimes epoch-millisecond
// strings; anything else (including impossible dates like 2024-02-30) is no date at all.

import { trimmed } from './property-values.ts';

export type Day = number;

const msPerDay = 86_400_000;
const minMs = Date.UTC(1900, 0, 1);
const maxMs = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Epoch milliseconds of a date / datetime / epoch-ms property value, or null. */
export function parseInstant(value: string | null | undefined): number | null {
  if (value == null) return null;
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

/** The UTC calendar day of a date / datetime / epoch-ms property value, or null. */
export function parseDay(value: string | null | undefined): Day | null {
  if (value == null) return null;
  const text = trimmed(value);
  // The two shapes HubSpot sends most, a date and a UTC datetime, name their day outright: no
  // instant (a float of milliseconds) is needed to find it.
  if (text.length === 10 || canonicalTimeMs(text) !== null) return isoDate(text);
  const ms = parseInstant(text);
  return ms === null ? null : Math.floor(ms / msPerDay);
}

/** A strict 'YYYY-MM-DD' (the as-of date), or null. */
export function parseIsoDate(value: string): Day | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDay(value) : null;
}

/** The day of an as-of date 'YYYY-MM-DD'; a RangeError otherwise (the shells validate what users type first). */
export function asOfDay(value: string): Day {
  const day = parseIsoDate(value);
  if (day === null) throw new RangeError(`asOf must be a YYYY-MM-DD date, got "${value}"`);
  return day;
}

export function dayOfInstant(ms: number): Day {
  return Math.floor(ms / msPerDay);
}

/** 'YYYY-MM-DD' of a day. A card writes a handful of dates, mostly the same few days, so each is formatted once. */
export function formatDay(day: Day): string {
  if (day < 0 || day >= formattedDays.length) return civilDate(day);
  return (formattedDays[day] ??= civilDate(day));
}

/** Formatted days since 1970-01-01, filled as they are asked for: up to 2199, the years HubSpot data lives in. */
const formattedDays: Array<string | undefined> = new Array<string | undefined>(84_000);

/** 'YYYY-MM-DD' by integer arithmetic (Date#toISOString is slow). */
function civilDate(day: Day): string {
  // Howard Hinnant's civil_from_days: eras of 400 years, March-based years.
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const date = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year >= 1000 && year <= 9999 ? String(year) : String(year).padStart(4, '0')}-${twoDigits(month)}-${twoDigits(date)}`;
}

/** ISO 8601 in UTC with milliseconds, like Date#toISOString (which is slow in a hot path). */
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

/** 'YYYY-MM-DD' plus n calendar days. */
export function addDays(isoDate: string, days: number): string {
  const day = parseIsoDate(isoDate);
  if (day === null) throw new RangeError(`"${isoDate}" is not a YYYY-MM-DD date`);
  return formatDay(day + days);
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
  const [year, month, date] = civilParts(day);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return daysFromCivil(targetYear, targetMonth, Math.min(date, daysInMonth(targetYear, targetMonth)));
}

function civilParts(day: Day): [number, number, number] {
  const text = formatDay(day);
  return [Number(text.slice(0, text.length - 6)), Number(text.slice(-5, -3)), Number(text.slice(-2))];
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

/** The day of the 'YYYY-MM-DD' the text starts with (1900 on), or null. */
function isoDate(text: string): Day | null {
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

/** Days since 1970-01-01 of a date, from tables for the years HubSpot data lives in (no divisions). */
function civilDay(year: number, month: number, date: number): Day {
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

function daysInMonth(year: number, month: number): number {
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

// ---------------------------------------------------------------------------------------------
// Days in the portal's time zone. HubSpot keeps datetimes (deal closedate, timestamps) as
// instants; a calendar day in the product is the day that instant falls on in the portal's
// time zone (GET /account-info/v3/details `timeZone`). Date-type properties are calendar
// dates already (midnight UTC) and are read as they are written.
//
// The offset of every UTC day is precomputed a year at a time on first use (one Intl call per
// day, about a millisecond a year), so a lookup is an array read; the few days a daylight-saving
// change falls on keep the exact instant of the change.

/** A time zone's calendar: the local day of an instant. */
export interface DayZone {
  /** IANA name, like 'America/Los_Angeles'. */
  readonly name: string;
  /** True for UTC and its aliases: no offsets to look up. */
  readonly utc: boolean;
  dayOf(ms: number): Day;
}

const utcNames = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu', 'Etc/UCT', 'UCT']);
const tableDays = 84_000;
const blockDays = 366;

class ZoneDays implements DayZone {
  readonly utc = false;
  /** Offset in minutes at the start of each UTC day, once its block is filled. */
  private readonly startOffsets = new Int16Array(tableDays + 1);
  private readonly filled = new Uint8Array(Math.ceil(tableDays / blockDays) + 1);
  /** UTC days a change of offset falls on: the instant of the change and the offset after it. */
  private readonly changes = new Map<Day, { at: number; offset: number }>();
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly name: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  }

  dayOf(ms: number): Day {
    const utcDay = Math.floor(ms / msPerDay);
    if (utcDay < 0 || utcDay >= tableDays) return Math.floor((ms + this.offsetMinutes(ms) * 60_000) / msPerDay);
    const block = Math.floor(utcDay / blockDays);
    if (this.filled[block] === 0) this.fill(block);
    let offset = this.startOffsets[utcDay] ?? 0;
    if (offset !== (this.startOffsets[utcDay + 1] ?? offset)) {
      const change = this.changes.get(utcDay);
      if (change !== undefined && ms >= change.at) offset = change.offset;
    }
    return Math.floor((ms + offset * 60_000) / msPerDay);
  }

  private fill(block: number): void {
    const first = block * blockDays;
    const last = Math.min(tableDays, first + blockDays);
    for (let day = first; day <= last; day++) this.startOffsets[day] = this.offsetMinutes(day * msPerDay);
    for (let day = first; day < last; day++) {
      const before = this.startOffsets[day] ?? 0;
      const after = this.startOffsets[day + 1] ?? 0;
      if (before === after) continue;
      // The minute of the change, by halving the day.
      let low = day * msPerDay;
      let high = low + msPerDay;
      while (high - low > 60_000) {
        const middle = low + Math.floor((high - low) / 120_000) * 60_000;
        if (this.offsetMinutes(middle) === before) low = middle;
        else high = middle;
      }
      this.changes.set(day, { at: high, offset: after });
    }
    this.filled[block] = 1;
  }

  /** Minutes east of UTC at an instant, from Intl (slow: only while filling the table). */
  private offsetMinutes(ms: number): number {
    const whole = ms - (((ms % 1000) + 1000) % 1000);
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(whole)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    const local = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
    return Math.round((local - whole) / 60_000);
  }
}

const utcZone: DayZone = { name: 'UTC', utc: true, dayOf: dayOfInstant };
const zones = new Map<string, DayZone>([['UTC', utcZone]]);

/** Whether Intl knows this IANA time zone name. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar of a time zone (one per name per process); a RangeError for an unknown name.
 * @example dayZone('America/Los_Angeles').dayOf(Date.parse('2027-01-01T01:00:00Z')) === parseIsoDate('2026-12-31')
 */
export function dayZone(name: string): DayZone {
  const known = zones.get(name);
  if (known !== undefined) return known;
  if (!isTimeZone(name)) throw new RangeError(`"${name}" is not a time zone (an IANA name like "Europe/Berlin")`);
  const zone = utcNames.has(name) ? { ...utcZone, name } : new ZoneDays(name);
  zones.set(name, zone);
  return zone;
}

/**
 * The calendar day of a datetime property value (deal closedate, timestamps) in the portal's
 * time zone; a bare 'YYYY-MM-DD' is that day. Null when it is no date.
 * @example parseZonedDay('2027-01-01T01:00:00Z', dayZone('America/Los_Angeles')) === parseIsoDate('2026-12-31')
 */
export function parseZonedDay(value: string | null | undefined, zone: DayZone): Day | null {
  if (zone.utc || value == null) return parseDay(value);
  const text = trimmed(value);
  if (text.length === 10) return isoDate(text);
  const ms = parseInstant(text);
  return ms === null ? null : zone.dayOf(ms);
}

/** 'YYYY-MM-DD' of an instant in a time zone: "today" in the portal is todayIn(zone, Date.now()). */
export function todayIn(zone: DayZone, ms: number): string {
  return formatDay(zone.dayOf(ms));
}
