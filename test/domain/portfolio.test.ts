import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portfolioKpis, type CompanyPeriod } from '../../src/domain/portfolio.ts';

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
