import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/tasks/index.js';
import { describe, expect, it } from 'vitest';
import { SANDBOX_OBJECT_TYPES } from '../../src/sandbox/index.ts';
import { failureOf, sdkPortal } from './sdk-portal.ts';

const now = Date.parse('2026-06-30T12:00:00.000Z');
const clock = (): number => now;

describe('CRM objects through @hubspot/api-client', () => {
  it('gets a company with the asked properties, their history and its associations', async () => {
    const { sandbox, client } = sdkPortal({ data: 'empty', clock });
    const company = sandbox.store.create('companies', { name: 'Northwind', domain: 'northwind.example', hs_csm_sentiment: 'neutral' }, { createdAt: '2025-01-15T09:00:00.000Z' });
    sandbox.store.update('companies', company.id, { hs_csm_sentiment: 'positive' }, { timestamp: '2026-05-01T10:00:00.000Z' });
    const contact = sandbox.store.create('contacts', { firstname: 'Ada', email: 'ada@northwind.example' });
    sandbox.store.associate('companies', company.id, 'contacts', contact.id);

    const got = await client.crm.companies.basicApi.getById(company.id, ['name', 'hs_csm_sentiment', 'not_a_property'], ['hs_csm_sentiment'], ['contacts']);

    expect(got.properties).toEqual({
      name: 'Northwind', hs_csm_sentiment: 'positive', hs_object_id: company.id,
      createdate: '2025-01-15T09:00:00.000Z', hs_lastmodifieddate: '2026-05-01T10:00:00.000Z',
    });
    expect(got.createdAt).toEqual(new Date('2025-01-15T09:00:00.000Z'));
    expect(got.propertiesWithHistory?.hs_csm_sentiment?.map(({ value, timestamp }) => [value, timestamp.toISOString()])).toEqual([
      ['positive', '2026-05-01T10:00:00.000Z'],
      ['neutral', '2025-01-15T09:00:00.000Z'],
    ]);
    expect(got.associations?.contacts?.results).toEqual([{ id: contact.id, type: 'company_to_contact' }]);
  });

  it('answers 404 OBJECT_NOT_FOUND for a company that does not exist', async () => {
    const { client } = sdkPortal();
    const failure = await failureOf(client.crm.companies.basicApi.getById('999'));
    expect(failure.code).toBe(404);
    expect(failure.json).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND', correlationId: expect.any(String) });
  });

  it('pages through every company with after cursors, values as strings or null', async () => {
    const { sandbox, client } = sdkPortal();
    for (let i = 0; i < 25; i += 1) sandbox.store.create('companies', { name: `Company ${i}`, annualrevenue: i % 2 === 0 ? String(i * 1000) : null });
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await client.crm.companies.basicApi.getPage(10, after, ['name', 'annualrevenue']);
      pages += 1;
      for (const result of page.results) {
        seen.push(result.id);
        for (const value of Object.values(result.properties)) expect(value === null || typeof value === 'string').toBe(true);
      }
      after = page.paging?.next?.after;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(sandbox.store.list('companies').map((company) => company.id));
  });

  it('caps list pages at 100 records, and at 50 when history is asked for', async () => {
    const { sandbox, client } = sdkPortal();
    for (let i = 0; i < 120; i += 1) sandbox.store.create('deals', { dealname: `Deal ${i}` });
    expect((await client.crm.deals.basicApi.getPage(500)).results).toHaveLength(100);
    expect((await client.crm.deals.basicApi.getPage(100, undefined, undefined, ['dealstage'])).results).toHaveLength(50);
  });

  it('batch-reads companies and reports unknown ids as a 207 partial result', async () => {
    const { sandbox, client } = sdkPortal();
    const ids = [0, 1, 2].map((i) => sandbox.store.create('companies', { name: `C${i}` }).id);
    const response = await client.crm.companies.batchApi.read({ inputs: [...ids, '424242'].map((id) => ({ id })), properties: ['name'], propertiesWithHistory: [] });
    expect(response.results.map((result) => result.properties.name).sort()).toEqual(['C0', 'C1', 'C2']);
    expect('errors' in response && response.errors).toEqual([
      expect.objectContaining({ status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids: ['424242'] } }),
    ]);
  });

  it('refuses a batch read of more than 100 ids, and of more than 50 with history', async () => {
    const { client } = sdkPortal();
    const inputs = (count: number) => Array.from({ length: count }, (_, i) => ({ id: String(1_000_000_001 + i) }));
    expect((await failureOf(client.crm.companies.batchApi.read({ inputs: inputs(101), properties: [], propertiesWithHistory: [] }))).code).toBe(400);
    expect((await failureOf(client.crm.companies.batchApi.read({ inputs: inputs(51), properties: [], propertiesWithHistory: ['name'] }))).code).toBe(400);
    const ok = await client.crm.companies.batchApi.read({ inputs: inputs(100), properties: [], propertiesWithHistory: [] });
    expect('numErrors' in ok && ok.numErrors).toBe(1);
  });

  it('batch-updates companies: keeps history, bumps hs_lastmodifieddate, reports missing ids with 207', async () => {
    const { sandbox, client } = sdkPortal({ data: 'empty', clock });
    const company = sandbox.store.create('companies', { name: 'Acme', hs_csm_sentiment: 'negative' }, { createdAt: '2026-01-01T00:00:00.000Z' });
    const response = await client.crm.companies.batchApi.update({ inputs: [
      { id: company.id, properties: { hs_csm_sentiment: 'positive', annualrevenue: '1200000' } },
      { id: '777', properties: { name: 'Ghost' } },
    ] });
    expect(response.results).toHaveLength(1);
    expect(response.results[0]?.properties).toMatchObject({ hs_csm_sentiment: 'positive', annualrevenue: '1200000', hs_lastmodifieddate: '2026-06-30T12:00:00.000Z' });
    expect('errors' in response && response.errors?.[0]?.context).toEqual({ ids: ['777'] });
    expect(sandbox.store.history('companies', company.id, 'hs_csm_sentiment').map((entry) => entry.value)).toEqual(['positive', 'negative']);
    expect(sandbox.store.get('companies', company.id)?.updatedAt).toBe('2026-06-30T12:00:00.000Z');
  });

  it('refuses a whole batch update naming each bad property, duplicate ids, or more than 100 inputs', async () => {
    const { sandbox, client } = sdkPortal();
    const company = sandbox.store.create('companies', { name: 'Acme' });
    const bad = await failureOf(client.crm.companies.batchApi.update({ inputs: [{ id: company.id, properties: { cs_no_such_thing: '1', hs_csm_sentiment: 'ecstatic', annualrevenue: 'lots' } }] }));
    expect(bad.code).toBe(400);
    expect(bad.json.category).toBe('VALIDATION_ERROR');
    expect(String(bad.json.message)).toMatch(/cs_no_such_thing.*PROPERTY_DOESNT_EXIST/);
    expect(String(bad.json.message)).toMatch(/INVALID_OPTION/);
    expect(String(bad.json.message)).toMatch(/lots was not a valid number/);
    expect(sandbox.store.get('companies', company.id)?.properties.hs_csm_sentiment).toBeUndefined();

    const twice = await failureOf(client.crm.companies.batchApi.update({ inputs: [{ id: company.id, properties: { name: 'A' } }, { id: company.id, properties: { name: 'B' } }] }));
    expect(twice.json.message).toMatch(/Duplicate IDs/);
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ id: String(i + 1), properties: { name: 'x' } }));
    expect((await failureOf(client.crm.companies.batchApi.update({ inputs: tooMany }))).code).toBe(400);
  });

  it('keeps deal flags in step with the stage written, as HubSpot calculates them', async () => {
    const { sandbox, client } = sdkPortal();
    const deal = sandbox.store.create('deals', { dealname: 'Renewal', dealstage: 'contractsent', hs_is_closed: 'false', hs_is_closed_won: 'false' });
    await client.crm.deals.basicApi.update(deal.id, { properties: { dealstage: 'closedwon' } });
    expect(sandbox.store.get('deals', deal.id)?.properties).toMatchObject({ hs_is_closed: 'true', hs_is_closed_won: 'true', hs_deal_stage_probability: '1' });
  });

  it('creates a task associated with its company (type 192), as the product does', async () => {
    const { sandbox, client } = sdkPortal({ data: 'empty', clock });
    const company = sandbox.store.create('companies', { name: 'Acme' });
    const task = await client.crm.objects.tasks.basicApi.create({
      properties: {
        hs_timestamp: '2026-07-07T09:00:00.000Z', hs_task_subject: 'Renewal call', hs_task_body: 'Renewal in 28 days',
        hs_task_priority: 'HIGH', hs_task_status: 'NOT_STARTED', hubspot_owner_id: '7100001',
      },
      associations: [{ to: { id: company.id }, types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: 192 }] }],
    });
    // Activities carry their creation time as hs_createdate (not createdate), as on HubSpot.
    expect(task.properties).toMatchObject({ hs_task_subject: 'Renewal call', hs_task_status: 'NOT_STARTED', hs_createdate: '2026-06-30T12:00:00.000Z' });
    expect(task.properties.createdate).toBeUndefined();
    expect(sandbox.store.associations('companies', company.id, 'tasks')).toEqual([task.id]);
    const page = await client.crm.associations.v4.basicApi.getPage('companies', company.id, 'tasks');
    expect(page.results.map((result) => [String(result.toObjectId), result.associationTypes.map((type) => type.typeId)])).toEqual([[task.id, [191]]]);
  });

  it('creates a note (type 190) and refuses a task without hs_timestamp or with an unknown target', async () => {
    const { sandbox, client } = sdkPortal();
    const company = sandbox.store.create('companies', { name: 'Acme' });
    const to = (id: string, associationTypeId: number) => [{ to: { id }, types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId }] }];
    const note = await client.crm.objects.notes.basicApi.create({ properties: { hs_timestamp: '2026-06-30T10:00:00Z', hs_note_body: 'Handoff accepted' }, associations: to(company.id, 190) });
    expect(sandbox.store.associations('notes', note.id, 'companies')).toEqual([company.id]);
    expect(sandbox.store.get('notes', note.id)?.properties.hs_timestamp).toBe('2026-06-30T10:00:00.000Z');
    expect((await failureOf(client.crm.objects.tasks.basicApi.create({ properties: { hs_task_subject: 'No due date' }, associations: to(company.id, 192) }))).code).toBe(400);
    expect((await failureOf(client.crm.objects.tasks.basicApi.create({ properties: { hs_timestamp: '2026-07-01T00:00:00Z' }, associations: to('404404', 192) }))).code).toBe(400);
  });

  it('serves the generic /crm/v3/objects/{objectType} paths for every object type and its id', async () => {
    const { sandbox, client } = sdkPortal();
    const typeIds = { companies: '0-2', contacts: '0-1', deals: '0-3', tickets: '0-5', feedback_submissions: '0-19', tasks: '0-27', notes: '0-46' } as const;
    for (const type of SANDBOX_OBJECT_TYPES) {
      const object = sandbox.store.create(type, { hs_timestamp: '2026-06-01T00:00:00.000Z' });
      expect((await client.crm.objects.basicApi.getById(type, object.id)).id).toBe(object.id);
      expect((await client.crm.objects.basicApi.getPage(typeIds[type], 10)).results.map((result) => result.id)).toEqual([object.id]);
    }
  });

  it('treats feedback submissions as read-only', async () => {
    const { client } = sdkPortal();
    const failure = await failureOf(client.crm.objects.basicApi.create('feedback_submissions', { properties: { hs_value: '10' }, associations: [] }));
    expect(failure.code).toBe(405);
  });
});
