import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.ts';
import { buildCardView } from '../../src/domain/card/card.ts';
import { readDeals } from '../../src/domain/renewal/deals.ts';
import type { CompanySnapshot } from '../../src/domain/card/snapshot.ts';
import { createSandbox, DEMO_TIME_ZONE, type SandboxStore, type StoredObject } from '../../src/sandbox/index.ts';

const asOf = '2026-06-30';
const asOfMs = Date.parse(`${asOf}T00:00:00.000Z`);
const daysAgo = (value: string | null | undefined): number => (asOfMs - Number(/^\d+$/.test(value ?? '') ? value : Date.parse(value ?? ''))) / 86_400_000;

const demo = createSandbox({ asOf, seed: 42 });
const { store } = demo;
const companies = store.list('companies');
const related = (companyId: string, type: 'contacts' | 'deals' | 'tickets'): StoredObject[] =>
  store.associations('companies', companyId, type).flatMap((id) => store.get(type, id) ?? []);

function snapshotOf(source: SandboxStore, company: StoredObject): CompanySnapshot {
  const record = ({ id, properties }: StoredObject) => ({ id, properties });
  const contacts = source.associations('companies', company.id, 'contacts').flatMap((id) => source.get('contacts', id) ?? []);
  const linked = (type: 'deals' | 'tickets') => source.associations('companies', company.id, type).flatMap((id) => source.get(type, id) ?? []).map(record);
  return {
    company: record(company),
    history: {
      cs_health_score: source.history('companies', company.id, 'cs_health_score'),
      hs_csm_sentiment: source.history('companies', company.id, 'hs_csm_sentiment'),
    },
    contacts: contacts.map(record),
    deals: linked('deals'),
    tickets: linked('tickets'),
    feedback: contacts.flatMap((contact) => source.associations('contacts', contact.id, 'feedback_submissions').flatMap((id) => source.get('feedback_submissions', id) ?? [])).map(record),
    tasks: [],
    issues: [],
  };
}

describe('the demo portfolio', () => {
  it('has at least 200 customer companies by default, and the same seed and as-of day give the same data', () => {
    expect(companies.filter((company) => company.properties.lifecyclestage === 'customer').length).toBeGreaterThanOrEqual(200);
    const again = createSandbox({ asOf, seed: 42, companies: 30 });
    const other = createSandbox({ asOf, seed: 43, companies: 30 });
    const picture = (source: SandboxStore) => source.list('companies').map((company) => [company, source.associations('companies', company.id, 'deals').map((id) => source.get('deals', id))]);
    // Company N does not depend on the portfolio's size: a small portfolio is a prefix of a big one.
    expect(picture(again.store)).toEqual(picture(store).slice(0, 30));
    expect(picture(other.store)).not.toEqual(picture(again.store));
  });

  it('follows its as-of day: a demo generated on any day, read in the portal zone that day, shows the same picture', () => {
    const config = { ...defaultConfig, timeZone: DEMO_TIME_ZONE, currency: 'USD' };
    const pictureOn = (day: string) => {
      const { store: generated } = createSandbox({ asOf: day, seed: 42, companies: 40 });
      return generated.list('companies').map((company) => {
        const view = buildCardView(snapshotOf(generated, company), config, { asOf: day, generatedAt: `${day}T20:00:00.000Z` });
        return [view.health.band, view.health.score, view.renewal.window, view.renewal.daysToRenewal, view.nps.score, view.support.openTickets];
      });
    };
    // A winter day and a summer day: the deals' local close times cross daylight saving the same way.
    expect(pictureOn('2027-01-15')).toEqual(pictureOn('2026-06-30'));
  });

  it('spreads companies over every health band and every renewal window of the default model', () => {
    const views = companies.filter((company) => company.properties.lifecyclestage === 'customer')
      .map((company) => buildCardView(snapshotOf(store, company), defaultConfig, { asOf, generatedAt: `${asOf}T12:00:00.000Z` }));
    expect(new Set(views.map((view) => view.health.band))).toEqual(new Set(['churned', 'healthy', 'attention', 'at_risk', 'unknown']));
    expect(new Set(views.map((view) => view.renewal.window))).toEqual(new Set(['overdue', 'd30', 'd60', 'd90', 'later', null]));
    expect(views.some((view) => view.renewal.source === 'company_property')).toBe(true);
    expect(views.some((view) => (view.renewal.daysToRenewal ?? 0) > 365)).toBe(true);
    expect(views.some((view) => view.health.trend30d !== null)).toBe(true);
  });

  it('holds HubSpot-shaped values: strings or null, ISO and epoch-ms datetimes, YYYY-MM-DD dates', () => {
    for (const company of companies) {
      for (const value of Object.values(company.properties)) expect(value === null || typeof value === 'string').toBe(true);
      for (const name of ['cs_last_product_activity', 'contract_end_date', 'cs_last_qbr_date']) {
        expect(company.properties[name] ?? '2026-01-01').toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    const touches = companies.map((company) => company.properties.notes_last_contacted);
    expect(touches.some((value) => value === null)).toBe(true);
    expect(touches.some((value) => /^\d{13}$/.test(value ?? ''))).toBe(true);
    expect(touches.some((value) => /^\d{4}-\d{2}-\d{2}T/.test(value ?? ''))).toBe(true);
    expect(new Set(companies.map((company) => company.properties.lifecyclestage))).toEqual(new Set(['customer', 'opportunity', 'lead']));
    // Close dates keep the time of day a user in the portal's zone (Los Angeles) picked, 9:00 to
    // 17:30, stored in UTC: some fall on the next UTC day, none at midnight UTC by default.
    const deals = store.list('deals');
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Los_Angeles', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const localTimes = deals.map((deal) => local.format(new Date(deal.properties.closedate ?? '')));
    expect(localTimes.every((time) => time >= '09:00' && time <= '17:30' && /:(00|30)$/.test(time))).toBe(true);
    expect(deals.some((deal) => /T0[01]:[03]0:00\.000Z$/.test(deal.properties.closedate ?? ''))).toBe(true);
    // EUR and GBP deals carry HubSpot's conversion into the home currency (USD).
    const foreign = deals.filter((deal) => deal.properties.deal_currency_code !== 'USD');
    expect(foreign.length).toBeGreaterThan(0);
    expect(foreign.every((deal) => Number(deal.properties.amount_in_home_currency) > Number(deal.properties.amount))).toBe(true);
    expect(deals.filter((deal) => deal.properties.deal_currency_code === 'USD').every((deal) => deal.properties.amount_in_home_currency === null)).toBe(true);
  });

  it('has NPS answers of all three groups, with and without comments, inside and outside 180 days, repeated by some contacts', () => {
    const answers = store.list('feedback_submissions').filter((answer) => answer.properties.hs_survey_type === 'NPS');
    expect(new Set(answers.map((answer) => answer.properties.hs_response_group))).toEqual(new Set(['PROMOTER', 'PASSIVE', 'DETRACTOR']));
    expect(answers.some((answer) => answer.properties.hs_content === null) && answers.some((answer) => answer.properties.hs_content !== null)).toBe(true);
    expect(answers.some((answer) => daysAgo(answer.properties.hs_submission_timestamp) > 180)).toBe(true);
    const perContact = new Map<string, number>();
    for (const answer of answers) {
      const contactId = store.associations('feedback_submissions', answer.id, 'contacts')[0] ?? '';
      perContact.set(contactId, (perContact.get(contactId) ?? 0) + 1);
    }
    expect([...perContact.values()].some((count) => count > 1)).toBe(true);
    // Real portals hold answers linked to their contact only by association (hs_contact_id empty).
    const withoutContactId = answers.filter((answer) => answer.properties.hs_contact_id === null);
    expect(withoutContactId.length).toBeGreaterThan(answers.length / 10);
    expect(withoutContactId.length).toBeLessThan(answers.length / 3);
    expect(withoutContactId.every((answer) => store.associations('feedback_submissions', answer.id, 'contacts').length === 1)).toBe(true);
    // Their creation time is hs_createdate, as on every activity and survey answer in HubSpot.
    expect(answers.every((answer) => answer.properties.hs_createdate !== undefined && answer.properties.createdate === undefined)).toBe(true);
    expect(store.list('feedback_submissions').some((answer) => answer.properties.hs_survey_type === 'CSAT')).toBe(true);
    // Submissions hang off contacts, never companies (HubSpot's model).
    expect(store.associations('companies', companies[0]?.id ?? '', 'feedback_submissions')).toEqual([]);
  });

  it('has tickets of every priority, open and closed, some open for more than 30 days', () => {
    const tickets = store.list('tickets');
    expect(new Set(tickets.map((ticket) => ticket.properties.hs_ticket_priority))).toEqual(new Set(['LOW', 'MEDIUM', 'HIGH', 'URGENT']));
    const open = tickets.filter((ticket) => ticket.properties.hs_is_closed === 'false');
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((ticket) => ticket.properties.hs_pipeline_stage !== '4' && ticket.properties.closed_date === null)).toBe(true);
    expect(open.some((ticket) => daysAgo(ticket.properties.createdate) > 30)).toBe(true);
    expect(tickets.filter((ticket) => ticket.properties.hs_is_closed === 'true').every((ticket) => ticket.properties.closed_date !== null)).toBe(true);
  });

  it('has renewals from overdue to more than a year out, lost renewals, non-USD deals and pending handoffs', () => {
    const deals = store.list('deals');
    const openRenewals = deals.filter((deal) => deal.properties.dealtype === 'existingbusiness' && deal.properties.hs_is_closed === 'false');
    const daysOut = openRenewals.map((deal) => -daysAgo(deal.properties.closedate));
    expect(Math.min(...daysOut)).toBeLessThan(0);
    expect(Math.max(...daysOut)).toBeGreaterThan(365);
    expect(deals.some((deal) => deal.properties.dealtype === 'existingbusiness' && deal.properties.dealstage === 'closedlost')).toBe(true);
    expect(new Set(deals.map((deal) => deal.properties.deal_currency_code))).toEqual(new Set(['USD', 'EUR', 'GBP']));
    expect(companies.some((company) => company.properties.cs_handoff_status === 'submitted')).toBe(true);
    const wonLately = companies.filter((company) => company.properties.cs_handoff_status === null
      && related(company.id, 'deals').some((deal) => deal.properties.dealtype === 'newbusiness' && deal.properties.dealstage === 'closedwon' && daysAgo(deal.properties.closedate) < 30));
    expect(wonLately.length).toBeGreaterThan(0);
  });

  it('has stale CSM sentiment, earlier health scores, and companies with almost no data', () => {
    const sentimentAge = companies.flatMap((company) => store.history('companies', company.id, 'hs_csm_sentiment').slice(0, 1).map((entry) => daysAgo(entry.timestamp)));
    expect(sentimentAge.some((days) => days > 90) && sentimentAge.some((days) => days < 90)).toBe(true);
    const scoreAges = companies.flatMap((company) => store.history('companies', company.id, 'cs_health_score').slice(0, 1).map((entry) => daysAgo(entry.timestamp)));
    expect(scoreAges.length).toBeGreaterThan(0);
    expect(scoreAges.every((days) => days > 29 && days < 61)).toBe(true);
    const bare = companies.filter((company) => company.properties.lifecyclestage === 'customer'
      && ['contacts', 'deals', 'tickets'].every((type) => store.associations('companies', company.id, type as 'contacts').length === 0)
      && company.properties.cs_seats_licensed === null);
    expect(bare.length).toBeGreaterThan(0);
  });

  it('keeps its records consistent for any seed (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 25 }), (seed, size) => {
      const { store: generated } = createSandbox({ asOf, seed, companies: size });
      for (const company of generated.list('companies')) {
        const contacts = generated.associations('companies', company.id, 'contacts');
        expect(company.properties.num_associated_contacts).toBe(String(contacts.length));
        for (const contactId of contacts) {
          expect(generated.associations('contacts', contactId, 'companies')).toEqual([company.id]);
          for (const answerId of generated.associations('contacts', contactId, 'feedback_submissions')) {
            // Linked by association always; hs_contact_id, when set, names the same contact.
            expect([contactId, null]).toContain(generated.get('feedback_submissions', answerId)?.properties.hs_contact_id);
          }
        }
        for (const deal of generated.associations('companies', company.id, 'deals').flatMap((id) => generated.get('deals', id) ?? [])) {
          expect(deal.properties.hs_is_closed).toBe(String(['closedwon', 'closedlost'].includes(deal.properties.dealstage ?? '')));
          expect(Date.parse(deal.createdAt)).toBeLessThanOrEqual(Date.parse(deal.updatedAt));
        }
        expect(Date.parse(company.updatedAt)).toBeLessThanOrEqual(asOfMs + 86_400_000);
      }
    }), { numRuns: 20 });
  });
});

describe('the demo portfolio shows every lifecycle case (issue 19)', () => {
  const withTasks = (company: StoredObject): CompanySnapshot => ({
    ...snapshotOf(store, company),
    tasks: store.associations('companies', company.id, 'tasks').flatMap((id) => store.get('tasks', id) ?? []).map(({ id, properties }) => ({ id, properties })),
  });
  // The showcase companies come first, in order (demo-portfolio.ts SHOWCASE).
  const card = (index: number) => buildCardView(withTasks(companies[index] ?? expect.fail(`company ${index}`)), defaultConfig, { asOf, generatedAt: `${asOf}T08:00:00.000Z` });
  const ids = (index: number) => card(index).actions.map((action) => action.id);

  it('churned: no health band, the churn reason asked, no QBR or check-in', () => {
    const view = card(8);
    expect(view.lifecycle.stage).toBe('churned');
    expect(view.health).toMatchObject({ score: null, band: 'churned' });
    expect(view.renewal.status).toBe('lost');
    expect(ids(8)).toContain('churn-reason');
    expect(ids(8).filter((id) => !['churn-reason', 'churn-exit-interview'].includes(id))).toEqual([]);
  });

  it('renewed with a stale contract date: renewed, next renewal a term later, no escalation', () => {
    const view = card(15);
    expect(view.renewal).toMatchObject({ status: 'renewed', window: 'later', lastOutcome: { result: 'won' } });
    expect(ids(15)).not.toContain('renewal-overdue');
    expect(ids(15)).not.toContain('renewal-lapsed');
  });

  it('an upsell before the renewal is not the renewal', () => {
    const view = card(16);
    const upsell = related(companies[16]?.id ?? '', 'deals').find((deal) => (deal.properties.dealname ?? '').includes('Upsell'));
    expect(view.renewal.status).toBe('open');
    expect(view.renewal.dealId).not.toBe(upsell?.id);
    expect(view.renewal.daysToRenewal).toBeGreaterThan(60);
  });

  it('a stale open renewal is listed and asked to be closed; the next one drives the window', () => {
    const view = card(17);
    expect(view.renewal.staleDeals).toHaveLength(1);
    expect(view.renewal.window).toBe('later');
    expect(ids(17)).toContain('renewal-stale-deal');
  });

  it('prospects are not scored and get no customer-success actions; onboarding gets the handoff, not referrals', () => {
    for (const index of [13, 14]) {
      expect(card(index).lifecycle.stage).toBe('prospect');
      expect(card(index).health.score).toBeNull();
      expect(card(index).actions).toEqual([]);
    }
    expect(card(11).lifecycle.stage).toBe('onboarding');
    expect(ids(11)).toContain('handoff-accept');
    expect(ids(11)).not.toContain('nps-referral');
  });

  it('at risk far from renewal gets a high-priority success plan', () => {
    const view = card(18);
    expect(view.health.band).toBe('at_risk');
    expect(view.renewal.window).toBe('later');
    expect(view.actions.find((action) => action.id === 'at-risk-success-plan')).toMatchObject({ priority: 'high' });
  });

  it('names its deals as the renewal rule classifies them: every "Renewal" deal is a renewal, every "Upsell" an expansion', () => {
    // Renewal deals close on the contract's anniversaries (within contractEndDistanceDays);
    // an earlier demo placed them off it and the doctor's sample called "Renewal 2027" expansion.
    const named = companies.flatMap((company) =>
      readDeals(related(company.id, 'deals').map(({ id, properties }) => ({ id, properties })), defaultConfig.renewal, defaultConfig.handoff, company.properties)
        .map((deal) => ({ name: deal.name ?? '', kind: deal.kind })));
    const renewals = named.filter((deal) => / — Renewal \d{4}$/.test(deal.name));
    const upsells = named.filter((deal) => / — Upsell \d{4}$/.test(deal.name));
    expect(renewals.length).toBeGreaterThan(100);
    expect(upsells.length).toBeGreaterThan(0);
    expect(renewals.filter((deal) => deal.kind !== 'renewal')).toEqual([]);
    expect(upsells.filter((deal) => deal.kind !== 'expansion')).toEqual([]);
  });

  it('a completed QBR task settles "Schedule a QBR"', () => {
    expect(withTasks(companies[19] ?? expect.fail('company')).tasks).toHaveLength(1);
    expect(ids(19)).not.toContain('qbr-schedule');
  });
});
