import type { CsConfig } from '../../config/schema.ts';
import { dayZone, parseZonedDay, type Day, type DayZone } from '../parsing/index.ts';
import { isTrueValue, parseNumber, textValue } from '../parsing/index.ts';
import { classifyDeals, contractTerms, termMonthsOf, type DealBasis, type DealKind } from './renewal-classification.ts';
import type { CrmRecord, PropertyValues } from '../card/snapshot.ts';
import { keySet, type KeySet } from '../parsing/index.ts';

// A deal as the domain reads it: open / won / lost, new business, renewal or expansion
// (renewal-classification.ts), and its close date, amount and progress parsed from HubSpot's
// strings.

export interface Deal {
  readonly id: string;
  readonly name: string | null;
  readonly stage: string | null;
  readonly open: boolean;
  readonly won: boolean;
  readonly lost: boolean;
  readonly kind: DealKind;
  /** kind === 'renewal' */
  readonly renewal: boolean;
  /** kind === 'new_business' */
  readonly newBusiness: boolean;
  /** kind === 'expansion': an upsell or cross-sell on a running contract. */
  readonly expansion: boolean;
  readonly closeDay: Day | null;
  /** In the portal's home currency (amount_in_home_currency) when HubSpot converted it; else the deal's own amount. */
  readonly amount: number | null;
  /** The currency of `amount`: the home currency, or the deal's own when no converted amount exists. */
  readonly currency: string | null;
  /** closed_lost_reason of a lost deal (why it was lost, in the rep's words), or null. */
  readonly lostReason: string | null;
  /** The deal's contract term in months (renewal.contractTermProperty), or null. */
  readonly termMonths: number | null;
  /** The amount and currency the deal itself is written in (deal_currency_code). */
  readonly dealAmount: number | null;
  readonly dealCurrency: string | null;
  /** hs_deal_stage_probability, 0..1, of an open deal (a closed deal's progress means nothing); null when missing or out of range. */
  readonly probability: number | null;
}

/** What a deal's dates and amounts are read against: the portal's time zone and home currency (null: unknown). */
export interface DealPortal {
  readonly zone: DayZone;
  readonly currency: string | null;
}

const unknownPortal: DealPortal = { zone: dayZone('UTC'), currency: null };

/**
 * Every deal of the company, read once and classified; the configured value lists are looked up once per call, not per deal.
 * Close dates are days in the portal's time zone; amounts are in its home currency where HubSpot converted them.
 * @example readDeals([{ id: '1', properties: { closedate: '2027-01-01T01:00:00Z', amount: '9000', deal_currency_code: 'EUR', amount_in_home_currency: '9720' } }], renewal, handoff, {}, { zone: dayZone('America/Los_Angeles'), currency: 'USD' })
 *   // -> closeDay 2026-12-31, amount 9720 USD, dealAmount 9000 EUR
 */
export function readDeals(records: readonly CrmRecord[], renewal: CsConfig['renewal'], handoff: CsConfig['handoff'], company: PropertyValues = {}, portal: DealPortal = unknownPortal): Deal[] {
  return readDealsWithContract(records, renewal, handoff, company, portal).deals;
}

export interface DealsWithContract {
  readonly deals: Deal[];
  /** The record each deal was read from, in the same order (one per deal: a deal id sent twice is read once, oneVersionPerId). */
  readonly records: readonly CrmRecord[];
  /** The end of the contract in force (renewal-classification.ts), or null when nothing names one. */
  readonly contractEnd: Day | null;
  readonly contractEndSource: 'company_property' | 'deals' | null;
}

/**
 * readDeals, with the contract end the classification found.
 *
 * @example
 * // New business won 2026-01-15 starts a 12-month contract ending 2027-01-15; the existing-business deal
 * // closing 5 days before that end is the renewal, the one in June is expansion:
 * ((read) => [read.deals.map((deal) => [deal.id, deal.kind]), formatDay(read.contractEnd), read.contractEndSource])(readDealsWithContract([
 *   { id: '11', properties: { dealname: 'Acme new business', dealtype: 'newbusiness', dealstage: 'closedwon', closedate: '2026-01-15T12:00:00Z', amount: '24000' } },
 *   { id: '12', properties: { dealname: 'Acme renewal 2027', dealtype: 'existingbusiness', dealstage: 'contractsent', closedate: '2027-01-10T12:00:00Z', amount: '26000' } },
 *   { id: '13', properties: { dealname: 'Acme 10 more seats', dealtype: 'existingbusiness', dealstage: 'closedwon', closedate: '2026-06-30T12:00:00Z', amount: '5000' } },
 * ], defaultConfig.renewal, defaultConfig.handoff, {})) // => [[['11', 'new_business'], ['12', 'renewal'], ['13', 'expansion']], '2027-01-15', 'deals']
 * // One deal id sent twice, open and won: one deal, the won version (in either order).
 * readDealsWithContract([
 *   { id: '21', properties: { dealtype: 'existingbusiness', dealstage: 'contractsent', closedate: '2026-12-14T00:00:00Z' } },
 *   { id: '21', properties: { dealtype: 'existingbusiness', dealstage: 'closedwon', closedate: '2026-12-14T00:00:00Z' } },
 * ], defaultConfig.renewal, defaultConfig.handoff, {}).deals.map((deal) => [deal.id, deal.won]) // => [['21', true]]
 */
export function readDealsWithContract(
  records: readonly CrmRecord[],
  renewal: CsConfig['renewal'],
  handoff: CsConfig['handoff'],
  company: PropertyValues,
  portal: DealPortal = unknownPortal,
): DealsWithContract {
  const matchers = matchersOf(renewal, handoff);
  const read: MutableDeal[] = [];
  for (const record of records) read.push(toDeal(record, matchers, portal));
  const kept = oneVersionPerId(read);
  const deals = kept === null ? read : kept.map((index) => read[index] as MutableDeal);
  const readFrom = kept === null ? records : kept.map((index) => records[index] as CrmRecord);
  const { kinds, contractEnd, contractEndSource } = classifyDeals(deals, contractTerms(company, renewal));
  for (let i = 0; i < deals.length; i++) {
    const deal = deals[i] as MutableDeal;
    const kind = kinds[i] ?? 'other';
    deal.kind = kind;
    deal.renewal = kind === 'renewal';
    deal.newBusiness = kind === 'new_business';
    deal.expansion = kind === 'expansion';
  }
  return { deals, records: readFrom, contractEnd, contractEndSource };
}

type MutableDeal = { -readonly [K in keyof Deal]: Deal[K] } & { readonly basis: DealBasis };

/**
 * One version of each deal id. HubSpot never lists a deal twice, but a broken association read or
 * a hand-made export may: two versions of one id would count one deal twice, and which one won
 * would depend on the order the deals came in. The version kept is the won one, then the lost one,
 * then the earliest close day, then the one that differs first in what the rules read (a total
 * order: the same version whatever the order sent; the card and the book's contract walk,
 * portfolio/contract-in-force.ts, read only the version kept); the deals then go in id order. The indexes of the versions
 * kept, or null when every id is distinct (all kept, as they came).
 */
function oneVersionPerId(deals: readonly MutableDeal[]): number[] | null {
  if (!hasRepeatedId(deals)) return null;
  const kept = new Map<string, number>();
  deals.forEach((deal, index) => {
    const known = kept.get(deal.id);
    if (known === undefined || compareVersions(deal, deals[known] as MutableDeal) < 0) kept.set(deal.id, index);
  });
  return [...kept.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, index]) => index);
}

function hasRepeatedId(deals: readonly MutableDeal[]): boolean {
  // A company has a handful of deals: pairwise, without a set, is the cheaper test (the health evaluation reads every company's).
  if (deals.length > 32) return new Set(deals.map((deal) => deal.id)).size < deals.length;
  for (let i = 1; i < deals.length; i++) {
    const id = (deals[i] as MutableDeal).id;
    for (let j = 0; j < i; j++) if ((deals[j] as MutableDeal).id === id) return true;
  }
  return false;
}

const outcomeRank = (deal: MutableDeal): number => (deal.won ? 0 : deal.lost ? 1 : 2);
const basisRank: Readonly<Record<DealBasis, number>> = { renewal: 0, new_business: 1, existing_business: 2, other: 3 };

function compareVersions(a: MutableDeal, b: MutableDeal): number {
  return (
    outcomeRank(a) - outcomeRank(b) ||
    compareNullable(a.closeDay, b.closeDay) ||
    basisRank[a.basis] - basisRank[b.basis] ||
    compareNullable(a.amount, b.amount) ||
    compareNullable(a.dealAmount, b.dealAmount) ||
    compareNullable(a.probability, b.probability) ||
    compareNullable(a.termMonths, b.termMonths) ||
    compareNullable(a.stage, b.stage) ||
    compareNullable(a.name, b.name) ||
    compareNullable(a.currency, b.currency) ||
    compareNullable(a.dealCurrency, b.dealCurrency) ||
    compareNullable(a.lostReason, b.lostReason)
  );
}

/** Ascending, a missing value last. */
function compareNullable<T extends number | string>(a: T | null, b: T | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

interface DealMatchers {
  readonly won: KeySet;
  readonly lost: KeySet;
  readonly renewalTypes: KeySet;
  readonly renewalPipelines: KeySet;
  readonly existingTypes: KeySet;
  readonly newBusinessTypes: KeySet;
  readonly termProperty: string;
}

/** The matchers of each renewal configuration (with the handoff configuration they were built with): a sync reads every company's deals against the same two. */
const matchersByConfig = new WeakMap<CsConfig['renewal'], DealMatchers & { readonly handoff: CsConfig['handoff'] }>();

function matchersOf(renewal: CsConfig['renewal'], handoff: CsConfig['handoff']): DealMatchers {
  const known = matchersByConfig.get(renewal);
  if (known !== undefined && known.handoff === handoff) return known;
  const matchers = {
    won: keySet(renewal.wonStages),
    lost: keySet(renewal.lostStages),
    renewalTypes: keySet(renewal.dealTypes),
    renewalPipelines: keySet(renewal.pipelines),
    existingTypes: keySet(renewal.existingBusinessDealTypes),
    newBusinessTypes: keySet(handoff.newBusinessDealTypes),
    termProperty: renewal.contractTermProperty,
    handoff,
  };
  matchersByConfig.set(renewal, matchers);
  return matchers;
}

function toDeal(record: CrmRecord, matchers: DealMatchers, portal: DealPortal): MutableDeal {
  const { won: wonStages, lost: lostStages } = matchers;
  const props = record.properties;
  const stage = textValue(props.dealstage);
  const type = textValue(props.dealtype);
  const won = wonStages.has(stage) || isTrueValue(props.hs_is_closed_won);
  const lost = !won && (lostStages.has(stage) || isTrueValue(props.hs_is_closed));
  const open = !won && !lost;
  const probability = open ? parseNumber(props.hs_deal_stage_probability) : null;
  const dealAmount = parseNumber(props.amount);
  const dealCurrency = textValue(props.deal_currency_code)?.toUpperCase() ?? null;
  // HubSpot's own conversion, used only when the home currency is known (else amounts stay as written).
  const homeAmount = portal.currency === null ? null : parseNumber(props.amount_in_home_currency);
  const inHome = homeAmount !== null || dealCurrency === null || dealCurrency === portal.currency;
  return {
    id: record.id,
    name: textValue(props.dealname),
    stage,
    open,
    won,
    lost,
    basis: dealBasis(type, textValue(props.pipeline), matchers),
    kind: 'other',
    renewal: false,
    newBusiness: false,
    expansion: false,
    closeDay: parseZonedDay(props.closedate, portal.zone),
    amount: homeAmount ?? dealAmount,
    currency: inHome ? (portal.currency ?? dealCurrency) : dealCurrency,
    dealAmount,
    dealCurrency,
    termMonths: termMonthsOf(parseNumber(props[matchers.termProperty])),
    lostReason: lost ? textValue(props.closed_lost_reason) : null,
    probability: probability !== null && probability >= 0 && probability <= 1 ? probability : null,
  };
}

function dealBasis(type: string | null, pipeline: string | null, matchers: DealMatchers): DealBasis {
  if (matchers.renewalTypes.has(type) || (matchers.renewalPipelines.size > 0 && matchers.renewalPipelines.has(pipeline))) return 'renewal';
  if (matchers.newBusinessTypes.has(type)) return 'new_business';
  return matchers.existingTypes.has(type) ? 'existing_business' : 'other';
}
