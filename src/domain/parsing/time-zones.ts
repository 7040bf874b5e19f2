import { dayOfInstant, formatDay, msPerDay, type Day } from './calendar-days.ts';
import { isoDate, parseDay, parseInstant } from './date-values.ts';
import { trimmed } from './property-values.ts';

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
  readonly name: string;
  readonly utc = false;
  /** Offset in minutes at the start of each UTC day, once its block is filled. */
  private readonly startOffsets = new Int16Array(tableDays + 1);
  private readonly filled = new Uint8Array(Math.ceil(tableDays / blockDays) + 1);
  /** UTC days a change of offset falls on: the instant of the change and the offset after it. */
  private readonly changes = new Map<Day, { at: number; offset: number }>();
  private readonly format: Intl.DateTimeFormat;

  constructor(name: string) {
    this.name = name;
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

/**
 * Whether Intl knows this IANA time zone name.
 *
 * @example
 * isTimeZone('Europe/Berlin') // => true
 * isTimeZone('Mars/Olympus') // => false
 */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether two names are the same time zone: an alias (US/Pacific) and its canonical name
 * (America/Los_Angeles) are; an unknown name is only itself.
 *
 * @example
 * sameTimeZone('US/Pacific', 'America/Los_Angeles') // => true
 * sameTimeZone('UTC', 'Europe/London') // => false
 */
export function sameTimeZone(a: string, b: string): boolean {
  return a === b || canonicalZone(a) === canonicalZone(b);
}

function canonicalZone(name: string): string {
  if (utcNames.has(name)) return 'UTC';
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return `unknown:${name}`;
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

/**
 * 'YYYY-MM-DD' of an instant in a time zone: "today" in the portal is todayIn(zone, Date.now()).
 *
 * @example
 * todayIn(dayZone('America/Los_Angeles'), Date.parse('2027-01-01T01:00:00Z')) // => '2026-12-31'
 */
export function todayIn(zone: DayZone, ms: number): string {
  return formatDay(zone.dayOf(ms));
}

// Zones lie at most 14 hours east and 12 west of UTC: a local day starts within 15 hours of its UTC midnight.
const searchMinutes = 15 * 60;

/**
 * The first instant (epoch ms) of a calendar day in a time zone: its local midnight, or the
 * moment the day begins when a daylight-saving change skips midnight.
 *
 * @example
 * new Date(dayStart(dayZone('Europe/Warsaw'), parseIsoDate('2027-01-15') ?? 0)).toISOString() // => '2027-01-14T23:00:00.000Z'
 */
export function dayStart(zone: DayZone, day: Day): number {
  const midnightUtc = day * msPerDay;
  if (zone.utc) return midnightUtc;
  // The first minute whose local day is `day` (offsets are whole minutes).
  let low = -searchMinutes;
  let high = searchMinutes;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (zone.dayOf(midnightUtc + middle * 60_000) >= day) high = middle;
    else low = middle;
  }
  return midnightUtc + high * 60_000;
}
