import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.ts';
import { requiredProperties } from '../../src/domain/card/requirements.ts';
import { cardViewSchema } from '../../src/app/cards/contract/view-model.ts';
import { CompanyNotFoundError, Deadline, HubSpotError } from '../../src/hubspot/gateway.ts';
import { getCardView } from '../../src/usecases/card-view.ts';
import { mswServer } from '../msw.ts';
import { testPortal, type TestPortal } from './portal.ts';
import { asOf, seedCompany, type CompanyShape } from './seeded-company.ts';

const full: CompanyShape = { contacts: 100, deals: 100, tickets: 100, answers: 100, tasks: 3 };
const plan = requiredProperties(defaultConfig);

function card(portal: TestPortal, companyId: string, budgetMs?: number) {
  return getCardView(
    { gateway: portal.gateway, config: defaultConfig, now: () => new Date('2026-11-22T10:00:00.000Z'), ...(budgetMs ? { budgetMs } : {}) },
    { companyId, asOf },
  );
}

function snapshot(portal: TestPortal, companyId: string) {
  return portal.gateway.companySnapshot(companyId, plan, new Deadline(12_000));
}

function factor(view: Awaited<ReturnType<typeof card>>, key: string) {
  return view.health.factors.find((candidate) => candidate.key === key);
}

describe('reading one company through the SDK (sandbox portal behind msw)', () => {
  it('reads 100 contacts, deals, tickets and answers in at most 6 calls, and the card shows their NPS, renewal and support', async () => {
    const portal = testPortal();
    const company = seedCompany(portal.sandbox.store, full);

    const view = cardViewSchema.parse(await card(portal, company.id));

    // The deal pipelines' labels are read once per process (the gateway keeps them), not per card.
    const pipelineReads = portal.sandbox.log.count({ pathIncludes: '/crm/v3/pipelines' });
    expect(pipelineReads).toBe(1);
    expect(portal.sandbox.log.entries.length - pipelineReads).toBeLessThanOrEqual(6);
    expect(view.renewal.stageLabel).not.toBeNull();
    expect(view.renewal.stageLabel).not.toBe(view.renewal.stage);
    portal.sandbox.log.clear();
    await card(portal, company.id);
    expect(portal.sandbox.log.count({ pathIncludes: '/crm/v3/pipelines' })).toBe(0);
    expect(portal.sandbox.log.entries.length).toBeLessThanOrEqual(6);
    expect(view.nps).toMatchObject(company.expected.nps);
    expect(view.renewal).toMatchObject({ ...company.expected.renewal, source: 'renewal_deal' });
    expect(view.support).toEqual(company.expected.support);
    expect(view.health.trend30d).not.toBeNull();
    expect(view.warnings.filter((w) => /unavailable|incomplete/.test(w))).toEqual([]);
  });

  it('hands the domain every associated record, with property history newest first', async () => {
    const portal = testPortal();
    const company = seedCompany(portal.sandbox.store, full);

    const result = await snapshot(portal, company.id);

    expect([result.contacts.length, result.deals.length, result.tickets.length, result.feedback.length, result.tasks.length]).toEqual([100, 100, 100, 100, 3]);
    expect(result.history.cs_health_score?.map((change) => change.value)).toEqual(['70', '62']);
    expect(result.feedback.every((answer) => typeof answer.properties.hs_contact_id === 'string')).toBe(true);
    expect(result.issues).toEqual([]);
  });

  it('reads 500 answers in a few more search pages, not one call per answer', async () => {
    const portal = testPortal();
    const company = seedCompany(portal.sandbox.store, { ...full, answers: 500 });

    const result = await snapshot(portal, company.id);
    const feedbackCalls = portal.sandbox.log.count({ pathIncludes: 'feedback_submissions' });
    const calls = portal.sandbox.log.entries.length;
    const view = await card(portal, company.id);

    expect(result.feedback).toHaveLength(500);
    expect(feedbackCalls).toBeLessThanOrEqual(5);
    expect(calls).toBeLessThanOrEqual(6 + 4);
    // Each contact's newest answer counts once.
    expect(view.nps).toMatchObject(company.expected.nps);
  });

  it('renders an honest, empty card for a company with nothing associated, in one call', async () => {
    const portal = testPortal();
    const company = seedCompany(portal.sandbox.store, { contacts: 0, deals: 0, tickets: 0, answers: 0 });

    const view = cardViewSchema.parse(await card(portal, company.id));

    expect(portal.sandbox.log.entries).toHaveLength(1);
    expect(view.nps).toMatchObject({ score: null, responses: 0 });
    expect(view.support).toEqual({ openTickets: 0, openHighPriority: 0, oldestOpenDays: null });
    expect(view.renewal.date).toBeNull();
  });

  it('skips a malformed record and says how many were skipped, keeping the rest', async () => {
    const portal = testPortal();
    const company = seedCompany(portal.sandbox.store, { contacts: 5, deals: 5, tickets: 5, answers: 5 });
    mswServer.use(
      http.post('https://api.hubapi.com/crm/v3/objects/tickets/batch/read', async ({ request }) => {
        const body = (await (await portal.sandbox.handle(request)).json()) as { results: Array<{ properties: Record<string, unknown> }> };
        const first = body.results[0];
        if (first) first.properties.hs_ticket_priority = 3;
        return HttpResponse.json(body);
      }),
    );

    const result = await snapshot(portal, company.id);
    const view = await card(portal, company.id);

    expect(result.tickets).toHaveLength(4);
    expect(result.issues).toEqual([{ source: 'tickets', kind: 'malformed', detail: expect.stringMatching(/^1 of 5 records were skipped/), detailText: { code: 'hubspot.malformedRecords', params: { skipped: 1, total: 5 } } }]);
    expect(view.warnings).toContainEqual(expect.stringMatching(/^Support tickets incomplete: 1 of 5 records/));
  });
});

describe('HubSpot faults', () => {
  it('waits for the rolling window after a TEN_SECONDLY 429, then reads everything', async () => {
    const portal = testPortal();
    const company = seedCompany(portal.sandbox.store, full);
    portal.sandbox.controls.injectFault({ kind: '429', path: '/crm/v3/objects/deals/batch/read', times: 1 });

    const view = await card(portal, company.id);

    expect(portal.waits).toHaveLength(1);
    expect(portal.waits[0]).toBeGreaterThan(0);
    expect(portal.waits[0]).toBeLessThanOrEqual(10_000);
    expect(view.renewal).toMatchObject(company.expected.renewal ?? {});
    expect(view.warnings.filter((w) => /unavailable/.test(w))).toEqual([]);
  });

  it('waits one second, not ten, when the search API\'s own per-second limit answers 429', async () => {
    const portal = testPortal({ sleep: true });
    const company = seedCompany(portal.sandbox.store, full);
    portal.sandbox.controls.searchPerSecond = 1;

    await card(portal, company.id);
    const view = await card(portal, company.id);

    expect(portal.waits).toEqual([1_000]);
    expect(view.nps).toMatchObject(company.expected.nps);
  });

  it('gives every card its NPS when several load at once against the search limit of 5 a second', async () => {
    // One retry for failures: waiting out the search API's secondly window is not a failure
    // and must not use that retry up, however many windows a burst of cards has to wait.
    const portal = testPortal({ sleep: true, retries: 1 });
    portal.sandbox.controls.searchPerSecond = 5;
    const companies = Array.from({ length: 8 }, (_, i) => seedCompany(portal.sandbox.store, { ...full, answers: 300 }, `Northwind ${i}`));

    const views = await Promise.all(companies.map((company) => card(portal, company.id)));

    expect(portal.sandbox.log.entries.filter((entry) => entry.status === 429).length).toBeGreaterThan(0);
    expect(portal.waits.every((ms) => ms === 1_000)).toBe(true);
    expect(views.map((view) => view.warnings.filter((w) => /^NPS/.test(w)))).toEqual(companies.map(() => []));
    expect(views.map((view) => view.nps)).toEqual(companies.map((company) => expect.objectContaining(company.expected.nps)));
  });

  it('fails fast on a DAILY 429: one request, no waiting, a sentence that says so', async () => {
    const portal = testPortal();
    const company = seedCompany(portal.sandbox.store, full);
    portal.sandbox.controls.injectFault({ kind: '429-daily' });

    const error = await card(portal, company.id).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(HubSpotError);
    expect((error as HubSpotError).message).toMatch(/daily API limit/);
    expect(portal.sandbox.log.entries).toHaveLength(1);
    expect(portal.waits).toEqual([]);
  });

  it('degrades only the NPS section when the DAILY limit hits the survey search', async () => {
    const portal = testPortal();
    const company = seedCompany(portal.sandbox.store, full);
    portal.sandbox.controls.injectFault({ kind: '429-daily', objectType: 'feedback_submissions' });

    const view = await card(portal, company.id);

    expect(portal.sandbox.log.count({ pathIncludes: 'feedback_submissions' })).toBe(1);
    expect(view.warnings).toContainEqual(expect.stringMatching(/^NPS unavailable: .*daily API limit/));
    expect(view.support).toEqual(company.expected.support);
  });

  it('retries 5xx answers with backoff and ends with the full card', async () => {
    const portal = testPortal();
    const company = seedCompany(portal.sandbox.store, full);
    portal.sandbox.controls.injectFault({ kind: '503', path: '/crm/v3/objects/contacts/batch/read', times: 1 });
    portal.sandbox.controls.injectFault({ kind: '502', path: '/crm/v3/objects/companies/', times: 1 });

    const view = await card(portal, company.id);

    expect(portal.sandbox.log.entries.filter((entry) => entry.status >= 500)).toHaveLength(2);
    expect(view.nps).toMatchObject(company.expected.nps);
    expect(view.warnings.filter((w) => /unavailable/.test(w))).toEqual([]);
  });

  it('shows a degraded card with a warning when a section keeps failing', async () => {
    const portal = testPortal();
    const company = seedCompany(portal.sandbox.store, full);
    portal.sandbox.controls.injectFault({ kind: '500', objectType: 'tickets' });

    const view = cardViewSchema.parse(await card(portal, company.id));

    expect(view.warnings).toContainEqual(expect.stringMatching(/^Support tickets unavailable: HubSpot did not answer in time after retries \(HTTP 500\)/));
    expect(factor(view, 'support')?.status).not.toBe('ok');
    expect(view.renewal).toMatchObject(company.expected.renewal ?? {});
  });

  it('aborts a request that hangs and retries it', async () => {
    // The hung read idles out after 2 s; every other answer has that long too, however busy the machine.
    const portal = testPortal({ idleTimeoutMs: 2_000 });
    const company = seedCompany(portal.sandbox.store, full);
    portal.sandbox.controls.injectFault({ kind: 'timeout', path: '/crm/v3/objects/tickets/batch/read', times: 1 });

    const view = await card(portal, company.id);

    expect(portal.sandbox.log.entries.filter((entry) => entry.status === 0)).toHaveLength(1);
    expect(view.support).toEqual(company.expected.support);
  });

  it('keeps the card inside its time budget when a section never answers', async () => {
    const portal = testPortal({ idleTimeoutMs: 60_000 });
    const company = seedCompany(portal.sandbox.store, full);
    // Held past the budget (whose timer starts first, so it runs out first); the other sections have
    // 3 s to answer, a wide margin on a busy machine.
    portal.sandbox.controls.injectFault({ kind: 'timeout', objectType: 'feedback_submissions', holdMs: 6_000 });

    const view = await card(portal, company.id, 3_000);

    expect(view.warnings).toContainEqual(expect.stringMatching(/^NPS unavailable: HubSpot did not answer in time/));
    expect(view.renewal).toMatchObject(company.expected.renewal ?? {});
  });

  it('says the access token was rejected on a 401', async () => {
    const portal = testPortal();
    const company = seedCompany(portal.sandbox.store, full);
    portal.sandbox.controls.injectFault({ kind: '401' });

    await expect(card(portal, company.id)).rejects.toThrow('HubSpot rejected the access token (401): check HUBSPOT_ACCESS_TOKEN');
    expect(portal.sandbox.log.entries).toHaveLength(1);
  });

  it('names the missing scope when survey answers are forbidden, and still renders the card', async () => {
    const portal = testPortal();
    const company = seedCompany(portal.sandbox.store, full);
    portal.sandbox.controls.injectFault({ kind: '403', objectType: 'feedback_submissions' });

    const view = cardViewSchema.parse(await card(portal, company.id));

    expect(view.warnings).toContainEqual('NPS unavailable: the app lacks the crm.objects.feedback_submissions.read scope');
    expect(view.nps.score).toBeNull();
    expect(factor(view, 'nps')?.status).not.toBe('ok');
    expect(view.support).toEqual(company.expected.support);
    expect(view.health.coverage).toBeGreaterThan(0);
  });

  it('reports an unknown company as not found', async () => {
    const portal = testPortal();

    const error = await card(portal, '987654321').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CompanyNotFoundError);
    expect((error as Error).message).toBe("HubSpot has no company with id 987654321 (404): check the id in the company record's URL");
  });
});
