import { describe, expect, it } from 'vitest';
import { formatDay, parseIsoDate } from '../parsing/index.ts';
import { namedPeriod, periodFromArguments, periodLabel, previousQuarter, quarterOf } from './periods.ts';
import type { Period } from './renewal-period.ts';

const day = (iso: string) => parseIsoDate(iso) ?? Number.NaN;
const q3: Period = { start: day('2026-07-01'), end: day('2026-09-30') };

describe('periods', () => {
  const show = (p: Period | { error: unknown }) => ('error' in p ? p : { start: formatDay(p.start), end: formatDay(p.end) });
  it('reads a year, a quarter and a month', () => {
    expect(show(namedPeriod('2026') ?? { error: 'none' })).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(show(namedPeriod('2026-Q3') ?? { error: 'none' })).toEqual({ start: '2026-07-01', end: '2026-09-30' });
    expect(show(namedPeriod('2024-02') ?? { error: 'none' })).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(namedPeriod('2026-13')).toBeNull();
    expect(namedPeriod('2026-Q5')).toBeNull();
  });
  it('knows the current and the last full quarter', () => {
    expect(show(quarterOf(day('2026-11-23')))).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(show(previousQuarter(day('2026-01-15')))).toEqual({ start: '2025-10-01', end: '2025-12-31' });
    expect(periodLabel(q3)).toBe('2026-Q3');
    expect(periodLabel({ start: day('2026-07-02'), end: day('2026-07-31') })).toBe('2026-07-02 – 2026-07-31');
  });
  it('validates what the user typed, with a sentence saying what to do', () => {
    const today = day('2026-11-23');
    expect(show(periodFromArguments({}, today))).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(show(periodFromArguments({ from: '2026-01-05', to: '2026-02-05' }, today))).toEqual({ start: '2026-01-05', end: '2026-02-05' });
    expect(periodFromArguments({ period: '2026-Q7' }, today)).toEqual({ error: { code: 'report.error.period', params: { value: '2026-Q7' } } });
    expect(periodFromArguments({ period: '2026', from: '2026-01-01' }, today)).toEqual({ error: { code: 'report.error.periodWithRange', params: {} } });
    expect(periodFromArguments({ from: '2026-01-01' }, today)).toEqual({ error: { code: 'report.error.rangeHalf', params: {} } });
    expect(periodFromArguments({ from: '2026-02-31', to: '2026-03-01' }, today)).toEqual({ error: { code: 'report.error.from', params: { value: '2026-02-31' } } });
    expect(periodFromArguments({ from: '2026-03-01', to: '2026-02-01' }, today)).toEqual({ error: { code: 'report.error.toBeforeFrom', params: { toValue: '2026-02-01', fromValue: '2026-03-01' } } });
  });
});
