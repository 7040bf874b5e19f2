import { cardViewSchema } from '../../src/app/cards/contract/view-model.ts';
import type { CardView } from '../../src/app/cards/contract/view-model.ts';

/** A complete, schema-valid view of a healthy customer; `edit` changes it for a case (and must keep it valid). */
export function cardViewFixture(edit: (view: CardView) => void = () => undefined): CardView {
  const base: CardView = {
    companyId: '9001',
    asOf: '2026-03-15',
    generatedAt: '2026-03-15T13:45:00.000Z',
    health: {
      score: 82,
      band: 'healthy',
      trend30d: 4,
      coverage: 0.9,
      factors: [
        { key: 'nps', label: 'NPS', score: 85, weight: 20, contribution: 17, status: 'ok', explanation: 'Company NPS +70 from 8 answers.' },
        { key: 'support', label: 'Support', score: 90, weight: 20, contribution: 18, pointsLost: 2.2, band: 'healthy', status: 'ok', explanation: '1 open ticket, none urgent.' },
        { key: 'adoption', label: 'Adoption', score: null, weight: 20, contribution: null, status: 'no_data', explanation: 'No usage properties configured.' },
        { key: 'sentiment', label: 'CSM sentiment', score: 60, weight: 10, contribution: 6, status: 'stale', explanation: 'Sentiment last set 120 days ago.' },
      ],
      history: [
        { date: '2026-02-13', score: 78 },
        { date: '2026-03-15', score: 82 },
      ],
    },
    renewal: {
      date: '2026-05-01',
      daysToRenewal: 47,
      window: 'd60',
      amount: 48000,
      currency: 'EUR',
      dealId: '501',
      stage: 'contractsent',
      source: 'renewal_deal',
      status: 'open',
      lastOutcome: null,
      staleDeals: [],
    },
    nps: {
      score: 70,
      responses: 8,
      promoters: 6,
      passives: 2,
      detractors: 0,
      windowDays: 180,
      lowSample: false,
      latest: { value: 9, comment: 'Great onboarding', submittedAt: '2026-03-01T23:30:00.000Z', contactId: '77' },
    },
    support: { openTickets: 1, openHighPriority: 0, oldestOpenDays: 3 },
    actions: [
      { id: 'qbr_due', title: 'Schedule a QBR', reason: 'No QBR in the last 90 days.', priority: 'medium', dueInDays: 7, alreadyTasked: false },
      { id: 'promoter_reference', title: 'Ask for a reference', reason: 'Contact answered 9 on NPS.', priority: 'low', dueInDays: 14, alreadyTasked: true },
    ],
    handoff: {
      status: 'accepted',
      completeness: 1,
      missing: [],
      phase: 'accepted',
      missingFields: [],
      requiredFields: ['goals', 'successCriteria', 'championId', 'economicBuyerId', 'goLiveDate'],
      version: 3,
      fields: { goals: 'Halve onboarding time', successCriteria: '80% weekly active agents', championId: '77', economicBuyerId: '78', promisedScope: '', specialTerms: '', risks: '', goLiveDate: '2026-02-15' },
      submittedAt: '2026-01-20T10:00:00.000Z',
      acceptedAt: '2026-01-31T10:00:00.000Z',
      returnedAt: null,
      returnComment: null,
      csmOwnerId: '7001',
      canEdit: false,
      canSubmit: false,
      canAccept: false,
      canReturn: false,
      contacts: [{ id: '77', label: 'Ana Silva (ana@acme.example)' }, { id: '78', label: 'ben@acme.example' }],
      contactsLeftOut: 0,
    },
    warnings: [],
    lifecycle: { stage: 'renewing', since: '2026-01-31' },
  };
  edit(base);
  return cardViewSchema.parse(base);
}

/** An edit for cardViewFixture: the NPS answers and the tickets could not be read (the factors' status error, their sections empty). */
export function npsAndTicketsUnread(view: CardView): void {
    view.nps = { ...view.nps, score: null, responses: 0, promoters: 0, passives: 0, detractors: 0, latest: null };
    view.support = { openTickets: 0, openHighPriority: 0, oldestOpenDays: null };
    view.health.factors = view.health.factors.map((factor) =>
      factor.key === 'nps'
        ? { ...factor, score: null, contribution: null, status: 'error', explanation: 'NPS answers could not be read, so NPS is not counted', explanationMessage: { code: 'factor.nps.failed', params: {} } }
        : factor.key === 'support'
          ? { ...factor, score: null, contribution: null, status: 'error', explanation: 'Tickets could not be read, so support is not counted', explanationMessage: { code: 'factor.support.failed', params: {} } }
          : factor,
    );
}

/**
 * An edit for cardViewFixture: the contract ended on Sep 9, 2024, 552 days before the as-of day, and
 * no renewal deal is on record (renewal.lapsed; demo: Sierra Hotels). The window is overdue, as the
 * backend sends it, though no renewal deal is.
 */
export function contractLapsed(view: CardView): void {
  view.renewal = { ...view.renewal, date: '2024-09-09', daysToRenewal: -552, window: 'overdue', amount: 106_600, currency: 'USD', dealId: null, stage: null, source: 'contract_term', status: 'none', lapsed: true };
  view.lifecycle = { stage: 'active', since: '2023-12-08' };
}

/**
 * An edit for cardViewFixture: the deals could not be read (the renewal factor's status error, no
 * renewal date, no customer value; the backend's stage is what the company record alone gave,
 * 'active' here; sandbox with --fault 503@deals).
 */
export function dealsUnread(view: CardView): void {
  view.renewal = { ...view.renewal, date: null, daysToRenewal: null, window: null, amount: null, currency: null, dealId: null, stage: null, source: null, customerSince: null, lifetimeRevenue: 0, status: 'none', lastOutcome: null, staleDeals: [] };
  view.health.factors.push({ key: 'renewal', label: 'Renewal', score: null, weight: 10, contribution: null, status: 'error', explanation: 'Deals could not be read, so the renewal is not counted', explanationMessage: { code: 'factor.renewal.failed', params: {} } });
  view.lifecycle = { stage: 'active', since: null };
}

/**
 * An edit for cardViewFixture: the deals could not be read, and the company's renewal date
 * property is a day past (sandbox with --fault 503@deals: Tidewater Builders, renewed on the deals,
 * its property left on the old contract's end). The backend, with no deal to see, judges the
 * contract lapsed and the window overdue from the property alone.
 */
export function dealsUnreadPropertyDatePast(view: CardView): void {
  dealsUnread(view);
  view.renewal = { ...view.renewal, date: '2026-02-26', daysToRenewal: -17, window: 'overdue', currency: 'USD', source: 'company_property', lapsed: true };
}
