import type { CsConfig } from '../../config/schema.ts';
import { dayZone, type Day } from '../parsing/index.ts';
import { readDealsWithContract, type Deal } from '../renewal/deals.ts';
import { parseNumber } from '../parsing/index.ts';
import type { DealKind } from '../renewal/renewal-classification.ts';
import type { CrmRecord, PropertyValues } from '../card/snapshot.ts';

// A company's deals as the period report reads them: each one's recurring value per year (ARR)
// in the reporting currency, and whether it is a renewal, an expansion or new business.
//
// ARR of a deal: HubSpot's hs_arr when the deal has it ('hs_arr'); else its amount annualised
// by the contract term in months (the deal property renewal.contractTermProperty: amount x 12 /
// term, 'annualised'); else its amount, read as one year's value ('amount').
// Currency: a deal's values are in deal_currency_code (the reporting currency when missing).
// A deal in another currency is converted only when the portal's home currency is the
// reporting one and HubSpot gave amount_in_home_currency (its own rate: home / amount);
// otherwise it stays in its currency and the report leaves its company's amounts out.

export type ArrBasis = 'hs_arr' | 'annualised' | 'amount';

export type ContractKind = DealKind;

/** A deal with its amount replaced by its ARR in `currency` (readDeals' Deal, so renewal-period.ts reads it as is). */
export interface ContractDeal extends Deal {
  readonly kind: ContractKind;
  /** Where the ARR comes from; null when the deal has no amount at all. */
  readonly arrBasis: ArrBasis | null;
  /** The deal's whole amount (not annualised), in `currency`, for lifetime revenue. */
  readonly totalAmount: number | null;
  /** Contract length in months (12 unless the term property says otherwise). */
  readonly termMonths: number;
}

/**
 * The deal properties these rules read, beyond those readDeals reads (createdate: the as-of rule, card/later-data.ts).
 *
 * @example
 * contractDealProperties(defaultConfig).slice(-3) // => ['amount_in_home_currency', 'closed_lost_reason', 'contract_term_months']
 */
export function contractDealProperties(config: CsConfig): string[] {
  return [
    'dealname', 'dealstage', 'dealtype', 'pipeline', 'amount', 'closedate', 'createdate', 'hs_is_closed', 'hs_is_closed_won', 'deal_currency_code',
    'hs_deal_stage_probability', 'hs_arr', 'amount_in_home_currency', 'closed_lost_reason', config.renewal.contractTermProperty,
  ];
}

export interface CurrencyBasis {
  /** The currency the figures are reported in. */
  readonly reporting: string;
  /** The portal's home currency when known (account details), else null. */
  readonly home: string | null;
}

function positive(value: number | null): number | null {
  return value !== null && Number.isFinite(value) && value > 0 ? value : null;
}

/**
 * ARR and its basis from one deal's values, in the deal's own currency.
 *
 * @example
 * arrOf(24_000, 30_000, 24) // => { arr: 30000, basis: 'hs_arr' }
 * arrOf(24_000, null, 24)   // => { arr: 12000, basis: 'annualised' }
 * arrOf(24_000, null, null) // => { arr: 24000, basis: 'amount' }
 * arrOf(null, null, 12)     // => { arr: null, basis: null }
 */
export function arrOf(amount: number | null, hsArr: number | null, termMonths: number | null): { arr: number | null; basis: ArrBasis | null } {
  const arr = positive(hsArr);
  if (arr !== null) return { arr, basis: 'hs_arr' };
  const value = positive(amount);
  if (value === null) return { arr: null, basis: null };
  const term = positive(termMonths);
  if (term !== null && term !== 12) return { arr: (value * 12) / term, basis: 'annualised' };
  return { arr: value, basis: 'amount' };
}

/**
 * A company's deals as contract deals: ARR in the reporting currency where it can be, classified.
 *
 * @example
 * // A 2-year contract of 48,000 is 24,000 ARR; the EUR deal is converted at HubSpot's own rate (9,720 USD for 9,000 EUR).
 * readContractDeals([
 *   { id: '21', properties: { dealname: 'Acme 2-year renewal', dealtype: 'existingbusiness', dealstage: 'closedwon', closedate: '2026-01-15T12:00:00Z', amount: '48000', contract_term_months: '24', deal_currency_code: 'USD' } },
 *   { id: '22', properties: { dealname: 'Acme EU seats', dealtype: 'existingbusiness', dealstage: 'closedwon', closedate: '2026-06-30T12:00:00Z', amount: '9000', deal_currency_code: 'EUR', amount_in_home_currency: '9720' } },
 * ], defaultConfig, { reporting: 'USD', home: 'USD' }).map((deal) => [deal.id, deal.kind, deal.amount, deal.currency, deal.arrBasis, deal.totalAmount, deal.termMonths])
 * // => [['21', 'renewal', 24000, 'USD', 'annualised', 48000, 24], ['22', 'expansion', 9720, 'USD', 'amount', 9720, 12]]
 */
export function readContractDeals(records: readonly CrmRecord[], config: CsConfig, currency: CurrencyBasis, company: PropertyValues = {}): ContractDeal[] {
  return readCompanyContract(records, config, currency, company).deals;
}

/** A company's contract deals and the end of its contract in force. */
export interface CompanyContract {
  readonly deals: ContractDeal[];
  /**
   * The end of the contract in force after the deals, by the card's rule (renewal-classification.ts, read by
   * readDealsWithContract: the company's contract end property, else the last won contract deal + its term), or null
   * when nothing names one. The period report asks of it whether the contract lapsed (renewal-period.ts).
   */
  readonly contractEnd: Day | null;
}

/**
 * readContractDeals, with the contract's end the card reads from the same deals and company.
 *
 * @example
 * // New business won 2025-02-10, no renewal deal since: the 12-month contract ended 2026-02-10.
 * ((read) => [read.deals.map((deal) => [deal.id, deal.kind, deal.amount]), formatDay(read.contractEnd)])(readCompanyContract([
 *   { id: '31', properties: { dealname: 'Initech new business', dealtype: 'newbusiness', dealstage: 'closedwon', closedate: '2025-02-10T12:00:00Z', amount: '18000' } },
 * ], defaultConfig, { reporting: 'USD', home: 'USD' })) // => [[['31', 'new_business', 18000]], '2026-02-10']
 * // The company's contract end date says otherwise: it wins.
 * formatDay(readCompanyContract([], defaultConfig, { reporting: 'USD', home: 'USD' }, { contract_end_date: '2026-03-31' }).contractEnd) // => '2026-03-31'
 */
export function readCompanyContract(records: readonly CrmRecord[], config: CsConfig, currency: CurrencyBasis, company: PropertyValues = {}): CompanyContract {
  // Close days in the portal's time zone; amounts in the home currency where HubSpot converted them (deals.ts).
  // Reporting in another currency than the home one: every amount stays as written, in its deal's currency.
  const home = currency.home === currency.reporting ? currency.home : null;
  // Each deal beside the record it was read from (a deal id sent twice is one deal: the records are not the deals one for one).
  const read = readDealsWithContract(records, config.renewal, config.handoff, company, { zone: dayZone(config.timeZone), currency: home });
  const result: ContractDeal[] = [];
  read.deals.forEach((deal, index) => {
    const record = read.records[index];
    if (record === undefined) return;
    const termMonths = deal.termMonths ?? 12;
    // hs_arr and the amount are in the deal's own currency; HubSpot's conversion (amount / dealAmount) applies to both.
    const { arr, basis } = arrOf(deal.dealAmount, parseNumber(record.properties.hs_arr), termMonths);
    const inReporting = (deal.currency ?? currency.reporting) === currency.reporting;
    const own = positive(deal.dealAmount);
    const converted = positive(deal.amount);
    const rate = !inReporting ? null : own !== null && converted !== null ? converted / own : 1;
    const convert = (value: number | null) => (value === null || rate === null ? value : value * rate);
    result.push({
      ...deal,
      amount: convert(arr),
      currency: inReporting ? currency.reporting : (deal.dealCurrency ?? deal.currency),
      kind: deal.kind,
      arrBasis: basis,
      totalAmount: convert(own),
      termMonths,
    });
  });
  return { deals: result, contractEnd: read.contractEnd };
}
