import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, formatDay, formatInstant, parseDay, parseInstant } from './index.ts';
import { parseNumber } from './property-values.ts';

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

  it('reads every instant the way Date does, in each shape HubSpot sends', () => {
    // Up to 9998, so that the -05:30 variant stays inside the supported range (to 9999-12-31).
    const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(9998, 11, 31, 23, 59, 59, 999) });
    fc.assert(
      fc.property(instant, (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parseInstant(iso)).toBe(ms);
        expect(parseInstant(String(ms))).toBe(ms >= 1e11 ? ms : null); // epoch ms from 12 digits (1973) on
        expect(parseInstant(iso.slice(0, 10))).toBe(Date.parse(iso.slice(0, 10)));
        expect(parseInstant(iso.replace('.', ',').replace('Z', '+00:00'))).toBe(ms);
        expect(parseInstant(`${iso.slice(0, 19)}-05:30`)).toBe(Date.parse(`${iso.slice(0, 19)}-05:30`));
        expect(formatInstant(ms)).toBe(iso);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects a broken time in the usual datetime shape instead of misreading it', () => {
    for (const value of ['2026-11-23T24:00:00.000Z', '2026-11-23T10:60:00.000Z', '2026-11-23T10:00:60.000Z', '2026-11-23T10:00:00.0x0Z', '2026-11-23T1a:00:00.000Z']) {
      expect(parseInstant(value)).toBeNull();
    }
    expect(parseInstant('2026-11-23T10:00:00.000+0000')).toBe(Date.UTC(2026, 10, 23, 10));
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
    ['0.7275046762194399', 0.7275046762194399],
    ['9007199254740993', 2 ** 53],
    ['0.000000000000000000000001', 1e-24],
  ])('reads %s as %d', (value, number) => {
    expect(parseNumber(value)).toBe(number);
  });

  it.each([null, undefined, '', 'NaN', 'Infinity', '1e400', '0x10', '1,000', '12 seats', '--1'])('reads %s as no number', (value) => {
    expect(parseNumber(value)).toBeNull();
  });

  it('reads plain decimals exactly as Number does, whatever their length', () => {
    const decimal = fc.oneof(
      fc.stringMatching(/^[0-9]{1,20}$/),
      fc.stringMatching(/^[+-]?[0-9]{1,18}(\.[0-9]{0,18})?$/),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      // Stage probabilities as programs write them (up to 17 significant digits), and long fractions.
      fc.double({ min: 0, max: 1, noNaN: true }).map(String),
      fc.stringMatching(/^-?[0-9]{0,3}\.[0-9]{12,26}$/),
    );
    fc.assert(
      fc.property(decimal, (text) => {
        const expected = Number(text);
        expect(parseNumber(text)).toBe(Number.isFinite(expected) ? expected : null);
      }),
      { numRuns: 2000 },
    );
  });
});
