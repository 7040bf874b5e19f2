import type { CsConfig } from '../config/schema.ts';
import { parseDay, type Day } from './dates.ts';
import { isTrueValue, parseNumber, textValue } from './property-values.ts';
import type { CrmRecord } from './snapshot.ts';
import { keySet, type KeySet } from './value-sets.ts';

// A deal as the domain reads it: open / won / lost, renewal or new business, and its
// close date, amount and progress parsed from HubSpot's strings.

export interface Deal {
  readonly id: string;
  readonly name: string | null;
  readonly stage: string | null;
  readonly open: boolean;
  readonly won: boolean;
  readonly lost: boolean;
  readonly renewal: boolean;
  readonly newBusiness: boolean;
  readonly closeDay: Day | null;
  readonly amount: number | null;
  readonly currency: string | null;
  /** hs_deal_stage_probability, 0..1, of an open deal (a closed deal's progress means nothing); null when missing or out of range. */
  readonly probability: number | null;
}

/** Every deal of the company, read once; the configured value lists are looked up once per call, not per deal. */
export function readDeals(records: readonly CrmRecord[], renewal: CsConfig['renewal'], handoff: CsConfig['handoff']): Deal[] {
  const matchers: DealMatchers = {
    won: keySet(renewal.wonStages),
    lost: keySet(renewal.lostStages),
    renewalTypes: keySet(renewal.dealTypes),
    renewalPipelines: keySet(renewal.pipelines),
    newBusinessTypes: keySet(handoff.newBusinessDealTypes),
  };
  const deals: Deal[] = [];
  for (const record of records) deals.push(toDeal(record, matchers));
  return deals;
}

interface DealMatchers {
  readonly won: KeySet;
  readonly lost: KeySet;
  readonly renewalTypes: KeySet;
  readonly renewalPipelines: KeySet;
  readonly newBusinessTypes: KeySet;
}

function toDeal(record: CrmRecord, matchers: DealMatchers): Deal {
  const { won: wonStages, lost: lostStages, renewalTypes, renewalPipelines, newBusinessTypes } = matchers;
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
    renewal: renewalTypes.has(type) || (renewalPipelines.size > 0 && renewalPipelines.has(textValue(props.pipeline))),
    newBusiness: newBusinessTypes.has(type),
    closeDay: parseDay(props.closedate),
    amount: parseNumber(props.amount),
    currency: textValue(props.deal_currency_code)?.toUpperCase() ?? null,
    probability: probability !== null && probability >= 0 && probability <= 1 ? probability : null,
  };
}
