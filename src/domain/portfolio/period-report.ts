import type { PeriodReportView } from '../../app/cards/contract/portfolio.ts';
import type { ArrBasis, ContractDeal } from './contract-deals.ts';
import { formatDay, type Day } from '../parsing/index.ts';
import { portfolioKpis } from './portfolio.ts';
import { renewalPeriodDetail, type ContractEndAsOf, type Period, type RenewalPeriodDetail } from './renewal-period.ts';

// The managers' period report (`cs-card report`, the app page, the `npm start` summary): the
// KPIs of DOMAIN.md "Metrics" over the customers' contract deals (contract-deals.ts), one
// company at a time (renewal-period.ts), rolled up in one currency. Rates are fractions
// (0.925 = 92.5%), null when their denominator is 0. Definitions beyond DOMAIN.md:
// - customers.atStart / atEnd: customers as the period begins / on its last day, by the book's
//   rule (customer.ts customerOn: a contract in force, or none on record at all); new:
//   a customer at the end but not at the start (a win-back inside the period counts as new, not
//   as churn); churned: a customer under contract at the start whose lost renewal left no contract
//   in force at the end (and no renewal deal is open: then the loss was not the last word); a
//   contract signed and lost inside the period is neither new nor churned (as its ARR is neither).
// - customers.underContractAtStart: the churn rates' population (DOMAIN.md), portfolioKpis' count,
//   so churned / underContractAtStart is logoChurnRate; it leaves out the customers at the start
//   with no contract on record (atStart counts them). The ARR rows sum over the same companies, so
//   revenue churn = arr.churned / arr.start, GRR and NRR recompute from arr's rows as shown.
// - renewals.lost / open: due renewals whose last decision was a loss / with no decision yet.
// - renewals.lapsed: customers due because their contract ended in the period with no renewal deal
//   on record (renewal-period.ts lapseInPeriod, the card's "contract lapsed"): due and not renewed
//   (DOMAIN.md), neither lost nor open, not churn; so due = renewed + lost + open + lapsed.
//   lapsedAmountUnknown: those of them whose amount the deals do not give: they add nothing to
//   dueValue (the revenue renewal rate leaves them out) rather than a guessed amount.
// - arr.end: the ARR in force at the end, new customers included, so
//   end = start + expansion - contraction - churned + new.
// - ltv: averageArr = start ARR / customers at the start whose amounts are in the report's currency; the period's revenue churn rate
//   annualised by compounding (1 - (1 - r)^(365 / days)), days being the days the churn was watched
//   over: the period's, or up to the as-of day when the period runs past it (observedDays: as of
//   2026-12-07, 2026-Q4's churn was seen over 68 days, not 92, as for `--from 2026-10-01 --to
//   2026-12-07` and the app page's "this quarter so far"); expected lifetime = 1 / that rate in
//   years; estimated LTV = averageArr x lifetime. Null when no ARR or no churn (a lifetime is
//   not measurable from a period without churn), or no day of the period has passed.
// - Currency: companies whose amounts are in another currency than the report's count as
//   customers but add no amount (renewal-period.ts); `leftOut` names how many, per currency.

export interface CompanyRow {
  readonly companyId: string;
  readonly ownerId: string | null;
  readonly detail: RenewalPeriodDetail;
  /** The churn reason recorded on the company (a churn-reason.ts code), or null. */
  readonly churnReason: string | null;
  /** The currencies of the company's deals that could not be reported in the report's one. */
  readonly otherCurrencies: readonly string[];
  /** How the ARR of each contract deal with an amount was found. */
  readonly arrBasis: Readonly<Record<ArrBasis, number>>;
}

/** The period's KPIs, the contract's shape (src/app/cards/contract/portfolio.ts: the app page receives them). */
export type PeriodReport = PeriodReportView;

/** The reason code of a churn without a recorded reason. */
export const unrecordedChurnReason = 'not_recorded';

/**
 * One company's row of the report.
 *
 * @example
 * // Q4 2026 (contract deals shortened to what the report reads): won at 24,000 (ARR from the amount), renewed at 30,000 (hs_arr).
 * ((row) => [row.detail.outcome, row.detail.endArr, row.arrBasis])(companyRow('1', [{ id: '11', kind: 'new_business', won: true, closeDay: parseIsoDate('2025-11-15'), amount: 24000, currency: 'USD', arrBasis: 'amount' }, { id: '12', kind: 'renewal', won: true, closeDay: parseIsoDate('2026-11-10'), amount: 30000, currency: 'USD', arrBasis: 'hs_arr' }], { start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }, 'USD', { ownerId: '7', churnReason: null }))
 * // => ['won', 30000, { hs_arr: 1, annualised: 0, amount: 1 }]
 */
export function companyRow(
  companyId: string,
  deals: readonly ContractDeal[],
  period: Period,
  currency: string,
  extra: { ownerId: string | null; churnReason: string | null; contract?: ContractEndAsOf },
): CompanyRow {
  // The contract's end and the as-of day, when given: a contract that lapsed in the period is due (renewal-period.ts).
  const detail = renewalPeriodDetail(companyId, deals, period, currency, extra.contract ?? null);
  const arrBasis: Record<ArrBasis, number> = { hs_arr: 0, annualised: 0, amount: 0 };
  const other = new Set<string>();
  for (const deal of deals) {
    if (deal.kind === 'other' || deal.closeDay === null) continue;
    if (deal.arrBasis !== null) arrBasis[deal.arrBasis] += 1;
    if (deal.currency !== null && deal.currency !== currency) other.add(deal.currency);
  }
  const leftOut = detail.period.otherCurrency || detail.endOtherCurrency;
  return { companyId, ownerId: extra.ownerId, detail, churnReason: extra.churnReason, otherCurrencies: leftOut ? [...other].sort() : [], arrBasis };
}

const fraction = (percent: number | null) => (percent === null ? null : percent / 100);

/**
 * The period's figures from the companies' rows, as of `asOf` (the day the rows' deals stand on; the period's last day when not
 * given): the churn of a period that runs past it was watched up to it (observedDays), which the LTV's annualisation needs.
 *
 * @example
 * // Q4 2026: Acme renewed 24,000 as 30,000; Globex lost its 10,000 renewal (reason: budget): both under contract
 * // at the start, logo churn 1 / 2.
 * ((report) => [report.customers, report.arr, report.churnReasons])(periodReport([
 *   companyRow('1', [{ id: '11', kind: 'new_business', won: true, closeDay: parseIsoDate('2025-11-15'), amount: 24000, currency: 'USD', arrBasis: 'amount' }, { id: '12', kind: 'renewal', won: true, closeDay: parseIsoDate('2026-11-10'), amount: 30000, currency: 'USD', arrBasis: 'hs_arr' }], { start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }, 'USD', { ownerId: '7', churnReason: null }),
 *   companyRow('2', [{ id: '21', kind: 'renewal', lost: true, closeDay: parseIsoDate('2026-12-01'), amount: 10000, currency: 'USD', arrBasis: 'amount' }], { start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }, 'USD', { ownerId: '8', churnReason: 'budget' }),
 * ], { start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }, 'USD')) // => [{ atStart: 2, atEnd: 1, new: 0, churned: 1, underContractAtStart: 2 }, { start: 34000, expansion: 6000, contraction: 0, churned: 10000, end: 30000, new: 0 }, [{ reason: 'budget', companies: 1, value: 10000 }]]
 */
export function periodReport(rows: readonly CompanyRow[], period: Period, currency: string, asOf: Day | null = null): PeriodReport {
  const kpis = portfolioKpis(rows.map((row) => row.detail.period));
  const customers = { atStart: 0, atEnd: 0, new: 0, churned: kpis.churned, underContractAtStart: kpis.underContract };
  const renewals = { due: 0, renewed: 0, lost: 0, open: 0, dueValue: 0, renewedValue: 0, lapsed: 0, lapsedAmountUnknown: 0 };
  const arr = { start: 0, expansion: 0, contraction: 0, churned: 0, end: 0, new: 0 };
  const reasons = new Map<string, { companies: number; value: number }>();
  const arrBasis: Record<ArrBasis, number> = { hs_arr: 0, annualised: 0, amount: 0 };
  const leftOut = new Map<string, number>();
  let withAmounts = 0;
  let arrInferred = 0;
  for (const row of rows) {
    const { period: p, outcome, customerAtStart, customerAtEnd, endArr } = row.detail;
    if (customerAtStart) customers.atStart += 1;
    if (p.underContract && !p.otherCurrency) withAmounts += 1;
    if (customerAtEnd) customers.atEnd += 1;
    if (customerAtEnd && !customerAtStart) {
      customers.new += 1;
      arr.new += endArr;
    }
    if (p.churned && p.underContract) {
      const reason = row.churnReason ?? unrecordedChurnReason;
      const entry = reasons.get(reason) ?? { companies: 0, value: 0 };
      entry.companies += 1;
      entry.value += p.churnedArr;
      reasons.set(reason, entry);
    }
    if (p.dueForRenewal) {
      renewals.due += 1;
      renewals.dueValue += p.amountDue;
      if (p.renewed) {
        renewals.renewed += 1;
        renewals.renewedValue += p.amountRenewed;
      } else if (outcome === 'lost') renewals.lost += 1;
      else if (row.detail.lapsed) {
        renewals.lapsed += 1;
        if (row.detail.lapsedAmountUnknown) renewals.lapsedAmountUnknown += 1;
      } else renewals.open += 1;
    }
    if (p.underContract) {
      arr.start += p.startArr;
      arr.expansion += p.expansion;
      arr.contraction += p.contraction;
      arr.churned += p.churnedArr;
    }
    arr.end += endArr;
    if (row.detail.arrInferred) arrInferred += 1;
    for (const basis of ['hs_arr', 'annualised', 'amount'] as const) arrBasis[basis] += row.arrBasis[basis];
    for (const other of row.otherCurrencies) leftOut.set(other, (leftOut.get(other) ?? 0) + 1);
  }
  const revenueChurn = fraction(kpis.revenueChurnRate);
  const ltv = lifetimeValue(arr.start, withAmounts, revenueChurn, observedDays(period, asOf));
  return {
    period: { from: formatDay(period.start), to: formatDay(period.end) },
    currency,
    customers,
    renewals: { ...renewals, dueValue: toCents(renewals.dueValue), renewedValue: toCents(renewals.renewedValue) },
    renewalRate: fraction(kpis.customerRenewalRate),
    revenueRenewalRate: fraction(kpis.revenueRenewalRate),
    logoChurnRate: fraction(kpis.customerChurnRate),
    revenueChurnRate: revenueChurn,
    grossRevenueRetention: fraction(kpis.grossRevenueRetention),
    netRevenueRetention: fraction(kpis.netRevenueRetention),
    arr: { start: toCents(arr.start), expansion: toCents(arr.expansion), contraction: toCents(arr.contraction), churned: toCents(arr.churned), end: toCents(arr.end), new: toCents(arr.new) },
    churnReasons: [...reasons.entries()]
      .map(([reason, entry]) => ({ reason, companies: entry.companies, value: toCents(entry.value) }))
      .sort((a, b) => b.value - a.value || b.companies - a.companies || a.reason.localeCompare(b.reason)),
    ltv: { ...ltv, averageArr: ltv.averageArr === null ? null : toCents(ltv.averageArr), estimatedLtv: ltv.estimatedLtv === null ? null : toCents(ltv.estimatedLtv) },
    arrBasis,
    leftOut: [...leftOut.entries()].map(([other, companies]) => ({ currency: other, companies })).sort((a, b) => a.currency.localeCompare(b.currency)),
    arrInferred,
  };
}

/**
 * An amount to the cent: sums of annualised amounts carry float noise (228172.00000000003) that the JSON, the CSV and the page would show.
 *
 * @example
 * toCents(228172.00000000003) // => 228172
 * toCents(127921.02515723271) // => 127921.03
 */
export function toCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/**
 * The days of a period whose deals a report has seen: all of them, or those up to the as-of day when the period runs past it
 * (0 when it starts after that day). A rate watched over them is annualised over them, not over days still to come.
 *
 * @example
 * // As of 2026-12-07: 2026-Q4 so far (Oct 1 – Dec 7), 2026-Q3 whole, 2027-Q1 not begun.
 * observedDays({ start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }, parseIsoDate('2026-12-07')) // => 68
 * observedDays({ start: parseIsoDate('2026-07-01'), end: parseIsoDate('2026-09-30') }, parseIsoDate('2026-12-07')) // => 92
 * observedDays({ start: parseIsoDate('2027-01-01'), end: parseIsoDate('2027-03-31') }, parseIsoDate('2026-12-07')) // => 0
 * observedDays({ start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }, null) // => 92
 */
export function observedDays(period: Period, asOf: Day | null): number {
  const last = asOf === null ? period.end : Math.min(period.end, asOf);
  return Math.max(0, last - period.start + 1);
}

/**
 * LTV = average ARR x expected lifetime in years, the lifetime being 1 / the annual revenue churn rate.
 *
 * @example
 * // 4 customers, 400,000 start ARR, 5% revenue churn in a 91-day quarter:
 * // annual churn 1 - 0.95^(365/91) = 0.186; lifetime 5.378 years; LTV 100,000 x 5.378 = 537,800
 * lifetimeValue(400_000, 4, 0.05, 91).estimatedLtv // ≈ 537,800
 */
export function lifetimeValue(startArr: number, customers: number, periodChurn: number | null, days: number): PeriodReport['ltv'] {
  const averageArr = customers > 0 ? startArr / customers : null;
  if (periodChurn === null || days <= 0) return { averageArr, revenueChurnRate: null, expectedLifetimeYears: null, estimatedLtv: null };
  const annual = periodChurn >= 1 ? 1 : 1 - (1 - periodChurn) ** (365 / days);
  const lifetime = annual > 0 ? 1 / annual : null;
  return {
    averageArr,
    revenueChurnRate: annual,
    expectedLifetimeYears: lifetime,
    estimatedLtv: averageArr !== null && lifetime !== null ? averageArr * lifetime : null,
  };
}
