import type { Day } from '../parsing/index.ts';
import type { Deal } from '../renewal/deals.ts';
import { lossIsLastWord } from '../renewal/churn.ts';
import { signsContract, type DealKind } from '../renewal/renewal-classification.ts';

// The contract in force on a day, walked from a company's contract deals (renewal, new-business
// and expansion deals as readDeals names them, renewal-classification.ts). The book's ARR in force
// (portfolio-book.ts) and every period report's start and end (renewal-period.ts) read it here, so
// they never read the same deals two ways.
//
// - The walk, a day at a time (deals on the same day are one decision, so split deals add up):
//   a won renewal restates the contract (ARR = what it signed); a won new-business deal adds to
//   it (or starts one); a lost renewal ends it. A lost new-business deal ends nothing (a prospect
//   said no). On one day a won renewal beats a lost one, and new business won on the day of a
//   loss is a new contract. An open deal decides nothing: a renewal still open past its close day
//   (overdue) neither renews nor ends the contract. A lost renewal is not the last word (issue 19
//   "Outcomes"; the rule's one home is renewal/churn.ts lossIsLastWord, which the card's
//   churnedSince reads too): a loss that is not the last word reads as open, so the contract it
//   was due on stays in force, as with any overdue renewal, and a customer churns on the last
//   lost renewal, the day churnedSince names.
// - Expansion (an upsell or cross-sell, issue 19 "Renewal vs expansion") is never a renewal and
//   never signs a contract (renewal-classification.ts signsContract, the churn rule of the card's
//   lifecycle too, renewal/churn.ts): a won expansion adds to the contract in force. After
//   a lost renewal ended the contract it brings none back — the customer churned on the loss and
//   stays churned until new business or a renewal is won (Contract.ended). With no contract on
//   record at all it starts one worth what it sold (an upsell is sold on a running contract; its
//   amount is all that is known of it).
// - The contract a renewal implies (impliedContract): a company's first renewal deal with no
//   decided contract deal before its close day (no won new business, no won or lost renewal on an
//   earlier day; a won expansion decides nothing: it is not the contract) is the renewal of a
//   contract running until that day — a renewal can only fall due on a running contract, and
//   renewal-classification.ts reads the same deal the same way ("the renewal of a contract ending
//   on its close day"); HubSpot often holds only the renewal deals. That contract is in force
//   from the start of the walk, worth what is up for renewal (the renewal deals of that first day)
//   when it falls due, until the renewal is decided, as any contract is. Expansion won before that
//   day was sold on that contract and is renewed with it: the walk adds it on its day, so the
//   contract starts worth what is up for renewal less that expansion (never below 0), and is
//   worth what is up for renewal when it falls due (no made-up contraction at the renewal). Its
//   figure is *inferred* (ContractInForce.inferred) until a won renewal restates it: the pages
//   and reports say so. When that contract started is not on record: as of a past day, the book
//   only knows the deals created by then (book-as-of.ts), so a renewal deal created later
//   implies nothing then.
// - Garbage: a deal without a close day is ignored; a missing, negative or non-finite amount is 0;
//   input order never matters. A deal id sent twice is one deal before the walk: the deals are
//   readDeals' (renewal/deals.ts oneVersionPerId keeps one version per id), as the card's are.
// - Currencies: amounts are not converted; a deal in another currency than the reporting one
//   (none: the reporting one) marks the money that adds it up as foreign.

/** An amount, and whether any deal it adds up is in another currency than the reporting one. */
export interface Money {
  readonly value: number;
  readonly foreign: boolean;
}

/** The contract in force during the walk. */
export interface Contract extends Money {
  readonly active: boolean;
  /** Its value rests on the contract a renewal deal implies (see above), not restated by a won renewal since. */
  readonly inferred: boolean;
  /** Not active because a lost renewal ended it and no contract was signed since: an expansion brings none back. */
  readonly ended: boolean;
}

/** A contract deal as the walk reads it. */
export interface Entry {
  readonly id: string;
  readonly day: Day;
  /** renewal-classification.ts DealKind; an expansion (upsell or cross-sell) is never a renewal and signs no contract (signsContract). */
  readonly kind: Exclude<DealKind, 'other'>;
  readonly outcome: 'won' | 'lost' | 'open';
  readonly amount: number;
  readonly foreign: boolean;
}

/** The contract deals closed on one day. */
export interface DayDeals {
  readonly day: Day;
  readonly entries: readonly Entry[];
}

export const noContract: Contract = { active: false, value: 0, foreign: false, inferred: false, ended: false };

/**
 * An amount as the figures count it: missing, negative or non-finite is 0.
 *
 * @example
 * countedAmount(-500) // => 0
 * countedAmount(1200) // => 1200
 */
export function countedAmount(value: number | null): number {
  return value !== null && Number.isFinite(value) && value > 0 ? value : 0;
}

const isRenewal = (e: Entry): boolean => e.kind === 'renewal';
const isLostRenewal = (e: Entry): boolean => e.kind === 'renewal' && e.outcome === 'lost';
const isWon = (kind: Entry['kind']) => (e: Entry): boolean => e.kind === kind && e.outcome === 'won';
const isWonRenewal = isWon('renewal');
const isWonNew = isWon('new_business');
const isWonExpansion = isWon('expansion');

/** Id order, so a day's deals come in the same order whatever the input order (ids are distinct: readDeals' deals). */
function byId(a: Entry, b: Entry): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The contract deals grouped by close day, in day order; a lost renewal that is not the last word (renewal/churn.ts
 * lossIsLastWord) reads as open. The deals are readDeals' (one per id: a deal id sent twice was read as one deal).
 *
 * @example
 * // (deals shortened to what the walk reads) the upsell without a close day is ignored.
 * contractDays([{ id: '2', kind: 'renewal', won: true, closeDay: 20, amount: 70 }, { id: '1', kind: 'new_business', won: true, closeDay: 10, amount: 50 }, { id: '3', kind: 'expansion', won: true, closeDay: null, amount: 9 }], 'USD')
 * // => [{ day: 10, entries: [{ id: '1', day: 10, kind: 'new_business', outcome: 'won', amount: 50, foreign: false }] }, { day: 20, entries: [{ id: '2', day: 20, kind: 'renewal', outcome: 'won', amount: 70, foreign: false }] }]
 * // A renewal lost on day 20, then another lost on day 40: the first was not the last word, it reads as open.
 * contractDays([{ id: '1', kind: 'renewal', lost: true, closeDay: 20, amount: 70 }, { id: '2', kind: 'renewal', lost: true, closeDay: 40, amount: 60 }], 'USD').map((d) => d.entries[0].outcome) // => ['open', 'lost']
 */
export function contractDays(deals: readonly Deal[], currency: string): DayDeals[] {
  const entries: Entry[] = [];
  for (const deal of deals) {
    const { kind } = deal;
    if (deal.closeDay === null || kind === 'other') continue;
    entries.push({
      id: deal.id,
      day: deal.closeDay,
      kind,
      outcome: deal.won ? 'won' : deal.lost ? 'lost' : 'open',
      amount: countedAmount(deal.amount),
      foreign: (deal.currency ?? currency) !== currency,
    });
  }
  entries.sort(byId);
  const byDay = new Map<Day, Entry[]>();
  for (const entry of entries) {
    const group = byDay.get(entry.day);
    if (group === undefined) byDay.set(entry.day, [entry]);
    else group.push(entry);
  }
  const days = [...byDay.entries()].sort(([a], [b]) => a - b).map(([day, group]) => ({ day, entries: group }));
  // A day's lost renewal (no renewal won that day: that outranks it anyway) that is not the last word decides nothing yet.
  for (let i = 0; i < days.length; i++) {
    const today = days[i];
    if (today === undefined || !today.entries.some(isLostRenewal) || today.entries.some(isWonRenewal)) continue;
    if (lossIsLastWord(deals, today.day)) continue;
    days[i] = { day: today.day, entries: today.entries.map((e): Entry => (isLostRenewal(e) ? { ...e, outcome: 'open' } : e)) };
  }
  return days;
}

/**
 * The entries' amounts added up.
 *
 * @example
 * moneyOf([{ id: '1', day: 1, kind: 'renewal', outcome: 'won', amount: 70, foreign: false }, { id: '2', day: 1, kind: 'renewal', outcome: 'won', amount: 50, foreign: true }]) // => { value: 120, foreign: true }
 */
export function moneyOf(entries: readonly Entry[]): Money {
  let value = 0;
  let foreign = false;
  for (const entry of entries) {
    value += entry.amount;
    foreign ||= entry.foreign;
  }
  return { value, foreign };
}

/** A day's decision: won new business, or a won or lost renewal (an open deal, a lost new-business deal and an expansion decide nothing). */
function decides(day: DayDeals): boolean {
  return day.entries.some((e) => (e.outcome === 'won' && signsContract(e.kind)) || isLostRenewal(e));
}

/**
 * The contract after one day's decisions (see the walk above).
 *
 * @example
 * // 100 in force; that day a renewal is won at 90 and new business at 20: 110, restated, no longer inferred.
 * nextContract({ active: true, value: 100, foreign: false, inferred: true, ended: false }, { day: 5, entries: [{ id: '1', day: 5, kind: 'renewal', outcome: 'won', amount: 90, foreign: false }, { id: '2', day: 5, kind: 'new_business', outcome: 'won', amount: 20, foreign: false }] })
 * // => { active: true, value: 110, foreign: false, inferred: false, ended: false }
 * // A lost renewal ends it.
 * nextContract({ active: true, value: 100, foreign: false, inferred: false, ended: false }, { day: 5, entries: [{ id: '1', day: 5, kind: 'renewal', outcome: 'lost', amount: 100, foreign: false }] })
 * // => { active: false, value: 0, foreign: false, inferred: false, ended: true }
 * // An expansion won after that brings no contract back.
 * nextContract({ active: false, value: 0, foreign: false, inferred: false, ended: true }, { day: 9, entries: [{ id: '3', day: 9, kind: 'expansion', outcome: 'won', amount: 5, foreign: false }] }).active // => false
 */
export function nextContract(contract: Contract, { entries: day }: DayDeals): Contract {
  const wonRenewals = day.filter(isWonRenewal);
  const wonNew = day.filter(isWonNew);
  const wonExpansion = day.filter(isWonExpansion);
  if (wonRenewals.length > 0) {
    const signed = moneyOf([...wonRenewals, ...wonNew, ...wonExpansion]);
    return { active: true, inferred: false, ended: false, ...signed };
  }
  const lost = day.some(isLostRenewal);
  // A lost renewal ends the contract; new business signed that day starts the next one (with that day's expansion).
  if (lost) return wonNew.length > 0 ? { active: true, inferred: false, ended: false, ...moneyOf([...wonNew, ...wonExpansion]) } : { ...noContract, ended: true };
  if (wonNew.length === 0 && (wonExpansion.length === 0 || (!contract.active && contract.ended))) return contract;
  const added = moneyOf([...wonNew, ...wonExpansion]);
  if (!contract.active) return { active: true, inferred: false, ended: false, ...added };
  return { active: true, inferred: contract.inferred, ended: false, value: contract.value + added.value, foreign: contract.foreign || added.foreign };
}

/**
 * Where the walk starts: the contract the first renewal deal implies when no decided contract deal comes before its
 * close day (inferred, worth the renewal deals of that day once the won expansion before it is added), else no contract.
 *
 * @example
 * // Only an open renewal of 30,000 closing on day 400: a contract of 30,000 runs until then.
 * impliedContract(contractDays([{ id: '1', kind: 'renewal', closeDay: 400, amount: 30000 }], 'USD')) // => { active: true, value: 30000, foreign: false, inferred: true, ended: false }
 * // An upsell of 5,000 won on day 200 before it: sold on that contract, so it started at 25,000 (the walk adds the 5,000 on day 200).
 * impliedContract(contractDays([{ id: '0', kind: 'expansion', won: true, closeDay: 200, amount: 5000 }, { id: '1', kind: 'renewal', closeDay: 400, amount: 30000 }], 'USD')).value // => 25000
 * // New business won before it: that is the contract, the renewal implies nothing.
 * impliedContract(contractDays([{ id: '1', kind: 'new_business', won: true, closeDay: 35, amount: 24000 }, { id: '2', kind: 'renewal', closeDay: 400, amount: 30000 }], 'USD')).active // => false
 */
export function impliedContract(days: readonly DayDeals[]): Contract {
  const expansion: Entry[] = [];
  for (const day of days) {
    const renewals = day.entries.filter(isRenewal);
    if (renewals.length > 0) {
      const due = moneyOf(renewals);
      const sold = moneyOf(expansion);
      return { active: true, inferred: true, ended: false, value: Math.max(due.value - sold.value, 0), foreign: due.foreign || sold.foreign };
    }
    if (decides(day)) return noContract;
    for (const entry of day.entries) if (isWonExpansion(entry)) expansion.push(entry);
  }
  return noContract;
}

/**
 * The contract after the walk over `days` from `start`.
 *
 * @example
 * foldContract(noContract, [{ day: 5, entries: [{ id: '1', day: 5, kind: 'new_business', outcome: 'won', amount: 20, foreign: false }] }]) // => { active: true, value: 20, foreign: false, inferred: false, ended: false }
 */
export function foldContract(start: Contract, days: readonly DayDeals[]): Contract {
  let current = start;
  for (const day of days) current = nextContract(current, day);
  return current;
}

/** The contract in force as a day ends, as the book and the period reports show it. */
export interface ContractInForce {
  readonly inForce: boolean;
  /** Its ARR in the reporting currency; 0 when not in force or when a deal behind it is in another currency. */
  readonly arr: number;
  /** A deal behind it is in another currency. */
  readonly otherCurrency: boolean;
  /** Its ARR rests on the contract a renewal deal implies (impliedContract), not restated by a won renewal since. */
  readonly inferred: boolean;
}

/**
 * The contract in force as `day` ends, from a company's contract deals (deals after the day count as not there yet).
 *
 * @example
 * // (deals shortened) Only an open renewal of 30,000, due 2027-01-14: in force, inferred.
 * contractInForce([{ id: '1', kind: 'renewal', closeDay: parseIsoDate('2027-01-14'), amount: 30000, currency: 'USD' }], parseIsoDate('2026-12-07'), 'USD')
 * // => { inForce: true, arr: 30000, otherCurrency: false, inferred: true }
 * // Still open a month after its close day: still in force (overdue), still inferred.
 * contractInForce([{ id: '1', kind: 'renewal', closeDay: parseIsoDate('2026-11-01'), amount: 30000, currency: 'USD' }], parseIsoDate('2026-12-07'), 'USD').inferred // => true
 * // Won new business on record before it: the book reads that contract, nothing inferred.
 * contractInForce([{ id: '0', kind: 'new_business', won: true, closeDay: parseIsoDate('2026-01-14'), amount: 24000, currency: 'USD' }, { id: '1', kind: 'renewal', closeDay: parseIsoDate('2027-01-14'), amount: 30000, currency: 'USD' }], parseIsoDate('2026-12-07'), 'USD')
 * // => { inForce: true, arr: 24000, otherCurrency: false, inferred: false }
 * // The renewal won: its signed amount, nothing inferred; lost: nothing in force.
 * contractInForce([{ id: '1', kind: 'renewal', won: true, closeDay: parseIsoDate('2026-11-10'), amount: 32000, currency: 'USD' }], parseIsoDate('2026-12-07'), 'USD') // => { inForce: true, arr: 32000, otherCurrency: false, inferred: false }
 * contractInForce([{ id: '1', kind: 'renewal', lost: true, closeDay: parseIsoDate('2026-11-10'), amount: 32000, currency: 'USD' }], parseIsoDate('2026-12-07'), 'USD').inForce // => false
 */
export function contractInForce(deals: readonly Deal[], day: Day, currency: string): ContractInForce {
  const days = contractDays(deals, currency);
  const contract = foldContract(impliedContract(days), days.filter((d) => d.day <= day));
  return {
    inForce: contract.active,
    arr: contract.active && !contract.foreign ? countedAmount(contract.value) : 0,
    otherCurrency: contract.active && contract.foreign,
    inferred: contract.active && contract.inferred,
  };
}
