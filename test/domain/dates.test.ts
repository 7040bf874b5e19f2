import { describe, expect, it } from 'vitest';
import { addDays, formatDay, parseDay, parseInstant } from '../../src/domain/dates.ts';
import { parseNumber } from '../../src/domain/property-values.ts';

describe('HubSpot date values', () => {
  it.each([
    ['2026-11-23', '2026-11-23'],
    ['2026-11-23T00:00:00Z', '2026-11-23'],
    ['2026-11-23T23:59:59.999Z', '2026-11-23'],
    ['2026-11-23T22:30:00-03:00', '2026-11-24'],
    ['2026-11-23T01:00:00+02:00', '2026-11-22'],
    ['2026-11-23 10:00:00', '2026-11-23'],
    ['1795392000000', '2026-11-23'],
    [' 2026-11-23 ', '2026-11-23'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %s as %s (UTC calendar day)', (value, day) => {
    const parsed = parseDay(value);
    expect(parsed === null ? null : formatDay(parsed)).toBe(day);
  });

  it.each([null, undefined, '', 'soon', '2024-02-30', '2023-02-29', '2026-13-01', '2026-11-23T24:00:00Z', '0050-01-01', '1899-12-31', '20261123', '1700000000', '-1700000000000', 'NaN', '2026-11-23T10:00:00+99:00'])(
    'reads %s as no date',
    (value) => {
      expect(parseDay(value)).toBeNull();
    },
  );

  it('keeps the time of datetimes', () => {
    expect(parseInstant('2026-11-23T10:15:30.5Z')).toBe(Date.UTC(2026, 10, 23, 10, 15, 30, 500));
  });

  it('adds calendar days across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(() => addDays('tomorrow', 1)).toThrow(RangeError);
  });
});

describe('HubSpot number values', () => {
  it.each([
    ['72', 72],
    ['72.0', 72],
    [' -3.5 ', -3.5],
    ['1e3', 1000],
    ['.5', 0.5],
  ])('reads %s as %d', (value, number) => {
    expect(parseNumber(value)).toBe(number);
  });

  it.each([null, undefined, '', 'NaN', 'Infinity', '1e400', '0x10', '1,000', '12 seats', '--1'])('reads %s as no number', (value) => {
    expect(parseNumber(value)).toBeNull();
  });
});
