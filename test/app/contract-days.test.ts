import { describe, expect, it } from 'vitest';
import { calendarDateOf, isoDayOf, isoDayPattern, isoDaySchema, msPerDay } from '../../src/app/cards/contract/days.ts';

describe('days in the contract', () => {
  it('matches the shape YYYY-MM-DD only (the @example)', () => {
    expect(isoDayPattern.test('2026-12-07')).toBe(true);
    expect(isoDayPattern.test('2026-12-07T10:00:00Z')).toBe(false);
    expect(isoDaySchema.safeParse('2026-12-07').success).toBe(true);
    expect(isoDaySchema.safeParse('7 Dec 2026').success).toBe(false);
  });

  it('a day is 86,400,000 ms', () => {
    expect(msPerDay).toBe(Date.UTC(2026, 0, 2) - Date.UTC(2026, 0, 1));
  });

  it("converts days to and from a DateInput's value (month 0-11) (the @examples)", () => {
    expect(calendarDateOf('2026-12-07')).toEqual({ year: 2026, month: 11, date: 7 });
    expect(calendarDateOf('')).toBeNull();
    expect(isoDayOf({ year: 2026, month: 11, date: 7 })).toBe('2026-12-07');
    expect(isoDayOf({ year: 2027, month: 0, date: 1 })).toBe('2027-01-01');
  });
});
