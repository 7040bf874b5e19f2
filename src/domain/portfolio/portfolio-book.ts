import { churnStateProperties, csProperty } from '../property-names.ts';
import type { CsConfig } from '../../config/schema.ts';
import type { ContractDeal } from './contract-deals.ts';
import { formatDay, parseDay, type Day } from '../parsing/index.ts';
import { companyRow, periodReport, type CompanyRow, type PeriodReport } from './period-report.ts';
import { numberOf, textOf } from '../parsing/index.ts';
import { renewalPeriodDetail, type Period } from './renewal-period.ts';
import { contractInForce } from './contract-in-force.ts';
import { customerOn } from './customer.ts';
import { churnedSince } from '../renewal/churn.ts';
import { contractLapsed } from '../renewal/renewal.ts';
import type { CrmRecord } from '../card/snapshot.ts';
import { healthBandSchema, type HealthBand } from '../../app/cards/contract/view-model.ts';
import type { MoneyView, PortfolioOverviewView } from '../../app/cards/contract/portfolio.ts';

// The managers' book of customers: each customer company as the synced cs_* properties and its
// contract deals describe it on the as-of day (health, renewal, the ARR in force and its currency,
// churn), plus its rows of the period reports asked for. A past as-of day: the company and its deals
// come taken back to it (book-as-of.ts); health and the renewal date are the values sync last wrote. The app page, the `npm start` summary and
// `cs-card report` all read it, so they never disagree.
//
// - ARR in force: the contract in force as the as-of day ends (contract-in-force.ts, the period
//   report's rule too), in the company's currency (its latest won contract deal's; the reporting
//   currency once converted). Companies are never added up across currencies: totals are per
//   currency. A company whose only figure is an open renewal deal (no decided contract deal before
//   it) has the contract that renewal renews in force, worth what is up for renewal: inferred, and
//   the overview counts such companies (arrInferred) so the page and the summary say so.
// - Customers: customer.ts customerOn, the period report's rule for its customers at the
//   start and the end: a contract in force on the as-of day, or no contract on record at all. A
//   lost renewal followed by an open one is neither churn nor the end of the contract: the
//   company stays a customer at the ARR it had, while the renewal is open.
// - Churned: the lifecycle rule, renewal/churn.ts churnedSince (the card's, so the book and the card
//   agree). A churned company is in no health band: it is counted apart, with the day, the reason
//   and the ARR the churn lost — inferred (churnedArrInferred) when the lost renewal is all that
//   says what was in force. Its ARR in force is the walk's like any company's: a churned company
//   has none (an expansion won after the loss brings no contract back, contract-in-force.ts).
// - Renewals at risk: not healthy, not churned, renewal (cs_renewal_date, as sync wrote it)
//   overdue or within the horizon; ordered by value at stake (cs_renewal_amount, else the ARR in
//   force), largest first, then the soonest.
// - A lapsed contract (issue 19 "Outcomes": it ended with no renewal deal on record, the card's
//   renewal.lapsed, renewal/renewal.ts): the renewal date sync wrote is in the past and no open renewal
//   deal is on record. The contract still counts in force (no lost renewal ended it: it is the walk's
//   rule) and the company as a customer, and its date reads as an overdue renewal: the overview marks
//   it (a renewal at risk's `lapsed`) and counts such customers and their ARR (lapsed, arrLapsed), so
//   the page and the summary say that no renewal is in motion instead of showing an overdue one.

export interface BookCompany {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string | null;
  readonly band: HealthBand;
  readonly score: number | null;
  /** Sync has written this company's health (cs_health_band holds a value). */
  readonly healthWritten: boolean;
  readonly renewalDate: string | null;
  readonly renewalAmount: number | null;
  /** The contract ended with no renewal deal on record: the renewal date is past and no renewal deal is open (the card's renewal.lapsed). */
  readonly renewalLapsed: boolean;
  /** The currency of the company's amounts (null when it has no contract deal). */
  readonly currency: string | null;
  /** A customer on the as-of day (customer.ts customerOn, the period report's rule too). */
  readonly customer: boolean;
  /** ARR in force on the as-of day, in `currency`. */
  readonly arr: number;
  /** That ARR rests on the contract a renewal deal implies (contract-in-force.ts impliedContract), not restated by a won renewal since. */
  readonly arrInferred: boolean;
  /** YYYY-MM-DD of the lost renewal that ended the contract; null when not churned. */
  readonly churnedOn: string | null;
  readonly churnReason: string | null;
  /** ARR the churn lost: the contract in force the day before (known only from the lost renewal when no earlier contract deal is on record), in `currency`. */
  readonly churnedArr: number;
  /** That ARR is inferred: the contract the lost renewal implied (contract-in-force.ts impliedContract), no decided contract deal before it. */
  readonly churnedArrInferred: boolean;
  /** One row per period asked for, in the reporting currency. */
  readonly rows: readonly CompanyRow[];
}

/**
 * The company properties the book reads (sync writes the cs_* ones).
 *
 * @example
 * bookCompanyProperties(defaultConfig).slice(-3) // => ['cs_churn_reason', 'contract_end_date', 'contract_term_months']
 */
export function bookCompanyProperties(config: CsConfig): string[] {
  const contract = [config.renewal.companyDateProperty, config.renewal.contractTermProperty].filter((name): name is string => name !== null);
  // When the churn reason was recorded: a report as of an earlier day leaves it out (book-as-of.ts).
  return ['name', 'hubspot_owner_id', csProperty.healthScore, csProperty.healthBand, csProperty.renewalDate, csProperty.renewalAmount, churnStateProperties.recordedAt, config.playbooks.churnReasonProperty, ...contract];
}

/** The currency of a company's amounts: its latest won contract deal's, else any deal's. */
function currencyOf(deals: readonly ContractDeal[]): string | null {
  let latest: ContractDeal | null = null;
  for (const deal of deals) {
    if (!deal.won || deal.kind === 'other' || deal.closeDay === null) continue;
    if (latest === null || (latest.closeDay ?? 0) <= deal.closeDay) latest = deal;
  }
  return latest?.currency ?? deals.find((deal) => deal.currency !== null)?.currency ?? null;
}

function bandOf(record: CrmRecord): HealthBand {
  const parsed = healthBandSchema.safeParse(textOf(record.properties, csProperty.healthBand));
  return parsed.success ? parsed.data : 'unknown';
}

/**
 * One customer company in the book.
 *
 * @example
 * // (contract deals shortened) won at 10,000 in December 2025, its renewal lost on 2026-12-01: churned then, with 10,000 ARR.
 * ((company) => [company.name, company.arr, company.churnedOn, company.churnReason, company.churnedArr])(bookCompany({ id: '2', properties: { name: 'Globex', cs_churn_reason: 'budget' } },
 *   [{ id: '20', kind: 'new_business', won: true, closeDay: parseIsoDate('2025-12-01'), amount: 10000, currency: 'USD', arrBasis: 'amount' }, { id: '21', kind: 'renewal', lost: true, closeDay: parseIsoDate('2026-12-01'), amount: 10000, currency: 'USD', arrBasis: 'amount' }], { asOf: parseIsoDate('2026-12-07'), periods: [{ start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }], currency: 'USD', churnReasonProperty: 'cs_churn_reason' })) // => ['Globex', 0, '2026-12-01', 'budget', 10000]
 * // Its lost renewal the only deal on record: the contract it was due on was in force until then, worth what was put up for renewal (inferred).
 * ((company) => [company.churnedOn, company.churnedArr, company.churnedArrInferred])(bookCompany({ id: '3', properties: { name: 'Initech' } }, [{ id: '31', kind: 'renewal', lost: true, closeDay: parseIsoDate('2026-11-10'), amount: 36000, currency: 'USD', arrBasis: 'amount' }], { asOf: parseIsoDate('2026-12-07'), periods: [], currency: 'USD', churnReasonProperty: 'cs_churn_reason' })) // => ['2026-11-10', 36000, true]
 */
export function bookCompany(
  company: CrmRecord,
  deals: readonly ContractDeal[],
  options: { asOf: Day; periods: readonly Period[]; currency: string; churnReasonProperty: string },
): BookCompany {
  const props = company.properties;
  const currency = currencyOf(deals);
  const now = contractInForce(deals, options.asOf, currency ?? options.currency);
  const customer = customerOn(deals, options.asOf, currency ?? options.currency);
  const churnedOn = churnedSince(deals, options.asOf);
  const churnReason = textOf(props, options.churnReasonProperty);
  const ownerId = textOf(props, 'hubspot_owner_id');
  const score = numberOf(props, csProperty.healthScore);
  const amount = numberOf(props, csProperty.renewalAmount);
  const renewalDay = parseDay(textOf(props, csProperty.renewalDate));
  // The ARR in force as the churn day began, read as the period report reads it: with no contract decided
  // before the loss, the lost renewal itself says what was in force (renewal-period.ts), an inferred figure.
  const churn = churnedOn === null ? null : renewalPeriodDetail(company.id, deals, { start: churnedOn, end: churnedOn }, currency ?? options.currency);
  return {
    id: company.id,
    name: textOf(props, 'name') ?? `Company ${company.id}`,
    ownerId,
    band: bandOf(company),
    healthWritten: textOf(props, csProperty.healthBand) !== null,
    score: score !== null && score >= 0 && score <= 100 ? Math.round(score) : null,
    renewalDate: renewalDay === null ? null : formatDay(renewalDay),
    renewalAmount: amount !== null && amount >= 0 ? amount : null,
    // renewal/renewal.ts's rule, on the date sync wrote; a churned company's contract ended by its loss, not lapsed.
    renewalLapsed: renewalDay !== null && churnedOn === null && contractLapsed(renewalDay, options.asOf, deals.some((deal) => deal.renewal && deal.open)),
    currency,
    customer,
    // One rule with the period report (contract-in-force.ts): a churned company has no contract in force there either.
    arr: now.arr,
    arrInferred: now.inferred,
    churnedOn: churnedOn === null ? null : formatDay(churnedOn),
    churnReason: churnedOn === null ? null : churnReason,
    churnedArr: churn?.period.startArr ?? 0,
    churnedArrInferred: churn !== null && churn.period.startArr > 0 && churn.arrInferred,
    rows: options.periods.map((period) => companyRow(company.id, deals, period, options.currency, { ownerId, churnReason })),
  };
}

// ---- the overview (app page, npm start) --------------------------------------------------------

/** The managers' view of the book (the app page, npm start): the contract's shape, src/app/cards/contract/portfolio.ts. */
export type PortfolioOverview = PortfolioOverviewView;
/** An amount in one currency (never added across currencies). */
export type Money = MoneyView;
type RenewalAtRisk = PortfolioOverview['renewalsAtRisk'][number];
type ChurnedCompany = PortfolioOverview['churned'][number];

export const overviewBandOrder: ReadonlyArray<HealthBand | 'churned'> = ['at_risk', 'attention', 'healthy', 'unknown', 'churned'];

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
 * The managers' view of the book on the as-of day: bands, renewals at risk, churn in the period.
 *
 * @example
 * // (book companies shortened to what the overview reads) Acme renews in 38 days at 30,000 and needs attention; Globex churned in Q4.
 * ((overview) => [overview.customers, overview.arr, overview.renewalsAtRisk.map((renewal) => renewal.companyId), overview.churned.map((company) => [company.name, company.arr])])(portfolioOverview([
 *   { id: '1', name: 'Acme', band: 'attention', healthWritten: true, score: 71, renewalDate: '2027-01-14', renewalAmount: 30000, currency: 'USD', customer: true, arr: 30000, churnedOn: null, churnReason: null, churnedArr: 0 },
 *   { id: '2', name: 'Globex', band: 'unknown', healthWritten: false, score: null, renewalDate: null, renewalAmount: null, currency: 'USD', customer: false, arr: 0, churnedOn: '2026-12-01', churnReason: 'budget', churnedArr: 10000, churnedArrInferred: false },
 * ], { asOf: parseIsoDate('2026-12-07'), churnPeriod: { start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }, reporting: 'USD' })) // => [1, [{ currency: 'USD', amount: 30000 }], ['1'], [['Globex', 10000]]]
 */
export function portfolioOverview(companies: readonly BookCompany[], options: { asOf: Day; churnPeriod: Period; reporting: string; horizonDays?: number }): PortfolioOverview {
  const horizonDays = options.horizonDays ?? 90;
  const bandTotals = new Map<HealthBand | 'churned', { customers: number; arr: Map<string, number> }>(overviewBandOrder.map((band) => [band, { customers: 0, arr: new Map() }]));
  const total = new Map<string, number>();
  const atRiskTotal = new Map<string, number>();
  const renewalsAtRisk: RenewalAtRisk[] = [];
  const churned: ChurnedCompany[] = [];
  let customers = 0;
  let arrInferred = 0;
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
    // A churned band written before the customer came back (a new deal won, a renewal opened)
    // says nothing of its health now: unknown until sync writes it again.
    const band = company.band === 'churned' ? 'unknown' : company.band;
    const line = bandTotals.get(band);
    if (line) {
      line.customers += 1;
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
    const amount = company.renewalAmount ?? (company.arr > 0 ? company.arr : null);
    addMoney(atRiskTotal, company.currency, amount ?? 0);
    renewalsAtRisk.push({ companyId: company.id, name: company.name, band, score: company.score, renewalDate: company.renewalDate, daysToRenewal: day - options.asOf, amount, currency: company.currency, lapsed: company.renewalLapsed });
  }
  renewalsAtRisk.sort((a, b) => (b.amount ?? -1) - (a.amount ?? -1) || a.daysToRenewal - b.daysToRenewal || a.companyId.localeCompare(b.companyId));
  churned.sort((a, b) => b.churnedOn.localeCompare(a.churnedOn) || a.companyId.localeCompare(b.companyId));
  return {
    asOf: formatDay(options.asOf),
    horizonDays,
    customers,
    arr: moneyList(total, options.reporting),
    arrInferred,
    lapsed,
    arrLapsed: moneyList(lapsedArr, options.reporting),
    bands: overviewBandOrder.map((band) => {
      const line = bandTotals.get(band) ?? { customers: 0, arr: new Map<string, number>() };
      return { band, customers: line.customers, arr: moneyList(line.arr, options.reporting) };
    }),
    renewalsAtRisk,
    arrAtRisk: moneyList(atRiskTotal, options.reporting),
    churned,
    neverSynced: companies.length > 0 && !healthWritten,
  };
}

/**
 * The period reports of the book (row i of each company is period i), for all companies or one owner's.
 *
 * @example
 * // owner 7's book in Q4 2026: Acme only (Globex is owner 8's)
 * bookReports([
 *   bookCompany({ id: '1', properties: { name: 'Acme', hubspot_owner_id: '7' } }, [{ id: '11', kind: 'new_business', won: true, closeDay: parseIsoDate('2025-11-15'), amount: 24000, currency: 'USD', arrBasis: 'amount' }, { id: '12', kind: 'renewal', won: true, closeDay: parseIsoDate('2026-11-10'), amount: 30000, currency: 'USD', arrBasis: 'hs_arr' }], { asOf: parseIsoDate('2026-12-07'), periods: [{ start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }], currency: 'USD', churnReasonProperty: 'cs_churn_reason' }),
 *   bookCompany({ id: '2', properties: { name: 'Globex', hubspot_owner_id: '8' } }, [{ id: '20', kind: 'new_business', won: true, closeDay: parseIsoDate('2025-12-01'), amount: 10000, currency: 'USD', arrBasis: 'amount' }, { id: '21', kind: 'renewal', lost: true, closeDay: parseIsoDate('2026-12-01'), amount: 10000, currency: 'USD', arrBasis: 'amount' }], { asOf: parseIsoDate('2026-12-07'), periods: [{ start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }], currency: 'USD', churnReasonProperty: 'cs_churn_reason' }),
 * ], [{ start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }], 'USD', '7').map((report) => report.customers) // => [{ atStart: 1, atEnd: 1, new: 0, churned: 0, underContractAtStart: 1 }]
 */
export function bookReports(companies: readonly BookCompany[], periods: readonly Period[], currency: string, ownerId?: string | null): PeriodReport[] {
  const mine = ownerId === undefined ? companies : companies.filter((company) => company.ownerId === ownerId);
  return periods.map((period, index) =>
    periodReport(
      mine.flatMap((company) => {
        const row = company.rows[index];
        return row === undefined ? [] : [row];
      }),
      period,
      currency,
    ),
  );
}
