import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/schema.ts';
import { compareConditions, planManagerList, type FoundList } from './manager-list-match.ts';
import { managerLists, type ListCondition, type ManagerList } from './manager-lists.ts';
import { testListName } from '../testing/wording.ts';

// The rule that keeps `setup --lists` from making copies: a list is found by its catalog name in
// any language, renamed into the portal's language, its filters rewritten only when they are of
// setup's form, and left alone when someone changed their form by hand.

const [atRisk, renewing, , churned] = managerLists(defaultConfig, testListName) as [ManagerList, ManagerList, ManagerList, ManagerList];
const japanese = (list: ManagerList, name: string): ManagerList => ({ ...list, name });
const found = (listId: string, name: string, conditions: readonly ListCondition[] | null): FoundList => ({ listId, name, conditions });

describe('compareConditions', () => {
  it('ignores the order of conditions and of enumeration values, and repeated values', () => {
    const wanted: ListCondition[] = [
      { property: 'lifecyclestage', test: 'any-of', values: ['customer', 'evangelist'] },
      { property: 'cs_health_band', test: 'none-of', values: ['healthy'] },
    ];
    const reordered: ListCondition[] = [
      { property: 'cs_health_band', test: 'none-of', values: ['healthy', 'healthy'] },
      { property: 'lifecyclestage', test: 'any-of', values: ['evangelist', 'customer'] },
    ];
    expect(compareConditions(reordered, wanted)).toBe('same');
  });

  it('calls other values of the same tests "values" (the configuration\'s scope, days, thresholds)', () => {
    const wider = churned.conditions.map((c) => (c.test === 'within-last-days' ? { ...c, days: 180 } : c));
    expect(compareConditions(wider, churned.conditions)).toBe('values');
    const otherScope = atRisk.conditions.map((c) => (c.property === 'lifecyclestage' && c.test === 'any-of' ? { ...c, values: ['customer', 'other'] } : c));
    expect(compareConditions(otherScope, atRisk.conditions)).toBe('values');
  });

  it('calls a condition added, removed or tested another way "other"', () => {
    expect(compareConditions(atRisk.conditions.slice(1), atRisk.conditions)).toBe('other');
    expect(compareConditions([...atRisk.conditions, { property: 'hubspot_owner_id', test: 'any-of', values: ['7'] }], atRisk.conditions)).toBe('other');
    const negated = atRisk.conditions.map((c) => (c.property === 'cs_health_band' && c.test === 'any-of' ? { ...c, test: 'none-of' as const } : c));
    expect(compareConditions(negated, atRisk.conditions)).toBe('other');
    expect(compareConditions(null, atRisk.conditions)).toBe('other');
  });
});

describe('planManagerList', () => {
  const ja = japanese(atRisk, 'カスタマーサクセス：解約リスクのある顧客');

  it('creates the list when no list carries one of its names', () => {
    expect(planManagerList(ja, [])).toEqual({ plan: { action: 'create' }, others: [] });
  });

  it('renames the English list into Japanese, keeping its id, and leaves its filters', () => {
    const english = found('101', atRisk.name, atRisk.conditions);
    expect(planManagerList(ja, [english])).toEqual({ plan: { action: 'update', list: english, rename: true, replaceFilters: false }, others: [] });
  });

  it('changes nothing once the list has its name and filters', () => {
    const done = found('101', ja.name, atRisk.conditions);
    expect(planManagerList(ja, [done])).toEqual({ plan: { action: 'unchanged', list: done }, others: [] });
  });

  it('writes its own filters when only their values differ, and renames in the same step', () => {
    const old = found('102', renewing.name, renewing.conditions.map((c) => (c.property === 'lifecyclestage' && c.test === 'any-of' ? { ...c, values: ['customer', 'evangelist'] } : c)));
    expect(planManagerList(japanese(renewing, '更新'), [old]).plan).toEqual({ action: 'update', list: old, rename: true, replaceFilters: true });
  });

  it('leaves a list whose filters were changed by hand alone: no rename, no filters, no copy', () => {
    const edited = found('101', atRisk.name, [...atRisk.conditions, { property: 'hubspot_owner_id', test: 'any-of', values: ['7'] }]);
    expect(planManagerList(ja, [edited])).toEqual({ plan: { action: 'keep', list: edited }, others: [] });
    expect(planManagerList(ja, [found('101', atRisk.name, null)]).plan.action).toBe('keep');
  });

  it('takes the list named in the portal\'s language when copies exist, and names the others', () => {
    const english = found('101', atRisk.name, atRisk.conditions);
    const current = found('105', ja.name, atRisk.conditions);
    expect(planManagerList(ja, [english, current])).toEqual({ plan: { action: 'unchanged', list: current }, others: [english] });
  });

  it('otherwise prefers the copy with setup\'s filters, then the first found', () => {
    const edited = found('101', atRisk.name, null);
    const polish = found('103', 'Customer success: klienci z ryzykiem odejścia', atRisk.conditions);
    expect(planManagerList(ja, [edited, polish]).plan).toEqual({ action: 'update', list: polish, rename: true, replaceFilters: false });
    expect(planManagerList(ja, [edited, polish]).others).toEqual([edited]);
    const first = found('104', atRisk.name, null);
    expect(planManagerList(ja, [first, edited]).plan).toEqual({ action: 'keep', list: first });
  });
});

describe('planManagerList and the portal\'s time zone', () => {
  const list = (zoneIds?: readonly string[]): FoundList => ({ ...found('104', churned.name, churned.conditions), ...(zoneIds ? { zoneIds } : {}) });

  it('writes the filters again when the list counts another zone\'s days', () => {
    expect(planManagerList(churned, [list(['UTC', 'UTC'])], 'Europe/Warsaw').plan).toEqual({ action: 'update', list: list(['UTC', 'UTC']), rename: false, replaceFilters: true });
  });

  it('leaves it unchanged in the portal\'s zone, under an alias of it, or when HubSpot names no zone', () => {
    expect(planManagerList(churned, [list(['Europe/Warsaw', 'Europe/Warsaw'])], 'Europe/Warsaw').plan.action).toBe('unchanged');
    expect(planManagerList(churned, [list(['US/Pacific', 'US/Pacific'])], 'America/Los_Angeles').plan.action).toBe('unchanged');
    expect(planManagerList(churned, [list(['Etc/UTC'])], 'UTC').plan.action).toBe('unchanged');
    expect(planManagerList(churned, [list([])], 'Europe/Warsaw').plan.action).toBe('unchanged');
    expect(planManagerList(churned, [list()], 'Europe/Warsaw').plan.action).toBe('unchanged');
  });

  it('still leaves a list changed by hand alone, whatever its zone', () => {
    expect(planManagerList(churned, [{ ...list(['UTC']), conditions: null }], 'Europe/Warsaw').plan.action).toBe('keep');
  });
});
