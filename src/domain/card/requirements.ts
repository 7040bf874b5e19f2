import type { CsConfig } from '../../config/schema.ts';
import { healthFactorsProperty } from '../health/factor-history.ts';
import { healthScoreProperty } from '../health/health-history.ts';
import { churnStateProperties } from '../handoff/churn-reason.ts';
import { handoffFieldProperties, handoffStateProperties } from '../handoff/handoff.ts';
import { ownedCompanyProperties } from '../sync/written-values.ts';

const handoffProperties = [...Object.values(handoffFieldProperties), ...Object.values(handoffStateProperties)];

// What the gateway must fetch for buildCardView, per object type. Every property the domain
// reads is listed here, so a configured property mapping is fetched without code changes.

export interface RequiredProperties {
  company: string[];
  /** Company properties whose history is needed (sentiment age, score trend, the factors' moves). */
  companyHistory: string[];
  contact: string[];
  deal: string[];
  ticket: string[];
  feedback: string[];
  task: string[];
}

/**
 * The properties buildCardView reads, per object type: what the gateway fetches for a card.
 *
 * @example
 * requiredProperties(defaultConfig).companyHistory // => ['hs_csm_sentiment', 'cs_health_score', 'cs_health_factors']
 * requiredProperties(defaultConfig).contact // => ['notes_last_contacted', 'firstname', 'lastname', 'email', 'createdate']
 */
export function requiredProperties(config: CsConfig): RequiredProperties {
  const { adoption, renewal, sentiment, handoff, playbooks } = config;
  const company = [
    'name',
    'lifecyclestage',
    'hubspot_owner_id',
    'notes_last_contacted',
    sentiment.property,
    adoption.seatsActiveProperty,
    adoption.seatsLicensedProperty,
    adoption.lastActivityProperty,
    renewal.companyDateProperty,
    renewal.companyAmountProperty,
    handoff.statusProperty,
    ...handoff.requiredFields.map((field) => field.property),
    ...handoff.optionalFields.map((field) => field.property),
    ...handoffProperties,
    handoff.csOwnerProperty,
    playbooks.qbrProperty,
    playbooks.churnReasonProperty,
    ...Object.values(churnStateProperties),
    ...ownedCompanyProperties,
  ];
  return {
    company: unique(company),
    companyHistory: unique([sentiment.property, healthScoreProperty, healthFactorsProperty]),
    // Names and emails label the champion and economic buyer choices of the handoff. Creation
    // dates (HubSpot sends them unasked too) tell a past as-of day what did not exist yet (later-data.ts).
    contact: ['notes_last_contacted', 'firstname', 'lastname', 'email', 'createdate'],
    deal: ['createdate', 'dealname', 'dealtype', 'pipeline', 'dealstage', 'closedate', 'amount', 'amount_in_home_currency', 'deal_currency_code', 'hs_is_closed', 'hs_is_closed_won', 'hs_deal_stage_probability', 'closed_lost_reason', renewal.contractTermProperty],
    ticket: ['subject', 'hs_pipeline_stage', 'hs_ticket_priority', 'createdate', 'closed_date', 'hs_is_closed'],
    feedback: ['hs_survey_type', 'hs_value', 'hs_content', 'hs_submission_timestamp', 'hs_createdate', 'hs_contact_id'],
    task: ['hs_createdate', 'hs_task_subject', 'hs_task_body', 'hs_task_status', 'hs_task_priority', 'hs_timestamp', 'hubspot_owner_id', 'hs_task_completion_date', 'hs_lastmodifieddate'],
  };
}

function unique(names: ReadonlyArray<string | null>): string[] {
  return [...new Set(names.filter((name): name is string => name !== null))];
}
