import { z } from 'zod';
import { formatDay, parseIsoDate, type Day } from '../parsing/index.ts';
import type { Deal } from '../renewal/deals.ts';
import { churnedSince, renewalStillOpen } from '../renewal/churn.ts';
import { contractLapsed } from '../renewal/renewal.ts';
import { contractDays, countedAmount, foldContract, impliedContract, moneyOf, nextContract, type Contract, type DayDeals, type Entry, type Money } from './contract-in-force.ts';
import { customerOnDays } from './customer.ts';
import { portfolioKpis, type CompanyPeriod, type PortfolioKpis } from './portfolio.ts';

// What one company's deals say about a reporting period: the CompanyPeriod that
// portfolioKpis (DOMAIN.md "Metrics") rolls up, derived from HubSpot deals, not typed in.
//
// Assumption: a deal's amount is the annual contract value (ARR) of what it signs. Only
// contract deals count: renewal deals and new-business deals, as the configuration names
// them (readDeals). Rules, and why:
// - The ARR in force on a day: the contract walked from the contract deals up to it
//   (contract-in-force.ts, the book's rule too): a won renewal restates the contract, won new
//   business or expansion adds to it, a lost renewal ends it (an expansion won after that brings
//   none back: churned, as the card's lifecycle says); a first renewal deal with no decided
//   contract deal before it (a won expansion is not one) implies the contract it renews, in force
//   until it is decided, worth what is up for renewal (its figure inferred: arrInferred). A lost
//   renewal followed by another renewal deal (won, lost or open) is not the last word and reads as
//   open (not churn, issue 19); the customer churns on the last one.
// - Customers at the start and the end (customerAtStart / customerAtEnd): customer.ts
//   customerOn, the book's rule: a contract in force, or none on record at all.
// - Under contract at the start (the churn-rate and GRR/NRR population): a contract is in
//   force before the start day.
// - Due for renewal: a renewal deal closes in the period (open, won or lost). A close date is
//   the only date a deal has, so an early-signed renewal counts in the period it was signed.
//   Or, with no renewal deal closing in the period, the contract lapsed in it (DOMAIN.md: a
//   customer whose contract ended in the period is due, and one with no renewal is not renewed):
//   its end, by the card's rule (the company's contract end property, else the last won contract
//   deal + its term: readCompanyContract, renewal-classification.ts), falls in the period before
//   the as-of day, no renewal deal is open and the customer has not churned (renewal.ts
//   contractLapsed, the card's renewal.lapsed; churn.ts churnedSince) — so no renewal deal was
//   ever decided for it either (a won one rolls the end on, a lost one is churn or followed by
//   another). Due, not renewed, neither lost nor open; not churn (issue 19: a lapse is flagged,
//   not churn): the contract still counts in force, as the walk has it.
// - The renewal's outcome is decided on the last day in the period with a won or lost due
//   renewal: renewed when one is won that day. Churned: that renewal was lost and no contract
//   is in force at the period's end (churn-reason.ts asks for the reason on a lost renewal; a
//   customer won back in the same period did not churn). A renewal still open is due, not
//   renewed and not churned: read a period that is not over as "so far".
// - Amount due for renewal: the ARR in force just before the first due day (so the revenue
//   renewal rate shows upsell or discounting, as DOMAIN.md says it should); the first due
//   day's renewal deals when no contract was in force. Amount renewed: the won renewal.
//   A lapsed contract: the ARR in force just before its end, when the deals say what it is;
//   when they do not (no contract deal with an amount on record: the end came from the company
//   property alone) nothing is guessed: its amount due is 0 and the report counts it apart
//   (lapsedAmountUnknown), so the revenue renewal rate leaves it out.
// - Expansion / contraction: the rise / fall of the ARR from the start to the end of the
//   period, for a customer under contract that did not churn; churned ARR: the start ARR.
// - Garbage: a deal without a close day is ignored; a missing, negative or non-finite amount
//   is 0 (as portfolio.ts); a deal id seen twice is one deal (readDeals keeps one version: if
//   they differ, the won one, then the earliest); input order never matters.
// - Currencies: amounts are not converted. When a deal whose amount feeds the figures is in
//   another currency than the reporting one (a deal without deal_currency_code is in the
//   reporting currency, as config.currency says), the company's amounts are all 0 and
//   otherCurrency is true: it still counts as a customer, but not in the revenue rates,
//   rather than mixing currencies or half-counting a company (which would fake expansion).

/** A reporting period: calendar days, both inclusive. */
export interface Period {
  readonly start: Day;
  readonly end: Day;
}

export interface RenewalPeriod extends CompanyPeriod {
  /** Amounts left out (all 0): a deal that feeds them is in another currency than the reporting one. */
  readonly otherCurrency: boolean;
}

const isoDay = (field: string) =>
  z
    .string({ error: `${field} must be a date written YYYY-MM-DD, like 2026-01-01` })
    .transform((value, ctx) => {
      const day = parseIsoDate(value);
      if (day === null) ctx.addIssue({ code: 'custom', message: `${field} must be a real date written YYYY-MM-DD, like 2026-01-01; got "${value}"` });
      return day ?? 0;
    });

/** A period from outside input ({ start, end } as YYYY-MM-DD), start not after end. */
export const periodSchema = z
  .strictObject({ start: isoDay('start'), end: isoDay('end') })
  .check((ctx) => {
    const { start, end } = ctx.value;
    if (start > end) ctx.issues.push({ code: 'custom', input: ctx.value, path: ['end'], message: `end (${formatDay(end)}) must not be before start (${formatDay(start)})` });
  });

/** Throws a RangeError naming what is wrong unless the period is whole days with start <= end. @example checkPeriod({ start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }).end // => parseIsoDate('2026-12-31') */
export function checkPeriod(period: Period): Period {
  const { start, end } = period;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) throw new RangeError(`A period is whole days; got start ${start}, end ${end}`);
  if (start > end) throw new RangeError(`The period starts (${formatDay(start)}) after it ends (${formatDay(end)})`);
  return period;
}

/** What tells whether a contract lapsed in a period: its end by the card's rule (readCompanyContract), and the day the deals are as of. */
export interface ContractEndAsOf {
  /** The end of the contract in force (readCompanyContract's contractEnd), or null when nothing names one. */
  readonly end: Day | null;
  /** The as-of day: the deals as they stood then (book-as-of.ts), and the day a lapse is judged on. */
  readonly asOf: Day;
}

/** A contract that lapsed in a period, and what was due on it (null when the deals do not say). */
export interface PeriodLapse {
  readonly end: Day;
  readonly due: Money | null;
}

/**
 * Whether a company's contract lapsed in the period (see the rules above: it ended in the period before the as-of
 * day, no renewal deal is open, the customer has not churned), and the ARR in force just before its end, when known.
 *
 * @example
 * // (contract deals shortened) New business of 18,000 won 2025-02-10, nothing since: its contract ended 2026-02-10, lapsed in Q1 2026.
 * lapseInPeriod([{ id: '31', kind: 'new_business', won: true, closeDay: parseIsoDate('2025-02-10'), amount: 18000 }], { end: parseIsoDate('2026-02-10'), asOf: parseIsoDate('2026-12-07') }, { start: parseIsoDate('2026-01-01'), end: parseIsoDate('2026-03-31') }, 'USD')
 * // => { end: parseIsoDate('2026-02-10'), due: { value: 18000, foreign: false } }
 * // Only the company's contract end date on record, no contract deal: lapsed, its amount not known.
 * lapseInPeriod([], { end: parseIsoDate('2026-03-01'), asOf: parseIsoDate('2026-12-07') }, { start: parseIsoDate('2026-01-01'), end: parseIsoDate('2026-03-31') }, 'USD') // => { end: parseIsoDate('2026-03-01'), due: null }
 * // A renewal deal open: not lapsed (the renewal is in motion); an end after the as-of day: not ended yet.
 * lapseInPeriod([{ id: '32', kind: 'renewal', open: true, closeDay: parseIsoDate('2026-05-01'), amount: 18000 }], { end: parseIsoDate('2026-02-10'), asOf: parseIsoDate('2026-12-07') }, { start: parseIsoDate('2026-01-01'), end: parseIsoDate('2026-03-31') }, 'USD') // => null
 * lapseInPeriod([], { end: parseIsoDate('2026-12-20'), asOf: parseIsoDate('2026-12-07') }, { start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }, 'USD') // => null
 */
export function lapseInPeriod(deals: readonly Deal[], contract: ContractEndAsOf, period: Period, currency: string): PeriodLapse | null {
  return lapseWithin(deals, contract, period, () => contractDays(deals, currency));
}

/** lapseInPeriod, the company's contract days gathered by the caller (asked for only when the end falls in the period). */
function lapseWithin(deals: readonly Deal[], contract: ContractEndAsOf, period: Period, contractDaysOf: () => readonly DayDeals[]): PeriodLapse | null {
  const { end, asOf } = contract;
  if (end === null || end < period.start || end > period.end) return null;
  if (!contractLapsed(end, asOf, renewalStillOpen(deals)) || churnedSince(deals, asOf) !== null) return null;
  const walked = contractDaysOf();
  // What was in force as the end day began (the walk), known when the deals give it an amount.
  const before = foldContract(impliedContract(walked), walked.filter(({ day }) => day < end));
  return { end, due: before.active && countedAmount(before.value) > 0 ? { value: before.value, foreign: before.foreign } : null };
}

/** The renewal deals of a day that fall due, and the outcome if any of them is decided. */
function dueRenewals(day: DayDeals): { due: Entry[]; outcome: 'won' | 'lost' | null } {
  const due = day.entries.filter((e) => e.kind === 'renewal');
  const outcome = due.some((e) => e.outcome === 'won') ? 'won' : due.some((e) => e.outcome === 'lost') ? 'lost' : null;
  return { due, outcome };
}

interface Renewal {
  /** What was due, or null when no renewal fell due. */
  readonly due: Money | null;
  readonly outcome: 'won' | 'lost' | null;
  readonly renewed: Money;
  /** The contract in force at the end of the period. */
  readonly atEnd: Contract;
}

/** Walks the period's days: the renewal due, its outcome, and the contract left at the end. */
function renewalIn(inPeriod: readonly DayDeals[], start: Contract): Renewal {
  let contract = start;
  let due: Money | null = null;
  let outcome: 'won' | 'lost' | null = null;
  let renewed: Money = { value: 0, foreign: false };
  for (const day of inPeriod) {
    const today = dueRenewals(day);
    if (due === null && today.due.length > 0) due = contract.active ? contract : moneyOf(today.due);
    if (today.outcome !== null) {
      outcome = today.outcome;
      renewed = moneyOf(today.due.filter((e) => e.outcome === 'won'));
    }
    contract = nextContract(contract, day);
  }
  return { due, outcome, renewed, atEnd: contract };
}

/** One company's renewal, churn and ARR movement in the period, from its deals. @example ((p) => [p.renewed, p.startArr, p.expansion])(renewalPeriod('1', [{ id: '11', kind: 'new_business', won: true, closeDay: parseIsoDate('2025-11-15'), amount: 24000 }, { id: '12', kind: 'renewal', won: true, closeDay: parseIsoDate('2026-11-10'), amount: 30000 }], { start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }, 'USD')) // => [true, 24000, 6000] */
export function renewalPeriod(companyId: string, deals: readonly Deal[], period: Period, currency: string): RenewalPeriod {
  return renewalPeriodDetail(companyId, deals, period, currency).period;
}

/** What a period report needs beyond the KPI inputs: the renewal's outcome and the contract left at the end. */
export interface RenewalPeriodDetail {
  readonly period: RenewalPeriod;
  /** The due renewal's outcome (see the rules above); null when none fell due or it is still open. */
  readonly outcome: 'won' | 'lost' | null;
  /** A customer as the period begins, i.e. as the day before it ends (customer.ts customerOn, the book's rule). */
  readonly customerAtStart: boolean;
  /** A customer on the period's last day (customerOn): a contract in force then, or none on record at all. */
  readonly customerAtEnd: boolean;
  /** Its ARR in the reporting currency (0 when not in force, or when a deal behind it is in another currency). */
  readonly endArr: number;
  /** A deal behind the contract in force at the end is in another currency. */
  readonly endOtherCurrency: boolean;
  /** The start or end ARR rests on the contract a renewal deal implies (contract-in-force.ts): an inferred figure. */
  readonly arrInferred: boolean;
  /** Due because the contract lapsed in the period (lapseInPeriod: it ended with no renewal deal on record); only when the contract's end was given. */
  readonly lapsed: boolean;
  /** That lapsed contract's amount is not known from the deals: its amount due is 0, not a guess. */
  readonly lapsedAmountUnknown: boolean;
}

/**
 * renewalPeriod, with the renewal's outcome and the contract in force at the period's end; given the contract's end
 * (readCompanyContract) and the as-of day, a contract that lapsed in the period is due and not renewed (lapseInPeriod).
 *
 * @example
 * ((d) => [d.outcome, d.customerAtEnd, d.period.churnedArr])(renewalPeriodDetail('2', [{ id: '21', kind: 'renewal', lost: true, closeDay: parseIsoDate('2026-12-01'), amount: 10000 }], { start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }, 'USD')) // => ['lost', false, 10000]
 * // Won at 18,000 on 2025-02-10, no renewal deal since: its contract ended 2026-02-10, due in Q1 2026 and not renewed, still in force (no churn).
 * ((d) => [d.lapsed, d.period.dueForRenewal, d.period.renewed, d.period.amountDue, d.period.churned, d.customerAtEnd])(renewalPeriodDetail('3', [{ id: '31', kind: 'new_business', won: true, closeDay: parseIsoDate('2025-02-10'), amount: 18000 }], { start: parseIsoDate('2026-01-01'), end: parseIsoDate('2026-03-31') }, 'USD', { end: parseIsoDate('2026-02-10'), asOf: parseIsoDate('2026-12-07') }))
 * // => [true, true, false, 18000, false, true]
 */
export function renewalPeriodDetail(companyId: string, deals: readonly Deal[], period: Period, currency: string, contract: ContractEndAsOf | null = null): RenewalPeriodDetail {
  const { start, end } = checkPeriod(period);
  const days = contractDays(deals, currency);
  // The contract in force as the period begins: the walk of contract-in-force.ts, from the contract a first renewal implies.
  const atStart = foldContract(impliedContract(days), days.filter(({ day }) => day < start));
  const inPeriod = days.filter(({ day }) => day >= start && day <= end);
  const renewal = renewalIn(inPeriod, atStart);
  // No renewal deal fell due: did the contract lapse in the period instead?
  const lapse = renewal.due === null && contract !== null ? lapseWithin(deals, contract, period, () => days) : null;
  const due = renewal.due ?? lapse?.due ?? null;
  const underContract = atStart.active;
  const renewed = renewal.outcome === 'won';
  const churned = renewal.outcome === 'lost' && !renewal.atEnd.active;
  const otherCurrency = (underContract && (atStart.foreign || renewal.atEnd.foreign)) || (due?.foreign ?? false) || renewal.renewed.foreign;
  const money = (value: number) => (otherCurrency ? 0 : countedAmount(value));
  const startArr = underContract ? money(atStart.value) : 0;
  const moved = underContract && !churned ? money(renewal.atEnd.value) - startArr : 0;
  const endOtherCurrency = renewal.atEnd.active && renewal.atEnd.foreign;
  const result: RenewalPeriod = {
    companyId,
    underContract,
    dueForRenewal: renewal.due !== null || lapse !== null,
    renewed,
    churned,
    amountDue: money(due?.value ?? 0),
    amountRenewed: renewed ? money(renewal.renewed.value) : 0,
    startArr,
    expansion: countedAmount(moved),
    contraction: countedAmount(-moved),
    churnedArr: underContract && churned ? startArr : 0,
    otherCurrency,
  };
  return {
    period: result,
    outcome: renewal.outcome,
    customerAtStart: customerOnDays(days, start - 1),
    customerAtEnd: customerOnDays(days, end),
    endArr: renewal.atEnd.active && !endOtherCurrency && !otherCurrency ? countedAmount(renewal.atEnd.value) : 0,
    endOtherCurrency,
    arrInferred: (underContract && atStart.inferred) || (renewal.atEnd.active && renewal.atEnd.inferred),
    lapsed: lapse !== null,
    lapsedAmountUnknown: lapse !== null && lapse.due === null,
  };
}

export interface CompanyDeals {
  readonly companyId: string;
  readonly deals: readonly Deal[];
}

/**
 * The portfolio KPIs straight from each company's deals (readDeals), amounts in the reporting
 * currency; `companies` says what each one counted as, so a report can name those left out of
 * the revenue rates (otherCurrency).
 * @example portfolioKpisFromDeals([{ companyId: '1', deals: [{ id: '11', kind: 'new_business', won: true, closeDay: parseIsoDate('2025-11-15'), amount: 24000 }, { id: '12', kind: 'renewal', won: true, closeDay: parseIsoDate('2026-11-10'), amount: 30000 }] }, { companyId: '2', deals: [{ id: '21', kind: 'renewal', lost: true, closeDay: parseIsoDate('2026-12-01'), amount: 10000 }] }], { start: parseIsoDate('2026-10-01'), end: parseIsoDate('2026-12-31') }, 'USD').kpis.netRevenueRetention // => 100 * (30000 / 34000)
 */
export function portfolioKpisFromDeals(companies: readonly CompanyDeals[], period: Period, currency: string): { kpis: PortfolioKpis; companies: RenewalPeriod[] } {
  checkPeriod(period); // also when there are no companies: a wrong period is the caller's error either way
  const periods = companies.map((company) => renewalPeriod(company.companyId, company.deals, period, currency));
  return { kpis: portfolioKpis(periods), companies: periods };
}
