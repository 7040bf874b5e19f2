import { describe, expect, it } from 'vitest';
import { failureOf, sdkPortal } from './sdk-portal.ts';

describe('associations v4 through @hubspot/api-client', () => {
  it('batch-reads company -> contact links with HubSpot-defined type 280, and 207s ids without links', async () => {
    const { sandbox, client } = sdkPortal();
    const linked = sandbox.store.create('companies', { name: 'Linked' });
    const lonely = sandbox.store.create('companies', { name: 'Lonely' });
    const contacts = [0, 1].map((i) => sandbox.store.create('contacts', { email: `c${i}@example.com` }));
    for (const contact of contacts) sandbox.store.associate('companies', linked.id, 'contacts', contact.id);

    const response = await client.crm.associations.v4.batchApi.getPage('companies', 'contacts', { inputs: [{ id: linked.id }, { id: lonely.id }] });

    expect(response.results).toHaveLength(1);
    const [result] = response.results;
    expect(result?._from.id).toBe(linked.id);
    expect(result?.to.map((to) => String(to.toObjectId))).toEqual(contacts.map((contact) => contact.id));
    expect(result?.to[0]?.associationTypes).toEqual([{ category: 'HUBSPOT_DEFINED', typeId: 280, label: null }]);
    expect('errors' in response && response.errors?.[0]).toMatchObject({
      category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND', context: { fromObjectId: [lonely.id] },
    });
  });

  it('stores both directions: contact -> company is type 279, deal -> company 341, ticket -> company 339', async () => {
    const { sandbox, client } = sdkPortal();
    const company = sandbox.store.create('companies', { name: 'Acme' });
    const pairs = [['contacts', 279], ['deals', 341], ['tickets', 339]] as const;
    for (const [type, typeId] of pairs) {
      const object = sandbox.store.create(type, {});
      sandbox.store.associate('companies', company.id, type, object.id);
      const page = await client.crm.associations.v4.basicApi.getPage(type, object.id, 'companies');
      expect(page.results.map((result) => [String(result.toObjectId), result.associationTypes[0]?.typeId])).toEqual([[company.id, typeId]]);
    }
  });

  it('pages an object with more than 500 links, 500 at a time, in the per-object API and in batch reads', async () => {
    const { sandbox, client } = sdkPortal();
    const company = sandbox.store.create('companies', { name: 'Big' });
    const contactIds = Array.from({ length: 650 }, (_, i) => sandbox.store.create('contacts', { email: `c${i}@example.com` }).id);
    for (const id of contactIds) sandbox.store.associate('companies', company.id, 'contacts', id);

    const first = await client.crm.associations.v4.basicApi.getPage('companies', company.id, 'contacts', undefined, 500);
    const second = await client.crm.associations.v4.basicApi.getPage('companies', company.id, 'contacts', first.paging?.next?.after, 500);
    expect([first.results.length, second.results.length, second.paging?.next]).toEqual([500, 150, undefined]);

    const batch = await client.crm.associations.v4.batchApi.getPage('companies', 'contacts', { inputs: [{ id: company.id }] });
    const after = batch.results[0]?.paging?.next?.after;
    const rest = await client.crm.associations.v4.batchApi.getPage('companies', 'contacts', { inputs: [{ id: company.id, after }] });
    const seen = [...(batch.results[0]?.to ?? []), ...(rest.results[0]?.to ?? [])].map((to) => String(to.toObjectId));
    expect(seen).toEqual(contactIds);
  });

  it('refuses a batch read of more than 1,000 ids', async () => {
    const { client } = sdkPortal();
    const inputs = Array.from({ length: 1001 }, (_, i) => ({ id: String(i + 1) }));
    expect((await failureOf(client.crm.associations.v4.batchApi.getPage('companies', 'deals', { inputs }))).code).toBe(400);
  });

  it('creates a default association through PUT .../associations/default/...', async () => {
    const { sandbox, client } = sdkPortal();
    const company = sandbox.store.create('companies', { name: 'Acme' });
    const ticket = sandbox.store.create('tickets', { subject: 'Login fails' });
    await client.crm.associations.v4.basicApi.createDefault('tickets', ticket.id, 'companies', company.id);
    expect(sandbox.store.associations('companies', company.id, 'tickets')).toEqual([ticket.id]);
  });
});
