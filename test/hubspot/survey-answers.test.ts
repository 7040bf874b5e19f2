import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.ts';
import { parseDay } from '../../src/domain/parsing/index.ts';
import { npsFacts } from '../../src/domain/nps/nps.ts';
import { requiredProperties } from '../../src/domain/card/requirements.ts';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { Deadline } from '../../src/hubspot/gateway.ts';
import { PortfolioGateway } from '../../src/hubspot/portfolio-gateway.ts';
import { getCardView } from '../../src/usecases/card-view.ts';
import { fastRetry } from '../sync/portfolio-portal.ts';
import { testPortal } from './portal.ts';
import { asOf, seedCompany } from './seeded-company.ts';

// One rule for "the company's survey answers" (domain/survey-answers.ts): the card searches the
// answers associated with the company's contacts, the sync follows contact -> submission
// associations; both fill the respondent from the association when hs_contact_id is empty.

const plan = requiredProperties(defaultConfig);
const day = parseDay(asOf) ?? 0;

describe('the card and the sync find the same survey answers', () => {
  it('a company with answers with and without hs_contact_id gets identical NPS on the card and in sync, in at most 7 calls on the card', async () => {
    const portal = testPortal();
    const company = seedCompany(portal.sandbox.store, { contacts: 20, deals: 3, tickets: 3, answers: 60, tasks: 2 });
    const store = portal.sandbox.store;
    const answerIds = store.list('feedback_submissions').map((answer) => answer.id);
    // Every third answer names no contact, among them contacts' latest ones (which decide the NPS).
    const unnamed = answerIds.filter((_, i) => i % 3 === 0);
    for (const id of unnamed) store.update('feedback_submissions', id, { hs_contact_id: null });
    // One more answer linked to two of the company's contacts: the lower id is its respondent, once.
    const contacts = store.associations('companies', company.id, 'contacts');
    const shared = unnamed[1] ?? '';
    const other = contacts.find((id) => !store.associations('feedback_submissions', shared, 'contacts').includes(id)) ?? '';
    store.associate('contacts', other, 'feedback_submissions', shared);

    portal.sandbox.log.clear();
    const card = await portal.gateway.companySnapshot(company.id, plan, new Deadline(12_000));
    const cardCalls = portal.sandbox.log.entries.length;
    const client = createHubSpotClient({ accessToken: 'pat-test-token', idleTimeoutMs: 2_000 });
    const portfolio = new PortfolioGateway(client, { retry: fastRetry, callBudgetMs: 20_000 });
    const record = store.get('companies', company.id);
    if (!record) throw new Error('seeded company missing');
    const [sync] = await portfolio.snapshots([{ id: company.id, properties: record.properties }], plan, { feedbackForbidden: false }, { needsHistory: () => true });

    const byId = (records: readonly { id: string; properties: Record<string, unknown> }[]) =>
      [...records].sort((a, b) => a.id.localeCompare(b.id)).map((answer) => [answer.id, answer.properties.hs_contact_id]);
    expect(card.feedback).toHaveLength(60);
    expect(byId(card.feedback)).toEqual(byId(sync?.feedback ?? []));
    expect(card.feedback.every((answer) => typeof answer.properties.hs_contact_id === 'string')).toBe(true);
    const sharedAnswer = card.feedback.find((answer) => answer.id === shared);
    const linked = store.associations('feedback_submissions', shared, 'contacts').sort((a, b) => Number(a) - Number(b));
    expect(sharedAnswer?.properties.hs_contact_id).toBe(linked[0]);
    expect(npsFacts(card.feedback, defaultConfig.nps, day)).toEqual(npsFacts(sync?.feedback ?? [], defaultConfig.nps, day));
    // company, its contacts, deals, tickets, tasks, the answers' search, the unnamed answers' contacts
    expect(cardCalls).toBeLessThanOrEqual(7);

    const view = await getCardView({ gateway: portal.gateway, config: defaultConfig, now: () => new Date('2026-11-22T10:00:00.000Z') }, { companyId: company.id, asOf });
    expect(view.nps.responses).toBe(npsFacts(sync?.feedback ?? [], defaultConfig.nps, day).responses);
  });
});
