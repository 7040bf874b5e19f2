import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/schema.ts';
import { arrOf, readCompanyContract, readContractDeals, type CurrencyBasis } from './contract-deals.ts';
import { parseIsoDate } from '../parsing/index.ts';
import { companyRow, lifetimeValue, periodReport, type CompanyRow } from './period-report.ts';
import type { Period } from './renewal-period.ts';
import type { CrmRecord, PropertyValues } from '../card/snapshot.ts';
import { deal, record } from '../testing/fixtures.ts';

// Worked examples of the period report over Q3 2026 (2026-07-01 .. 2026-09-30, 92 days), from
// HubSpot-shaped deals. Every expected figure is worked out by hand in the comment above it.

const day = (iso: string) => parseIsoDate(iso) ?? Number.NaN;
const q3: Period = { start: day('2026-07-01'), end: day('2026-09-30') };
const usd: CurrencyBasis = { reporting: 'USD', home: null };

type DealOptions = { type?: string; stage?: 'closedwon' | 'closedlost' | 'contractsent'; close: string; amount?: number | null; currency?: string; extra?: PropertyValues };
function d(options: DealOptions): CrmRecord {
  const base = deal({ type: options.type ?? 'existingbusiness', stage: options.stage ?? 'closedwon', closedate: options.close, amount: options.amount === undefined ? 100_000 : options.amount, currency: options.currency ?? 'USD' });
  return record({ ...base.properties, ...options.extra }, base.id);
}
const newBusiness = (close: string, amount: number | null, extra: Partial<DealOptions> = {}) => d({ type: 'newbusiness', close, amount, ...extra });

let nextCompany = 1;
/** The day the report is read on (the deals as they stand then): after Q3, as `cs-card report --period 2026-Q3` reads it in November. */
const readOn = day('2026-11-23');

function row(records: readonly CrmRecord[], options: { currency?: CurrencyBasis; churnReason?: string; ownerId?: string; period?: Period; company?: PropertyValues; asOf?: number } = {}): CompanyRow {
  const currency = options.currency ?? usd;
  // As the book reads a company: its contract deals and the contract's end (the card's rule), from the deals and its properties.
  const { deals, contractEnd } = readCompanyContract(records, defaultConfig, currency, options.company ?? {});
  nextCompany += 1;
  return companyRow(String(nextCompany), deals, options.period ?? q3, currency.reporting, {
    ownerId: options.ownerId ?? null,
    churnReason: options.churnReason ?? null,
    contract: { end: contractEnd, asOf: options.asOf ?? readOn },
  });
}
const report = (rows: readonly CompanyRow[], period = q3) => periodReport(rows, period, 'USD');

describe('renewal on the period edges', () => {
  it('a renewal won on the first day of the quarter is due and renewed in it, with its upsell as expansion', () => {
    // Contract 100,000 since 2025-07-01; renewal won 2026-07-01 at 110,000.
    // due 1, renewed 1: renewal rate 1/1 = 1. Due value = ARR in force before = 100,000;
    // renewed value 110,000: revenue renewal rate 110,000 / 100,000 = 1.1.
    // ARR start 100,000 -> end 110,000: expansion 10,000; GRR (100k - 0 - 0) / 100k = 1; NRR 110k / 100k = 1.1.
    const r = report([row([newBusiness('2025-07-01', 100_000), d({ close: '2026-07-01T00:00:00Z', amount: 110_000 })])]);
    expect(r.period).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(r.customers).toEqual({ atStart: 1, atEnd: 1, new: 0, churned: 0, underContractAtStart: 1 });
    expect(r.renewals).toEqual({ due: 1, renewed: 1, lost: 0, open: 0, dueValue: 100_000, renewedValue: 110_000, lapsed: 0, lapsedAmountUnknown: 0 });
    expect(r.renewalRate).toBe(1);
    expect(r.revenueRenewalRate).toBeCloseTo(1.1, 10);
    expect(r.grossRevenueRetention).toBe(1);
    expect(r.netRevenueRetention).toBeCloseTo(1.1, 10);
    expect(r.arr).toEqual({ start: 100_000, expansion: 10_000, contraction: 0, churned: 0, end: 110_000, new: 0 });
  });

  it('a renewal lost on the last day is churn in this quarter; one closing the next day is not due yet', () => {
    // A: 100,000 since 2025-09-30, renewal lost 2026-09-30 -> churned, reason "budget" recorded.
    // B: 50,000 since 2025-10-01, renewal open on 2026-10-01 -> not due in Q3, still a customer.
    // customers at start 2, at end 1, churned 1: logo churn 1/2 = 0.5.
    // ARR start 150,000, churned 100,000: revenue churn 100k / 150k = 0.6667; GRR = NRR = 50k / 150k = 0.3333.
    // renewals: due 1 (A), lost 1; renewal rate 0 / 1 = 0; revenue renewal 0 / 100,000 = 0.
    const a = row([newBusiness('2025-09-30', 100_000), d({ stage: 'closedlost', close: '2026-09-30T23:00:00Z', amount: 100_000 })], { churnReason: 'budget' });
    const b = row([newBusiness('2025-10-01', 50_000), d({ stage: 'contractsent', close: '2026-10-01', amount: 50_000 })]);
    const r = report([a, b]);
    expect(r.customers).toEqual({ atStart: 2, atEnd: 1, new: 0, churned: 1, underContractAtStart: 2 });
    expect(r.renewals).toEqual({ due: 1, renewed: 0, lost: 1, open: 0, dueValue: 100_000, renewedValue: 0, lapsed: 0, lapsedAmountUnknown: 0 });
    expect(r.renewalRate).toBe(0);
    expect(r.logoChurnRate).toBe(0.5);
    expect(r.revenueChurnRate).toBeCloseTo(2 / 3, 10);
    expect(r.grossRevenueRetention).toBeCloseTo(1 / 3, 10);
    expect(r.netRevenueRetention).toBeCloseTo(1 / 3, 10);
    expect(r.arr).toEqual({ start: 150_000, expansion: 0, contraction: 0, churned: 100_000, end: 50_000, new: 0 });
    expect(r.churnReasons).toEqual([{ reason: 'budget', companies: 1, value: 100_000 }]);
  });

  it('an open renewal due in the period is open, neither renewed nor lost', () => {
    // 80,000 since 2025-08-15; renewal open with close 2026-08-15: due 1, open 1, renewal rate 0 / 1 = 0.
    const r = report([row([newBusiness('2025-08-15', 80_000), d({ stage: 'contractsent', close: '2026-08-15', amount: 90_000 })])]);
    expect(r.renewals).toEqual({ due: 1, renewed: 0, lost: 0, open: 1, dueValue: 80_000, renewedValue: 0, lapsed: 0, lapsedAmountUnknown: 0 });
    expect(r.customers.churned).toBe(0);
  });
});

describe('win-back inside the period', () => {
  it('a renewal lost, then new business won back before the quarter ends: no churn, the lower price is contraction', () => {
    // 100,000 since 2025-07-20; renewal lost 2026-07-20; won back 2026-09-01 at 80,000.
    // At the end a contract is in force: not churned (churn needs no contract at the end).
    // renewals: due 1, lost 1 (its last decision). ARR start 100,000, end 80,000: contraction 20,000;
    // GRR = NRR = (100k - 20k) / 100k = 0.8; logo churn 0 / 1 = 0.
    const r = report([row([newBusiness('2025-07-20', 100_000), d({ stage: 'closedlost', close: '2026-07-20', amount: 100_000 }), newBusiness('2026-09-01', 80_000)])]);
    expect(r.customers).toEqual({ atStart: 1, atEnd: 1, new: 0, churned: 0, underContractAtStart: 1 });
    expect(r.renewals.lost).toBe(1);
    expect(r.logoChurnRate).toBe(0);
    expect(r.arr).toEqual({ start: 100_000, expansion: 0, contraction: 20_000, churned: 0, end: 80_000, new: 0 });
    expect(r.grossRevenueRetention).toBeCloseTo(0.8, 10);
    expect(r.netRevenueRetention).toBeCloseTo(0.8, 10);
  });

  it('a customer who churned before the quarter and is won back in it is new, not under contract at the start', () => {
    // Churned 2026-03-01 (lost renewal), won back 2026-08-01 at 60,000: customers new 1, at start 0, at end 1;
    // ARR start 0, end 60,000, new 60,000; every retention rate has a 0 denominator: null.
    const r = report([row([newBusiness('2025-03-01', 70_000), d({ stage: 'closedlost', close: '2026-03-01', amount: 70_000 }), newBusiness('2026-08-01', 60_000)])]);
    expect(r.customers).toEqual({ atStart: 0, atEnd: 1, new: 1, churned: 0, underContractAtStart: 0 });
    expect(r.arr).toEqual({ start: 0, expansion: 0, contraction: 0, churned: 0, end: 60_000, new: 60_000 });
    expect(r.logoChurnRate).toBeNull();
    expect(r.grossRevenueRetention).toBeNull();
    expect(r.netRevenueRetention).toBeNull();
    expect(r.ltv).toEqual({ averageArr: null, revenueChurnRate: null, expectedLifetimeYears: null, estimatedLtv: null });
  });
});

describe('upsell vs renewal', () => {
  it('an existing-business deal far from the contract end is expansion; the one within 60 days of it is the renewal', () => {
    // Contract 100,000 from 2025-09-15 (12 months: ends 2026-09-15).
    // Upsell 20,000 won 2026-07-01: 76 days before the end (> 60) -> expansion, contract 120,000.
    // Renewal 125,000 won 2026-09-10: 5 days before the end -> renewal; due value = ARR in force = 120,000.
    // revenue renewal 125k / 120k = 1.0417; ARR start 100,000 -> end 125,000: expansion 25,000; NRR 1.25.
    const upsell = d({ close: '2026-07-01', amount: 20_000 });
    const renewal = d({ close: '2026-09-10', amount: 125_000 });
    const records = [newBusiness('2025-09-15', 100_000), upsell, renewal];
    const kinds = new Map(readContractDeals(records, defaultConfig, usd).map((deal) => [deal.id, deal.kind]));
    expect(kinds.get(upsell.id)).toBe('expansion');
    expect(kinds.get(renewal.id)).toBe('renewal');
    const r = report([row(records)]);
    expect(r.renewals).toEqual({ due: 1, renewed: 1, lost: 0, open: 0, dueValue: 120_000, renewedValue: 125_000, lapsed: 0, lapsedAmountUnknown: 0 });
    expect(r.revenueRenewalRate).toBeCloseTo(125 / 120, 10);
    expect(r.arr).toEqual({ start: 100_000, expansion: 25_000, contraction: 0, churned: 0, end: 125_000, new: 0 });
    expect(r.netRevenueRetention).toBeCloseTo(1.25, 10);
  });

  it('a lost upsell is no churn: the customer keeps its contract', () => {
    // Contract 100,000 from 2025-12-01; upsell 30,000 lost 2026-08-01 (4 months before the end: expansion).
    // No renewal due, no churn; ARR unchanged 100,000; GRR = NRR = 1.
    const r = report([row([newBusiness('2025-12-01', 100_000), d({ stage: 'closedlost', close: '2026-08-01', amount: 30_000 })])]);
    expect(r.renewals.due).toBe(0);
    expect(r.customers).toEqual({ atStart: 1, atEnd: 1, new: 0, churned: 0, underContractAtStart: 1 });
    expect(r.grossRevenueRetention).toBe(1);
    expect(r.netRevenueRetention).toBe(1);
  });
});

describe('missing amounts', () => {
  it('a renewal without an amount counts as renewed with 0 value; the company still counts as a customer', () => {
    // A: 100,000 since 2025-08-01, renewal won 2026-08-01 without amount -> renewed value 0, ARR end 0: contraction 100,000.
    // B: no amount on its new business 2025-01-10 and no renewal in Q3: a customer with 0 ARR.
    // renewal rate 1 / 1 = 1; revenue renewal 0 / 100,000 = 0; ARR start 100,000; GRR (100k - 100k) / 100k = 0.
    // ARR basis: A's new business and B's... only deals with an amount: 1 ("amount").
    const r = report([row([newBusiness('2025-08-01', 100_000), d({ close: '2026-08-01', amount: null })]), row([newBusiness('2025-01-10', null)])]);
    expect(r.customers).toEqual({ atStart: 2, atEnd: 2, new: 0, churned: 0, underContractAtStart: 2 });
    expect(r.renewalRate).toBe(1);
    expect(r.revenueRenewalRate).toBe(0);
    expect(r.arr).toEqual({ start: 100_000, expansion: 0, contraction: 100_000, churned: 0, end: 0, new: 0 });
    expect(r.grossRevenueRetention).toBe(0);
    expect(r.arrBasis).toEqual({ hs_arr: 0, annualised: 0, amount: 1 });
  });

  it('an empty portfolio has counts of 0 and every rate null', () => {
    const r = report([]);
    expect(r.customers).toEqual({ atStart: 0, atEnd: 0, new: 0, churned: 0, underContractAtStart: 0 });
    for (const rate of [r.renewalRate, r.revenueRenewalRate, r.logoChurnRate, r.revenueChurnRate, r.grossRevenueRetention, r.netRevenueRetention]) expect(rate).toBeNull();
    expect(r.churnReasons).toEqual([]);
  });
});

describe('the figures beside the rates', () => {
  it('recompute every rate: churned / under contract at the start, the ARR rows for revenue churn, GRR and NRR', () => {
    // The year 2026. A: 100,000 since 2025-03-01, renewal lost 2026-03-01 (budget): churned. B: 50,000 since
    // 2025-05-01, renewed 2026-05-01 at 60,000: expansion 10,000. C: no contract on record: a customer, not under
    // contract. E: new business 2026-04-01 at 20,000: new. F: signed 2026-01-15 at 30,000, its renewal lost
    // 2026-12-20 (competitor): neither new nor churned, as its ARR is neither.
    // Customers at the start A, B, C = 3, under contract A, B = 2; churned 1; new 1; at the end B, C, E = 3 = 3 + 1 - 1.
    // Logo churn 1 / 2 (not 1 / 3). ARR start 150,000, churned 100,000, expansion 10,000, new 20,000, end 80,000:
    // revenue churn 100k / 150k; GRR 50k / 150k; NRR 60k / 150k. Renewals due A, B, F: 180,000 due, 60,000 renewed.
    const year: Period = { start: day('2026-01-01'), end: day('2026-12-31') };
    const r = report(
      [
        row([newBusiness('2025-03-01', 100_000), d({ stage: 'closedlost', close: '2026-03-01', amount: 100_000 })], { churnReason: 'budget', period: year }),
        row([newBusiness('2025-05-01', 50_000), d({ close: '2026-05-01', amount: 60_000 })], { period: year }),
        row([], { period: year }),
        row([newBusiness('2026-04-01', 20_000)], { period: year }),
        row([newBusiness('2026-01-15', 30_000), d({ stage: 'closedlost', close: '2026-12-20', amount: 30_000 })], { churnReason: 'competitor', period: year }),
      ],
      year,
    );
    expect(r.customers).toEqual({ atStart: 3, atEnd: 3, new: 1, churned: 1, underContractAtStart: 2 });
    // Rates are worked out as percentages and shown as fractions: equal to 12 decimals.
    expect(r.customers.underContractAtStart).toBeLessThan(r.customers.atStart);
    expect(r.logoChurnRate).toBeCloseTo(r.customers.churned / r.customers.underContractAtStart, 12);
    expect(r.logoChurnRate).toBe(0.5);
    expect(r.arr).toEqual({ start: 150_000, expansion: 10_000, contraction: 0, churned: 100_000, end: 80_000, new: 20_000 });
    expect(r.revenueChurnRate).toBeCloseTo(r.arr.churned / r.arr.start, 12);
    expect(r.grossRevenueRetention).toBeCloseTo((r.arr.start - r.arr.churned - r.arr.contraction) / r.arr.start, 12);
    expect(r.netRevenueRetention).toBeCloseTo((r.arr.start + r.arr.expansion - r.arr.contraction - r.arr.churned) / r.arr.start, 12);
    expect(r.renewals).toEqual({ due: 3, renewed: 1, lost: 2, open: 0, dueValue: 180_000, renewedValue: 60_000, lapsed: 0, lapsedAmountUnknown: 0 });
    expect(r.renewalRate).toBeCloseTo(r.renewals.renewed / r.renewals.due, 12);
    expect(r.revenueRenewalRate).toBeCloseTo(r.renewals.renewedValue / r.renewals.dueValue, 12);
    // The churn reasons add up to the churned customers and the churned ARR.
    expect(r.churnReasons).toEqual([{ reason: 'budget', companies: 1, value: 100_000 }]);
  });
});

describe('multi-year contracts and where ARR comes from', () => {
  it('a three-year contract is annualised by its term; an existing-business deal a year before its end is expansion', () => {
    // New business 2024-08-01, 360,000 over 36 months: ARR 360,000 x 12 / 36 = 120,000 ("annualised"); ends ~2027-08-01.
    // Existing business 30,000 won 2026-08-15 (hs_arr 30,000): ~350 days from the end -> expansion.
    // ARR start 120,000, end 150,000: expansion 30,000; no renewal due; NRR 150k / 120k = 1.25.
    const records = [newBusiness('2024-08-01', 360_000, { extra: { contract_term_months: '36' } }), d({ close: '2026-08-15', amount: 30_000, extra: { hs_arr: '30000' } })];
    const r = report([row(records)]);
    expect(r.renewals.due).toBe(0);
    expect(r.arr).toEqual({ start: 120_000, expansion: 30_000, contraction: 0, churned: 0, end: 150_000, new: 0 });
    expect(r.netRevenueRetention).toBeCloseTo(1.25, 10);
    expect(r.arrBasis).toEqual({ hs_arr: 1, annualised: 1, amount: 0 });
  });

  it('the three-year contract renews three years on, at its annual value', () => {
    // New business 2023-09-01, 300,000 over 36 months: ARR 100,000, contract ends ~2026-09-01.
    // Renewal won 2026-09-01 (existing business, 0 days from the end), 330,000 over 36 months: ARR 110,000.
    // due value 100,000, renewed 110,000: revenue renewal 1.1.
    const term = { extra: { contract_term_months: '36' } };
    const r = report([row([newBusiness('2023-09-01', 300_000, term), d({ close: '2026-09-01', amount: 330_000, ...term })])]);
    expect(r.renewals).toEqual({ due: 1, renewed: 1, lost: 0, open: 0, dueValue: 100_000, renewedValue: 110_000, lapsed: 0, lapsedAmountUnknown: 0 });
  });

  it('arrOf: hs_arr first, then the amount over its term, then the amount', () => {
    expect(arrOf(120_000, 40_000, 36)).toEqual({ arr: 40_000, basis: 'hs_arr' });
    expect(arrOf(120_000, null, 24)).toEqual({ arr: 60_000, basis: 'annualised' });
    expect(arrOf(120_000, null, 12)).toEqual({ arr: 120_000, basis: 'amount' });
    expect(arrOf(null, null, 12)).toEqual({ arr: null, basis: null });
  });
});

describe('mixed currencies', () => {
  it('never sums currencies: a EUR customer counts as a customer but its amounts are left out and named', () => {
    // A (USD): 100,000 since 2025-07-10, renewed 2026-07-10 at 100,000.
    // B (EUR): 50,000 since 2025-08-10, renewed 2026-08-10 at 60,000 -> counted (renewals due 2, renewed 2) but not in amounts.
    // USD amounts: due 100,000, renewed 100,000; ARR start 100,000, end 100,000. leftOut: EUR, 1 company.
    const a = row([newBusiness('2025-07-10', 100_000), d({ close: '2026-07-10', amount: 100_000 })]);
    const b = row([newBusiness('2025-08-10', 50_000, { currency: 'EUR' }), d({ close: '2026-08-10', amount: 60_000, currency: 'EUR' })]);
    const r = report([a, b]);
    expect(r.renewals).toEqual({ due: 2, renewed: 2, lost: 0, open: 0, dueValue: 100_000, renewedValue: 100_000, lapsed: 0, lapsedAmountUnknown: 0 });
    expect(r.arr).toEqual({ start: 100_000, expansion: 0, contraction: 0, churned: 0, end: 100_000, new: 0 });
    expect(r.leftOut).toEqual([{ currency: 'EUR', companies: 1 }]);
    expect(r.currency).toBe('USD');
  });

  it('converts with HubSpot’s own rate when the portal’s home currency is the report’s and amount_in_home_currency is there', () => {
    // EUR 50,000 (home 55,000: rate 1.1) since 2025-08-10; renewal EUR 60,000 (home 66,000) won 2026-08-10.
    // In USD: due 55,000, renewed 66,000, expansion 11,000; nothing left out.
    const home: CurrencyBasis = { reporting: 'USD', home: 'USD' };
    const b = row(
      [newBusiness('2025-08-10', 50_000, { currency: 'EUR', extra: { amount_in_home_currency: '55000' } }), d({ close: '2026-08-10', amount: 60_000, currency: 'EUR', extra: { amount_in_home_currency: '66000' } })],
      { currency: home },
    );
    const r = report([b]);
    expect(r.renewals.dueValue).toBeCloseTo(55_000, 6);
    expect(r.renewals.renewedValue).toBeCloseTo(66_000, 6);
    expect(r.arr.expansion).toBeCloseTo(11_000, 6);
    expect(r.leftOut).toEqual([]);
  });
});

describe('contracts that ended with no renewal on record (issue 19: "contract lapsed")', () => {
  // DOMAIN.md: a customer whose contract ended in the period is due for renewal; with no renewal it is not renewed.
  // The end is the card's: the company's contract end date, else the last won contract deal + 12 months. Read on 2026-11-23.
  const acmeRenewed = () => row([newBusiness('2025-07-10', 100_000), d({ close: '2026-07-10', amount: 110_000 })]);

  it('a contract that ended in the quarter with no renewal deal is due and not renewed, not churn', () => {
    // Acme: 100,000 since 2025-07-10, renewed 2026-07-10 at 110,000: due, renewed.
    // Globex: 60,000 won 2025-08-15, no renewal deal since: its contract ended 2026-08-15 -> due, not renewed (lapsed).
    // due 2, renewed 1: renewal rate 1 / 2 = 0.5 (it read 1 / 1 = 1 before lapses counted).
    // Due value: 100,000 (Acme's ARR before its renewal) + 60,000 (Globex's ARR in force before its end) = 160,000;
    // revenue renewal rate 110,000 / 160,000 = 0.6875. Globex did not churn: its contract still counts in force,
    // so customers at the end 2, churn 0, ARR end 110,000 + 60,000 = 170,000.
    const globex = row([newBusiness('2025-08-15', 60_000)]);
    const r = report([acmeRenewed(), globex]);
    expect(r.renewals).toEqual({ due: 2, renewed: 1, lost: 0, open: 0, dueValue: 160_000, renewedValue: 110_000, lapsed: 1, lapsedAmountUnknown: 0 });
    expect(r.renewalRate).toBe(0.5);
    expect(r.revenueRenewalRate).toBeCloseTo(0.6875, 10);
    expect(r.customers).toEqual({ atStart: 2, atEnd: 2, new: 0, churned: 0, underContractAtStart: 2 });
    expect(r.logoChurnRate).toBe(0);
    expect(r.churnReasons).toEqual([]);
    expect(r.arr).toEqual({ start: 160_000, expansion: 10_000, contraction: 0, churned: 0, end: 170_000, new: 0 });
  });

  it('the company’s contract end date says when the contract ended; with no amount on record none is guessed', () => {
    // Initech: won 2025-05-20 at 50,000, contract end date 2026-09-30 (the property wins over won + 12 months,
    // 2026-05-20 in Q2): lapsed in Q3, 50,000 due.
    // Umbrella: no contract deal at all, contract end date 2026-09-01: lapsed in Q3, its amount unknown -> due, not in
    // the due value. A customer by HubSpot's word (at the start), not under contract (no contract on record).
    // due 3 (Acme, Initech, Umbrella), renewed 1: 1 / 3. Due value 100,000 + 50,000 = 150,000: revenue renewal
    // 110,000 / 150,000 = 0.7333.
    const initech = row([newBusiness('2025-05-20', 50_000)], { company: { contract_end_date: '2026-09-30' } });
    const umbrella = row([], { company: { contract_end_date: '2026-09-01' } });
    const r = report([acmeRenewed(), initech, umbrella]);
    expect(r.renewals).toEqual({ due: 3, renewed: 1, lost: 0, open: 0, dueValue: 150_000, renewedValue: 110_000, lapsed: 2, lapsedAmountUnknown: 1 });
    expect(r.renewalRate).toBeCloseTo(1 / 3, 10);
    expect(r.revenueRenewalRate).toBeCloseTo(110_000 / 150_000, 10);
    expect(r.customers).toEqual({ atStart: 3, atEnd: 3, new: 0, churned: 0, underContractAtStart: 2 });
    // The same Initech without its end date: the contract ended 2026-05-20, in Q2 — not due in Q3.
    expect(report([row([newBusiness('2025-05-20', 50_000)])]).renewals.due).toBe(0);
  });

  it('is not due when a renewal deal is open, a late renewal was won, the customer churned or the contract has not ended yet', () => {
    // Hooli: 70,000 since 2025-09-15 (ends 2026-09-15), its renewal open closing 2026-10-25 (40 days after, within 60:
    // the renewal): in motion, due in Q4.
    // Vandelay: since 2025-09-10 (ended 2026-09-10), renewal won 2026-10-20, 40 days late (within 60: the renewal): due in Q4.
    // Stark: since 2025-07-05, renewal lost 2026-06-20 (15 days before its end, 2026-07-05): churned in Q2, not lapsed in Q3.
    const hooli = [newBusiness('2025-09-15', 70_000), d({ stage: 'contractsent', close: '2026-10-25', amount: 70_000 })];
    const vandelay = [newBusiness('2025-09-10', 40_000), d({ close: '2026-10-20', amount: 45_000 })];
    const stark = [newBusiness('2025-07-05', 30_000), d({ stage: 'closedlost', close: '2026-06-20', amount: 30_000 })];
    const r = report([row(hooli), row(vandelay), row(stark)]);
    expect(r.renewals).toEqual({ due: 0, renewed: 0, lost: 0, open: 0, dueValue: 0, renewedValue: 0, lapsed: 0, lapsedAmountUnknown: 0 });
    expect(r.renewalRate).toBeNull();
    // In Q4 Hooli's renewal is due and open, Vandelay's due and renewed.
    const q4: Period = { start: day('2026-10-01'), end: day('2026-12-31') };
    const later = report([row(hooli, { period: q4 }), row(vandelay, { period: q4 })], q4);
    expect(later.renewals).toMatchObject({ due: 2, renewed: 1, open: 1, lapsed: 0 });
    // Read on 2026-08-10, during Q3: Wayne's contract (won 2025-08-20) ends on 2026-08-20, after that day: not ended yet.
    const wayne = row([newBusiness('2025-08-20', 20_000)], { asOf: day('2026-08-10') });
    expect(report([wayne]).renewals).toMatchObject({ due: 0, lapsed: 0 });
  });

  it('a contract is due once, in the period it ended in', () => {
    // Soylent: won 2024-08-01, nothing since: its contract ended 2025-08-01 — due (lapsed) in Q3 2025, not again in Q3 2026.
    const q3of2025: Period = { start: day('2025-07-01'), end: day('2025-09-30') };
    const soylent = [newBusiness('2024-08-01', 25_000)];
    expect(report([row(soylent, { period: q3of2025 })], q3of2025).renewals).toMatchObject({ due: 1, renewed: 0, lapsed: 1, dueValue: 25_000 });
    expect(report([row(soylent)]).renewals).toMatchObject({ due: 0, lapsed: 0 });
  });

  it('a lapsed contract in another currency counts as due but its amounts are left out and named', () => {
    // Massive: EUR 40,000 since 2025-09-01, no renewal: lapsed 2026-09-01; not convertible into USD: due 1, value 0, EUR left out.
    const r = report([row([newBusiness('2025-09-01', 40_000, { currency: 'EUR' })])]);
    expect(r.renewals).toEqual({ due: 1, renewed: 0, lost: 0, open: 0, dueValue: 0, renewedValue: 0, lapsed: 1, lapsedAmountUnknown: 0 });
    expect(r.leftOut).toEqual([{ currency: 'EUR', companies: 1 }]);
    expect(r.renewalRate).toBe(0);
    expect(r.revenueRenewalRate).toBeNull();
  });
});

describe('lifetime value', () => {
  it('annualises the period’s revenue churn by compounding', () => {
    // 4 customers, 400,000 start ARR: average 100,000. 5% churn in 91 days:
    // annual 1 - 0.95^(365/91) = 1 - 0.95^4.011 = 0.18595; lifetime 1 / 0.18595 = 5.378 years; LTV 537,800.
    const ltv = lifetimeValue(400_000, 4, 0.05, 91);
    expect(ltv.averageArr).toBe(100_000);
    expect(ltv.revenueChurnRate).toBeCloseTo(0.186, 3);
    expect(ltv.expectedLifetimeYears).toBeCloseTo(5.378, 2);
    expect(ltv.estimatedLtv).toBeCloseTo(537_800, -2);
    // No churn: the lifetime cannot be measured, so no LTV (never "infinite").
    expect(lifetimeValue(400_000, 4, 0, 91)).toEqual({ averageArr: 100_000, revenueChurnRate: 0, expectedLifetimeYears: null, estimatedLtv: null });
  });

  it('in the report, from the quarter’s revenue churn', () => {
    // Two customers 100,000 each; one churns on 2026-08-01: revenue churn 100k / 200k = 0.5 in 92 days.
    // annual 1 - 0.5^(365/92) = 1 - 0.5^3.967 = 0.9361; lifetime 1.068 years; average ARR 100,000: LTV 106,800.
    const r = report([
      row([newBusiness('2025-08-01', 100_000), d({ stage: 'closedlost', close: '2026-08-01', amount: 100_000 })]),
      row([newBusiness('2025-12-01', 100_000)]),
    ]);
    expect(r.ltv.averageArr).toBe(100_000);
    expect(r.ltv.revenueChurnRate).toBeCloseTo(0.9361, 4);
    expect(r.ltv.estimatedLtv).toBeCloseTo(106_800, -2);
    expect(r.churnReasons).toEqual([{ reason: 'not_recorded', companies: 1, value: 100_000 }]);
  });

  it('of a period not over, annualises the churn over the days up to the as-of day, as the same days asked for by dates', () => {
    // Read on 2026-08-15, during Q3 (demo: `cs-card report --period 2026-Q4` on 2026-12-07 read LTV $1,559,940 with the
    // churn of 68 days annualised over 92; `--from 2026-10-01 --to 2026-12-07` and the app page $1,170,151).
    // The same two customers, one churned on 2026-08-01: revenue churn 0.5, watched 2026-07-01 .. 2026-08-15 = 46 days.
    // annual 1 - 0.5^(365/46) = 1 - 0.5^7.935 = 0.99590; lifetime 1.00412 years; LTV 100,000 x 1.00412 = 100,412.
    const asOf = day('2026-08-15');
    const rows = [row([newBusiness('2025-08-01', 100_000), d({ stage: 'closedlost', close: '2026-08-01', amount: 100_000 })], { asOf }), row([newBusiness('2025-12-01', 100_000)], { asOf })];
    const soFar = periodReport(rows, q3, 'USD', asOf);
    expect(soFar.ltv.revenueChurnRate).toBeCloseTo(0.9959, 4);
    expect(soFar.ltv.estimatedLtv).toBeCloseTo(100_412, -1);
    // The whole quarter asked for on that day and the quarter up to that day are one observation: one LTV.
    const toDate: Period = { start: q3.start, end: asOf };
    const byDates = periodReport([row([newBusiness('2025-08-01', 100_000), d({ stage: 'closedlost', close: '2026-08-01', amount: 100_000 })], { asOf, period: toDate }), row([newBusiness('2025-12-01', 100_000)], { asOf, period: toDate })], toDate, 'USD', asOf);
    expect(soFar.ltv).toEqual(byDates.ltv);
    // Read after the quarter: its 92 days (the example above); a quarter not begun has no churn to annualise.
    expect(periodReport(rows, q3, 'USD', day('2026-11-23')).ltv.revenueChurnRate).toBeCloseTo(0.9361, 4);
    const q4: Period = { start: day('2026-10-01'), end: day('2026-12-31') };
    expect(periodReport([row([newBusiness('2025-12-01', 100_000)], { asOf, period: q4 })], q4, 'USD', asOf).ltv).toMatchObject({ revenueChurnRate: null, estimatedLtv: null });
  });
});
