import { describe, expect, it } from 'vitest';
import { filterBranchOf } from '../hubspot/list-definitions.ts';
import type { ManagerList } from '../domain/portfolio/manager-lists.ts';
import type { StoredObject } from './index.ts';
import { listFiltersUpdateSchema, matchesBranch } from './list-filters.ts';

// A list's day ranges (TODAY plus or minus whole days) count the days of the time points' zoneId:
// "the last 90 days" in Los Angeles starts at midnight there, 90 days before the day it is there.

const within = (test: 'within-last-days' | 'within-next-days', days: number): ManagerList => ({ key: 'churned', name: 'x', conditions: [{ property: 'since', test, days }] });
const company = (since: string): StoredObject => ({ id: '1', properties: { since }, createdAt: '2027-01-01T00:00:00Z', updatedAt: '2027-01-01T00:00:00Z', archived: false });

function member(list: ManagerList, zoneId: string, since: string, now: string): boolean {
  const { filterBranch } = listFiltersUpdateSchema.parse({ filterBranch: filterBranchOf(list, zoneId) });
  return matchesBranch(company(since), filterBranch, Date.parse(now));
}

describe('sandbox list day ranges', () => {
  // 2027-03-20T06:00Z is still 2027-03-19 in Los Angeles (UTC-7): its last 90 days start at 2026-12-19T08:00Z.
  const now = '2027-03-20T06:00:00Z';

  it('start at local midnight of the zone’s day, not UTC’s', () => {
    expect(member(within('within-last-days', 90), 'America/Los_Angeles', '2026-12-19T08:00:00Z', now)).toBe(true);
    expect(member(within('within-last-days', 90), 'America/Los_Angeles', '2026-12-19T07:59:00Z', now)).toBe(false);
    // The same instants in UTC: that range starts at 2026-12-20T00:00Z.
    expect(member(within('within-last-days', 90), 'UTC', '2026-12-19T08:00:00Z', now)).toBe(false);
    expect(member(within('within-last-days', 90), 'UTC', '2026-12-20T00:00:00Z', now)).toBe(true);
  });

  it('end at the start of the last day in the zone, across a daylight-saving change', () => {
    // Warsaw moves to summer time on 2027-03-28; 2027-04-29 starts at 2027-04-28T22:00Z there.
    expect(member(within('within-next-days', 40), 'Europe/Warsaw', '2027-04-28T22:00:00Z', now)).toBe(true);
    expect(member(within('within-next-days', 40), 'Europe/Warsaw', '2027-04-28T22:01:00Z', now)).toBe(false);
  });

  it('still read a fixed offset, and an unknown zone as UTC', () => {
    expect(member(within('within-last-days', 90), '+05:30', '2026-12-19T18:30:00Z', now)).toBe(true);
    expect(member(within('within-last-days', 90), '+05:30', '2026-12-19T18:29:00Z', now)).toBe(false);
    expect(member(within('within-last-days', 90), 'Mars/Olympus', '2026-12-20T00:00:00Z', now)).toBe(true);
    expect(member(within('within-last-days', 90), 'Mars/Olympus', '2026-12-19T23:59:00Z', now)).toBe(false);
  });
});
