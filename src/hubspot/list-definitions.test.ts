import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../config/schema.ts';
import { managerLists } from '../domain/portfolio/manager-lists.ts';
import { conditionsOf, filterBranchOf, zoneIdsOf } from './list-definitions.ts';
import { testListName } from '../domain/testing/wording.ts';

// A list's filters read back into setup's conditions: exactly what setup writes reads back as its
// conditions (whatever the zone), anything of another form as null ("changed in HubSpot").

type Branch = { filterBranches: Array<{ filters: Array<{ operation: Record<string, unknown> }> }> };
const branchOf = (index: number): Branch => {
  const list = managerLists(defaultConfig, testListName)[index];
  if (!list) throw new Error('no list');
  return structuredClone(filterBranchOf(list, 'Europe/Warsaw')) as unknown as Branch;
};

describe('conditionsOf', () => {
  it('reads every manager list setup writes back as its conditions, for any configuration', () => {
    for (const config of [defaultConfig, parseConfig({ sync: { lifecycleStages: ['customer', 'evangelist'] } })]) {
      for (const list of managerLists(config, testListName)) expect(conditionsOf('DYNAMIC', filterBranchOf(list, 'Asia/Tokyo'))).toEqual(list.conditions);
    }
  });

  it('keeps fields HubSpot adds to what it returns, offsets with every unit spelled out, numbers as strings', () => {
    const branch = branchOf(3);
    const time = branch.filterBranches[0]?.filters[2]?.operation;
    if (time) time.lowerBoundTimePoint = { timeType: 'INDEXED', indexReference: { referenceType: 'TODAY' }, zoneId: 'UTC', offset: { days: -90, hours: 0, minutes: 0, months: 0 } };
    expect(conditionsOf('DYNAMIC', { ...branch, pruningRefineBy: null, extra: 1 })).toEqual(managerLists(defaultConfig, testListName)[3]?.conditions);
    const detractors = branchOf(2);
    const nps = detractors.filterBranches[0]?.filters[1]?.operation;
    if (nps) nps.value = '0';
    expect(conditionsOf('DYNAMIC', detractors)).toEqual(managerLists(defaultConfig, testListName)[2]?.conditions);
    if (time) time.lowerBoundTimePoint = { timeType: 'INDEXED', indexReference: { referenceType: 'TODAY' }, zoneId: 'UTC', offset: { days: -90, hours: 6 } };
    expect(conditionsOf('DYNAMIC', branch)).toBeNull();
  });

  it('reads another form as null: another processing type, operator, bound, no-value choice or structure', () => {
    expect(conditionsOf('SNAPSHOT', branchOf(0))).toBeNull();
    expect(conditionsOf('DYNAMIC', undefined)).toBeNull();
    const edits: Array<(branch: Branch) => void> = [
      (b) => { const op = b.filterBranches[0]?.filters[1]?.operation; if (op) op.operator = 'IS_EXACTLY'; },
      (b) => { const op = b.filterBranches[0]?.filters[1]?.operation; if (op) op.includeObjectsWithNoValueSet = true; },
      (b) => { b.filterBranches.push({ filters: [] }); },
      (b) => { b.filterBranches[0]?.filters.splice(0); },
    ];
    for (const edit of edits) {
      const branch = branchOf(0);
      edit(branch);
      expect(conditionsOf('DYNAMIC', branch)).toBeNull();
    }
    const churned = branchOf(3);
    const time = churned.filterBranches[0]?.filters[2]?.operation;
    if (time) time.upperBoundTimePoint = { timeType: 'INDEXED', indexReference: { referenceType: 'NOW' }, zoneId: 'UTC' };
    expect(conditionsOf('DYNAMIC', churned)).toBeNull();
  });
});

describe('zoneIdsOf', () => {
  it('names the zone of each time point setup writes, and none for a list without day ranges', () => {
    const [atRisk, , , churned] = managerLists(defaultConfig, testListName);
    expect(zoneIdsOf(churned && filterBranchOf(churned, 'Asia/Tokyo'))).toEqual(['Asia/Tokyo', 'Asia/Tokyo']);
    expect(zoneIdsOf(atRisk && filterBranchOf(atRisk, 'Asia/Tokyo'))).toEqual([]);
    expect(zoneIdsOf(undefined)).toEqual([]);
  });
});
