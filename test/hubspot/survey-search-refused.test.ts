import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.ts';
import { requiredProperties } from '../../src/domain/card/requirements.ts';
import { Deadline } from '../../src/hubspot/gateway.ts';
import type { FaultRule } from '../../src/sandbox/index.ts';
import { getCardView } from '../../src/usecases/card-view.ts';
import { testPortal, type TestPortal } from './portal.ts';
import { asOf, seedCompany } from './seeded-company.ts';

// HubSpot documents `associations.{type}` in search with EQ; the card searches the survey answers
// with IN (company-survey-answers.ts). A portal that refuses IN (400 VALIDATION_ERROR, played by
// the sandbox's searchAssociationIn = false) must still give the card the same NPS, read through
// contact -> submission associations as the sync reads them, and pay the refused search once.

const plan = requiredProperties(defaultConfig);
const search = '/crm/v3/objects/feedback_submissions/search';
const contactAnswerLinks = '/crm/v4/associations/contacts/feedback_submissions/batch/read';
const answerBatch = '/crm/v3/objects/feedback_submissions/batch/read';

function card(portal: TestPortal, companyId: string) {
  return getCardView({ gateway: portal.gateway, config: defaultConfig, now: () => new Date('2026-11-22T10:00:00.000Z') }, { companyId, asOf });
}

function snapshot(portal: TestPortal, companyId: string) {
  return portal.gateway.companySnapshot(companyId, plan, new Deadline(12_000));
}

const byId = (records: readonly { id: string; properties: Record<string, unknown> }[]) =>
  [...records].sort((a, b) => a.id.localeCompare(b.id)).map((answer) => [answer.id, answer.properties.hs_contact_id, answer.properties.hs_value]);

/** 140 contacts (two filter groups), answers with and without hs_contact_id, one answer shared by two contacts. */
function seedAwkwardCompany(portal: TestPortal) {
  const store = portal.sandbox.store;
  const company = seedCompany(store, { contacts: 140, deals: 100, tickets: 100, answers: 300, tasks: 2 });
  const answerIds = store.list('feedback_submissions').map((answer) => answer.id);
  const unnamed = answerIds.filter((_, i) => i % 4 === 0);
  for (const id of unnamed) store.update('feedback_submissions', id, { hs_contact_id: null });
  const shared = unnamed[2] ?? '';
  const contacts = store.associations('companies', company.id, 'contacts');
  const other = contacts.find((id) => !store.associations('feedback_submissions', shared, 'contacts').includes(id)) ?? '';
  store.associate('contacts', other, 'feedback_submissions', shared);
  return company;
}

describe('a portal that refuses IN on associations.contact in search', () => {
  it('gives the card the same NPS through contact -> submission associations, and pays the refused search once', async () => {
    const portal = testPortal();
    const company = seedAwkwardCompany(portal);
    const log = portal.sandbox.log;

    const usual = await snapshot(portal, company.id);
    const usualView = await card(portal, company.id);
    log.clear();
    await snapshot(portal, company.id);
    const usualCalls = log.entries.length;
    // 300 answers: two search pages; the unnamed answers' contacts: one v4 read.
    expect(log.count({ pathIncludes: search })).toBe(2);
    expect(log.count({ pathIncludes: '/crm/v4/associations/feedback_submissions/contacts/batch/read' })).toBe(1);
    expect(log.count({ pathIncludes: contactAnswerLinks })).toBe(0);

    portal.sandbox.controls.searchAssociationIn = false;
    log.clear();
    const refused = await snapshot(portal, company.id);

    // One refused search, then the associations and the answers; no warning, the same answers.
    expect(log.entries.filter((entry) => entry.path.includes(search)).map((entry) => entry.status)).toEqual([400]);
    expect(log.count({ pathIncludes: contactAnswerLinks })).toBe(1);
    expect(log.count({ pathIncludes: answerBatch })).toBe(3);
    expect(refused.issues).toEqual([]);
    expect(refused.feedback).toHaveLength(usual.feedback.length);
    expect(byId(refused.feedback)).toEqual(byId(usual.feedback));

    // The gateway remembers the refusal: later cards go straight to the associations.
    log.clear();
    const refusedView = await card(portal, company.id);
    expect(log.count({ pathIncludes: search })).toBe(0);
    expect(log.entries.every((entry) => entry.status === 200)).toBe(true);
    expect(refusedView.nps).toEqual(usualView.nps);
    expect(refusedView.nps).toMatchObject(company.expected.nps);
    expect(refusedView.warnings).toEqual(usualView.warnings);
    expect(refusedView.health).toEqual(usualView.health);
    // The usual path's two search pages and the unnamed answers' contacts become one association
    // read and 3 batch reads of 100 answers (the association read already names every respondent).
    expect(log.count({ pathIncludes: '/crm/v4/associations/feedback_submissions/contacts' })).toBe(0);
    expect(log.entries.length - log.count({ pathIncludes: '/crm/v3/pipelines' })).toBe(usualCalls - 3 + 4);
  });

  it('reads the answers of a company of 100 contacts, deals, tickets and answers in 7 calls once the refusal is known', async () => {
    const portal = testPortal();
    const company = seedCompany(portal.sandbox.store, { contacts: 100, deals: 100, tickets: 100, answers: 100, tasks: 3 });
    portal.sandbox.controls.searchAssociationIn = false;

    const first = await card(portal, company.id);
    portal.sandbox.log.clear();
    const second = await card(portal, company.id);

    expect(first.nps).toMatchObject(company.expected.nps);
    expect(second.nps).toEqual(first.nps);
    expect(first.warnings.filter((warning) => /^NPS/.test(warning))).toEqual([]);
    // company, contacts, deals, tickets, tasks, contact -> answer associations, answers
    expect(portal.sandbox.log.entries).toHaveLength(7);
  });

  it.each<[string, FaultRule['kind'], RegExp]>([
    ['a missing scope (403)', '403', /^NPS unavailable: the app lacks the crm\.objects\.feedback_submissions\.read scope/],
    ['the daily limit (429)', '429-daily', /^NPS unavailable: .*daily API limit/],
    ['a server error (500)', '500', /^NPS unavailable: .*HTTP 500/],
  ])('keeps its answer to %s on the search: no fallback, nothing remembered', async (_, kind, warning) => {
    const portal = testPortal();
    const company = seedCompany(portal.sandbox.store, { contacts: 20, deals: 3, tickets: 3, answers: 20 });
    const remove = portal.sandbox.controls.injectFault({ kind, path: search });

    const failed = await card(portal, company.id);
    expect(failed.warnings).toContainEqual(expect.stringMatching(warning));
    expect(portal.sandbox.log.count({ pathIncludes: contactAnswerLinks })).toBe(0);

    remove();
    portal.sandbox.log.clear();
    const next = await card(portal, company.id);
    expect(portal.sandbox.log.count({ pathIncludes: search })).toBe(1);
    expect(portal.sandbox.log.count({ pathIncludes: contactAnswerLinks })).toBe(0);
    expect(next.nps).toMatchObject(company.expected.nps);
  });
});
