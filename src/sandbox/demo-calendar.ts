// Dates of the demo portfolio, relative to its as-of day. Strings are cached so a million
// records share a few thousand date strings instead of holding a million copies.

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export class DemoCalendar {
  readonly asOfMs: number;
  private readonly dates = new Map<number, string>();
  private readonly datetimes = new Map<number, string>();
  private readonly epochs = new Map<number, string>();

  constructor(asOf: string) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) {
      throw new Error(`asOf must be a date like 2026-03-31, got "${asOf}"`);
    }
    this.asOfMs = Date.parse(`${asOf}T00:00:00.000Z`);
  }

  /** 'YYYY-MM-DD', `days` after the as-of day (negative = before). */
  date(days: number): string {
    return cached(this.dates, days, () => new Date(this.asOfMs + days * DAY_MS).toISOString().slice(0, 10));
  }

  /** ISO datetime at `hour` (UTC) of the day `days` after the as-of day. */
  datetime(days: number, hour = 0): string {
    const key = days * 24 + hour;
    return cached(this.datetimes, key, () => new Date(this.asOfMs + key * HOUR_MS).toISOString());
  }

  /** The same instant as {@link datetime}, written as HubSpot's epoch-millisecond string. */
  epochMillis(days: number, hour = 0): string {
    const key = days * 24 + hour;
    return cached(this.epochs, key, () => String(this.asOfMs + key * HOUR_MS));
  }
}

function cached(cache: Map<number, string>, key: number, make: () => string): string {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = make()));
  return value;
}
