import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/companies/index.js';
import { Client } from '@hubspot/api-client';
import { describe, expect, it, vi } from 'vitest';
import { managerLists } from '../../src/domain/portfolio/manager-lists.ts';
import { defaultConfig } from '../../src/config/schema.ts';
import { listRequest } from '../../src/hubspot/list-definitions.ts';
import { DEFAULT_RATE_LIMIT } from '../../src/sandbox/index.ts';
import { failureOf, sdkPortal } from './sdk-portal.ts';
import { listName } from '../../src/usecases/portal-wording.ts';

// Where the sandbox follows HubSpot's published API specs and a real portal's behaviour rather
// than being more forgiving: association paging on a record, search limits and validation, the
// search index's lag, property value length, tokens, the default rate limit and Lists v3.

type ListBody = Parameters<Client['crm']['lists']['listsApi']['create']>[0];

async function defineProperty(client: Client, name: string, type: 'enumeration' | 'date' | 'number'): Promise<void> {
  const options = type === 'enumeration' ? ['healthy', 'attention', 'at_risk'].map((value, displayOrder) => ({ label: value, value, displayOrder, hidden: false })) : [];
  const fieldType = { enumeration: 'select', date: 'date', number: 'number' }[type];
  await client.crm.properties.coreApi.create('companies', { name, label: name, type: type as never, fieldType: fieldType as never, groupName: 'companyinformation', options });
}
const asListBody = (body: Record<string, unknown>): ListBody => body as unknown as ListBody;

describe('associations on a record (v3) through @hubspot/api-client', () => {
  it('returns at most 100 ids per type with paging.next, and the v4 per-object pages give all of them', async () => {
    const { sandbox, client } = sdkPortal();
    const company = sandbox.store.create('companies', { name: 'Busy' });
    const taskIds = Array.from({ length: 150 }, () => sandbox.store.create('tasks', { hs_timestamp: '2026-06-01T00:00:00Z' }).id);
    const contactIds = Array.from({ length: 30 }, (_, i) => sandbox.store.create('contacts', { email: `c${i}@example.com` }).id);
    for (const id of taskIds) sandbox.store.associate('companies', company.id, 'tasks', id);
    for (const id of contactIds) sandbox.store.associate('companies', company.id, 'contacts', id);

    const record = await client.crm.companies.basicApi.getById(company.id, ['name'], undefined, ['tasks', 'contacts']);

    expect(record.associations?.tasks?.results).toHaveLength(100);
    expect(record.associations?.tasks?.paging?.next?.after).toBeTruthy();
    expect(record.associations?.contacts?.results.map((result) => result.id)).toEqual(contactIds);
    expect(record.associations?.contacts?.paging).toBeUndefined();
    const page = await client.crm.associations.v4.basicApi.getPage('companies', company.id, 'tasks', undefined, 500);
    expect(page.results.map((result) => String(result.toObjectId))).toEqual(taskIds);
    expect(page.paging?.next).toBeUndefined();
  });
});

describe('search limits and validation (HubSpot 2024 limits, 400 VALIDATION_ERROR)', () => {
  const filter = { propertyName: 'name', operator: FilterOperatorEnum.HasProperty };

  it('takes 5 filter groups, 10 filters a group and 25 in all; refuses more', async () => {
    const { sandbox, client } = sdkPortal();
    sandbox.controls.searchPerSecond = null;
    sandbox.store.create('companies', { name: 'Acme' });
    const search = (groups: number, perGroup: number) =>
      client.crm.companies.searchApi.doSearch({ filterGroups: Array.from({ length: groups }, () => ({ filters: Array.from({ length: perGroup }, () => filter) })), limit: 10 });
    expect((await search(5, 5)).total).toBe(1);
    expect((await search(1, 10)).total).toBe(1);
    for (const [groups, perGroup] of [[6, 1], [1, 11], [3, 9]] as const) {
      const failure = await failureOf(search(groups, perGroup));
      expect([groups, perGroup, failure.code, failure.json.category]).toEqual([groups, perGroup, 400, 'VALIDATION_ERROR']);
    }
  });

  it('refuses limit 0 and a limit above 200 instead of paging forever or cutting silently', async () => {
    const { client } = sdkPortal();
    for (const limit of [0, 201, 1000]) {
      const failure = await failureOf(client.crm.companies.searchApi.doSearch({ limit }));
      expect([limit, failure.code, failure.json.category]).toEqual([limit, 400, 'VALIDATION_ERROR']);
    }
  });

  it('refuses a filter on a property that does not exist, and comparisons without a value, naming the property', async () => {
    const { sandbox, client } = sdkPortal();
    sandbox.controls.searchPerSecond = null;
    sandbox.store.create('companies', { name: 'Acme', lifecyclestage: 'customer' });
    const unknown = await failureOf(client.crm.companies.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'cs_health_updated_at', operator: FilterOperatorEnum.Lt, value: '1' }] }], limit: 10 }));
    expect(unknown.code).toBe(400);
    expect(unknown.json).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', errors: [{ code: 'PROPERTY_DOESNT_EXIST', context: { propertyName: ['cs_health_updated_at'] } }] });
    const noValue = await failureOf(client.crm.companies.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'lifecyclestage', operator: FilterOperatorEnum.Eq }] }], limit: 10 }));
    expect(noValue.json).toMatchObject({ category: 'VALIDATION_ERROR', errors: [{ code: 'MISSING_VALUE', context: { propertyName: ['lifecyclestage'] } }] });
    const emptyIn = await failureOf(client.crm.companies.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'lifecyclestage', operator: FilterOperatorEnum.In, values: [] }] }], limit: 10 }));
    expect(emptyIn.code).toBe(400);
    // Once the property exists, the same filter is fine.
    const ok = await client.crm.companies.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'lifecyclestage', operator: FilterOperatorEnum.Eq, value: 'customer' }] }], limit: 10 });
    expect(ok.total).toBe(1);
  });
});

describe("the search index's lag", () => {
  it('finds a new record, and a changed value, only once the lag has passed; reads by id see writes at once', async () => {
    const { sandbox, client } = sdkPortal();
    sandbox.controls.searchPerSecond = null;
    sandbox.controls.searchLag = { minMs: 400, maxMs: 400 };
    const byName = async (name: string) =>
      (await client.crm.companies.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'name', operator: FilterOperatorEnum.Eq, value: name }] }], properties: ['name', 'industry'], limit: 10 })).results;

    // The lag by a clock the test moves (Date only: requests still run on real timers), so a slow
    // machine cannot let it pass between a write and the search meant to miss it.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const created = await client.crm.companies.basicApi.create({ properties: { name: 'Lagging', industry: 'Retail' }, associations: [] });
      expect(await byName('Lagging')).toEqual([]);
      expect((await client.crm.companies.basicApi.getById(created.id, ['name'])).properties.name).toBe('Lagging');
      vi.setSystemTime(Date.now() + 399);
      expect(await byName('Lagging')).toEqual([]);
      vi.setSystemTime(Date.now() + 1);
      expect((await byName('Lagging')).map((found) => found.id)).toEqual([created.id]);

      await client.crm.companies.basicApi.update(created.id, { properties: { industry: 'Software' } });
      expect((await byName('Lagging'))[0]?.properties.industry).toBe('Retail');
      vi.setSystemTime(Date.now() + 400);
      expect((await byName('Lagging'))[0]?.properties.industry).toBe('Software');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('property values, tokens and the default rate limit', () => {
  it("refuses a note body over 65,536 characters with HubSpot's 400, and takes one of exactly that length", async () => {
    const { sandbox, client } = sdkPortal();
    const company = sandbox.store.create('companies', { name: 'Acme' });
    const note = (length: number) => client.crm.objects.notes.basicApi.create({
      properties: { hs_timestamp: '2026-06-01T00:00:00Z', hs_note_body: 'x'.repeat(length) },
      associations: [{ to: { id: company.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 190 }] }],
    });
    const failure = await failureOf(note(65_537));
    expect(failure.code).toBe(400);
    expect(failure.json).toMatchObject({ category: 'VALIDATION_ERROR', errors: [{ code: 'INVALID_LENGTH', context: { propertyName: ['hs_note_body'] } }] });
    const created = await note(65_536);
    // Notes, tasks and survey answers carry hs_createdate by default.
    const read = await client.crm.objects.notes.basicApi.getById(created.id);
    expect(Object.keys(read.properties).sort()).toEqual(['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_timestamp']);
  });

  it('accepts only its token when given one (any token otherwise)', async () => {
    const { client } = sdkPortal({ data: 'empty', token: 'pat-right' });
    expect((await failureOf(client.crm.companies.basicApi.getPage(1))).code).toBe(401);
    const right = new Client({ accessToken: 'pat-right', numberOfApiCallRetries: 1 });
    expect((await right.crm.companies.basicApi.getPage(1)).results).toEqual([]);
  });

  it("limits requests per rolling 10 s by default, like a real portal (190, HubSpot's Pro limit); tests may turn it off", async () => {
    const limited = sdkPortal({ data: 'empty' });
    const page = await limited.client.crm.companies.basicApi.getPageWithHttpInfo(1);
    expect([page.headers['x-hubspot-ratelimit-max'], page.headers['x-hubspot-ratelimit-interval-milliseconds']]).toEqual([String(DEFAULT_RATE_LIMIT.max), '10000']);
    const free = sdkPortal({ data: 'empty', rateLimit: null });
    expect((await free.client.crm.companies.basicApi.getPageWithHttpInfo(1)).headers['x-hubspot-ratelimit-max']).toBeUndefined();
  });
});

describe('Lists v3 through @hubspot/api-client', () => {
  const lists = managerLists(defaultConfig, listName('en'));

  it("creates the product's four manager lists (spec-valid bodies), finds them by name and id, and lists dynamic members", async () => {
    const { sandbox, client } = sdkPortal({ data: 'empty', clock: () => Date.parse('2026-06-30T12:00:00Z') });
    await defineProperty(client, 'cs_health_band', 'enumeration');
    await defineProperty(client, 'cs_renewal_date', 'date');
    await defineProperty(client, 'cs_company_nps', 'number');
    await defineProperty(client, 'cs_lifecycle_stage', 'enumeration');
    await defineProperty(client, 'cs_lifecycle_since', 'date');
    const atRisk = sandbox.store.create('companies', { name: 'Risky', lifecyclestage: 'customer', cs_health_band: 'at_risk', cs_renewal_date: '2026-08-01', cs_company_nps: '-20', cs_lifecycle_stage: 'renewing', cs_lifecycle_since: '2026-05-03' });
    sandbox.store.create('companies', { name: 'Fine', lifecyclestage: 'customer', cs_health_band: 'healthy', cs_renewal_date: '2026-08-01', cs_company_nps: '40', cs_lifecycle_stage: 'renewing', cs_lifecycle_since: '2026-05-03' });
    sandbox.store.create('companies', { name: 'Later', lifecyclestage: 'customer', cs_health_band: 'attention', cs_renewal_date: '2027-03-01', cs_lifecycle_stage: 'active' });
    const gone = sandbox.store.create('companies', { name: 'Gone', lifecyclestage: 'customer', cs_health_band: 'churned', cs_lifecycle_stage: 'churned', cs_lifecycle_since: '2026-06-01' });
    sandbox.store.create('companies', { name: 'Long gone', lifecyclestage: 'customer', cs_health_band: 'churned', cs_lifecycle_stage: 'churned', cs_lifecycle_since: '2025-06-01' });

    const created: Array<Awaited<ReturnType<typeof client.crm.lists.listsApi.create>>['list']> = [];
    for (const list of lists) created.push((await client.crm.lists.listsApi.create(asListBody(listRequest(list, 'Europe/Warsaw')))).list);
    expect(created.map((list) => [list.name, list.processingType, list.objectTypeId])).toEqual(lists.map((list) => [list.name, 'DYNAMIC', '0-2']));

    const found = await client.crm.lists.listsApi.getByName(lists[0]?.name ?? '', '0-2');
    expect(found.list.listId).toBe(created[0]?.listId);
    const byId = await client.crm.lists.listsApi.getById(created[1]?.listId ?? '', true);
    expect(byId.list.filterBranch).toBeTruthy();
    const members = async (index: number) => (await client.crm.lists.membershipsApi.getPage(created[index]?.listId ?? '')).results.map((member) => member.recordId);
    expect(await members(0)).toEqual([atRisk.id]);
    expect(await members(1)).toEqual([atRisk.id]);
    expect(await members(2)).toEqual([atRisk.id]);
    expect(await members(3)).toEqual([gone.id]);
    expect((await failureOf(client.crm.lists.listsApi.create(asListBody(listRequest(lists[0] ?? expect.fail('list'), 'UTC'))))).code).toBe(409);
    expect((await failureOf(client.crm.lists.listsApi.getByName('No such list', '0-2'))).code).toBe(404);
  });

  it('refuses bodies without the fields the spec requires: filterBranchOperator on branches, zoneId on time points', async () => {
    const { client } = sdkPortal({ data: 'empty' });
    await defineProperty(client, 'cs_lifecycle_stage', 'enumeration');
    await defineProperty(client, 'cs_lifecycle_since', 'date');
    // The churned list has a time point (churned in the last 90 days).
    const renewing = lists[3] ?? expect.fail('list');
    const valid = listRequest(renewing, 'UTC');
    const strip = (body: unknown, field: string): unknown =>
      Array.isArray(body) ? body.map((item) => strip(item, field))
        : body !== null && typeof body === 'object' ? Object.fromEntries(Object.entries(body).filter(([key]) => key !== field).map(([key, value]) => [key, strip(value, field)]))
          : body;
    for (const field of ['filterBranchOperator', 'zoneId', 'includeObjectsWithNoValueSet']) {
      const failure = await failureOf(client.crm.lists.listsApi.create(asListBody(strip(valid, field) as Record<string, unknown>)));
      expect([field, failure.code, failure.json.category]).toEqual([field, 400, 'VALIDATION_ERROR']);
    }
    // cs_company_nps does not exist in this portal: HubSpot refuses a filter on it.
    const missingProperty = await failureOf(client.crm.lists.listsApi.create(asListBody(listRequest(lists[2] ?? expect.fail('list'), 'UTC'))));
    expect(missingProperty.code).toBe(400);
    expect((await client.crm.lists.listsApi.create(asListBody(valid))).list.name).toBe(renewing.name);
  });
});

describe('fault controls from their command-line form', () => {
  it('parseFaultSpec: method, kind, times and an object type or a path (the @example)', async () => {
    const { parseFaultSpec } = await import('../../src/sandbox/controls.ts');
    expect(parseFaultSpec('POST:503x2@/batch/update')).toEqual({ kind: '503', method: 'POST', times: 2, path: '/batch/update' });
    expect(parseFaultSpec('403@feedback_submissions')).toEqual({ kind: '403', objectType: 'feedback_submissions' });
    expect(parseFaultSpec('429-daily')).toEqual({ kind: '429-daily' });
    expect(() => parseFaultSpec('418')).toThrow(/is not a fault/);
    expect(() => parseFaultSpec('503@nowhere')).toThrow(/object type .* or a path/);
  });
});
