import { churnStateProperties, csProperty } from '../property-names.ts';
import type { CsConfig } from '../../config/schema.ts';
import type { CompanyContract, ContractDeal } from './contract-deals.ts';
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

// The managers' book of customers: each customer company as the synced cs_* properties and its
// contract deals describe it on the as-of day (health, renewal, the ARR in force and its currency,
// churn), plus its rows of the period reports asked for. A past as-of day: the company and its deals
// come taken back to it (book-as-of.ts); health and the renewal date are the values sync last wrote. The app page, the `npm start` summary and
// `cs-card report` all read it, so they never disagree; portfolio-overview.ts is the managers' view of it.
//
// - ARR in force: the contract in force as the as-of day ends (contract-in-force.ts, the period
//   report's rule too), in the company's currency (its latest won contract deal's; the reporting
//   currency once converted). Companies are never added up across currencies: totals are per
//   currency. A company whose only figure is an open renewal deal (no decided contract deal before
//   it) has the contract that renewal renews in force, worth what is up for renewal: inferred, and
//   the overview counts such companies (arrInferred) so the page and the summary say so. A customer
//   whose deals give no ARR (no contract deal on record, deals without an amount, or in two
//   currencies) has an unknown ARR (arrUnknown): counted apart per band, never summed as a known 0.
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
//   overdue or within the horizon; ordered by their amount (cs_renewal_amount, else the ARR in
//   force: amountSource says which), largest first, then the soonest. One with neither, or with
//   no currency to put it in, is counted apart (atRiskAmountUnknown), not added as 0.
// - A lapsed contract (issue 19 "Outcomes": it ended with no renewal deal on record, the card's
//   renewal.lapsed, renewal/renewal.ts): the renewal date sync wrote is in the past and no open renewal
//   deal is on record. The contract still counts in force (no lost renewal ended it: it is the walk's
//   rule) and the company as a customer, and its date reads as an overdue renewal: the overview marks
//   it (a renewal at risk's `lapsed`) and counts such customers and their ARR (lapsed, arrLapsed), so
//   the page and the summary say that no renewal is in motion instead of showing an overdue one.
//   The period reports ask the same rule (contractLapsed) of the contract's end the card reads (the
//   company's contract end property, else the last won contract deal + its term: readCompanyContract)
//   and count a contract that lapsed in the period as due and not renewed (renewal-period.ts).

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
  /** A customer whose ARR is not known: no contract in force with an amount in its currency (none on record, deals without an amount, or in two currencies); `arr` is then 0 but means nothing. */
  readonly arrUnknown: boolean;
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
 *   { contractEnd: parseIsoDate('2026-12-01'), deals: [{ id: '20', kind: 'new_business', won: true, closeDay: parseIsoDate('2025-12-01'), amount: 10000, currency: 'USD', arrBasis: 'amount' }, { id: '21', kind: 'renewal', lost: true, closeDay: parseIsoDate('2026-12-01'), amount: 10000, currency: 'USD', arrBasis: 'amount' }] }, { asOf: parseIsoDate('2026-12-07'), periods: [{ start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }], currency: 'USD', churnReasonProperty: 'cs_churn_reason' })) // => ['Globex', 0, '2026-12-01', 'budget', 10000]
 * // Its lost renewal the only deal on record: the contract it was due on was in force until then, worth what was put up for renewal (inferred).
 * ((company) => [company.churnedOn, company.churnedArr, company.churnedArrInferred])(bookCompany({ id: '3', properties: { name: 'Initech' } }, { contractEnd: null, deals: [{ id: '31', kind: 'renewal', lost: true, closeDay: parseIsoDate('2026-11-10'), amount: 36000, currency: 'USD', arrBasis: 'amount' }] }, { asOf: parseIsoDate('2026-12-07'), periods: [], currency: 'USD', churnReasonProperty: 'cs_churn_reason' })) // => ['2026-11-10', 36000, true]
 */
export function bookCompany(
  company: CrmRecord,
  contract: CompanyContract,
  options: { asOf: Day; periods: readonly Period[]; currency: string; churnReasonProperty: string },
): BookCompany {
  const { deals, contractEnd } = contract;
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
    // A customer's 0 is not a known ARR: no contract on record (customer by HubSpot's stage), or one whose deals give no
    // amount in its currency. A company that is not a customer (its contract ended) has none in force: a known 0.
    arrUnknown: customer && !(now.inForce && !now.otherCurrency && now.arr > 0),
    churnedOn: churnedOn === null ? null : formatDay(churnedOn),
    churnReason: churnedOn === null ? null : churnReason,
    churnedArr: churn?.period.startArr ?? 0,
    churnedArrInferred: churn !== null && churn.period.startArr > 0 && churn.arrInferred,
    // A contract that lapsed in a period is due there (renewal-period.ts): its end by the card's rule, as of the book's day.
    rows: options.periods.map((period) => companyRow(company.id, deals, period, options.currency, { ownerId, churnReason, contract: { end: contractEnd, asOf: options.asOf } })),
  };
}

/**
 * The period reports of the book (row i of each company is period i), for all companies or one owner's (ownerId; null: the
 * companies without one), as of `asOf`, the day the book was read on (period-report.ts periodReport: a period running past it
 * was watched up to it).
 *
 * @example
 * // owner 7's book in Q4 2026: Acme only (Globex is owner 8's)
 * bookReports([
 *   bookCompany({ id: '1', properties: { name: 'Acme', hubspot_owner_id: '7' } }, { contractEnd: parseIsoDate('2027-11-15'), deals: [{ id: '11', kind: 'new_business', won: true, closeDay: parseIsoDate('2025-11-15'), amount: 24000, currency: 'USD', arrBasis: 'amount' }, { id: '12', kind: 'renewal', won: true, closeDay: parseIsoDate('2026-11-10'), amount: 30000, currency: 'USD', arrBasis: 'hs_arr' }] }, { asOf: parseIsoDate('2026-12-07'), periods: [{ start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }], currency: 'USD', churnReasonProperty: 'cs_churn_reason' }),
 *   bookCompany({ id: '2', properties: { name: 'Globex', hubspot_owner_id: '8' } }, { contractEnd: parseIsoDate('2026-12-01'), deals: [{ id: '20', kind: 'new_business', won: true, closeDay: parseIsoDate('2025-12-01'), amount: 10000, currency: 'USD', arrBasis: 'amount' }, { id: '21', kind: 'renewal', lost: true, closeDay: parseIsoDate('2026-12-01'), amount: 10000, currency: 'USD', arrBasis: 'amount' }] }, { asOf: parseIsoDate('2026-12-07'), periods: [{ start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }], currency: 'USD', churnReasonProperty: 'cs_churn_reason' }),
 * ], [{ start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }], 'USD', { ownerId: '7', asOf: parseIsoDate('2026-12-07') }).map((report) => report.customers) // => [{ atStart: 1, atEnd: 1, new: 0, churned: 0, underContractAtStart: 1 }]
 */
export function bookReports(companies: readonly BookCompany[], periods: readonly Period[], currency: string, scope: { readonly ownerId?: string | null; readonly asOf?: Day } = {}): PeriodReport[] {
  const { ownerId } = scope;
  const mine = ownerId === undefined ? companies : companies.filter((company) => company.ownerId === ownerId);
  return periods.map((period, index) =>
    periodReport(
      mine.flatMap((company) => {
        const row = company.rows[index];
        return row === undefined ? [] : [row];
      }),
      period,
      currency,
      scope.asOf ?? null,
    ),
  );
}
