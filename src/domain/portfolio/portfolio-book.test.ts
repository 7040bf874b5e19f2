import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/schema.ts';
import { readCompanyContract, readContractDeals } from './contract-deals.ts';
import { customerValue } from '../renewal/customer-value.ts';
import { readDeals } from '../renewal/deals.ts';
import { parseIsoDate } from '../parsing/index.ts';
import { bookCompany, bookReports, type BookCompany } from './portfolio-book.ts';
import { portfolioOverview } from './portfolio-overview.ts';
import { churnedSince } from '../renewal/churn.ts';
import type { Period } from './renewal-period.ts';
import type { CrmRecord, PropertyValues } from '../card/snapshot.ts';
import { deal } from '../testing/fixtures.ts';

// The managers' book on 2026-11-23: per-currency ARR, churned customers apart, renewals at risk
// by value at stake. Figures worked out by hand in the comments.

const day = (iso: string) => parseIsoDate(iso) ?? Number.NaN;
const asOf = day('2026-11-23');
const q4: Period = { start: day('2026-10-01'), end: asOf };

function company(id: string, properties: PropertyValues, deals: readonly CrmRecord[]): BookCompany {
  const contract = readCompanyContract(deals, defaultConfig, { reporting: 'USD', home: null }, properties);
  return bookCompany({ id, properties: { name: `Company ${id}`, ...properties } }, contract, { asOf, periods: [q4], currency: 'USD', churnReasonProperty: 'cs_churn_reason' });
}
const won = (type: string, closedate: string, amount: number, currency = 'USD') => deal({ type, stage: 'closedwon', closedate, amount, currency });
const lost = (closedate: string, amount: number) => deal({ type: 'existingbusiness', stage: 'closedlost', closedate, amount });
const open = (closedate: string, amount: number) => deal({ type: 'existingbusiness', stage: 'contractsent', closedate, amount });

describe('the book on the as-of day', () => {
  const a = company('1', { cs_health_band: 'at_risk', cs_health_score: '30', cs_renewal_date: '2026-12-10', cs_renewal_amount: '50000' }, [won('newbusiness', '2025-12-10', 50_000), open('2026-12-10', 50_000)]);
  const b = company('2', { cs_health_band: 'attention', cs_health_score: '60', cs_renewal_date: '2026-11-01', cs_renewal_amount: '90000' }, [won('newbusiness', '2025-11-01', 90_000), open('2026-11-01', 90_000)]);
  const c = company('3', { cs_health_band: 'healthy', cs_health_score: '90', cs_renewal_date: '2026-12-01', cs_renewal_amount: '200000' }, [won('newbusiness', '2025-12-01', 200_000)]);
  const d = company('4', { cs_health_band: 'attention', cs_health_score: '55', cs_renewal_date: '2027-01-05', cs_renewal_amount: '70000' }, [won('newbusiness', '2026-01-05', 70_000, 'EUR')]);
  const e = company('5', { cs_health_band: 'healthy', cs_health_score: '95', cs_churn_reason: 'competitor' }, [won('newbusiness', '2025-10-15', 40_000), lost('2026-10-15', 40_000)]);
  const overview = portfolioOverview([a, b, c, d, e], { asOf, churnPeriod: q4, reporting: 'USD' });

  it('counts a churned customer apart, with its day, reason and the ARR it took', () => {
    // E lost its renewal on 2026-10-15 and nothing came after: churned, in no health band, ARR 0.
    expect(e.churnedOn).toBe('2026-10-15');
    expect(e.arr).toBe(0);
    expect(overview.customers).toBe(4);
    expect(overview.bands.find((line) => line.band === 'churned')?.customers).toBe(1);
    expect(overview.bands.find((line) => line.band === 'healthy')?.customers).toBe(1);
    expect(overview.churned).toEqual([{ companyId: '5', name: 'Company 5', churnedOn: '2026-10-15', reason: 'competitor', arr: 40_000, arrInferred: false, currency: 'USD' }]);
  });

  it('totals ARR per currency, never across them', () => {
    // USD: A 50,000 + B 90,000 + C 200,000 = 340,000; EUR: D 70,000.
    expect(overview.arr).toEqual([{ currency: 'USD', amount: 340_000 }, { currency: 'EUR', amount: 70_000 }]);
    expect(overview.bands.find((line) => line.band === 'attention')?.arr).toEqual([{ currency: 'USD', amount: 90_000 }, { currency: 'EUR', amount: 70_000 }]);
  });

  it('lists renewals at risk by value at stake, overdue ones included, healthy ones not', () => {
    // Not healthy and within 90 days or overdue: B (90,000, 22 days overdue), D (70,000 EUR, in 43 days), A (50,000, in 17 days). C is healthy.
    expect(overview.renewalsAtRisk.map((r) => [r.companyId, r.amount, r.daysToRenewal])).toEqual([
      ['2', 90_000, -22],
      ['4', 70_000, 43],
      ['1', 50_000, 17],
    ]);
    expect(overview.arrAtRisk).toEqual([{ currency: 'USD', amount: 140_000 }, { currency: 'EUR', amount: 70_000 }]);
  });

  it('says when sync never wrote health to the portal, instead of showing every customer as unknown', () => {
    // A, B, C, D and E all carry cs_health_band: written. The same customers with no band at all: never synced.
    expect(overview.neverSynced).toBe(false);
    const unsynced = company('6', {}, [won('newbusiness', '2026-01-05', 10_000)]);
    const fresh = portfolioOverview([unsynced], { asOf, churnPeriod: q4, reporting: 'USD' });
    expect(fresh.neverSynced).toBe(true);
    expect(fresh.bands.find((line) => line.band === 'unknown')?.customers).toBe(1);
    // One written company is enough: the rest are unknown for a reason the card explains.
    expect(portfolioOverview([unsynced, a], { asOf, churnPeriod: q4, reporting: 'USD' }).neverSynced).toBe(false);
  });

  it('an empty book is empty, not an error', () => {
    const empty = portfolioOverview([], { asOf, churnPeriod: q4, reporting: 'USD' });
    expect(empty.customers).toBe(0);
    expect(empty.neverSynced).toBe(false);
    expect(empty.arr).toEqual([]);
    expect(empty.renewalsAtRisk).toEqual([]);
  });
});

describe('churnedSince on the book\'s contract deals (the card\'s rule, renewal.ts)', () => {
  const deals = (records: readonly CrmRecord[]) => readContractDeals(records, defaultConfig, { reporting: 'USD', home: null });
  it('is the lost renewal with nothing won or open after it', () => {
    expect(churnedSince(deals([won('newbusiness', '2025-10-15', 1), lost('2026-10-15', 1)]), asOf)).toBe(day('2026-10-15'));
  });
  it('is no churn when the customer was won back or a renewal is still open', () => {
    expect(churnedSince(deals([won('newbusiness', '2025-10-15', 1), lost('2026-10-15', 1), won('newbusiness', '2026-11-01', 1)]), asOf)).toBeNull();
    expect(churnedSince(deals([won('newbusiness', '2025-10-15', 1), lost('2026-10-15', 1), open('2026-11-20', 1)]), asOf)).toBeNull();
  });
  it('is no churn before the loss', () => {
    expect(churnedSince(deals([won('newbusiness', '2025-10-15', 1), lost('2026-10-15', 1)]), day('2026-10-14'))).toBeNull();
  });
  it('is no churn while any renewal is open, even one whose close date passed before the loss (the card shows it overdue)', () => {
    expect(churnedSince(deals([won('newbusiness', '2025-10-15', 1), open('2026-09-01', 1), lost('2026-10-15', 1)]), asOf)).toBeNull();
    expect(churnedSince(deals([won('newbusiness', '2025-10-15', 1), deal({ type: 'existingbusiness', stage: 'contractsent', closedate: null }), lost('2026-10-15', 1)]), asOf)).toBeNull();
  });
  it('is churn again when the customer was won back and then lost its next renewal', () => {
    const history = [won('newbusiness', '2024-10-15', 1), lost('2025-10-15', 1), won('newbusiness', '2025-11-01', 1), lost('2026-11-01', 1)];
    expect(churnedSince(deals(history), asOf)).toBe(day('2026-11-01'));
  });
});

describe('a contract that lapsed: ended with no renewal deal on record (the card\'s renewal.lapsed)', () => {
  // Like Quarry Dental in the demo portfolio: won 2025-06-01 at 60,000, the 12-month term ended on 2026-06-01 (the
  // date sync wrote), no renewal deal since. On 2026-11-23 that date is 175 days past; nothing renews it, nothing ended it.
  const lapsed = company('7', { cs_health_band: 'at_risk', cs_health_score: '30', cs_renewal_date: '2026-06-01', cs_renewal_amount: '60000' }, [won('newbusiness', '2025-06-01', 60_000)]);
  // An overdue renewal deal still open: a renewal in motion, not a lapsed contract.
  const overdue = company('8', { cs_health_band: 'attention', cs_health_score: '60', cs_renewal_date: '2026-11-01', cs_renewal_amount: '90000' }, [won('newbusiness', '2025-11-01', 90_000), open('2026-11-01', 90_000)]);
  // Healthy and lapsed: not in the renewals at risk, still counted among the lapsed contracts.
  const healthyLapsed = company('9', { cs_health_band: 'healthy', cs_health_score: '85', cs_renewal_date: '2026-09-30' }, [won('newbusiness', '2025-09-30', 25_000)]);
  const overview = portfolioOverview([lapsed, overdue, healthyLapsed], { asOf, churnPeriod: q4, reporting: 'USD' });

  it('is marked in the renewals at risk, so its past date does not read as an overdue renewal', () => {
    expect(lapsed.renewalLapsed).toBe(true);
    expect(overdue.renewalLapsed).toBe(false);
    expect(overview.renewalsAtRisk.map((r) => [r.companyId, r.daysToRenewal, r.lapsed])).toEqual([
      ['8', -22, false],
      ['7', -175, true],
    ]);
  });

  it('is counted with its ARR, which stays in force (no lost renewal ended it): 60,000 + 25,000', () => {
    expect(overview.customers).toBe(3);
    expect(overview.lapsed).toBe(2);
    expect(overview.arrLapsed).toEqual([{ currency: 'USD', amount: 85_000 }]);
  });

  it('is not a churned company\'s: a lost renewal is churn, not a lapse', () => {
    const churned = company('10', { cs_renewal_date: '2026-10-15' }, [won('newbusiness', '2025-10-15', 40_000), lost('2026-10-15', 40_000)]);
    expect(churned.renewalLapsed).toBe(false);
  });

  it('is due in the period report of the quarter it ended in, and not renewed (DOMAIN.md), by the contract end the card reads', () => {
    // Hooli: won 2025-06-01 at 30,000, but its contract end date says 2026-10-20 (won + 12 months would be 2026-06-01,
    // in Q2): the contract ended in Q4, no renewal deal. The overdue one (company 8) is due in Q4 by its open deal.
    // Q4 so far: due 2 (8 open, Hooli lapsed), renewed 0; due value 90,000 + 30,000 = 120,000; no churn.
    const hooli = company('11', { cs_health_band: 'healthy', cs_renewal_date: '2026-10-20', contract_end_date: '2026-10-20' }, [won('newbusiness', '2025-06-01', 30_000)]);
    expect(hooli.renewalLapsed).toBe(true);
    const [report] = bookReports([overdue, hooli], [q4], 'USD');
    expect(report?.renewals).toEqual({ due: 2, renewed: 0, lost: 0, open: 1, dueValue: 120_000, renewedValue: 0, lapsed: 1, lapsedAmountUnknown: 0 });
    expect(report?.renewalRate).toBe(0);
    expect(report?.customers.churned).toBe(0);
    // Company 7's contract ended on 2026-06-01, in Q2: due there, not in Q4.
    expect(bookReports([lapsed], [q4], 'USD')[0]?.renewals.due).toBe(0);
  });
});

describe('a customer whose ARR is not known (bookCompany arrUnknown)', () => {
  // The demo portfolio's five customers with no contract deal were "Unknown 5 · USD 0" in the summary, as if worth nothing.
  it('is one with no contract deal on record, or only contract deals without an amount; a customer with one, and a churned company, are not', () => {
    expect([company('20', {}, []).arrUnknown, company('20', {}, []).customer]).toEqual([true, true]);
    expect(company('21', {}, [deal({ type: 'newbusiness', stage: 'closedwon', closedate: '2026-01-10' })]).arrUnknown).toBe(true);
    expect(company('22', {}, [won('newbusiness', '2026-01-10', 12_000)]).arrUnknown).toBe(false);
    expect(company('23', {}, [won('newbusiness', '2025-10-15', 40_000), lost('2026-10-15', 40_000)]).arrUnknown).toBe(false);
  });
});

describe('portfolioOverview: the horizon and the bands (any book)', () => {
  function booked(id: string, values: Partial<BookCompany>): BookCompany {
    return {
      id, name: `Company ${id}`, ownerId: null, band: 'unknown', score: null, healthWritten: true, renewalDate: null, renewalAmount: null, renewalLapsed: false,
      currency: 'USD', customer: (values.churnedOn ?? null) === null, arr: 0, arrInferred: false, arrUnknown: false, churnedOn: null, churnReason: null, churnedArr: 0, churnedArrInferred: false, rows: [], ...values,
    };
  }
  const overviewOf = (companies: readonly BookCompany[]) => portfolioOverview(companies, { asOf, churnPeriod: q4, reporting: 'USD' });

  it('counts a renewal on the 90th day in and on the 91st out', () => {
    // 2026-11-23 + 90 days = 2027-02-21.
    const at = (renewalDate: string) => overviewOf([booked('9', { band: 'attention', renewalDate, renewalAmount: 1_000 })]).renewalsAtRisk;
    expect(at('2027-02-21').map((r) => r.daysToRenewal)).toEqual([90]);
    expect(at('2027-02-22')).toEqual([]);
  });

  it('never lists a churned customer as a renewal at risk, nor counts it in a health band', () => {
    const gone = booked('6', { band: 'at_risk', renewalDate: '2026-11-30', renewalAmount: 5_000, churnedOn: '2026-10-02', churnedArr: 5_000 });
    const overview = overviewOf([gone, booked('1', { band: 'at_risk', renewalDate: '2026-12-01', renewalAmount: 50_000, arr: 50_000 })]);
    expect(overview.customers).toBe(1);
    expect(overview.renewalsAtRisk.map((r) => r.companyId)).toEqual(['1']);
    expect(overview.bands.map((line) => [line.band, line.customers])).toEqual([['at_risk', 1], ['attention', 0], ['healthy', 0], ['unknown', 0], ['churned', 1]]);
  });

  it('counts a customer whose written band is churned but whose deals say it came back as unknown, not churned', () => {
    const back = booked('7', { band: 'churned', renewalDate: '2026-12-20', renewalAmount: 8_000, arr: 8_000 });
    const overview = overviewOf([back]);
    expect(overview.customers).toBe(1);
    expect(overview.bands.map((line) => [line.band, line.customers])).toEqual([['at_risk', 0], ['attention', 0], ['healthy', 0], ['unknown', 1], ['churned', 0]]);
    expect(overview.renewalsAtRisk).toMatchObject([{ companyId: '7', band: 'unknown' }]);
  });

  it('keeps every customer in exactly one line, per-currency band ARR adding up to the total, and at-risk renewals unhealthy and within 90 days', () => {
    const companyArb = fc.record({
      band: fc.constantFrom('healthy', 'attention', 'at_risk', 'unknown', 'churned') as fc.Arbitrary<BookCompany['band']>,
      churned: fc.boolean(),
      currency: fc.constantFrom('USD', 'EUR', null),
      arr: fc.integer({ min: 0, max: 5_000_000 }),
      amount: fc.option(fc.integer({ min: 0, max: 5_000_000 })),
      days: fc.option(fc.integer({ min: -400, max: 400 })),
    });
    fc.assert(
      fc.property(fc.array(companyArb, { maxLength: 60 }), (rows) => {
        const companies = rows.map((row, index) => booked(String(index + 1), {
          band: row.band, currency: row.currency, arr: row.churned ? 0 : row.arr, renewalAmount: row.amount,
          renewalDate: row.days === null ? null : new Date(Date.UTC(2026, 10, 23 + row.days)).toISOString().slice(0, 10),
          churnedOn: row.churned ? '2026-10-02' : null,
        }));
        const overview = overviewOf(companies);
        const churned = companies.filter((company) => company.churnedOn !== null).length;
        expect(overview.bands.reduce((sum, line) => sum + line.customers, 0)).toBe(companies.length);
        expect(overview.bands.find((line) => line.band === 'churned')?.customers).toBe(churned);
        expect(overview.customers).toBe(companies.length - churned);
        for (const currency of ['USD', 'EUR']) {
          const of = (amounts: readonly { currency: string; amount: number }[]) => amounts.find((m) => m.currency === currency)?.amount ?? 0;
          expect(overview.bands.reduce((sum, line) => sum + of(line.arr), 0)).toBe(of(overview.arr));
        }
        for (const renewal of overview.renewalsAtRisk) {
          expect(renewal.band).not.toBe('healthy');
          expect(renewal.daysToRenewal).toBeLessThanOrEqual(90);
          expect(companies.find((company) => company.id === renewal.companyId)?.churnedOn).toBeNull();
        }
      }),
    );
  });
});


describe('customerValue (cs_customer_since, cs_lifetime_revenue)', () => {
  const read = (records: readonly CrmRecord[]) => readDeals(records, defaultConfig.renewal, defaultConfig.handoff);
  it('is the first won contract day and every won amount to date, in the home currency', () => {
    // New business 2024-03-01 100,000; renewal 2025-03-01 110,000; upsell 2025-09-10 20,000 (existing business
    // 172 days before the end: expansion); lost renewal 2026-03-01 adds nothing: 100k + 110k + 20k = 230,000.
    const deals = read([
      won('newbusiness', '2024-03-01', 100_000),
      won('existingbusiness', '2025-03-01', 110_000),
      won('existingbusiness', '2025-09-10', 20_000),
      lost('2026-03-01', 120_000),
      won('newbusiness', '2026-12-01', 5_000),
    ]);
    expect(customerValue(deals, asOf, 'USD')).toEqual({ customerSince: '2024-03-01', lifetimeRevenue: 230_000 });
  });
  it('never adds amounts across currencies, and has no customer day without a won contract', () => {
    expect(customerValue(read([won('newbusiness', '2024-03-01', 100_000), won('existingbusiness', '2025-03-01', 90_000, 'EUR')]), asOf, 'USD').lifetimeRevenue).toBeNull();
    expect(customerValue(read([open('2026-12-01', 1)]), asOf, 'USD')).toEqual({ customerSince: null, lifetimeRevenue: 0 });
  });
});

describe('a customer known only from its lost renewal (no won deal on record)', () => {
  // Initech's only deal: its renewal of 36,000, lost on 2026-11-10 (existing business, no contract
  // end date on the company). Worked by hand from the definitions:
  // - renewal-classification.ts (issue 19 "Renewal vs expansion"): with no new-business deal, the
  //   first existing-business deal is the renewal of a contract ending on its close day, so a
  //   contract was in force until 2026-11-10, and the only figure of its value is what was put up
  //   for renewal: 36,000 (renewal-period.ts: "a renewal can only fall due on a running contract").
  // - issue 19 "Outcomes": a lost renewal with no later won or open one is churn, since 2026-11-10.
  // - DOMAIN.md: revenue churn = churned recurring revenue / recurring revenue, GRR = (start ARR -
  //   churn - contraction) / start ARR: the churned 36,000 is ARR the customer had at the start of
  //   Q4, so start ARR 36,000, churned ARR 36,000, revenue churn 100%, GRR and NRR 0%. A churn of
  //   0 (the book's figure before) would say the customer took no revenue with it.
  const initech = company('8', { name: 'Initech' }, [lost('2026-11-10', 36_000)]);

  it('counts the contract the renewal was due on in the period report: start ARR 36,000, all of it churned', () => {
    const [row] = initech.rows;
    expect(row?.detail.period).toMatchObject({ underContract: true, dueForRenewal: true, churned: true, startArr: 36_000, amountDue: 36_000, churnedArr: 36_000 });
    const [report] = bookReports([initech], [q4], 'USD');
    expect(report?.arr).toMatchObject({ start: 36_000, churned: 36_000, end: 0 });
    expect([report?.revenueChurnRate, report?.grossRevenueRetention, report?.netRevenueRetention]).toEqual([1, 0, 0]);
  });

  it('gives the book the same churned ARR: the contract in force the day before the loss, marked inferred (the lost renewal is all that says it)', () => {
    expect([initech.churnedOn, initech.arr, initech.churnedArr, initech.churnedArrInferred]).toEqual(['2026-11-10', 0, 36_000, true]);
    expect(portfolioOverview([initech], { asOf, churnPeriod: q4, reporting: 'USD' }).churned).toEqual([
      { companyId: '8', name: 'Initech', churnedOn: '2026-11-10', reason: null, arr: 36_000, arrInferred: true, currency: 'USD' },
    ]);
  });
});
