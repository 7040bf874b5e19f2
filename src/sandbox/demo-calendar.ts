import { formatDay, msPerDay, msPerHour, msPerMinute, parseIsoDate } from '../domain/parsing/index.ts';
// Dates of the demo portfolio, relative to its as-of day. Strings are cached so a million
// records share a few thousand date strings instead of holding a million copies.

export class DemoCalendar {
  readonly asOfMs: number;
  private readonly asOfDay: number;
  private readonly dates = new Map<number, string>();
  private readonly datetimes = new Map<number, string>();
  private readonly epochs = new Map<number, string>();
  private readonly locals = new Map<number, string>();
  private readonly zone: Intl.DateTimeFormat;

  /** `timeZone`: the portal's, where users pick the times of day {@link localDatetime} stands for. */
  constructor(asOf: string, timeZone = 'UTC') {
    this.zone = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    const day = parseIsoDate(asOf);
    if (day === null) throw new Error(`asOf must be a date like 2026-03-31, got "${asOf}"`);
    this.asOfDay = day;
    this.asOfMs = day * msPerDay;
  }

  /** 'YYYY-MM-DD', `days` after the as-of day (negative = before). */
  date(days: number): string {
    return cached(this.dates, days, () => formatDay(this.asOfDay + days));
  }

  /** ISO datetime at `hour` (UTC) of the day `days` after the as-of day. */
  datetime(days: number, hour = 0): string {
    const key = days * 24 + hour;
    return cached(this.datetimes, key, () => new Date(this.asOfMs + key * msPerHour).toISOString());
  }

  /**
   * The UTC instant of `hour:minute` on the day `days` after the as-of day in the portal's time
   * zone, as HubSpot stores a datetime a user picked (16:00 in Los Angeles is 00:00 UTC the next day).
   */
  localDatetime(days: number, hour: number, minute = 0): string {
    const key = (days * 24 + hour) * 60 + minute;
    return cached(this.locals, key, () => {
      const wall = this.asOfMs + key * msPerMinute;
      const first = wall - this.offsetMs(wall);
      return new Date(wall - this.offsetMs(first)).toISOString();
    });
  }

  /** How far the portal's wall clock is ahead of UTC at an instant. */
  private offsetMs(ms: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.zone.formatToParts(ms)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    return Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0) - (ms - (((ms % msPerMinute) + msPerMinute) % msPerMinute));
  }

  /** The same instant as {@link datetime}, written as HubSpot's epoch-millisecond string. */
  epochMillis(days: number, hour = 0): string {
    const key = days * 24 + hour;
    return cached(this.epochs, key, () => String(this.asOfMs + key * msPerHour));
  }
}

function cached(cache: Map<number, string>, key: number, make: () => string): string {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = make()));
  return value;
}
