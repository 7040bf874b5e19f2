// The property definitions and groups a portal starts with: HubSpot's standard properties
// for each object type (the ones this product reads), plus the custom ones the demo portal
// carries (product-usage fields, and the first properties of a previous product install).
import { csProperty } from '../domain/property-names.ts';
import { OBJECT_TYPES, type SandboxObjectType } from './object-types.ts';

export type PropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool' | 'phone_number';

export interface PropertyOption {
  readonly label: string;
  readonly value: string;
  readonly displayOrder: number;
  readonly hidden: boolean;
  readonly description?: string;
}

export interface PropertyDefinition {
  readonly name: string;
  readonly label: string;
  readonly type: PropertyType;
  readonly fieldType: string;
  readonly groupName: string;
  readonly description: string;
  readonly options: readonly PropertyOption[];
  readonly displayOrder: number;
  readonly hidden: boolean;
  readonly formField: boolean;
  readonly hasUniqueValue: boolean;
  readonly hubspotDefined: boolean;
  /** Values come from elsewhere (owners, pipelines), so writes are not checked against `options`. */
  readonly externalOptions: boolean;
  readonly readOnlyValue: boolean;
  readonly calculated: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PropertyGroup {
  readonly name: string;
  readonly label: string;
  readonly displayOrder: number;
}

const DEFAULT_FIELD_TYPE: Record<PropertyType, string> = {
  string: 'text', number: 'number', date: 'date', datetime: 'date', enumeration: 'select', bool: 'booleancheckbox', phone_number: 'phonenumber',
};

/** Option lists from plain values, labelled by capitalising them. */
export function optionsOf(values: readonly string[]): PropertyOption[] {
  return values.map((value, index) => ({ label: value.charAt(0).toUpperCase() + value.slice(1).toLowerCase().replaceAll('_', ' '), value, displayOrder: index, hidden: false }));
}

interface Spec {
  type?: PropertyType;
  options?: readonly string[];
  external?: boolean;
  readOnly?: boolean;
  calculated?: boolean;
  group?: string;
  fieldType?: string;
}

export function defineProperty(name: string, label: string, groupName: string, spec: Spec, at: string, hubspotDefined: boolean): PropertyDefinition {
  const type = spec.type ?? 'string';
  return {
    name, label, type, groupName: spec.group ?? groupName, description: '',
    fieldType: spec.fieldType ?? DEFAULT_FIELD_TYPE[type],
    options: type === 'bool' ? optionsOf(['true', 'false']) : optionsOf(spec.options ?? []),
    displayOrder: -1, hidden: false, formField: false, hasUniqueValue: name === 'hs_object_id',
    hubspotDefined, externalOptions: spec.external ?? false, readOnlyValue: spec.readOnly ?? false,
    calculated: spec.calculated ?? false, createdAt: at, updatedAt: at,
  };
}

const NUMBER: Spec = { type: 'number' };
const DATETIME: Spec = { type: 'datetime' };
const DATE: Spec = { type: 'date' };
const OWNER: Spec = { type: 'enumeration', external: true };
/** Every object's id and times; activities and survey answers name the creation time hs_createdate. */
function systemEntries(type: SandboxObjectType): Array<[string, string, Spec]> {
  return [
    ['hs_object_id', 'Record ID', { type: 'number', readOnly: true }],
    [OBJECT_TYPES[type].createdProperty, 'Create date', DATETIME],
    ['hs_lastmodifieddate', 'Last modified date', { type: 'datetime', readOnly: true }],
  ];
}

const STANDARD: Record<SandboxObjectType, { group: [string, string]; properties: Array<[string, string, Spec]> }> = {
  companies: {
    group: ['companyinformation', 'Company information'],
    properties: [
      ['name', 'Company name', {}],
      ['domain', 'Company domain name', {}],
      ['lifecyclestage', 'Lifecycle stage', { type: 'enumeration', options: ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'] }],
      ['hubspot_owner_id', 'Company owner', OWNER],
      ['annualrevenue', 'Annual revenue', NUMBER],
      ['industry', 'Industry', {}],
      ['notes_last_contacted', 'Last contacted', { type: 'datetime', readOnly: true, calculated: true }],
      ['notes_last_updated', 'Last activity date', { type: 'datetime', readOnly: true, calculated: true }],
      ['num_associated_contacts', 'Number of associated contacts', { type: 'number', readOnly: true, calculated: true }],
      ['hs_csm_sentiment', 'CSM sentiment', { type: 'enumeration', options: ['positive', 'neutral', 'negative'] }],
    ],
  },
  contacts: {
    group: ['contactinformation', 'Contact information'],
    properties: [
      ['firstname', 'First name', {}],
      ['lastname', 'Last name', {}],
      ['email', 'Email', {}],
      ['jobtitle', 'Job title', {}],
      ['hubspot_owner_id', 'Contact owner', OWNER],
      ['associatedcompanyid', 'Primary associated company ID', NUMBER],
      ['lastmodifieddate', 'Last modified date', { type: 'datetime', readOnly: true }],
      ['notes_last_contacted', 'Last contacted', { type: 'datetime', readOnly: true, calculated: true }],
    ],
  },
  deals: {
    group: ['dealinformation', 'Deal information'],
    properties: [
      ['dealname', 'Deal name', {}],
      ['amount', 'Amount', NUMBER],
      ['closedate', 'Close date', DATETIME],
      ['pipeline', 'Pipeline', { type: 'enumeration', external: true }],
      ['dealstage', 'Deal stage', { type: 'enumeration', external: true }],
      ['dealtype', 'Deal type', { type: 'enumeration', options: ['newbusiness', 'existingbusiness'], fieldType: 'radio' }],
      ['hubspot_owner_id', 'Deal owner', OWNER],
      ['amount_in_home_currency', 'Amount in company currency', { type: 'number', readOnly: true, calculated: true }],
      ['deal_currency_code', 'Currency', { type: 'enumeration', options: ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY'] }],
      ['hs_is_closed', 'Is deal closed?', { type: 'bool', readOnly: true, calculated: true }],
      ['hs_is_closed_won', 'Is closed won', { type: 'bool', readOnly: true, calculated: true }],
      ['hs_deal_stage_probability', 'Deal probability', { type: 'number', readOnly: true, calculated: true }],
      ['hs_arr', 'Annual recurring revenue', { type: 'number', readOnly: true, calculated: true }],
      ['hs_mrr', 'Monthly recurring revenue', { type: 'number', readOnly: true, calculated: true }],
      ['hs_acv', 'Annual contract value', { type: 'number', readOnly: true, calculated: true }],
      ['closed_lost_reason', 'Closed lost reason', { fieldType: 'textarea' }],
    ],
  },
  tickets: {
    group: ['ticketinformation', 'Ticket information'],
    properties: [
      ['subject', 'Ticket name', {}],
      ['content', 'Ticket description', { fieldType: 'textarea' }],
      ['hs_pipeline', 'Pipeline', { type: 'enumeration', external: true }],
      ['hs_pipeline_stage', 'Ticket status', { type: 'enumeration', external: true }],
      ['hs_ticket_priority', 'Priority', { type: 'enumeration', options: ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] }],
      ['hs_ticket_category', 'Category', { type: 'enumeration', options: ['PRODUCT_ISSUE', 'BILLING_ISSUE', 'FEATURE_REQUEST', 'GENERAL_INQUIRY'] }],
      ['hubspot_owner_id', 'Ticket owner', OWNER],
      ['closed_date', 'Close date', DATETIME],
      ['hs_is_closed', 'Is ticket closed?', { type: 'bool', readOnly: true, calculated: true }],
      ['time_to_close', 'Time to close', { type: 'number', readOnly: true, calculated: true }],
    ],
  },
  feedback_submissions: {
    group: ['feedbacksubmissioninformation', 'Feedback submission information'],
    properties: [
      ['hs_survey_type', 'Survey type', { type: 'enumeration', options: ['NPS', 'CSAT', 'CES', 'CUSTOM'] }],
      ['hs_value', 'Response value', NUMBER],
      ['hs_response_group', 'Response group', { type: 'enumeration', options: ['PROMOTER', 'PASSIVE', 'DETRACTOR'] }],
      ['hs_sentiment', 'Sentiment', { type: 'enumeration', options: ['PROMOTER', 'PASSIVE', 'DETRACTOR'] }],
      ['hs_content', 'Response', { fieldType: 'textarea' }],
      ['hs_submission_timestamp', 'Submitted at', DATETIME],
      ['hs_contact_id', 'Contact ID', NUMBER],
      ['hs_survey_id', 'Survey ID', NUMBER],
      ['hs_survey_name', 'Survey name', {}],
    ],
  },
  tasks: {
    group: ['task', 'Task information'],
    properties: [
      ['hs_timestamp', 'Due date', DATETIME],
      ['hs_task_subject', 'Task title', {}],
      ['hs_task_body', 'Task notes', { fieldType: 'textarea' }],
      ['hs_task_priority', 'Priority', { type: 'enumeration', options: ['NONE', 'LOW', 'MEDIUM', 'HIGH'] }],
      ['hs_task_status', 'Task status', { type: 'enumeration', options: ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'] }],
      ['hs_task_type', 'Task type', { type: 'enumeration', options: ['TODO', 'CALL', 'EMAIL', 'LINKED_IN', 'MEETING'] }],
      ['hubspot_owner_id', 'Assigned to', OWNER],
    ],
  },
  notes: {
    group: ['note', 'Note information'],
    properties: [
      ['hs_timestamp', 'Activity date', DATETIME],
      ['hs_note_body', 'Note body', { fieldType: 'html' }],
      ['hubspot_owner_id', 'Activity assigned to', OWNER],
    ],
  },
};

export interface Catalog {
  readonly groups: PropertyGroup[];
  readonly properties: PropertyDefinition[];
}

/** HubSpot's standard groups and properties of one object type, as a fresh portal has them. */
export function standardCatalog(type: SandboxObjectType, at: string): Catalog {
  const { group: [groupName, groupLabel], properties } = STANDARD[type];
  return {
    groups: [{ name: groupName, label: groupLabel, displayOrder: -1 }],
    properties: [...systemEntries(type), ...properties].map(([name, label, spec]) => defineProperty(name, label, groupName, spec, at, true)),
  };
}

/** Custom company properties of the demo portal: product usage fed by an integration, and the first fields of an earlier install of this product. */
export function demoCompanyCatalog(at: string): Catalog {
  const usage: Array<[string, string, Spec]> = [
    [csProperty.seatsLicensed, 'Seats licensed', NUMBER],
    [csProperty.seatsActive, 'Seats active (30 days)', NUMBER],
    [csProperty.lastProductActivity, 'Last product activity', DATE],
    ['contract_end_date', 'Contract end date', DATE],
    [csProperty.lastQbrDate, 'Last QBR date', DATE],
  ];
  const success: Array<[string, string, Spec]> = [
    [csProperty.healthScore, 'Health score', NUMBER],
    [csProperty.healthFactors, 'Health factor scores', {}],
    [csProperty.handoffStatus, 'Handoff status', { type: 'enumeration', options: ['not_started', 'submitted', 'accepted', 'returned'] }],
  ];
  return {
    groups: [
      { name: 'customer_usage', label: 'Customer usage', displayOrder: -1 },
      { name: 'customer_success', label: 'Customer success', displayOrder: -1 },
    ],
    properties: [
      ...usage.map(([name, label, spec]) => defineProperty(name, label, 'customer_usage', spec, at, false)),
      ...success.map(([name, label, spec]) => defineProperty(name, label, 'customer_success', spec, at, false)),
    ],
  };
}
