import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.ts';
import { managerLists } from '../../src/domain/portfolio/manager-lists.ts';
import { filterBranchOf, listRequest } from '../../src/hubspot/list-definitions.ts';
import { failureOf, sdkPortal } from './sdk-portal.ts';
import { listName } from '../../src/usecases/portal-wording.ts';

// The sandbox's Lists v3 updates, through @hubspot/api-client as HubSpot answers them: PUT
// /crm/v3/lists/{listId}/update-list-name?listName=… and PUT …/update-list-filters { filterBranch }
// keep the list's id, add one to its version, and refuse what a portal refuses (a name taken by
// another list, whatever its object type or case; a body without the spec's required fields; a
// filter on a property the object lacks; a MANUAL list's filters; an unknown list).

const [atRisk, , detractors] = managerLists(defaultConfig, listName('en'));
// The SDK types every filter variant separately; the bodies are HubSpot's documented JSON.
const asBody = (body: Record<string, unknown>): never => body as never;

async function portalWithLists() {
  const portal = sdkPortal({ data: 'empty', clock: () => Date.parse('2026-06-30T12:00:00Z') });
  const { client } = portal;
  for (const [name, type, fieldType] of [['cs_health_band', 'enumeration', 'select'], ['cs_company_nps', 'number', 'number']] as const) {
    const options = type === 'enumeration' ? [{ label: 'At risk', value: 'at_risk', displayOrder: 0, hidden: false }] : [];
    await client.crm.properties.coreApi.create('companies', { name, label: name, type, fieldType, groupName: 'companyinformation', options } as never);
  }
  if (!atRisk || !detractors) throw new Error('no lists');
  const first = (await client.crm.lists.listsApi.create(asBody(listRequest(atRisk, 'UTC')))).list;
  const second = (await client.crm.lists.listsApi.create(asBody(listRequest(detractors, 'UTC')))).list;
  return { ...portal, first, second };
}

describe('sandbox Lists v3: rename and update filters', () => {
  it('renames a list, keeping its id; the new name finds it, the old one no longer does', async () => {
    const { client, first } = await portalWithLists();
    const renamed = await client.crm.lists.listsApi.updateName(first.listId, 'カスタマーサクセス：解約リスクのある顧客', true);
    expect(renamed.updatedList).toMatchObject({ listId: first.listId, name: 'カスタマーサクセス：解約リスクのある顧客', listVersion: 2 });
    expect(renamed.updatedList?.filterBranch).toBeTruthy();
    expect((await client.crm.lists.listsApi.getByName('カスタマーサクセス：解約リスクのある顧客', '0-2')).list.listId).toBe(first.listId);
    expect((await failureOf(client.crm.lists.listsApi.getByName(first.name, '0-2'))).code).toBe(404);
    // Another case of its own name is a rename too.
    expect((await client.crm.lists.listsApi.updateName(first.listId, 'カスタマーサクセス：解約リスクのある顧客'.toUpperCase())).updatedList?.listId).toBe(first.listId);
  });

  it('refuses a name another list holds (any case), an empty name, and an unknown list', async () => {
    const { client, first, second } = await portalWithLists();
    const taken = await failureOf(client.crm.lists.listsApi.updateName(first.listId, second.name.toUpperCase()));
    expect([taken.code, taken.json.category]).toEqual([409, 'CONFLICT']);
    expect((await failureOf(client.crm.lists.listsApi.updateName(first.listId, '  '))).code).toBe(400);
    expect((await failureOf(client.crm.lists.listsApi.updateName('999', 'Anything'))).code).toBe(404);
  });

  it('replaces a list\'s filters, keeping its id, and evaluates members by the new ones', async () => {
    const { client, sandbox, first } = await portalWithLists();
    const company = sandbox.store.create('companies', { name: 'Low', lifecyclestage: 'customer', cs_company_nps: '-5', cs_health_band: 'attention' });
    expect((await client.crm.lists.membershipsApi.getPage(first.listId)).results).toEqual([]);
    if (!detractors) throw new Error('no list');
    const updated = await client.crm.lists.listsApi.updateListFilters(first.listId, asBody({ filterBranch: filterBranchOf(detractors, 'UTC') }), false);
    expect(updated.updatedList).toMatchObject({ listId: first.listId, name: first.name, listVersion: 2 });
    expect((await client.crm.lists.membershipsApi.getPage(first.listId)).results.map((m) => m.recordId)).toEqual([company.id]);
  });

  it('refuses filters without the spec\'s required fields, on a missing property, for a MANUAL list', async () => {
    const { client, first } = await portalWithLists();
    if (!atRisk) throw new Error('no list');
    const { filterBranchOperator: _, ...withoutOperator } = filterBranchOf(atRisk, 'UTC');
    expect((await failureOf(client.crm.lists.listsApi.updateListFilters(first.listId, asBody({ filterBranch: withoutOperator })))).code).toBe(400);
    const onMissing = filterBranchOf({ ...atRisk, conditions: [{ property: 'no_such_property', test: 'below', value: 1 }] }, 'UTC');
    expect((await failureOf(client.crm.lists.listsApi.updateListFilters(first.listId, asBody({ filterBranch: onMissing })))).code).toBe(400);
    const manual = (await client.crm.lists.listsApi.create(asBody({ name: 'Hand-picked', objectTypeId: '0-2', processingType: 'MANUAL' }))).list;
    expect((await failureOf(client.crm.lists.listsApi.updateListFilters(manual.listId, asBody({ filterBranch: filterBranchOf(atRisk, 'UTC') })))).code).toBe(400);
  });
});
