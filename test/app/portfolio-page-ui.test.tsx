import { Alert, Button, EmptyState, ErrorState, Link, LoadingSpinner, Select, Statistics, StatisticsItem, StatusTag, Table, TableRow, Text } from '@hubspot/ui-extensions';
import { createRenderer } from './renderer.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortfolioPage, PortfolioPageDeps, companyRecordUrl } from '../../src/app/pages/components/PortfolioPage.tsx';
import { PortfolioRouter } from '../../src/app/pages/components/PortfolioRouter.tsx';
import { defaultConfig } from '../../src/config/schema.ts';
import { readCompanyContract } from '../../src/domain/portfolio/contract-deals.ts';
import { parseIsoDate } from '../../src/domain/parsing/index.ts';
import { bookCompany, type BookCompany } from '../../src/domain/portfolio/portfolio-book.ts';
import { previousQuarter, quarterOf } from '../../src/domain/portfolio/periods.ts';
import type { CrmRecord, PropertyValues } from '../../src/domain/card/snapshot.ts';
import { pageOf, type PortfolioPage as PageData } from '../../src/usecases/portfolio-book.ts';
import { deal } from '../../src/domain/testing/fixtures.ts';
import { message } from '../../src/app/cards/contract/message.ts';
import { textOf } from './card-queries.ts';
import { plainFetch, startStubBackend, type StubBackend } from './stub-backend.ts';

// The managers' app page against a loopback stand-in backend: what it shows for a small book
// (computed by the domain, as the backend would), an empty portal and a failing backend.

let backend: StubBackend;
beforeAll(async () => {
  backend = await startStubBackend();
});
afterAll(() => backend.close());

const asOf = parseIsoDate('2026-11-23') ?? 0;
const current = { start: quarterOf(asOf).start, end: asOf };
const last = previousQuarter(asOf);
const currency = { reporting: 'USD', home: null };
// Read on the as-of day: nothing is taken back.
const read = { at: Date.parse('2026-11-23T10:00:00Z'), timeZone: 'UTC', leftOutByCompany: new Map() };

function company(id: string, name: string, properties: PropertyValues, deals: readonly CrmRecord[]): BookCompany {
  const contract = readCompanyContract(deals, defaultConfig, currency, properties);
  return bookCompany({ id, properties: { name, hubspot_owner_id: '7100001', ...properties } }, contract, { asOf, periods: [current, last], currency: 'USD', churnReasonProperty: 'cs_churn_reason' });
}
const won = (type: string, closedate: string, amount: number, cur = 'USD') => deal({ type, stage: 'closedwon', closedate, amount, currency: cur });
const open = (closedate: string, amount: number) => deal({ type: 'existingbusiness', stage: 'contractsent', closedate, amount });

function demoPage(): PageData {
  const book = [
    company('11', 'Small Soon', { cs_health_band: 'at_risk', cs_health_score: '20', cs_renewal_date: '2026-11-30', cs_renewal_amount: '10000' }, [won('newbusiness', '2025-11-30', 10_000), open('2026-11-30', 10_000)]),
    company('12', 'Big Later', { cs_health_band: 'attention', cs_health_score: '60', cs_renewal_date: '2027-02-10', cs_renewal_amount: '250000' }, [won('newbusiness', '2026-02-10', 250_000), open('2027-02-10', 250_000)]),
    company('13', 'Mid Overdue', { cs_health_band: 'at_risk', cs_health_score: '35', cs_renewal_date: '2026-11-10', cs_renewal_amount: '80000' }, [won('newbusiness', '2025-11-10', 80_000), open('2026-11-10', 80_000)]),
    company('14', 'Happy Co', { cs_health_band: 'healthy', cs_health_score: '90', cs_renewal_date: '2026-12-01', cs_renewal_amount: '500000' }, [won('newbusiness', '2025-12-01', 500_000)]),
    company('15', 'Euro GmbH', { cs_health_band: 'healthy', cs_health_score: '80' }, [won('newbusiness', '2026-03-01', 40_000, 'EUR')]),
    company('16', 'Gone Ltd', { cs_churn_reason: 'budget' }, [won('newbusiness', '2025-10-20', 30_000), deal({ type: 'existingbusiness', stage: 'closedlost', closedate: '2026-10-20', amount: 30_000 })]),
  ];
  return pageOf({ book, owners: [{ id: '7100001', name: 'Alicia Brandt' }], current, last, read }, { asOf, currency });
}

async function renderPage(...replies: Array<{ status: number; body: unknown }>) {
  return renderPageIn('en-US', ...replies);
}

async function renderPageIn(locale: string, ...replies: Array<{ status: number; body: unknown }>) {
  backend.reply(...replies);
  const r = createRenderer('pages');
  r.render(
    <PortfolioPageDeps.Provider value={{ fetchFn: plainFetch, baseUrl: backend.baseUrl, locale, timeZone: 'UTC', portalId: 123 }}>
      <PortfolioPage />
    </PortfolioPageDeps.Provider>,
  );
  await r.waitFor(() => expect(r.maybeFind(LoadingSpinner)).toBeNull());
  return r;
}

describe('the managers’ app page', () => {
  it('shows customers and ARR per health band, per currency, with churned customers apart', async () => {
    const r = await renderPage({ status: 200, body: demoPage() });
    expect(r.findByTestId(Text, 'band-at_risk-customers').text).toBe('2');
    expect(r.findByTestId(Text, 'band-at_risk-arr').text).toBe('$90,000');
    expect(r.findByTestId(Text, 'band-healthy-customers').text).toBe('2');
    // USD 500,000 and EUR 40,000 stay apart.
    expect(r.findByTestId(Text, 'band-healthy-arr').text).toBe('$500,000 · €40,000');
    expect(r.findByTestId(StatusTag, 'band-churned').text).toBe('Churned');
    expect(r.findByTestId(Text, 'band-churned-customers').text).toBe('1');
    expect(textOf(r.getRootNode())).toContain('Amounts are shown per currency');
  });

  it('joins amounts and figures the way the reader\'s language does: · in English, ・ in Japanese', async () => {
    const en = await renderPage({ status: 200, body: demoPage() });
    expect(textOf(en.getRootNode())).toMatch(/Renewals due: \d+ · Renewed: \d+ · Lost: \d+ · /);
    const ja = await renderPageIn('ja-JP', { status: 200, body: demoPage() });
    expect(ja.findByTestId(Text, 'band-healthy-arr').text).toBe('$500,000・€40,000');
    expect(textOf(ja.getRootNode())).toMatch(/契約更新予定：\d+・契約更新済み：\d+・/);
  });

  it('orders the renewals at risk by value at stake, overdue ones included, healthy ones left out', async () => {
    const r = await renderPage({ status: 200, body: demoPage() });
    const rows = r.findByTestId(Table, 'at-risk').findAll(TableRow).slice(1);
    expect(rows.map((row) => row.find(Link).text)).toEqual(['Big Later', 'Mid Overdue', 'Small Soon']);
    expect(r.findByTestId(Text, 'at-stake-12').text).toBe('$250,000');
    expect(textOf(r.getRootNode())).not.toContain('Happy Co');
  });

  it('links each company to its record in the portal', async () => {
    const r = await renderPage({ status: 200, body: demoPage() });
    const link = r.findByTestId(Link, 'company-13');
    expect(link.props.href).toEqual({ url: companyRecordUrl(123, '13'), external: false });
    expect(companyRecordUrl(123, '13')).toBe('https://app.hubspot.com/contacts/123/record/0-2/13');
  });

  it('lists the customers churned this quarter with the reason, and the KPIs of this and the last quarter', async () => {
    const r = await renderPage({ status: 200, body: demoPage() });
    const churned = textOf(r.findByTestId(Table, 'churned'));
    expect(churned).toContain('Gone Ltd');
    expect(churned).toContain('Budget');
    expect(textOf(r.getRootNode())).toContain('This quarter so far (2026-Q4)');
    expect(textOf(r.getRootNode())).toContain('Last quarter (2026-Q3)');
    const labels = r.findByTestId(Statistics, 'kpis-current').findAll(StatisticsItem).map((item) => item.props.label);
    expect(labels).toContain('Net revenue retention (NRR)');
    expect(labels).toContain('Customer renewal rate');
    // Beside the rates, the figures they are worked out from.
    // Beside the rates, the figures they are worked out from: the customer churn rate 1 / 6 = 16.7% over the customers
    // under contract at the start (Euro GmbH too: it counts as a customer, only its amounts are left out); revenue churn
    // 30,000 / 870,000 = 3.4%, GRR = NRR = 840,000 / 870,000 = 96.6%; renewal rates 0 / 2 and 0 / 110,000.
    const rates = Object.fromEntries(r.findByTestId(Statistics, 'kpis-current').findAll(StatisticsItem).map((item) => [String(item.props.label), item.props.number]));
    expect(rates).toMatchObject({ 'Customer churn rate': '16.7%', 'Revenue churn rate': '3.4%', 'Gross revenue retention (GRR)': '96.6%', 'Net revenue retention (NRR)': '96.6%' });
    expect(r.findByTestId(Text, 'kpis-current-renewals').text).toBe('Renewals due: 2 · Renewed: 0 · Lost: 1 · Still open: 1 · Ended with no renewal on record: 0 · Amount due for renewal: $110,000 · Amount renewed: $0');
    expect(r.findByTestId(Text, 'kpis-current-customers').text).toBe('Under contract at the start (churn rates’ base): 6 · Churned customers: 1');
    expect(r.findByTestId(Text, 'kpis-current-arr').text).toBe('ARR at the start: $870,000 · Expansion: $0 · Contraction: $0 · Churned ARR: $30,000 · ARR at the end: $840,000');
  });

  it('says beside the bands’ ARR and beside the quarters’ KPIs, once each, when an ARR is inferred from a renewal deal', async () => {
    const page = demoPage();
    expect(textOf((await renderPage({ status: 200, body: page })).getRootNode())).not.toContain('ARR inferred');
    // Renewal Only Inc: its only deal is its renewal of 60,000, open, due 2027-01-20: a contract of 60,000 in force, inferred.
    const onlyRenewal = company('17', 'Renewal Only Inc', { cs_health_band: 'attention', cs_health_score: '55' }, [open('2027-01-20', 60_000)]);
    const book = [onlyRenewal];
    const inferred = pageOf({ book, owners: [{ id: '7100001', name: 'Alicia Brandt' }], current, last, read }, { asOf, currency });
    const r = await renderPage({ status: 200, body: inferred });
    expect(r.findByTestId(Text, 'band-attention-arr').text).toBe('$60,000');
    const note = 'ARR inferred from a renewal deal (open, won or lost) for 1 company: with no earlier contract deal on record, the contract the renewal was due on counts as in force until the renewal is decided, at the amount up for renewal';
    expect(r.findByTestId(Text, 'bands-arr-inferred').text).toBe(note);
    // The quarters' start and end ARR: one line for both, not the bands' note again.
    expect(r.findByTestId(Text, 'kpis-arr-inferred').text).toBe('ARR at the start or the end inferred from a renewal deal (open, won or lost; no earlier contract deal on record): 1 company in 2026-Q4, 1 company in 2026-Q3');
    expect(textOf(r.getRootNode()).split(note).length - 1).toBe(1);
  });

  it('says a contract lapsed (ended, no renewal deal on record) in the renewals at risk and under the bands, not an overdue renewal', async () => {
    // Quarry Co: won 2025-06-01 at 60,000, its term ended 2026-06-01 (the date sync wrote), no renewal deal since: 175 days
    // past on 2026-11-23, still in force (nothing ended it). Late Co's renewal deal is open and 11 days overdue: not lapsed.
    const lapsed = company('19', 'Quarry Co', { cs_health_band: 'attention', cs_health_score: '56', cs_renewal_date: '2026-06-01' }, [won('newbusiness', '2025-06-01', 60_000)]);
    const late = company('20', 'Late Co', { cs_health_band: 'at_risk', cs_health_score: '30', cs_renewal_date: '2026-11-12' }, [won('newbusiness', '2025-11-12', 40_000), open('2026-11-12', 40_000)]);
    const r = await renderPage({ status: 200, body: pageOf({ book: [lapsed, late], owners: [{ id: '7100001', name: 'Alicia Brandt' }], current, last, read }, { asOf, currency }) });
    const rows = r.findByTestId(Table, 'at-risk').findAll(TableRow).slice(1).map((row) => textOf(row));
    expect(rows.find((row) => row.includes('Quarry Co'))).toContain('contract ended 175 days ago, no renewal deal');
    expect(rows.find((row) => row.includes('Late Co'))).not.toContain('no renewal deal');
    // An open renewal deal past its date is said to be overdue, as on the card; a lapsed contract's date is not.
    expect(rows.find((row) => row.includes('Late Co'))).toContain('(11 days ago) · Overdue');
    expect(rows.find((row) => row.includes('Quarry Co'))).not.toContain('Overdue');
    expect(r.findByTestId(Text, 'bands-lapsed').text).toBe(
      '1 customer’s contract ended with no renewal deal on record ($60,000 of the ARR in force): still counted as a customer, at that ARR, until a renewal or the churn is recorded',
    );
  });

  it('accounts for every renewal due in a quarter, as cs-card report does: renewed, lost, still open and ended with no renewal on record', async () => {
    // Ended Co: won 2025-08-15 at 45,000, no renewal deal since: its contract ended 2026-08-15, in 2026-Q3, so it is due
    // there and not renewed (it read "Renewals due: 1 · Renewed: 0" with nothing to say why). Bare Co: only its contract
    // end date on record (2026-09-01), no contract deal: due and not renewed too, its amount not known (not guessed).
    // Renewed Co's renewal was won in 2026-Q3; Mid Overdue's is open and overdue in 2026-Q4, Gone Ltd's was lost then.
    const ended = company('22', 'Ended Co', { cs_health_band: 'attention', cs_health_score: '58', cs_renewal_date: '2026-08-15' }, [won('newbusiness', '2025-08-15', 45_000)]);
    const bare = company('23', 'Bare Co', { contract_end_date: '2026-09-01' }, []);
    const renewed = company('24', 'Renewed Co', { cs_health_band: 'healthy', cs_health_score: '88' }, [won('newbusiness', '2025-07-20', 20_000), won('existingbusiness', '2026-07-20', 22_000)]);
    const overdue = company('13', 'Mid Overdue', { cs_health_band: 'at_risk', cs_health_score: '35', cs_renewal_date: '2026-11-10' }, [won('newbusiness', '2025-11-10', 80_000), open('2026-11-10', 80_000)]);
    const gone = company('16', 'Gone Ltd', { cs_churn_reason: 'budget' }, [won('newbusiness', '2025-10-20', 30_000), deal({ type: 'existingbusiness', stage: 'closedlost', closedate: '2026-10-20', amount: 30_000 })]);
    const book = [ended, bare, renewed, overdue, gone];
    const r = await renderPage({ status: 200, body: pageOf({ book, owners: [{ id: '7100001', name: 'Alicia Brandt' }], current, last, read }, { asOf, currency }) });
    expect(r.findByTestId(Text, 'kpis-last-renewals').text).toBe(
      'Renewals due: 3 · Renewed: 1 · Lost: 0 · Still open: 0 · Ended with no renewal on record: 2 · Amount due for renewal: $65,000 · Amount renewed: $22,000',
    );
    expect(r.findByTestId(Text, 'kpis-last-lapsed').text).toBe(
      '2 contracts ended in the period with no renewal on record: counted as due for renewal and not renewed, but not as churn (the customers are still counted until a renewal or the churn is recorded)',
    );
    expect(r.findByTestId(Text, 'kpis-last-lapsed-amount-unknown').text).toBe('1 of these contracts has no amount on record: left out of the amount due for renewal and of the revenue renewal rate, not guessed');
    const rates = Object.fromEntries(r.findByTestId(Statistics, 'kpis-last').findAll(StatisticsItem).map((item) => [String(item.props.label), item.props.number]));
    expect(rates['Customer renewal rate']).toBe('33.3%');
    // This quarter so far: one lost, one still open, none ended: the count is there, no note under it.
    expect(r.findByTestId(Text, 'kpis-current-renewals').text).toBe(
      'Renewals due: 2 · Renewed: 0 · Lost: 1 · Still open: 1 · Ended with no renewal on record: 0 · Amount due for renewal: $110,000 · Amount renewed: $0',
    );
    expect(r.maybeFindByTestId(Text, 'kpis-current-lapsed')).toBeNull();
    const pl = await renderPageIn('pl-PL', { status: 200, body: pageOf({ book, owners: [{ id: '7100001', name: 'Alicia Brandt' }], current, last, read }, { asOf, currency }) });
    expect(pl.findByTestId(Text, 'kpis-last-renewals').text).toContain('Utracone: 0 · Wciąż otwarte: 0 · Umowy wygasłe bez odnowienia w systemie: 2');
    expect(pl.findByTestId(Text, 'kpis-last-lapsed').text).toMatch(/^2 umowy wygasły w tym okresie bez odnowienia w systemie/);
  });

  it('never shows an unknown ARR or renewal amount as 0: counts it, and marks an ARR shown for a renewal amount', async () => {
    // No Deals Co: a customer by HubSpot's stage, no contract deal: its ARR is unknown (it read "$0" in its band). Quarry Co's
    // renewal at risk has no renewal amount written: its ARR in force of 60,000 stands in, marked. Known Co: all known.
    const noDeals = company('21', 'No Deals Co', {}, []);
    const quarry = company('19', 'Quarry Co', { cs_health_band: 'attention', cs_health_score: '56', cs_renewal_date: '2026-12-01' }, [won('newbusiness', '2025-12-01', 60_000)]);
    const known = company('22', 'Known Co', { cs_health_band: 'attention', cs_health_score: '60', cs_renewal_date: '2026-12-20', cs_renewal_amount: '30000' }, [won('newbusiness', '2025-12-20', 25_000), open('2026-12-20', 30_000)]);
    // No Amount Ltd lost its renewal, which carried no amount: the ARR its churn lost is unknown, not $0.
    const noAmount = company('23', 'No Amount Ltd', {}, [deal({ type: 'existingbusiness', stage: 'closedlost', closedate: '2026-11-05' })]);
    const r = await renderPage({ status: 200, body: pageOf({ book: [noDeals, quarry, known, noAmount], owners: [{ id: '7100001', name: 'Alicia Brandt' }], current, last, read }, { asOf, currency }) });
    expect([r.findByTestId(Text, 'band-unknown-arr').text, r.findByTestId(Text, 'band-unknown-arr-unknown').text, r.findByTestId(Text, 'band-attention-arr-unknown').text]).toEqual(['—', '1', '0']);
    expect(r.findByTestId(Text, 'bands-arr-unknown').text).toBe('1 customer has no known ARR (no contract deal on record says what it is): the ARR figures leave it out rather than count it as 0');
    expect(textOf(r.findByTestId(Table, 'bands'))).toContain('No known ARR');
    expect(textOf(r.findByTestId(Table, 'at-risk'))).toContain('Renewal amount');
    expect([r.findByTestId(Text, 'at-stake-19').text, r.findByTestId(Text, 'at-stake-22').text]).toEqual(['$60,000 (ARR)', '$30,000']);
    expect(r.findByTestId(Text, 'at-risk-total').text).toBe('Renewals in the next 90 days (or overdue) that are not healthy: 2, $90,000 up for renewal');
    expect(r.findByTestId(Text, 'at-risk-from-arr').text).toBe('1 of them has no renewal amount on record: the ARR in force counts instead, marked “(ARR)”');
    expect(r.maybeFindByTestId(Text, 'at-risk-amount-unknown')).toBeNull();
    expect(textOf(r.findByTestId(Table, 'churned').findAll(TableRow)[1] ?? r.getRootNode())).toMatch(/No Amount Ltd.*—$/);
    expect(textOf((await renderPage({ status: 200, body: demoPage() })).getRootNode())).not.toMatch(/No known ARR|\(ARR\)/);
  });

  it('says under the churned customers when the ARR a churn lost is inferred from the lost renewal deal', async () => {
    // Gone Ltd's churned 30,000 rests on its won new business: no note.
    expect(textOf((await renderPage({ status: 200, body: demoPage() })).getRootNode())).not.toContain('Churned ARR inferred');
    // Lost Only Co: its only deal is its renewal of 45,000, lost on 2026-11-05: churned then, the 45,000 it was due on inferred.
    const lostOnly = company('18', 'Lost Only Co', {}, [deal({ type: 'existingbusiness', stage: 'closedlost', closedate: '2026-11-05', amount: 45_000 })]);
    const r = await renderPage({ status: 200, body: pageOf({ book: [lostOnly], owners: [{ id: '7100001', name: 'Alicia Brandt' }], current, last, read }, { asOf, currency }) });
    expect(textOf(r.findByTestId(Table, 'churned'))).toContain('$45,000');
    expect(r.findByTestId(Text, 'churned-arr-inferred').text).toBe(
      'Churned ARR inferred from the lost renewal deal for 1 company: with no earlier contract deal on record, the contract it was to renew counts as in force until the loss, at the amount that was up for renewal',
    );
  });

  it('filters by owner: the backend is asked for that owner’s companies', async () => {
    const r = await renderPage({ status: 200, body: demoPage() });
    const select = r.findByTestId(Select, 'owner-filter');
    expect(select.props.options).toEqual([
      { label: 'All owners', value: 'all' },
      { label: 'Alicia Brandt (6)', value: '7100001' },
    ]);
    (select.trigger as (event: 'onChange', value: unknown) => void)('onChange', '7100001');
    await r.waitFor(() => expect(backend.requests.at(-1)?.url).toBe('/api/portfolio?owner=7100001'));
  });

  it('as of today says nothing of an as-of day', async () => {
    const r = await renderPage({ status: 200, body: demoPage() });
    expect(r.maybeFind(Alert)).toBeNull();
  });

  it('as of a past day says each note once, above the bands (whose band comes from sync and whose ARR from deals), and points back to them beside the churn and the KPIs', async () => {
    // Read a week later: one renewal closed after the as-of day was counted open.
    const page = demoPage();
    const asOfNotes = [
      message('report.asOf.leftOut', { asOf: '2026-11-23', count: 1, latest: '2026-11-28' }),
      message('warning.asOf.closed', { asOf: '2026-11-23', kind: 'deals', count: 1 }),
      message('report.asOf.currentValues', { asOf: '2026-11-23' }),
      message('portfolio.asOf.syncedValues', { asOf: '2026-11-23' }),
    ];
    const r = await renderPage({ status: 200, body: { ...page, asOfNotes } });
    const box = r.findByTestId(Alert, 'as-of-notes');
    expect(box.props.title).toBe('As of Nov 23, 2026');
    const notes = box.findAll(Text).map((line) => line.text ?? '');
    expect(notes).toEqual([
      'Data dated after Nov 23, 2026 is left out (1 record or value, the latest on Nov 28, 2026): these figures count the customers’ deals as they stood on Nov 23, 2026',
      '1 deal closed after Nov 23, 2026: counted as still open, as on that day',
      expect.stringContaining('Not taken back to Nov 23, 2026, so today’s values are used'),
      'Health bands and scores, renewal dates and renewal amounts are the values sync last wrote, not those of Nov 23, 2026 (no history of them is read): the bands and the renewals at risk use them',
    ]);
    expect(r.findAll(Alert)).toHaveLength(1);
    const pointer = r.findByTestId(Text, 'as-of-notes-above').text ?? '';
    expect(pointer).toBe('As of Nov 23, 2026: these figures count the customers’ deals as the notes at the top of the page describe');
    // Where each stands: all the notes right above the bands (band and ARR columns), the pointer right above the churned customers and the KPIs.
    const page_ = textOf(r.getRootNode());
    const at = (text: string) => page_.indexOf(text);
    const bands = at('Customers by health');
    for (const note of notes) {
      expect(at(note)).toBeLessThan(bands);
      // Each note's text once on the page.
      expect(page_.split(note).length - 1, note).toBe(1);
    }
    expect(at('Renewals in the next 90 days')).toBeLessThan(at(pointer));
    expect(at(pointer)).toBeLessThan(at('Churned in 2026-Q4'));
    expect(at('Churned in 2026-Q4')).toBeLessThan(at('Renewal and retention'));
  });

  it('as of a past day with only the health note points nowhere: no deal note to point to', async () => {
    const r = await renderPage({ status: 200, body: { ...demoPage(), asOfNotes: [message('portfolio.asOf.syncedValues', { asOf: '2026-11-23' })] } });
    expect(r.findByTestId(Alert, 'as-of-notes').findAll(Text)).toHaveLength(1);
    expect(r.maybeFindByTestId(Text, 'as-of-notes-above')).toBeNull();
  });

  it('asks the backend for the day its own ?asOf= names, and keeps it when filtering by owner', async () => {
    backend.reply({ status: 200, body: demoPage() }, { status: 200, body: demoPage() });
    const r = createRenderer('pages');
    r.mocks.setPageLocation({ path: '/', params: { asOf: '2026-11-01' } });
    r.render(
      <PortfolioPageDeps.Provider value={{ fetchFn: plainFetch, baseUrl: backend.baseUrl, locale: 'en-US', timeZone: 'UTC', portalId: 123 }}>
        <PortfolioRouter />
      </PortfolioPageDeps.Provider>,
    );
    await r.waitFor(() => expect(r.maybeFind(LoadingSpinner)).toBeNull());
    expect(backend.requests.at(-1)?.url).toBe('/api/portfolio?asOf=2026-11-01');
    (r.findByTestId(Select, 'owner-filter').trigger as (event: 'onChange', value: unknown) => void)('onChange', '7100001');
    await r.waitFor(() => expect(backend.requests.at(-1)?.url).toBe('/api/portfolio?owner=7100001&asOf=2026-11-01'));
  });

  it('says so on an empty portal', async () => {
    const empty = pageOf({ book: [], owners: [], current, last, read }, { asOf, currency });
    const r = await renderPage({ status: 200, body: empty });
    expect(r.findByTestId(EmptyState, 'portfolio-empty').props.title).toBe('No customers yet');
    expect(r.maybeFind(Table)).toBeNull();
  });

  it('explains a backend failure and tries again', async () => {
    const r = await renderPage({ status: 503, body: { error: { code: 'hubspot_unavailable', message: 'HubSpot is busy' } } }, { status: 200, body: demoPage() });
    expect(r.find(ErrorState).props.title).toBe('Couldn’t load the portfolio');
    expect(r.findByTestId(Text, 'portfolio-error').text).toContain('Try again in a moment');
    // The backend's own words are there for an admin.
    expect(r.findByTestId(Text, 'portfolio-error-detail').text).toContain('HubSpot is busy');
    r.find(ErrorState).find(Button).trigger('onClick');
    await r.waitFor(() => {
      expect(r.maybeFind(ErrorState)).toBeNull();
      expect(r.maybeFind(LoadingSpinner)).toBeNull();
    });
    expect(r.findByTestId(Table, 'at-risk')).toBeDefined();
  });
});
