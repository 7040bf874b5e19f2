import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/schema.ts';
import { parseIsoDate } from '../parsing/index.ts';
import { readDeals } from '../renewal/deals.ts';
import { portfolioKpis, type CompanyPeriod } from './portfolio.ts';
import { portfolioKpisFromDeals, type Period } from './renewal-period.ts';
import type { CrmRecord } from '../card/snapshot.ts';
import { asOfArb, configArb, snapshotArb } from '../testing/arbitraries.ts';
import { deal } from '../testing/fixtures.ts';

const company = (over: Partial<CompanyPeriod>): CompanyPeriod => ({
  companyId: '1',
  underContract: true,
  dueForRenewal: false,
  renewed: false,
  churned: false,
  amountDue: 0,
  amountRenewed: 0,
  startArr: 0,
  expansion: 0,
  contraction: 0,
  churnedArr: 0,
  ...over,
});

describe('portfolio KPIs (DOMAIN.md definitions)', () => {
  const period = [
    company({ dueForRenewal: true, renewed: true, amountDue: 100, amountRenewed: 120, startArr: 100, expansion: 20 }),
    company({ dueForRenewal: true, renewed: true, amountDue: 100, amountRenewed: 80, startArr: 100, contraction: 20 }),
    company({ dueForRenewal: true, renewed: false, churned: true, amountDue: 200, startArr: 200, churnedArr: 200 }),
    company({ startArr: 600 }),
  ];

  it('computes renewal, churn and retention rates as percentages', () => {
    expect(portfolioKpis(period)).toEqual({
      companies: 4,
      underContract: 4,
      churned: 1,
      customerRenewalRate: expect.closeTo(66.667, 3), // 2 renewed of 3 due
      revenueRenewalRate: 50, // (120 + 80) / 400
      customerChurnRate: 25, // 1 of 4 under contract
      revenueChurnRate: 20, // 200 / 1000
      grossRevenueRetention: 78, // (1000 - 200 - 20) / 1000
      netRevenueRetention: 80, // (1000 + 20 - 20 - 200) / 1000
    });
  });

  it('gives null, never NaN, for empty denominators', () => {
    expect(portfolioKpis([])).toEqual({
      companies: 0,
      underContract: 0,
      churned: 0,
      customerRenewalRate: null,
      revenueRenewalRate: null,
      customerChurnRate: null,
      revenueChurnRate: null,
      grossRevenueRetention: null,
      netRevenueRetention: null,
    });
  });

  it('treats non-finite or negative amounts as 0', () => {
    const kpis = portfolioKpis([company({ dueForRenewal: true, renewed: true, amountDue: Number.NaN, amountRenewed: Infinity, startArr: -5 })]);
    expect(kpis).toMatchObject({ customerRenewalRate: 100, revenueRenewalRate: null, grossRevenueRetention: null });
  });

  it('keeps a full retention at exactly 100 for any amount (no rounding above 100, no overflow)', () => {
    for (const startArr of [4.321368187121393e265, 5e307, 6e-277, 0.1 + 0.2]) {
      const kpis = portfolioKpis([company({ underContract: true, startArr })]);
      expect(kpis).toMatchObject({ grossRevenueRetention: 100, netRevenueRetention: 100, revenueChurnRate: 0 });
    }
  });
});

describe('portfolio KPIs over any input', () => {
  const amount = fc.oneof(fc.double(), fc.integer({ min: -1000, max: 1_000_000 }), fc.constantFrom(Number.NaN, Infinity, -Infinity, 0));
  const period = fc.record({
    companyId: fc.string(),
    underContract: fc.boolean(),
    dueForRenewal: fc.boolean(),
    renewed: fc.boolean(),
    churned: fc.boolean(),
    amountDue: amount,
    amountRenewed: amount,
    startArr: amount,
    expansion: amount,
    contraction: amount,
    churnedArr: amount,
  });

  it('never yields NaN or Infinity, and counts stay within their populations', () => {
    fc.assert(
      fc.property(fc.array(period, { maxLength: 20 }), (companies) => {
        const kpis = portfolioKpis(companies);
        for (const value of Object.values(kpis)) if (value !== null) expect(Number.isFinite(value)).toBe(true);
        for (const share of [kpis.customerRenewalRate, kpis.customerChurnRate]) {
          if (share !== null) expect(share).toBeGreaterThanOrEqual(0);
          if (share !== null) expect(share).toBeLessThanOrEqual(100);
        }
        expect(kpis.customerRenewalRate === null).toBe(!companies.some((c) => c.dueForRenewal));
        expect(kpis.customerChurnRate === null).toBe(!companies.some((c) => c.underContract));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps NRR - GRR equal to the expansion share of start ARR', () => {
    const kpis = portfolioKpis([company({ startArr: 400, expansion: 60, contraction: 20, churnedArr: 40 })]);
    expect(kpis.grossRevenueRetention).toBe(85); // (400 - 40 - 20) / 400
    expect(kpis.netRevenueRetention).toBe(100); // (400 + 60 - 20 - 40) / 400
  });
});

describe('portfolio KPIs from the companies\' deals', () => {
  const day = (iso: string) => parseIsoDate(iso) ?? Number.NaN;
  const q1: Period = { start: day('2026-01-01'), end: day('2026-03-31') };
  const won = (type: string, closedate: string, amount: string, currency = 'USD') => deal({ type, stage: 'closedwon', closedate, amount, currency });
  const fromRecords = (companies: Record<string, CrmRecord[]>, period = q1) =>
    portfolioKpisFromDeals(
      Object.entries(companies).map(([companyId, records]) => ({ companyId, deals: readDeals(records, defaultConfig.renewal, defaultConfig.handoff) })),
      period,
      defaultConfig.currency,
    );

  it('derives each company\'s period and rolls the KPIs up (Q1 2026, worked by hand)', () => {
    const { kpis, companies } = fromRecords({
      upsold: [won('newbusiness', '2025-02-10T09:30:00+01:00', '100000'), won('existingbusiness', '2026-02-10', '120000')],
      discounted: [won('existingbusiness', String(Date.UTC(2025, 2, 1, 10)), '50000'), won('existingbusiness', '2026-03-01T00:00:00.000Z', '40000')],
      churned: [won('newbusiness', '2025-03-15', '30000'), deal({ type: 'existingbusiness', stage: 'closedlost', closedate: '2026-03-15', amount: '30000' })],
      renewsLater: [won('newbusiness', '2025-06-30', '200000'), deal({ type: 'existingbusiness', closedate: '2026-06-30', amount: '200000' })],
      signedInQ1: [won('newbusiness', '2026-01-15', '15000')],
      inEuros: [won('newbusiness', '2025-01-20', '80000', 'EUR'), won('existingbusiness', '2026-01-20', '90000', 'EUR')],
      stillOpen: [won('newbusiness', '2025-03-28', '20000'), deal({ type: 'existingbusiness', closedate: '2026-03-28T12:00:00+02:00', amount: null }), deal({ type: 'existingbusiness', closedate: '2026-02-30', stage: 'closedlost' })],
    });
    expect(kpis).toEqual({
      companies: 7,
      underContract: 6, // all but signedInQ1
      churned: 1,
      customerRenewalRate: 60, // upsold, discounted, inEuros renewed / 5 due (plus churned, stillOpen)
      revenueRenewalRate: 80, // (120000 + 40000) / (100000 + 50000 + 30000 + 20000); euros left out
      customerChurnRate: expect.closeTo(16.667, 3), // 1 churned / 6 under contract (not signedInQ1)
      revenueChurnRate: 7.5, // 30000 / 400000
      grossRevenueRetention: 90, // (400000 - 30000 churn - 10000 contraction) / 400000
      netRevenueRetention: 95, // (400000 + 20000 expansion - 10000 - 30000) / 400000
    });
    expect(companies.filter((c) => c.otherCurrency).map((c) => c.companyId)).toEqual(['inEuros']);
  });

  it('rejects a backwards period even with no companies', () => {
    expect(() => portfolioKpisFromDeals([], { start: q1.end, end: q1.start }, 'USD')).toThrow(RangeError);
    expect(portfolioKpisFromDeals([], q1, 'USD').kpis.companies).toBe(0);
  });

  it('keeps renewal and churn rates in 0..100 and GRR at most 100 for any deals', () => {
    const arb = fc.tuple(asOfArb, configArb).chain(([asOf, config]) =>
      fc.record({
        config: fc.constant(config),
        companies: fc.array(snapshotArb(asOf).map((s) => s.deals), { maxLength: 6 }),
        start: fc.integer({ min: -150, max: 150 }).map((offset) => day(asOf) + offset),
        length: fc.integer({ min: 0, max: 400 }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ config, companies, start, length }) => {
        const { kpis } = portfolioKpisFromDeals(
          companies.map((records, i) => ({ companyId: String(i), deals: readDeals(records, config.renewal, config.handoff) })),
          { start, end: start + length },
          config.currency,
        );
        for (const value of Object.values(kpis)) if (value !== null) expect(Number.isFinite(value)).toBe(true);
        for (const share of [kpis.customerRenewalRate, kpis.customerChurnRate, kpis.revenueChurnRate]) {
          if (share !== null) expect(share >= 0 && share <= 100).toBe(true);
        }
        if (kpis.grossRevenueRetention !== null) expect(kpis.grossRevenueRetention >= 0 && kpis.grossRevenueRetention <= 100).toBe(true);
        if (kpis.netRevenueRetention !== null && kpis.grossRevenueRetention !== null) expect(kpis.netRevenueRetention).toBeGreaterThanOrEqual(kpis.grossRevenueRetention);
      }),
      { numRuns: 200 },
    );
  });
});
