import type { CsConfig } from '../config/schema.ts';
import { parseDay, type Day } from './dates.ts';
import { isTrueValue, parseNumber, textValue } from './property-values.ts';
import { classifyDeals, contractTerms, termMonthsOf, type DealBasis, type DealKind } from './renewal-classification.ts';
import type { CrmRecord, PropertyValues } from './snapshot.ts';
import { keySet, type KeySet } from './value-sets.ts';

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
  readonly amount: number | null;
  readonly currency: string | null;
  /** The deal's contract term in months (renewal.contractTermProperty), or null. */
  readonly termMonths: number | null;
  /** hs_deal_stage_probability, 0..1, of an open deal (a closed deal's progress means nothing); null when missing or out of range. */
  readonly probability: number | null;
}

/** Every deal of the company, read once and classified; the configured value lists are looked up once per call, not per deal. */
export function readDeals(records: readonly CrmRecord[], renewal: CsConfig['renewal'], handoff: CsConfig['handoff'], company: PropertyValues = {}): Deal[] {
  return readDealsWithContract(records, renewal, handoff, company).deals;
}

export interface DealsWithContract {
  readonly deals: Deal[];
  /** The end of the contract in force (renewal-classification.ts), or null when nothing names one. */
  readonly contractEnd: Day | null;
  readonly contractEndSource: 'company_property' | 'deals' | null;
}

/** readDeals, with the contract end the classification found. */
export function readDealsWithContract(records: readonly CrmRecord[], renewal: CsConfig['renewal'], handoff: CsConfig['handoff'], company: PropertyValues): DealsWithContract {
  const matchers: DealMatchers = {
    won: keySet(renewal.wonStages),
    lost: keySet(renewal.lostStages),
    renewalTypes: keySet(renewal.dealTypes),
    renewalPipelines: keySet(renewal.pipelines),
    existingTypes: keySet(renewal.existingBusinessDealTypes),
    newBusinessTypes: keySet(handoff.newBusinessDealTypes),
    termProperty: renewal.contractTermProperty,
  };
  const deals: MutableDeal[] = [];
  for (const record of records) deals.push(toDeal(record, matchers));
  const { kinds, contractEnd, contractEndSource } = classifyDeals(deals, contractTerms(company, renewal));
  for (let i = 0; i < deals.length; i++) {
    const deal = deals[i] as MutableDeal;
    const kind = kinds[i] ?? 'other';
    deal.kind = kind;
    deal.renewal = kind === 'renewal';
    deal.newBusiness = kind === 'new_business';
    deal.expansion = kind === 'expansion';
  }
  return { deals, contractEnd, contractEndSource };
}

type MutableDeal = { -readonly [K in keyof Deal]: Deal[K] } & { readonly basis: DealBasis };

interface DealMatchers {
  readonly won: KeySet;
  readonly lost: KeySet;
  readonly renewalTypes: KeySet;
  readonly renewalPipelines: KeySet;
  readonly existingTypes: KeySet;
  readonly newBusinessTypes: KeySet;
  readonly termProperty: string;
}

function toDeal(record: CrmRecord, matchers: DealMatchers): MutableDeal {
  const { won: wonStages, lost: lostStages } = matchers;
  const props = record.properties;
  const stage = textValue(props.dealstage);
  const type = textValue(props.dealtype);
  const won = wonStages.has(stage) || isTrueValue(props.hs_is_closed_won);
  const lost = !won && (lostStages.has(stage) || isTrueValue(props.hs_is_closed));
  const open = !won && !lost;
  const probability = open ? parseNumber(props.hs_deal_stage_probability) : null;
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
    closeDay: parseDay(props.closedate),
    amount: parseNumber(props.amount),
    currency: textValue(props.deal_currency_code)?.toUpperCase() ?? null,
    termMonths: termMonthsOf(parseNumber(props[matchers.termProperty])),
    probability: probability !== null && probability >= 0 && probability <= 1 ? probability : null,
  };
}

function dealBasis(type: string | null, pipeline: string | null, matchers: DealMatchers): DealBasis {
  if (matchers.renewalTypes.has(type) || (matchers.renewalPipelines.size > 0 && matchers.renewalPipelines.has(pipeline))) return 'renewal';
  if (matchers.newBusinessTypes.has(type)) return 'new_business';
  return matchers.existingTypes.has(type) ? 'existing_business' : 'other';
}
