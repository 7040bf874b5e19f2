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
