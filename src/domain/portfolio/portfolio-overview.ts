import { formatDay, parseDay, type Day } from '../parsing/index.ts';
import type { Period } from './renewal-period.ts';
import type { BookCompany } from './portfolio-book.ts';
import type { HealthBand } from '../../app/cards/contract/view-model.ts';
import type { MoneyView, PortfolioOverviewView } from '../../app/cards/contract/portfolio.ts';

// The managers' view of the book (portfolio-book.ts) on the as-of day, for the app page and the
// `npm start` summary: customers and ARR in force per health band (churned apart), the renewals at
// risk, the customers churned in the period. Amounts are per currency, never added across them.
// What is not known is counted, never added as 0 (issue "Trust first"):
// - a customer whose ARR is unknown (BookCompany.arrUnknown) is in its band's customers and in the
//   band's and the overview's arrUnknown, in no ARR total;
// - a renewal at risk's amount is its renewal amount (cs_renewal_amount as sync wrote it: the open
//   renewal deal's, else the contract's), else its ARR in force (amountSource 'arr', counted in
//   atRiskFromArr, so the reader knows the total mixes the two), else unknown (null, counted in
//   atRiskAmountUnknown, not in the total), as is an amount with no currency to put it in.

/** The managers' view of the book (the app page, npm start): the contract's shape, src/app/cards/contract/portfolio.ts. */
export type PortfolioOverview = PortfolioOverviewView;
/** An amount in one currency (never added across currencies). */
export type Money = MoneyView;
type RenewalAtRisk = PortfolioOverview['renewalsAtRisk'][number];
type ChurnedCompany = PortfolioOverview['churned'][number];

const overviewBandOrder: ReadonlyArray<HealthBand | 'churned'> = ['at_risk', 'attention', 'healthy', 'unknown', 'churned'];

function addMoney(totals: Map<string, number>, currency: string | null, amount: number): void {
  if (currency === null || amount === 0) return;
  totals.set(currency, (totals.get(currency) ?? 0) + amount);
}

function moneyList(totals: ReadonlyMap<string, number>, reporting: string): Money[] {
  return [...totals.entries()]
    .map(([currency, amount]) => ({ currency, amount }))
    .sort((a, b) => Number(b.currency === reporting) - Number(a.currency === reporting) || b.amount - a.amount || a.currency.localeCompare(b.currency));
}

/**
 * A renewal at risk's amount: the renewal amount sync wrote, else the ARR in force when it is known, else none.
 *
 * @example
 * // (book companies shortened to what it reads)
 * renewalAmountOf({ renewalAmount: 30000, arr: 24000, arrUnknown: false }) // => { amount: 30000, source: 'renewal' }
 * renewalAmountOf({ renewalAmount: null, arr: 24000, arrUnknown: false }) // => { amount: 24000, source: 'arr' }
 * renewalAmountOf({ renewalAmount: null, arr: 0, arrUnknown: true }) // => { amount: null, source: null }
 */
export function renewalAmountOf(company: Pick<BookCompany, 'renewalAmount' | 'arr' | 'arrUnknown'>): { amount: number | null; source: 'renewal' | 'arr' | null } {
  if (company.renewalAmount !== null) return { amount: company.renewalAmount, source: 'renewal' };
  return company.arrUnknown || !(company.arr > 0) ? { amount: null, source: null } : { amount: company.arr, source: 'arr' };
}

/**
 * The managers' view of the book on the as-of day: bands, renewals at risk, churn in the period.
 *
 * @example
 * // (book companies shortened to what the overview reads) Acme renews in 38 days at 30,000 and needs attention; Globex churned in Q4.
 * ((overview) => [overview.customers, overview.arr, overview.renewalsAtRisk.map((renewal) => renewal.companyId), overview.churned.map((company) => [company.name, company.arr])])(portfolioOverview([
 *   { id: '1', name: 'Acme', band: 'attention', healthWritten: true, score: 71, renewalDate: '2027-01-14', renewalAmount: 30000, currency: 'USD', customer: true, arr: 30000, arrUnknown: false, churnedOn: null, churnReason: null, churnedArr: 0 },
 *   { id: '2', name: 'Globex', band: 'unknown', healthWritten: false, score: null, renewalDate: null, renewalAmount: null, currency: 'USD', customer: false, arr: 0, arrUnknown: false, churnedOn: '2026-12-01', churnReason: 'budget', churnedArr: 10000, churnedArrInferred: false },
 * ], { asOf: parseIsoDate('2026-12-07'), churnPeriod: { start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }, reporting: 'USD' })) // => [1, [{ currency: 'USD', amount: 30000 }], ['1'], [['Globex', 10000]]]
 * // Initech, a customer with no contract deal on record: its ARR is unknown, counted apart, not as 0.
 * ((overview) => [overview.arr, overview.arrUnknown, overview.bands[2]])(portfolioOverview([
 *   { id: '1', name: 'Acme', band: 'healthy', healthWritten: true, score: 90, renewalDate: null, renewalAmount: null, currency: 'USD', customer: true, arr: 30000, arrUnknown: false, churnedOn: null },
 *   { id: '3', name: 'Initech', band: 'healthy', healthWritten: true, score: 80, renewalDate: null, renewalAmount: null, currency: null, customer: true, arr: 0, arrUnknown: true, churnedOn: null },
 * ], { asOf: parseIsoDate('2026-12-07'), churnPeriod: { start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }, reporting: 'USD' })) // => [[{ currency: 'USD', amount: 30000 }], 1, { band: 'healthy', customers: 2, arr: [{ currency: 'USD', amount: 30000 }], arrUnknown: 1 }]
 */
export function portfolioOverview(companies: readonly BookCompany[], options: { asOf: Day; churnPeriod: Period; reporting: string; horizonDays?: number }): PortfolioOverview {
  const horizonDays = options.horizonDays ?? 90;
  const bandTotals = new Map<HealthBand | 'churned', { customers: number; arrUnknown: number; arr: Map<string, number> }>(overviewBandOrder.map((band) => [band, { customers: 0, arrUnknown: 0, arr: new Map() }]));
  const total = new Map<string, number>();
  const atRiskTotal = new Map<string, number>();
  const renewalsAtRisk: RenewalAtRisk[] = [];
  const churned: ChurnedCompany[] = [];
  let customers = 0;
  let arrInferred = 0;
  let arrUnknown = 0;
  let atRiskFromArr = 0;
  let atRiskAmountUnknown = 0;
  let healthWritten = false;
  let lapsed = 0;
  const lapsedArr = new Map<string, number>();
  for (const company of companies) {
    healthWritten ||= company.healthWritten;
    if (company.churnedOn !== null) {
      const line = bandTotals.get('churned');
      if (line) line.customers += 1;
      const day = parseDay(company.churnedOn);
      if (day !== null && day >= options.churnPeriod.start && day <= options.churnPeriod.end) {
        churned.push({ companyId: company.id, name: company.name, churnedOn: company.churnedOn, reason: company.churnReason, arr: company.churnedArr, arrInferred: company.churnedArrInferred, currency: company.currency });
      }
      continue;
    }
    if (company.customer) customers += 1;
    if (company.arrInferred) arrInferred += 1;
    if (company.arrUnknown) arrUnknown += 1;
    // A churned band written before the customer came back (a new deal won, a renewal opened)
    // says nothing of its health now: unknown until sync writes it again.
    const band = company.band === 'churned' ? 'unknown' : company.band;
    const line = bandTotals.get(band);
    if (line) {
      line.customers += 1;
      if (company.arrUnknown) line.arrUnknown += 1;
      addMoney(line.arr, company.currency, company.arr);
    }
    addMoney(total, company.currency, company.arr);
    if (company.customer && company.renewalLapsed) {
      lapsed += 1;
      addMoney(lapsedArr, company.currency, company.arr);
    }
    if (band === 'healthy' || company.renewalDate === null) continue;
    const day = parseDay(company.renewalDate);
    if (day === null || day - options.asOf > horizonDays) continue;
    const { amount, source } = renewalAmountOf(company);
    if (amount === null || company.currency === null) atRiskAmountUnknown += 1;
    else addMoney(atRiskTotal, company.currency, amount);
    if (source === 'arr') atRiskFromArr += 1;
    renewalsAtRisk.push({
      companyId: company.id, name: company.name, band, score: company.score, renewalDate: company.renewalDate, daysToRenewal: day - options.asOf, amount, currency: company.currency,
      ...(source === null ? {} : { amountSource: source }), lapsed: company.renewalLapsed,
    });
  }
  renewalsAtRisk.sort((a, b) => (b.amount ?? -1) - (a.amount ?? -1) || a.daysToRenewal - b.daysToRenewal || a.companyId.localeCompare(b.companyId));
  churned.sort((a, b) => b.churnedOn.localeCompare(a.churnedOn) || a.companyId.localeCompare(b.companyId));
  return {
    asOf: formatDay(options.asOf),
    horizonDays,
    customers,
    arr: moneyList(total, options.reporting),
    arrInferred,
    arrUnknown,
    lapsed,
    arrLapsed: moneyList(lapsedArr, options.reporting),
    bands: overviewBandOrder.map((band) => {
      const line = bandTotals.get(band) ?? { customers: 0, arrUnknown: 0, arr: new Map<string, number>() };
      return { band, customers: line.customers, arr: moneyList(line.arr, options.reporting), arrUnknown: line.arrUnknown };
    }),
    renewalsAtRisk,
    arrAtRisk: moneyList(atRiskTotal, options.reporting),
    atRiskFromArr,
    atRiskAmountUnknown,
    churned,
    neverSynced: companies.length > 0 && !healthWritten,
  };
}
