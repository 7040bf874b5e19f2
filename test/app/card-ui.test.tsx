import {
  Accordion,
  Alert,
  Button,
  DescriptionListItem,
  EmptyState,
  ErrorState,
  Flex,
  Heading,
  LineChart,
  LoadingButton,
  LoadingSpinner,
  ProgressBar,
  StatisticsItem,
  StatusTag,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import { createRenderer } from './renderer.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardProps } from '../../src/app/cards/components/CardFrame.tsx';
import { TabCard } from '../../src/app/cards/components/TabCard.tsx';
import type { CardView } from '../../src/app/cards/contract/view-model.ts';
import { cardViewFixture, dealsUnread, npsAndTicketsUnread } from './card-fixtures.ts';
import { textOf } from './card-queries.ts';
import { plainFetch, startStubBackend } from './stub-backend.ts';
import type { StubBackend, StubReply } from './stub-backend.ts';

// The tab card against a loopback stand-in backend that serves hand-made views: for what the
// real backend would never send (a score that contradicts its band) and for rendering details.
let backend: StubBackend;
beforeAll(async () => {
  backend = await startStubBackend();
});
afterAll(() => backend.close());

const ok = (view: CardView): StubReply => ({ status: 200, body: view });

async function renderTab(view: CardView | StubReply[], user: { locale?: string; timeZone?: string } = {}) {
  backend.reply(...(Array.isArray(view) ? view : [ok(view)]));
  const r = createRenderer('crm.record.tab');
  r.mocks.context.crm.objectId = 9001;
  r.mocks.context.user.locale = user.locale ?? 'en-US';
  r.mocks.context.portal.timezone = user.timeZone ?? 'America/New_York';
  r.render(<TabCard {...cardProps(r.mocks.context, plainFetch)} baseUrl={backend.baseUrl} />);
  return r;
}

async function renderReady(view: CardView, user?: { locale?: string; timeZone?: string }) {
  const r = await renderTab(view, user);
  await r.waitFor(() => expect(r.maybeFind(LoadingSpinner)).toBeNull());
  return r;
}

describe('tab card: what it shows of a view', () => {
  it('shows loading first, then the score, band, trend, coverage and every factor with its status and why', async () => {
    const r = await renderTab(cardViewFixture());
    expect(r.find(LoadingSpinner).props.label).toBe('Loading customer health…');
    await r.waitFor(() => expect(r.findByTestId(ProgressBar, 'health-score').props.value).toBe(82));
    // The score is drawn in its band's colour (the view's band), not by HubSpot's 66/33 ScoreCircle thresholds.
    expect(r.findByTestId(ProgressBar, 'health-score').props.variant).toBe('success');

    expect(backend.requests.at(-1)).toEqual({ method: 'GET', url: '/api/companies/9001/card' });
    expect(r.findByTestId(StatusTag, 'health-band').text).toBe('Healthy');
    expect(r.findByTestId(StatusTag, 'health-band').props.variant).toBe('success');
    expect(r.findByTestId(Text, 'health-trend').text).toBe('30-day trend: +4');
    expect(r.findByTestId(Text, 'health-coverage').text).toBe('Data coverage: 90% of the score’s weight had data');
    expect(textOf(r.findByTestId(TableRow, 'factor-nps'))).toBe('NPS 85 20% 17 OK Company NPS +70 from 8 answers.');
    expect(textOf(r.findByTestId(TableRow, 'factor-adoption'))).toBe('Adoption — 20% — No data No usage properties configured.');
    expect(textOf(r.findByTestId(TableRow, 'factor-sentiment'))).toContain('Stale Sentiment last set 120 days ago.');
  });

  it('shows a renewal deal in another currency at its converted value and at the amount the deal itself shows (demo: Nimbus Studios, deal £216,600.00, card $275,082.00)', async () => {
    const r = await renderReady(
      cardViewFixture((view) => {
        view.renewal = { ...view.renewal, amount: 275082, currency: 'USD', dealAmount: 216600, dealCurrency: 'GBP' };
      }),
    );
    expect(r.findByTestId(Text, 'renewal-value').text).toBe('$275,082.00 (converted from the deal’s £216,600.00)');
  });

  it('says the deals could not be read in the renewal sections, not "No renewal on record", "Not a customer yet" and a lifetime revenue of 0 (a degraded card with "Deals (renewal) unavailable" above)', async () => {
    const r = await renderReady(cardViewFixture(dealsUnread));
    expect(r.findAll(Text).filter((text) => text.props.testId === 'renewal-none-title').map((text) => text.text)).toContain('Deals could not be read, so the renewal is not counted');
    expect(textOf(r.getRootNode())).not.toMatch(/No renewal on record|Not a customer yet|Create an open renewal deal/);
    expect(r.maybeFindByTestId(Text, 'customer-since')).toBeNull();
    expect(r.maybeFindByTestId(Text, 'lifetime-revenue')).toBeNull();
  });

  it('says the NPS answers or the tickets could not be read in their sections, not "no answers" or "none open" (a degraded card with the warnings above)', async () => {
    const r = await renderReady(
      cardViewFixture(npsAndTicketsUnread),
    );
    expect(r.findByTestId(Text, 'nps-unread').text).toBe('NPS answers could not be read, so NPS is not counted');
    expect(r.findByTestId(Text, 'support-unread').text).toBe('Tickets could not be read, so support is not counted');
    expect(r.maybeFindByTestId(Text, 'nps-none')).toBeNull();
  });

  it('shows the renewal date, days to go, window, value in its currency, and the deal stage', async () => {
    const r = await renderReady(cardViewFixture());
    expect(r.findByTestId(Text, 'renewal-date').text).toBe('May 1, 2026 (in 47 days)');
    expect(r.findByTestId(StatusTag, 'renewal-window').text).toBe('Within 60 days');
    expect(r.findByTestId(Text, 'renewal-value').text).toBe('€48,000.00');
    // The stage id is never shown: only the label HubSpot's pipelines give it.
    expect(r.maybeFindByTestId(Text, 'renewal-stage')).toBeNull();
    expect(textOf(r.getRootNode())).not.toContain('contractsent');
  });

  it('shows the deal stage by its pipeline label', async () => {
    const r = await renderReady(cardViewFixture((v) => {
      v.renewal.stageLabel = 'Contract sent';
    }));
    expect(r.findByTestId(Text, 'renewal-stage').text).toBe('Contract sent');
  });

  it('shows the customer’s value so far beside the renewal: customer since and lifetime revenue in the home currency', async () => {
    const r = await renderReady(
      cardViewFixture((v) => {
        v.renewal = { ...v.renewal, customerSince: '2023-04-01', lifetimeRevenue: 312_500, lifetimeRevenueCurrency: 'USD' };
      }),
    );
    expect(r.findByTestId(Text, 'customer-since').text).toBe('Apr 1, 2023');
    expect(r.findByTestId(Text, 'lifetime-revenue').text).toBe('$312,500.00');
    const mixed = await renderReady(cardViewFixture((v) => {
      v.renewal = { ...v.renewal, customerSince: '2023-04-01', lifetimeRevenue: null, lifetimeRevenueCurrency: 'USD' };
    }));
    expect(mixed.findByTestId(Text, 'lifetime-revenue').text).toContain('Not shown');
  });

  it('says there is no renewal on record and what to set up', async () => {
    const r = await renderReady(
      cardViewFixture((v) => {
        v.renewal = { date: null, daysToRenewal: null, window: null, amount: null, currency: null, dealId: null, stage: null, source: null, status: 'none', lastOutcome: null, staleDeals: [] };
      }),
    );
    // The first screen says so; what to set up follows in the renewal detail below.
    expect(textOf(r.findByTestId(Flex, 'renewal-none'))).toContain('No renewal on record');
    expect(textOf(r.findByTestId(Flex, 'renewal-details'))).toContain('Create an open renewal deal');
  });

  it('says a lost renewal is on record, lost, instead of "no renewal on record", without the set-up advice', async () => {
    const r = await renderReady(
      cardViewFixture((v) => {
        v.renewal = { date: null, daysToRenewal: null, window: null, amount: null, currency: null, dealId: null, stage: null, source: null, status: 'lost', lastOutcome: { result: 'lost', date: '2026-02-10', dealId: '77' }, staleDeals: [] };
      }),
    );
    expect(r.findByTestId(Text, 'renewal-none-title').text).toBe('Renewal lost on Feb 10, 2026');
    expect(r.maybeFindByTestId(Text, 'renewal-record-0')).toBeNull();
    expect(textOf(r.getRootNode())).not.toContain('No renewal on record');
    expect(textOf(r.getRootNode())).not.toContain('Create an open renewal deal');
  });

  it('shows the last decided renewal and each stale renewal deal beside the renewal date', async () => {
    const r = await renderReady(
      cardViewFixture((v) => {
        v.renewal = { ...v.renewal, status: 'renewed', lastOutcome: { result: 'won', date: '2026-03-12', dealId: '41' }, staleDeals: [{ dealId: '38', closeDate: '2025-12-01' }] };
      }),
    );
    expect(r.findByTestId(Text, 'renewal-record-0').text).toBe('Renewal won on Mar 12, 2026');
    expect(r.findByTestId(Text, 'renewal-record-1').text).toBe('Stale renewal deal 38, due Dec 1, 2025');
  });

  it('shows NPS with responses, the mix, the latest answer in the portal time zone, and a low-sample warning', async () => {
    const r = await renderReady(cardViewFixture((v) => {
      v.nps = { ...v.nps, score: -50, responses: 2, promoters: 0, passives: 1, detractors: 1, lowSample: true };
    }));
    expect(r.findByTestId(StatisticsItem, 'nps-score').props.number).toBe('-50');
    expect(r.findByTestId(StatisticsItem, 'nps-responses').props.number).toBe('2');
    expect(r.findByTestId(StatisticsItem, 'nps-detractors').props.number).toBe('1');
    expect(textOf(r.findByTestId(Alert, 'nps-low-sample'))).toBe('Only 2 responses: read this score as a hint, not a measure.');
    // 23:30 UTC on 1 March is 6:30 PM the same day in New York.
    expect(textOf(r.findByTestId(Flex, 'nps-latest'))).toBe(
      'Latest answer 9/10 on Mar 1, 2026, 6:30 PM Great onboarding',
    );
  });

  it('says when no contact answered NPS', async () => {
    const r = await renderReady(cardViewFixture((v) => {
      v.nps = { score: null, responses: 0, promoters: 0, passives: 0, detractors: 0, windowDays: 180, lowSample: true, latest: null };
    }));
    expect(r.findByTestId(Text, 'nps-none').text).toBe('No NPS answers from this company’s contacts in the last 180 days.');
    expect(r.maybeFindByTestId(StatisticsItem, 'nps-score')).toBeNull();
  });

  it('shows open tickets, urgent ones and the oldest open age', async () => {
    const r = await renderReady(cardViewFixture((v) => {
      v.support = { openTickets: 5, openHighPriority: 2, oldestOpenDays: 41 };
    }));
    expect(r.findByTestId(StatisticsItem, 'support-open').props.number).toBe('5');
    expect(r.findByTestId(StatisticsItem, 'support-urgent').props.number).toBe('2');
    expect(r.findByTestId(StatisticsItem, 'support-oldest').props.number).toBe('41 days');
  });

  it('draws the score history as a line chart', async () => {
    const r = await renderReady(cardViewFixture());
    expect(r.findByTestId(LineChart, 'score-history').props.data).toEqual([
      { date: '2026-02-13', score: 78 },
      { date: '2026-03-15', score: 82 },
    ]);
  });

  it('says so when there is nothing to do', async () => {
    const r = await renderReady(cardViewFixture((v) => {
      v.actions = [];
    }));
    expect(textOf(r.findByTestId(EmptyState, 'actions-none'))).toBe('Nothing to do right now: no playbook rule applies to this company.');
    expect(r.maybeFind(LoadingButton)).toBeNull();
  });

  it('shows every warning of the view', async () => {
    const r = await renderReady(cardViewFixture((v) => {
      v.warnings = ['Tickets could not be read: HubSpot failed after retries.', 'NPS needs the scope crm.objects.feedback_submissions.read.'];
    }));
    const warnings = r.findByTestId(Alert, 'warnings');
    expect(warnings.props.title).toBe('Some data is missing');
    expect(textOf(warnings)).toBe('Tickets could not be read: HubSpot failed after retries. NPS needs the scope crm.objects.feedback_submissions.read.');
  });
});

describe('tab card: no business rule of its own', () => {
  it('labels the band the view gives, whatever the score', async () => {
    const r = await renderReady(cardViewFixture((v) => {
      v.health.score = 90;
      v.health.band = 'at_risk';
    }));
    expect(r.findByTestId(ProgressBar, 'health-score').props.value).toBe(90);
    expect(r.findByTestId(ProgressBar, 'health-score').props.variant).toBe('danger');
    expect(r.findByTestId(StatusTag, 'health-band').text).toBe('At risk');
    expect(r.findByTestId(StatusTag, 'health-band').props.variant).toBe('danger');
  });

  it('labels the renewal window the view gives, whatever the days to go', async () => {
    const r = await renderReady(cardViewFixture((v) => {
      v.renewal.daysToRenewal = 75;
      v.renewal.window = 'd30';
    }));
    expect(r.findByTestId(Text, 'renewal-date').text).toBe('May 1, 2026 (in 47 days)');
    expect(r.findByTestId(StatusTag, 'renewal-window').text).toBe('Within 30 days');
  });

  it('keeps the actions in the order received, even a low priority before a high one', async () => {
    const r = await renderReady(cardViewFixture((v) => {
      v.actions = [
        { id: 'b_low', title: 'Low first', reason: 'r1', priority: 'low', dueInDays: 30, alreadyTasked: false },
        { id: 'a_high', title: 'High second', reason: 'r2', priority: 'high', dueInDays: 1, alreadyTasked: false },
      ];
    }));
    expect(r.findAll(LoadingButton).map((b) => b.props.testId)).toEqual(['create-task-b_low', 'create-task-a_high']);
    // One primary button per surface: the top action's; the others are secondary.
    expect(r.findAll(LoadingButton).map((b) => b.props.variant)).toEqual(['primary', 'secondary']);
  });

  it('shows no score when the view has none, even with factors that have scores', async () => {
    const r = await renderReady(cardViewFixture((v) => {
      v.health.score = null;
      v.health.band = 'unknown';
    }));
    expect(r.maybeFindByTestId(ProgressBar, 'health-score')).toBeNull();
    expect(r.findByTestId(StatusTag, 'health-band').text).toBe('Unknown');
    expect(r.findByTestId(Text, 'health-no-score').text).toBe('Not enough data for a score');
    expect(r.findByTestId(Text, 'why-none').text).toBe('Too little data for a score: 90% of the score’s weight had data.');
  });

  it('says why a churned customer or a prospect has no score: not too little data, whatever the coverage', async () => {
    const churned = await renderReady(cardViewFixture((v) => {
      v.health = { ...v.health, score: null, band: 'churned' };
      v.lifecycle = { stage: 'churned', since: '2026-02-10' };
    }));
    expect(churned.findByTestId(Text, 'health-no-score').text).toBe('No health score: the customer has left');
    expect(churned.findByTestId(Text, 'why-none').text).toBe('No health score: the customer has left');
    const prospect = await renderReady(cardViewFixture((v) => {
      v.health = { ...v.health, score: null, band: 'unknown' };
      v.lifecycle = { stage: 'prospect', since: null };
    }));
    expect(prospect.findByTestId(Text, 'health-no-score').text).toBe('Not a customer yet: no health score and no customer-success actions.');
    expect(prospect.findByTestId(Text, 'why-none').text).toBe('Not a customer yet: no health score and no customer-success actions.');
    expect(textOf(prospect.getRootNode())).not.toContain('Too little data');
  });
});

describe('tab card: the trend of a customer that is not scored', () => {
  const unscored = (stage: 'churned' | 'prospect', trend30d: number | null) =>
    cardViewFixture((v) => {
      v.health = { ...v.health, score: null, band: stage === 'churned' ? 'churned' : 'unknown', trend30d };
      v.lifecycle = { stage, since: stage === 'churned' ? '2026-02-10' : null };
    });
  const trendOf = (r: Awaited<ReturnType<typeof renderReady>>) => r.maybeFindByTestId(Text, 'health-trend') ?? r.maybeFindByTestId(StatusTag, 'health-trend');

  it('shows a churned customer or a prospect no 30-day trend: "not enough history" gave the wrong reason beside "the customer has left" (demo: Upland Capital)', async () => {
    for (const stage of ['churned', 'prospect'] as const) {
      // As the backend sends them (no score, so no trend), and with a trend a view may still carry.
      for (const trend30d of [null, -16]) {
        const r = await renderReady(unscored(stage, trend30d));
        expect(trendOf(r), `${stage} ${String(trend30d)}`).toBeNull();
        expect(textOf(r.getRootNode())).not.toContain('30-day trend');
      }
    }
    const churned = await renderReady(unscored('churned', null));
    expect(churned.findByTestId(Text, 'health-no-score').text).toBe('No health score: the customer has left');
  });

  it('keeps "not enough history" for a customer only short of data: it has a trend as soon as it has a score', async () => {
    const r = await renderReady(cardViewFixture((v) => {
      v.health = { ...v.health, score: null, band: 'unknown', trend30d: null };
      v.lifecycle = { stage: 'active', since: null };
    }));
    expect(r.findByTestId(Text, 'health-trend').text).toBe('30-day trend: not enough history');
  });
});

describe('tab card: the factors of a customer that is not scored', () => {
  const churnedView = () =>
    cardViewFixture((v) => {
      // As the backend sends a churned customer: no score, no contributions, the points each factor would cost kept.
      v.health = { ...v.health, score: null, band: 'churned', factors: v.health.factors.map((factor) => ({ ...factor, contribution: null })) };
      v.lifecycle = { stage: 'churned', since: '2026-02-10' };
    });
  const prospectView = () =>
    cardViewFixture((v) => {
      v.health = { ...v.health, score: null, band: 'unknown', coverage: 0.4, factors: v.health.factors.map((factor) => ({ ...factor, contribution: null, pointsLost: null })) };
      v.lifecycle = { stage: 'prospect', since: null };
    });

  it.each([
    ['churned', churnedView],
    ['prospect', prospectView],
  ] as const)('shows a %s customer each factor\'s fact only: no data coverage, no score, weight or contribution, no points lost', async (_kind, view) => {
    const r = await renderReady(view());
    expect(r.maybeFindByTestId(Text, 'health-coverage')).toBeNull();
    expect(r.findAll(TableRow).filter((row) => String(row.props.testId).startsWith('factor-'))).toEqual([]);
    expect(r.findAll(Heading).map((heading) => heading.text)).toContain('What the data shows');
    expect(r.findAll(Heading).map((heading) => heading.text)).not.toContain('What drives the score');
    const facts = r.findByTestId(Flex, 'factor-facts');
    expect(r.findByTestId(Text, 'factor-fact-nps').text).toBe('Company NPS +70 from 8 answers.');
    expect(r.findByTestId(Text, 'factor-fact-support').text).toBe('1 open ticket, none urgent.');
    expect(r.findByTestId(Text, 'factor-fact-adoption').text).toBe('No usage properties configured.');
    expect(facts.findAll(DescriptionListItem).map((item) => `${String(item.props.label)}: ${textOf(item)}`)).toEqual([
      'NPS: Company NPS +70 from 8 answers.',
      'Support: 1 open ticket, none urgent.',
      'Adoption: No usage properties configured.',
      'CSM sentiment: Sentiment last set 120 days ago.',
    ]);
    expect(textOf(r.getRootNode())).not.toContain('Data coverage');
    // No factor's weight (20% or 10%) anywhere on the card.
    expect(textOf(r.getRootNode())).not.toMatch(/\b[12]0%/);
    // "Why" says why there is no score, and names no factor as costing points of it.
    expect(r.maybeFindByTestId(Flex, 'why-0')).toBeNull();
    expect(textOf(r.findByTestId(Flex, 'why'))).not.toContain('pts');
  });

  it('keeps the data coverage and the weighted factors of a customer only short of data: the coverage says why there is no score', async () => {
    const r = await renderReady(cardViewFixture((v) => {
      v.health = { ...v.health, score: null, band: 'unknown', coverage: 0.4, factors: v.health.factors.map((factor) => ({ ...factor, contribution: null, pointsLost: null })) };
    }));
    expect(r.findByTestId(Text, 'health-no-score').text).toBe('Not enough data for a score');
    expect(r.findByTestId(Text, 'health-coverage').text).toBe('Data coverage: 40% of the score’s weight had data');
    expect(textOf(r.findByTestId(TableRow, 'factor-nps'))).toBe('NPS 85 20% — OK Company NPS +70 from 8 answers.');
    expect(textOf(r.findByTestId(TableRow, 'factor-adoption'))).toBe('Adoption — 20% — No data No usage properties configured.');
    expect(r.maybeFindByTestId(Flex, 'factor-facts')).toBeNull();
    expect(r.findAll(Heading).map((heading) => heading.text)).toContain('What drives the score');
  });
});

describe('tab card: failures', () => {
  it('explains a backend error and loads the card on retry', async () => {
    const r = await renderTab([
      { status: 503, body: { error: { code: 'hubspot_unavailable', message: 'HubSpot did not answer.' } } },
      ok(cardViewFixture()),
    ]);
    await r.waitFor(() => expect(r.find(ErrorState).props.title).toBe('Couldn’t load the customer-success card'));
    expect(textOf(r.find(ErrorState))).toContain('The customer-success service had a problem. Try again in a moment.');
    // The technical detail is there for admins, collapsed.
    expect(r.find(Accordion, { testId: 'error-admin-details' }).props.title).toBe('Details for admins');
    expect(textOf(r.find(ErrorState))).toContain('HTTP 503 (hubspot_unavailable): HubSpot did not answer.');
    r.find(ErrorState).findAll(Button).at(-1)?.trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(ProgressBar, 'health-score').props.value).toBe(82));
  });

  it('tells the admin what to check when the backend rejects the signature', async () => {
    const r = await renderTab([{ status: 401, body: { error: { code: 'bad_signature', message: 'Signature mismatch.' } } }]);
    await r.waitFor(() => expect(textOf(r.find(ErrorState))).toContain('Ask your HubSpot admin'));
    // The setting to check is named only in the collapsed details for admins.
    expect(textOf(r.find(Accordion, { testId: 'error-admin-details' }))).toContain('HUBSPOT_CLIENT_SECRET');
  });

  it('refuses an answer that is not a card view', async () => {
    const r = await renderTab([{ status: 200, body: { hello: 'proxy page' } }]);
    await r.waitFor(() => expect(textOf(r.find(ErrorState))).toContain('an answer the card can’t read'));
  });

  it('explains an unreachable backend', async () => {
    const r = createRenderer('crm.record.tab');
    r.render(<TabCard {...cardProps(r.mocks.context, plainFetch)} baseUrl="http://127.0.0.1:9" />);
    await r.waitFor(() => expect(textOf(r.find(ErrorState))).toContain('couldn’t be reached'), { timeoutInMs: 5000 });
  });
});
