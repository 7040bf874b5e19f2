import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.ts';
import { requiredProperties } from '../../src/domain/card/requirements.ts';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { Deadline } from '../../src/hubspot/gateway.ts';
import { PortfolioGateway } from '../../src/hubspot/portfolio-gateway.ts';
import { getCardView } from '../../src/usecases/card-view.ts';
import { fastRetry } from '../sync/portfolio-portal.ts';
import { testPortal } from './portal.ts';
import { asOf, seedCompany } from './seeded-company.ts';

// HubSpot returns at most 100 associated ids per type with a record (v3), with paging.next when
// there are more; the rest come from the v4 associations API. A company with 150 tasks and 130
// contacts must get every one of them on the card and in sync, at one call per further 100.

const plan = requiredProperties(defaultConfig);
const busy = { contacts: 130, deals: 100, tickets: 100, answers: 100, tasks: 150 };

describe('a company with more than 100 associated records of a type', () => {
  it('the card reads all 150 tasks and 130 contacts: the record, one v4 listing per type past 100, batch reads of 100', async () => {
    const portal = testPortal();
    const company = seedCompany(portal.sandbox.store, busy);

    const snapshot = await portal.gateway.companySnapshot(company.id, plan, new Deadline(12_000));
    expect(snapshot.contacts).toHaveLength(130);
    expect(snapshot.tasks).toHaveLength(150);
    expect(new Set(snapshot.tasks.map((task) => task.id)).size).toBe(150);
    const calls = portal.sandbox.log.entries.map((entry) => `${entry.method} ${entry.path.split('?')[0] ?? ''}`);
    expect(calls.filter((call) => call.includes('/crm/v4/objects/companies/'))).toHaveLength(2);
    // 6 for 100 of each; per type past 100: its v4 listing (up to 500 ids) and a batch read per further 100.
    expect(calls.length).toBeLessThanOrEqual(6 + 2 * 2);

    portal.sandbox.log.clear();
    const view = await getCardView({ gateway: portal.gateway, config: defaultConfig, now: () => new Date('2026-11-22T10:00:00.000Z') }, { companyId: company.id, asOf });
    expect(view.nps).toMatchObject(company.expected.nps);
  });

  it('sync reads the same 150 tasks and 130 contacts (v4 batch pages of 500)', async () => {
    const portal = testPortal();
    const company = seedCompany(portal.sandbox.store, busy);
    const client = createHubSpotClient({ accessToken: 'pat-test-token', idleTimeoutMs: 2_000 });
    const portfolio = new PortfolioGateway(client, { retry: fastRetry, callBudgetMs: 20_000 });
    const record = portal.sandbox.store.get('companies', company.id);
    if (!record) throw new Error('seeded company missing');

    const [snapshot] = await portfolio.snapshots([{ id: company.id, properties: record.properties }], plan, { feedbackForbidden: false }, { needsHistory: () => true });

    expect(snapshot?.issues).toEqual([]);
    expect(snapshot?.contacts).toHaveLength(130);
    expect(snapshot?.tasks).toHaveLength(150);
    const card = await portal.gateway.companySnapshot(company.id, plan, new Deadline(12_000));
    expect(snapshot?.tasks.map((task) => task.id).sort()).toEqual(card.tasks.map((task) => task.id).sort());
    expect(snapshot?.contacts.map((contact) => contact.id).sort()).toEqual(card.contacts.map((contact) => contact.id).sort());
  });
});
