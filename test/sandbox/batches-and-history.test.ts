import { PropertyCreateFieldTypeEnum, PropertyCreateTypeEnum } from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import { describe, expect, it } from 'vitest';
import { failureOf, sdkPortal } from './sdk-portal.ts';

// Batch limits, 207 partial results and property history, all through @hubspot/api-client's
// batch and basic APIs: the calls sync and the card make.

const start = Date.parse('2026-06-01T09:00:00.000Z');
const hour = 3_600_000;

/** A portal clock the test moves forward, so each write has its own timestamp. */
function steppingClock(): { clock: () => number; advance: (ms: number) => void } {
  let now = start;
  return { clock: () => now, advance: (ms) => void (now += ms) };
}

describe('batch read and update: 100 inputs at most, 207 for partial results', () => {
  it('takes exactly 100 inputs in one batch read and one batch update, and answers 200 without errors', async () => {
    const { sandbox, client } = sdkPortal();
    const ids = Array.from({ length: 100 }, (_, i) => sandbox.store.create('companies', { name: `Company ${i}`, annualrevenue: null }).id);

    const read = await client.crm.companies.batchApi.readWithHttpInfo({ inputs: ids.map((id) => ({ id })), properties: ['name'], propertiesWithHistory: [] });
    const update = await client.crm.objects.batchApi.updateWithHttpInfo('companies', { inputs: ids.map((id) => ({ id, properties: { annualrevenue: '250000' } })) });

    expect([read.httpStatusCode, update.httpStatusCode]).toEqual([200, 200]);
    expect(read.data.results.map((result) => result.id).sort()).toEqual([...ids].sort());
    expect('numErrors' in read.data ? read.data.numErrors : undefined).toBeUndefined();
    expect(update.data.results).toHaveLength(100);
    expect(sandbox.store.list('companies').every((company) => company.properties.annualrevenue === '250000')).toBe(true);
  });

  it('refuses 101 inputs as a whole (400 VALIDATION_ERROR naming the limit), writing nothing', async () => {
    const { sandbox, client } = sdkPortal();
    const ids = Array.from({ length: 101 }, (_, i) => sandbox.store.create('deals', { dealname: `Deal ${i}` }).id);

    const read = await failureOf(client.crm.objects.batchApi.read('deals', { inputs: ids.map((id) => ({ id })), properties: [], propertiesWithHistory: [] }));
    const update = await failureOf(client.crm.deals.batchApi.update({ inputs: ids.map((id) => ({ id, properties: { amount: '1' } })) }));

    for (const failure of [read, update]) {
      expect(failure.code).toBe(400);
      expect(failure.json).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', correlationId: expect.any(String) });
      expect(String(failure.json.message)).toMatch(/at most 100 inputs/);
    }
    expect(sandbox.store.list('deals').some((deal) => deal.properties.amount === '1')).toBe(false);
  });

  it('answers 207 when some ids are missing: results for the rest and one OBJECT_NOT_FOUND error listing them', async () => {
    const { sandbox, client } = sdkPortal();
    const [first, second] = [0, 1].map((i) => sandbox.store.create('tickets', { subject: `Ticket ${i}`, hs_ticket_priority: 'LOW' }).id);
    const archived = sandbox.store.create('tickets', { subject: 'Gone' }).id;
    sandbox.store.archive('tickets', archived);
    const inputs = [first, '5000000404', second, archived].map((id) => ({ id: id ?? '' }));

    const read = await client.crm.tickets.batchApi.readWithHttpInfo({ inputs, properties: ['subject'], propertiesWithHistory: [] });
    const update = await client.crm.objects.batchApi.updateWithHttpInfo('tickets', { inputs: inputs.map(({ id }) => ({ id, properties: { hs_ticket_priority: 'HIGH' } })) });

    expect([read.httpStatusCode, update.httpStatusCode]).toEqual([207, 207]);
    expect(read.data.results.map((result) => result.properties.subject).sort()).toEqual(['Ticket 0', 'Ticket 1']);
    expect(update.data.results.map((result) => result.id).sort()).toEqual([first, second].sort());
    for (const response of [read.data, update.data]) {
      expect('numErrors' in response && response.numErrors).toBe(1);
      expect('errors' in response && response.errors).toEqual([
        expect.objectContaining({ status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids: ['5000000404', archived] } }),
      ]);
    }
    expect([first, second].map((id) => sandbox.store.get('tickets', id ?? '')?.properties.hs_ticket_priority)).toEqual(['HIGH', 'HIGH']);
  });
});

describe('property history through propertiesWithHistory', () => {
  it('keeps every value written through the API, newest first, with the time of each write', async () => {
    const { clock, advance } = steppingClock();
    const { client } = sdkPortal({ data: 'empty', clock });
    const created = await client.crm.companies.basicApi.create({ properties: { name: 'Northwind', hs_csm_sentiment: 'neutral' }, associations: [] });
    advance(hour);
    await client.crm.companies.basicApi.update(created.id, { properties: { hs_csm_sentiment: 'negative' } });
    advance(hour);
    await client.crm.companies.batchApi.update({ inputs: [{ id: created.id, properties: { hs_csm_sentiment: 'positive', name: 'Northwind Traders' } }] });
    advance(hour);
    // Writing the value it already has adds no history entry, as on HubSpot.
    await client.crm.companies.batchApi.update({ inputs: [{ id: created.id, properties: { hs_csm_sentiment: 'positive' } }] });

    const got = await client.crm.companies.basicApi.getById(created.id, ['hs_csm_sentiment'], ['hs_csm_sentiment', 'name', 'domain']);
    const history = (name: string) => got.propertiesWithHistory?.[name]?.map(({ value, timestamp }) => [value, timestamp.toISOString()]);

    expect(history('hs_csm_sentiment')).toEqual([
      ['positive', '2026-06-01T11:00:00.000Z'],
      ['negative', '2026-06-01T10:00:00.000Z'],
      ['neutral', '2026-06-01T09:00:00.000Z'],
    ]);
    expect(history('name')).toEqual([['Northwind Traders', '2026-06-01T11:00:00.000Z'], ['Northwind', '2026-06-01T09:00:00.000Z']]);
    // A defined property that was never set has an empty history.
    expect(history('domain')).toEqual([]);
    expect(got.properties.hs_csm_sentiment).toBe('positive');
  });

  it('serves the same history in batch reads (50 records at most) and list pages', async () => {
    const { clock, advance } = steppingClock();
    const { sandbox, client } = sdkPortal({ data: 'empty', clock });
    const ids = Array.from({ length: 50 }, (_, i) => sandbox.store.create('companies', { name: `C${i}` }).id);
    await client.crm.properties.groupsApi.create('companies', { name: 'customer_success', label: 'Customer success' });
    await client.crm.properties.coreApi.create('companies', {
      name: 'cs_health_score', label: 'Health score', groupName: 'customer_success', type: PropertyCreateTypeEnum.Number, fieldType: PropertyCreateFieldTypeEnum.Number,
    });
    for (const score of ['40', '55', '72']) {
      advance(hour);
      await client.crm.companies.batchApi.update({ inputs: ids.map((id) => ({ id, properties: { cs_health_score: score } })) });
    }

    const batch = await client.crm.companies.batchApi.read({ inputs: ids.map((id) => ({ id })), properties: [], propertiesWithHistory: ['cs_health_score'] });
    const page = await client.crm.companies.basicApi.getPage(100, undefined, undefined, ['cs_health_score']);

    const values = (result: { propertiesWithHistory?: Record<string, Array<{ value: string }>> }) => result.propertiesWithHistory?.cs_health_score?.map(({ value }) => value);
    expect(batch.results).toHaveLength(50);
    expect(batch.results.map(values)).toEqual(ids.map(() => ['72', '55', '40']));
    expect(page.results.map(values)).toEqual(ids.map(() => ['72', '55', '40']));
    expect(batch.results[0]?.propertiesWithHistory?.cs_health_score?.[0]?.timestamp.toISOString()).toBe('2026-06-01T12:00:00.000Z');
  });
});
