// Portfolio KPIs for CS managers, exactly as DOMAIN.md defines them, over a set of companies
// and one period. Rates are percentages (92.5 means 92.5%), unrounded; a rate whose
// denominator is zero is null, never NaN. Amounts that are not finite numbers count as 0,
// negative amounts as 0. Each company's period is given, or derived from its deals
// (renewal-period.ts, portfolioKpisFromDeals).

export interface CompanyPeriod {
  readonly companyId: string;
  /** Under contract at the start of the period (the churn-rate population). */
  readonly underContract: boolean;
  /** A renewal fell due in the period. */
  readonly dueForRenewal: boolean;
  /** That renewal was signed. */
  readonly renewed: boolean;
  /** The customer churned in the period. */
  readonly churned: boolean;
  /** Recurring revenue due for renewal in the period. */
  readonly amountDue: number;
  /** Recurring revenue signed at that renewal (shows upsell or discounting). */
  readonly amountRenewed: number;
  /** Annual recurring revenue at the start of the period. */
  readonly startArr: number;
  readonly expansion: number;
  readonly contraction: number;
  /** ARR lost to churn in the period. */
  readonly churnedArr: number;
}

export interface PortfolioKpis {
  readonly companies: number;
  /** Customers under contract at the start: the customer churn rate's denominator. */
  readonly underContract: number;
  /** Those of them that churned: its numerator. */
  readonly churned: number;
  /** Renewed customers / customers due for renewal x 100%. */
  readonly customerRenewalRate: number | null;
  /** Renewed amount / amount due for renewal x 100%. */
  readonly revenueRenewalRate: number | null;
  /** Churned customers / customers under contract x 100%. */
  readonly customerChurnRate: number | null;
  /** Churned recurring revenue / recurring revenue (start ARR) x 100%. */
  readonly revenueChurnRate: number | null;
  /** (start ARR - churn - contraction) / start ARR x 100%. */
  readonly grossRevenueRetention: number | null;
  /** (start ARR + expansion - contraction - churn) / start ARR x 100%. */
  readonly netRevenueRetention: number | null;
}

function amount(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * numerator / denominator x 100, or null when the denominator is zero (or so tiny the rate overflows).
 *
 * @example
 * rate(3, 4) // => 75
 * rate(1, 0) // => null
 */
export function rate(numerator: number, denominator: number): number | null {
  if (!(denominator > 0)) return null;
  // The ratio first: x / x is exactly 1 and a / b <= 1 when a <= b, so a share never exceeds
  // 100 by rounding (100 * a / b can: 100.00000000000001) and huge amounts do not overflow.
  const value = 100 * (numerator / denominator);
  return Number.isFinite(value) ? value : null;
}

/**
 * The KPIs of a set of companies' periods (DOMAIN.md "Metrics").
 *
 * @example
 * // 1 renewed 24,000 as 30,000; 2 churned 10,000 at its renewal; 3 was not due and shrank 16,000 -> 14,000:
 * portfolioKpis([
 *   { companyId: '1', underContract: true, dueForRenewal: true, renewed: true, churned: false, amountDue: 24000, amountRenewed: 30000, startArr: 24000, expansion: 6000, contraction: 0, churnedArr: 0 },
 *   { companyId: '2', underContract: true, dueForRenewal: true, renewed: false, churned: true, amountDue: 10000, amountRenewed: 0, startArr: 10000, expansion: 0, contraction: 0, churnedArr: 10000 },
 *   { companyId: '3', underContract: true, dueForRenewal: false, renewed: false, churned: false, amountDue: 0, amountRenewed: 0, startArr: 16000, expansion: 0, contraction: 2000, churnedArr: 0 },
 * ]) // => { companies: 3, underContract: 3, churned: 1, customerRenewalRate: 50, revenueRenewalRate: 100 * (30000 / 34000), customerChurnRate: 100 * (1 / 3),
 * //        revenueChurnRate: 20, grossRevenueRetention: 76, netRevenueRetention: 88 }
 */
export function portfolioKpis(companies: readonly CompanyPeriod[]): PortfolioKpis {
  let due = 0;
  let renewed = 0;
  let underContract = 0;
  let churned = 0;
  let amountDue = 0;
  let amountRenewed = 0;
  let startArr = 0;
  let expansion = 0;
  let contraction = 0;
  let churnedArr = 0;
  for (const company of companies) {
    if (company.dueForRenewal) {
      due++;
      if (company.renewed) renewed++;
      amountDue += amount(company.amountDue);
      if (company.renewed) amountRenewed += amount(company.amountRenewed);
    }
    if (company.underContract) {
      underContract++;
      if (company.churned) churned++;
      startArr += amount(company.startArr);
      expansion += amount(company.expansion);
      contraction += amount(company.contraction);
      churnedArr += amount(company.churnedArr);
    }
  }
  return {
    companies: companies.length,
    underContract,
    churned,
    customerRenewalRate: rate(renewed, due),
    revenueRenewalRate: rate(amountRenewed, amountDue),
    customerChurnRate: rate(churned, underContract),
    revenueChurnRate: rate(churnedArr, startArr),
    grossRevenueRetention: rate(startArr - churnedArr - contraction, startArr),
    netRevenueRetention: rate(startArr + expansion - contraction - churnedArr, startArr),
  };
}
