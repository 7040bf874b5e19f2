import { PropertyCreateFieldTypeEnum, PropertyCreateTypeEnum } from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import { describe, expect, it } from 'vitest';
import { failureOf, sdkPortal } from './sdk-portal.ts';

const healthBand = {
  name: 'cs_health_band', label: 'Health band', groupName: 'customer_success',
  type: PropertyCreateTypeEnum.Enumeration, fieldType: PropertyCreateFieldTypeEnum.Select,
  options: ['healthy', 'attention', 'at_risk', 'unknown'].map((value, displayOrder) => ({ label: value, value, displayOrder, hidden: false })),
};

describe('property definitions and groups through @hubspot/api-client', () => {
  it('starts a fresh portal with HubSpot\'s standard company properties only', async () => {
    const { client } = sdkPortal();
    const all = await client.crm.properties.coreApi.getAll('companies');
    const names = all.results.map((property) => property.name);
    expect(names).toEqual(expect.arrayContaining(['name', 'domain', 'lifecyclestage', 'hubspot_owner_id', 'notes_last_contacted', 'hs_csm_sentiment', 'hs_lastmodifieddate']));
    expect(names.filter((name) => name.startsWith('cs_'))).toEqual([]);
    expect(all.results.find((property) => property.name === 'hs_lastmodifieddate')).toMatchObject({ type: 'datetime', hubspotDefined: true, modificationMetadata: { readOnlyValue: true } });
  });

  it('creates a group and an enumeration property once, then answers 409, and checks writes against the options', async () => {
    const { sandbox, client } = sdkPortal();
    const company = sandbox.store.create('companies', { name: 'Acme' });
    const group = await client.crm.properties.groupsApi.create('companies', { name: 'customer_success', label: 'Customer success' });
    expect(group).toMatchObject({ name: 'customer_success', archived: false });
    const created = await client.crm.properties.coreApi.create('companies', healthBand);
    expect(created).toMatchObject({ name: 'cs_health_band', type: 'enumeration', fieldType: 'select', groupName: 'customer_success' });
    expect(created.options.map((option) => option.value)).toEqual(['healthy', 'attention', 'at_risk', 'unknown']);
    expect((await client.crm.properties.coreApi.getByName('companies', 'cs_health_band')).label).toBe('Health band');

    const again = await failureOf(client.crm.properties.coreApi.create('companies', healthBand));
    expect([again.code, again.json.category]).toEqual([409, 'OBJECT_ALREADY_EXISTS']);
    expect((await failureOf(client.crm.properties.groupsApi.create('companies', { name: 'customer_success', label: 'x' }))).code).toBe(409);

    expect((await failureOf(client.crm.companies.basicApi.update(company.id, { properties: { cs_health_band: 'great' } }))).code).toBe(400);
    await client.crm.companies.basicApi.update(company.id, { properties: { cs_health_band: 'at_risk' } });
    expect(sandbox.store.get('companies', company.id)?.properties.cs_health_band).toBe('at_risk');
  });

  it('refuses a property in a missing group, a field type that does not fit, and an unknown name lookup', async () => {
    const { client } = sdkPortal();
    expect((await failureOf(client.crm.properties.coreApi.create('companies', healthBand))).code).toBe(400);
    await client.crm.properties.groupsApi.create('companies', { name: 'customer_success', label: 'Customer success' });
    const misfit = { ...healthBand, name: 'cs_health_score', type: PropertyCreateTypeEnum.Number, fieldType: PropertyCreateFieldTypeEnum.Select };
    expect((await failureOf(client.crm.properties.coreApi.create('companies', misfit))).json.message).toMatch(/fieldType "select" does not fit type "number"/);
    expect((await failureOf(client.crm.properties.coreApi.getByName('companies', 'cs_nothing'))).code).toBe(404);
  });

  it('normalises date and datetime writes the way HubSpot stores them', async () => {
    const { sandbox, client } = sdkPortal();
    await client.crm.properties.groupsApi.create('companies', { name: 'customer_success', label: 'Customer success' });
    await client.crm.properties.coreApi.create('companies', { name: 'cs_renewal_date', label: 'Renewal date', groupName: 'customer_success', type: PropertyCreateTypeEnum.Date, fieldType: PropertyCreateFieldTypeEnum.Date });
    const company = sandbox.store.create('companies', { name: 'Acme' });
    await client.crm.companies.basicApi.update(company.id, { properties: { cs_renewal_date: String(Date.parse('2027-01-15T00:00:00Z')) } });
    expect(sandbox.store.get('companies', company.id)?.properties.cs_renewal_date).toBe('2027-01-15');
    expect((await failureOf(client.crm.companies.basicApi.update(company.id, { properties: { cs_renewal_date: String(Date.parse('2027-01-15T13:00:00Z')) } }))).code).toBe(400);
  });
});

describe('what `cs-card setup` calls: groups read and update, properties created in a batch and updated', () => {
  it('reads and relabels a group, batch-creates properties with a 207 for the one that exists, and updates a definition', async () => {
    const { client } = sdkPortal();
    await client.crm.properties.groupsApi.create('companies', { name: 'customer_success', label: 'CS', displayOrder: 5 });
    await client.crm.properties.groupsApi.update('companies', 'customer_success', { label: 'Customer success' });
    expect(await client.crm.properties.groupsApi.getByName('companies', 'customer_success')).toMatchObject({ label: 'Customer success', displayOrder: 5 });
    expect((await client.crm.properties.groupsApi.getAll('companies')).results.map((group) => group.name)).toContain('customer_success');
    expect((await failureOf(client.crm.properties.groupsApi.getByName('companies', 'nothing_here'))).code).toBe(404);

    await client.crm.properties.coreApi.create('companies', healthBand);
    const score = { name: 'cs_health_score', label: 'Health score', groupName: 'customer_success', type: PropertyCreateTypeEnum.Number, fieldType: PropertyCreateFieldTypeEnum.Number };
    const batch = await client.crm.properties.batchApi.createWithHttpInfo('companies', { inputs: [score, healthBand] });
    expect(batch.httpStatusCode).toBe(207);
    expect(batch.data.results.map((property) => property.name)).toEqual(['cs_health_score']);
    expect('errors' in batch.data && batch.data.errors).toEqual([expect.objectContaining({ category: 'OBJECT_ALREADY_EXISTS', context: { name: ['cs_health_band'] } })]);

    const options = [...healthBand.options, { label: 'churned', value: 'churned', displayOrder: 4, hidden: false }];
    const updated = await client.crm.properties.coreApi.update('companies', 'cs_health_band', { label: 'Health band (CS)', options });
    expect(updated.options.map((option) => option.value)).toEqual(['healthy', 'attention', 'at_risk', 'unknown', 'churned']);
    const all = await client.crm.properties.coreApi.getAll('companies');
    expect(all.results.filter((property) => property.groupName === 'customer_success').map((property) => [property.name, property.label]).sort())
      .toEqual([['cs_health_band', 'Health band (CS)'], ['cs_health_score', 'Health score']]);
    expect((await failureOf(client.crm.properties.coreApi.update('companies', 'name', { label: 'Company' }))).code).toBe(400);
  });
});

describe('owners and pipelines through @hubspot/api-client', () => {
  it('lists the demo portal\'s CSMs, by page, id, user id and email', async () => {
    const { client } = sdkPortal({ companies: 0 });
    const page = await client.crm.owners.ownersApi.getPage(undefined, undefined, 5);
    expect(page.results.map((owner) => owner.id)).toEqual(['7100001', '7100002', '7100003', '7100004', '7100005']);
    const rest = await client.crm.owners.ownersApi.getPage(undefined, page.paging?.next?.after, 5);
    expect(rest.results).toHaveLength(3);
    const first = await client.crm.owners.ownersApi.getById(7100001);
    expect(first).toMatchObject({ firstName: 'Alicia', lastName: 'Brandt', email: 'alicia.brandt@example.com', archived: false });
    expect((await client.crm.owners.ownersApi.getById(81000002, 'userId')).id).toBe('7100002');
    expect((await client.crm.owners.ownersApi.getPage('ALICIA.BRANDT@example.com')).results.map((owner) => owner.id)).toEqual(['7100001']);
    expect((await failureOf(client.crm.owners.ownersApi.getById(1))).code).toBe(404);
  });

  it('serves the default deal and ticket pipelines with stage metadata', async () => {
    const { client } = sdkPortal();
    const [deals] = (await client.crm.pipelines.pipelinesApi.getAll('deals')).results;
    expect(deals?.id).toBe('default');
    expect(deals?.stages.map((stage) => [stage.id, stage.metadata?.probability])).toContainEqual(['closedwon', '1']);
    const tickets = await client.crm.pipelines.pipelinesApi.getById('tickets', '0');
    expect(tickets.stages.map((stage) => [stage.id, stage.metadata?.ticketState])).toEqual([['1', 'OPEN'], ['2', 'OPEN'], ['3', 'OPEN'], ['4', 'CLOSED']]);
    expect((await client.crm.pipelines.pipelineStagesApi.getById('deals', 'default', 'contractsent')).label).toBe('Contract Sent');
    expect((await failureOf(client.crm.pipelines.pipelinesApi.getAll('companies'))).code).toBe(400);
  });
});
