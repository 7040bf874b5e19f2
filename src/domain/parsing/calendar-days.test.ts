import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, dayOfInstant, formatDay, parseDay, parseIsoDate } from './index.ts';
import { dayStart, dayZone, parseZonedDay, sameTimeZone } from './time-zones.ts';

const msPerDay = 86_400_000; // written out: this file checks the module's days against Date, not against its own constants
const day = fc.integer({ min: dayOfInstant(Date.UTC(1900, 0, 1)), max: dayOfInstant(Date.UTC(2400, 11, 31)) });

/** addMonths by Date: the same date `months` later, clamped to the month's last day. */
function addMonthsByDate(d: number, months: number): number {
  const date = new Date(d * msPerDay);
  const first = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1);
  const target = new Date(first);
  const lastDate = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return dayOfInstant(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(date.getUTCDate(), lastDate)));
}

describe('calendar days', () => {
  it('formats every day the way Date does', () => {
    fc.assert(
      fc.property(day, (d) => {
        expect(formatDay(d)).toBe(new Date(d * msPerDay).toISOString().slice(0, 10));
      }),
      { numRuns: 2000 },
    );
  });

  it('adds calendar months the way Date does, the day of the month clamped', () => {
    expect(formatDay(addMonths(parseDay('2026-01-31') ?? 0, 1))).toBe('2026-02-28');
    expect(formatDay(addMonths(parseDay('2024-03-31') ?? 0, -1))).toBe('2024-02-29');
    expect(formatDay(addMonths(parseDay('2025-12-15') ?? 0, 14))).toBe('2027-02-15');
    fc.assert(
      fc.property(day, fc.integer({ min: -240, max: 240 }), (d, months) => {
        expect(addMonths(d, months)).toBe(addMonthsByDate(d, months));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('days in a time zone', () => {
  it('reads an instant as the day it falls on in the zone', () => {
    expect(dayZone('America/Los_Angeles').dayOf(Date.parse('2027-01-01T01:00:00Z'))).toBe(parseIsoDate('2026-12-31'));
    expect(parseZonedDay('2027-01-01T01:00:00Z', dayZone('America/Los_Angeles'))).toBe(parseIsoDate('2026-12-31'));
    expect(parseZonedDay('2027-01-01', dayZone('America/Los_Angeles'))).toBe(parseIsoDate('2027-01-01'));
    expect(parseZonedDay('2027-01-01T01:00:00Z', dayZone('Etc/UTC'))).toBe(parseIsoDate('2027-01-01'));
  });

  it('starts a day at its local midnight, or when a daylight-saving change skips midnight', () => {
    const start = (zone: string, iso: string) => new Date(dayStart(dayZone(zone), parseIsoDate(iso) ?? Number.NaN)).toISOString();
    expect(start('Europe/Warsaw', '2027-01-15')).toBe('2027-01-14T23:00:00.000Z');
    expect(start('Europe/Warsaw', '2027-07-15')).toBe('2027-07-14T22:00:00.000Z');
    expect(start('America/Los_Angeles', '2027-01-15')).toBe('2027-01-15T08:00:00.000Z');
    expect(start('Asia/Kolkata', '2027-01-15')).toBe('2027-01-14T18:30:00.000Z');
    expect(start('Pacific/Kiritimati', '2027-01-15')).toBe('2027-01-14T10:00:00.000Z');
    expect(start('UTC', '2027-01-15')).toBe('2027-01-15T00:00:00.000Z');
    // America/Santiago moves its clocks from 00:00 to 01:00 on 2026-09-06: that day starts at 01:00 local (04:00 UTC).
    expect(start('America/Santiago', '2026-09-06')).toBe('2026-09-06T04:00:00.000Z');
  });

  it('knows an alias for the zone it names', () => {
    expect(sameTimeZone('US/Pacific', 'America/Los_Angeles')).toBe(true);
    expect(sameTimeZone('Etc/UTC', 'UTC')).toBe(true);
    expect(sameTimeZone('UTC', 'Europe/London')).toBe(false);
    expect(sameTimeZone('Mars/Olympus', 'UTC')).toBe(false);
    expect(sameTimeZone('Mars/Olympus', 'Mars/Olympus')).toBe(true);
  });

  it('keeps the exact minute of a daylight-saving change', () => {
    const berlin = dayZone('Europe/Berlin');
    // 2026-03-29: clocks go from 02:00 (UTC+1) to 03:00 (UTC+2) at 01:00 UTC.
    expect(formatDay(berlin.dayOf(Date.parse('2026-03-28T22:59:00Z')))).toBe('2026-03-28');
    expect(formatDay(berlin.dayOf(Date.parse('2026-03-28T23:00:00Z')))).toBe('2026-03-29');
    // 2026-10-25: back to UTC+1 at 01:00 UTC; midnight is 22:00 UTC the day before on both sides.
    expect(formatDay(berlin.dayOf(Date.parse('2026-10-24T21:59:00Z')))).toBe('2026-10-24');
    expect(formatDay(berlin.dayOf(Date.parse('2026-10-24T22:00:00Z')))).toBe('2026-10-25');
    expect(formatDay(berlin.dayOf(Date.parse('2026-10-25T22:59:00Z')))).toBe('2026-10-25');
    expect(formatDay(berlin.dayOf(Date.parse('2026-10-25T23:00:00Z')))).toBe('2026-10-26');
  });

  it('agrees with Intl on the local day of any instant', () => {
    const zones = ['America/Los_Angeles', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns'];
    const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) });
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant, (name, ms) => {
        const local = new Intl.DateTimeFormat('en-CA', { timeZone: name, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
        expect(formatDay(dayZone(name).dayOf(ms))).toBe(local);
      }),
      { numRuns: 200 },
    );
  });
});
