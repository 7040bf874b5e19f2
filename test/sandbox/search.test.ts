import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/companies/index.js';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { auth, failureOf, sdkPortal } from './sdk-portal.ts';

const day = 86_400_000;
const base = Date.parse('2026-01-01T00:00:00.000Z');

describe('CRM search through @hubspot/api-client', () => {
  it('filters numbers as numbers with EQ/NEQ/GT/GTE/LT/LTE, like HubSpot (property)', async () => {
    const { sandbox, client } = sdkPortal();
    sandbox.controls.searchPerSecond = null;
    const revenues = [5, 40, 300, 2000, 2000, 90000];
    for (const revenue of revenues) sandbox.store.create('companies', { name: `R${revenue}`, annualrevenue: String(revenue) });
    sandbox.store.create('companies', { name: 'No revenue' });
    const checks: Record<string, (value: number, threshold: number) => boolean> = {
      EQ: (v, t) => v === t, GT: (v, t) => v > t, GTE: (v, t) => v >= t, LT: (v, t) => v < t, LTE: (v, t) => v <= t,
    };
    await fc.assert(fc.asyncProperty(fc.constantFrom(...Object.keys(checks)), fc.constantFrom(5, 40, 41, 299, 2000, 100000), async (operator, threshold) => {
      const page = await client.crm.companies.searchApi.doSearch({
        filterGroups: [{ filters: [{ propertyName: 'annualrevenue', operator: operator as FilterOperatorEnum, value: String(threshold) }] }],
        properties: ['annualrevenue'], limit: 200,
      });
      const expected = revenues.filter((revenue) => checks[operator]?.(revenue, threshold)).length;
      expect(page.total).toBe(expected);
    }), { numRuns: 25 });
    const neq = await client.crm.companies.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'annualrevenue', operator: FilterOperatorEnum.Neq, value: '2000' }] }], limit: 200 });
    // NEQ also matches the company without a value, as HubSpot's does.
    expect(neq.total).toBe(5);
  });

  it('combines filter groups (OR) of filters (AND), with IN, HAS_PROPERTY and NOT_HAS_PROPERTY', async () => {
    const { sandbox, client } = sdkPortal();
    sandbox.store.create('companies', { name: 'A', lifecyclestage: 'customer', hs_csm_sentiment: 'positive' });
    sandbox.store.create('companies', { name: 'B', lifecyclestage: 'customer' });
    sandbox.store.create('companies', { name: 'C', lifecyclestage: 'lead', hs_csm_sentiment: 'negative' });
    sandbox.store.create('companies', { name: 'D', lifecyclestage: 'opportunity', hs_csm_sentiment: '' });
    const names = async (filterGroups: Parameters<typeof client.crm.companies.searchApi.doSearch>[0]['filterGroups']): Promise<string[]> =>
      (await client.crm.companies.searchApi.doSearch({ filterGroups, properties: ['name'], limit: 10 })).results.map((result) => result.properties.name ?? '');
    expect(await names([{ filters: [{ propertyName: 'lifecyclestage', operator: FilterOperatorEnum.In, values: ['customer', 'lead'] }] }])).toEqual(['A', 'B', 'C']);
    expect(await names([{ filters: [{ propertyName: 'hs_csm_sentiment', operator: FilterOperatorEnum.HasProperty }] }])).toEqual(['A', 'C']);
    expect(await names([{ filters: [{ propertyName: 'hs_csm_sentiment', operator: FilterOperatorEnum.NotHasProperty }] }])).toEqual(['B', 'D']);
    expect(await names([
      { filters: [{ propertyName: 'lifecyclestage', operator: FilterOperatorEnum.Eq, value: 'customer' }, { propertyName: 'hs_csm_sentiment', operator: FilterOperatorEnum.HasProperty }] },
      { filters: [{ propertyName: 'lifecyclestage', operator: FilterOperatorEnum.Eq, value: 'OPPORTUNITY' }] },
    ])).toEqual(['A', 'D']);
  });

  it('filters and sorts hs_lastmodifieddate by time, whether the filter is epoch ms or ISO', async () => {
    const { sandbox, client } = sdkPortal();
    const ids = [3, 1, 2, 0].map((offset) => sandbox.store.create('companies', { name: `M${offset}`, hs_lastmodifieddate: new Date(base + offset * day).toISOString() }).id);
    const since = async (value: string) => client.crm.companies.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: FilterOperatorEnum.Gt, value }] }],
      sorts: ['hs_lastmodifieddate'], properties: ['name'], limit: 10,
    });
    const byEpoch = await since(String(base + day));
    expect(byEpoch.results.map((result) => result.properties.name)).toEqual(['M2', 'M3']);
    expect((await since(new Date(base + day).toISOString())).results.map((result) => result.id)).toEqual(byEpoch.results.map((result) => result.id));
    const descending = await client.crm.companies.searchApi.doSearch({ sorts: ['-hs_lastmodifieddate'], limit: 10 });
    expect(descending.results.map((result) => result.id)).toEqual([ids[0], ids[2], ids[1], ids[3]]);
    const byId = await client.crm.companies.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: FilterOperatorEnum.Gt, value: ids[1] ?? '' }] }], limit: 10 });
    expect(byId.results.map((result) => result.id)).toEqual([ids[2], ids[3]]);
  });

  it('pages 200 at a time and refuses a larger page', async () => {
    const { sandbox, client } = sdkPortal();
    sandbox.controls.searchPerSecond = null;
    for (let i = 0; i < 450; i += 1) sandbox.store.create('contacts', { email: `c${i}@example.com` });
    const sizes: number[] = [];
    let after: string | undefined;
    do {
      const page = await client.crm.contacts.searchApi.doSearch({ limit: 200, ...(after ? { after } : {}) });
      expect(page.total).toBe(450);
      sizes.push(page.results.length);
      after = page.paging?.next?.after;
    } while (after);
    expect(sizes).toEqual([200, 200, 50]);
    const tooBig = await failureOf(client.crm.contacts.searchApi.doSearch({ limit: 201 }));
    expect(tooBig.code).toBe(400);
    expect(tooBig.json.category).toBe('VALIDATION_ERROR');
  });

  it('pages one query 200 at a time to exactly 10,000 results, then offers no next page and answers 400 past the cap', async () => {
    const { sandbox, client } = sdkPortal();
    sandbox.controls.searchPerSecond = null;
    for (let i = 0; i < 10_050; i += 1) sandbox.store.create('contacts', { email: `c${i}@example.com` }, { createdAt: '2026-01-01T00:00:00.000Z' });
    const seen = new Set<string>();
    const sizes = new Set<number>();
    let pages = 0;
    let after: string | undefined;
    do {
      const page = await client.crm.contacts.searchApi.doSearch({ limit: 200, properties: ['email'], ...(after ? { after } : {}) });
      expect(page.total).toBe(10_050);
      pages += 1;
      sizes.add(page.results.length);
      for (const result of page.results) seen.add(result.id);
      after = page.paging?.next?.after;
    } while (after);
    expect([pages, seen.size, [...sizes]]).toEqual([50, 10_000, [200]]);
    const past = await failureOf(client.crm.contacts.searchApi.doSearch({ limit: 200, after: '10000' }));
    expect(past.code).toBe(400);
    expect(past.json).toMatchObject({ category: 'VALIDATION_ERROR', message: expect.stringMatching(/capped at 10000/) });
  });

  it('lets the SDK search 5 times a second: the 6th fails with the secondly-limit 429 the SDK recognises; a second later it passes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.parse('2026-06-30T12:00:00.000Z'));
      const { sandbox, client } = sdkPortal();
      sandbox.store.create('companies', { name: 'Acme' });
      for (let i = 0; i < 5; i += 1) expect((await client.crm.companies.searchApi.doSearch({})).total).toBe(1);
      const refused = await failureOf(client.crm.objects.searchApi.doSearch('companies', {}));
      expect(refused.code).toBe(429);
      expect(refused.json).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', message: 'You have reached your secondly limit.' });
      // Only searches count against it.
      expect((await client.crm.companies.basicApi.getPage(1)).results).toHaveLength(1);
      vi.setSystemTime(Date.parse('2026-06-30T12:00:01.001Z'));
      expect((await client.crm.companies.searchApi.doSearch({})).total).toBe(1);
      expect(sandbox.log.entries.map((entry) => entry.status)).toEqual([200, 200, 200, 200, 200, 429, 200, 200]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('allows 5 searches a second: the 6th gets the SDK-recognised secondly-limit 429, without rate-limit headers', async () => {
    const { sandbox } = sdkPortal();
    const search = () => sandbox.handle(new Request('https://api.hubapi.com/crm/v3/objects/companies/search', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' }));
    const responses = await Promise.all(Array.from({ length: 6 }, search));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = responses.find((response) => response.status === 429);
    expect(await refused?.json()).toMatchObject({ message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT' });
    expect([...(refused?.headers ?? new Headers())].map(([name]) => name).filter((name) => name.startsWith('x-hubspot-ratelimit'))).toEqual([]);
  });

  it('refuses more than one sort and more than 5 filter groups', async () => {
    const { client } = sdkPortal();
    expect((await failureOf(client.crm.companies.searchApi.doSearch({ sorts: ['name', 'domain'] }))).code).toBe(400);
    const group = { filters: [{ propertyName: 'name', operator: FilterOperatorEnum.HasProperty }] };
    expect((await failureOf(client.crm.companies.searchApi.doSearch({ filterGroups: Array.from({ length: 6 }, () => group) }))).code).toBe(400);
  });

  it('finds records by association (associations.{type} with EQ or IN), as HubSpot search does, and refuses other operators and unknown types', async () => {
    const { sandbox, client } = sdkPortal();
    const [a, b, c] = ['a', 'b', 'c'].map((name) => sandbox.store.create('contacts', { firstname: name }).id);
    const answer = (contact: string | undefined, value: string) => {
      const created = sandbox.store.create('feedback_submissions', { hs_value: value, hs_contact_id: null });
      if (contact) sandbox.store.associate('contacts', contact, 'feedback_submissions', created.id);
      return created.id;
    };
    const [first, second, third] = [answer(a, '9'), answer(b, '3'), answer(c, '7')];
    answer(undefined, '10');
    const ids = async (filters: Parameters<typeof client.crm.objects.feedbackSubmissions.searchApi.doSearch>[0]['filterGroups']) =>
      (await client.crm.objects.feedbackSubmissions.searchApi.doSearch({ filterGroups: filters, limit: 10 })).results.map((result) => result.id);
    expect(await ids([{ filters: [{ propertyName: 'associations.contact', operator: FilterOperatorEnum.Eq, value: a ?? '' }] }])).toEqual([first]);
    expect(await ids([{ filters: [{ propertyName: 'associations.contact', operator: FilterOperatorEnum.In, values: [b ?? '', c ?? ''] }] }])).toEqual([second, third]);
    const bad = await failureOf(client.crm.objects.feedbackSubmissions.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'associations.contact', operator: FilterOperatorEnum.Gt, value: '1' }] }] }));
    expect(bad.code).toBe(400);
    const unknown = await failureOf(client.crm.objects.feedbackSubmissions.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'associations.widget', operator: FilterOperatorEnum.Eq, value: '1' }] }] }));
    expect(unknown.code).toBe(400);

    // A portal that holds to the documented EQ refuses IN with HubSpot's validation error; EQ still works.
    sandbox.controls.searchPerSecond = null;
    sandbox.controls.searchAssociationIn = false;
    const refused = await failureOf(client.crm.objects.feedbackSubmissions.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'associations.contact', operator: FilterOperatorEnum.In, values: [b ?? ''] }] }] }));
    expect(refused.code).toBe(400);
    expect(refused.json).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', errors: [{ code: 'INVALID_OPERATOR', context: { propertyName: ['associations.contact'] } }] });
    expect(await ids([{ filters: [{ propertyName: 'associations.contact', operator: FilterOperatorEnum.Eq, value: b ?? '' }] }])).toEqual([second]);
  });
});
