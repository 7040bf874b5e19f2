import { describe, expect, it } from 'vitest';
import { durationMs, parseDuration } from './index.ts';

describe('durations', () => {
  it('reads a whole number of the allowed units (the @example)', () => {
    expect(parseDuration('30m', ['m', 'h', 'd'], 4)).toBe(1_800_000);
    expect(parseDuration(' 2H ', ['m', 'h', 'd'], 4)).toBe(7_200_000);
    expect(parseDuration('1d', ['m', 'h', 'd'], 4)).toBe(86_400_000);
    expect(parseDuration('1500ms', ['ms', 's', 'm'], 7)).toBe(1500);
  });

  it('refuses fractions, other units and too many digits', () => {
    expect(parseDuration('1.5h', ['m', 'h', 'd'], 4)).toBeNull();
    expect(parseDuration('60s', ['m', 'h', 'd'], 4)).toBeNull();
    expect(parseDuration('10000m', ['m', 'h', 'd'], 4)).toBeNull();
    expect(parseDuration('', ['m'], 4)).toBeNull();
  });

  it('multiplies any amount by a unit, NaN for an unknown one', () => {
    expect(durationMs(0.5, 'MIN')).toBe(30_000);
    expect(durationMs(10, 's')).toBe(10_000);
    expect(durationMs(1, 'y')).toBeNaN();
  });
});
