import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredObject } from './index.ts';
import { PropertySchema } from './property-schema.ts';
import { searchObjects, type SearchBody } from './search-query.ts';

const schema = new PropertySchema('2026-01-01T00:00:00.000Z');

function company(id: number, lifecyclestage: string | null, archived = false): StoredObject {
  return { id: String(id), archived, createdAt: '', updatedAt: '', properties: { hs_object_id: String(id), lifecyclestage } };
}

/** What the filters say, object by object, with no shortcut: every group is an AND, the groups an OR. */
function naive(objects: readonly StoredObject[], groups: ReadonlyArray<{ bound: number; inclusive: boolean; stage: string | null }>): string[] {
  return objects.filter((object) => !object.archived && (groups.length === 0 || groups.some(({ bound, inclusive, stage }) => {
    const id = Number(object.id);
    const stored = object.properties.lifecyclestage;
    return (inclusive ? id >= bound : id > bound) && (stage === null || (stored != null && stored.toLowerCase() === stage.toLowerCase()));
  }))).map((object) => object.id);
}

describe('searchObjects: a keyset page starts at its bound, an id sort is the store order', () => {
  it('finds what a filter-by-filter reading finds, for any ids, bounds and groups', () => {
    const stages = ['customer', 'Customer', 'lead', null] as const;
    fc.assert(fc.property(
      fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { maxLength: 40 }),
      fc.array(fc.constantFrom(...stages), { minLength: 40, maxLength: 40 }),
      fc.array(fc.record({ bound: fc.integer({ min: 0, max: 420 }), inclusive: fc.boolean(), stage: fc.constantFrom('customer', 'CUSTOMER', 'lead', null) }), { maxLength: 3 }),
      fc.boolean(),
      (ids, stageOf, groups, descending) => {
        const objects = [...ids].sort((a, b) => a - b).map((id, i) => company(id, stageOf[i] ?? null, i % 7 === 3));
        const body: SearchBody = {
          filterGroups: groups.map(({ bound, inclusive, stage }) => ({
            filters: [
              { propertyName: 'hs_object_id', operator: inclusive ? 'GTE' : 'GT', value: String(bound) },
              ...(stage === null ? [] : [{ propertyName: 'lifecyclestage', operator: 'EQ' as const, value: stage }]),
            ],
          })),
          sorts: [descending ? { propertyName: 'hs_object_id', direction: 'DESCENDING' } : 'hs_object_id'],
        };
        const expected = naive(objects, groups);
        expect(searchObjects(schema, 'companies', objects, body).map((object) => object.id)).toEqual(descending ? expected.reverse() : expected);
      },
    ));
  });

  it('reads a group without an id bound from the first object on', () => {
    const objects = [company(1, 'lead'), company(5, 'customer'), company(9, 'customer')];
    const body: SearchBody = { filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'GT', value: '5' }] }, { filters: [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'lead' }] }] };
    expect(searchObjects(schema, 'companies', objects, body).map((object) => object.id)).toEqual(['1', '9']);
  });
});
