import type { CsConfig } from '../../config/schema.ts';
import { handoffFieldProperties, handoffStateProperties, type HandoffFieldKey } from '../property-names.ts';
import { parseDay, parseInstant } from '../parsing/index.ts';
import { keyOf, numberOf, textOf } from '../parsing/index.ts';
import type { CrmRecord, PropertyValues } from '../card/snapshot.ts';
import type { HandoffPhase, HandoffStatus } from '../../app/cards/contract/view-model.ts';
import { contactChoices, contactOptions, namedContacts, type ContactOption } from './handoff-contacts.ts';
import { messages } from '../../app/cards/i18n/catalog/en.ts';

export type { HandoffPhase } from '../../app/cards/contract/view-model.ts';

// The sales -> CS handoff (DOMAIN.md): its status, which required fields are still empty, and
// everything the card's handoff section shows. It lives in company properties (HubSpot is the
// only store); the form is app/cards/contract/handoff.ts, the steps that change it handoff-changes.ts.

export interface Handoff {
  readonly status: HandoffStatus;
  /** Filled required fields / required fields, 0..1 (1 when nothing is required). */
  readonly completeness: number;
  /** Labels of the required fields still missing, in configured order. */
  readonly missing: string[];
}

const statuses: ReadonlySet<string> = new Set<HandoffStatus>(['not_started', 'submitted', 'accepted', 'returned']);

/**
 * The handoff's status from the configured status property (anything unknown is not_started).
 *
 * @example
 * handoffStatus({ cs_handoff_status: 'Submitted' }, defaultConfig.handoff) // => 'submitted'
 * handoffStatus({ cs_handoff_status: 'lost' }, defaultConfig.handoff)      // => 'not_started'
 */
export function handoffStatus(company: PropertyValues, config: CsConfig['handoff']): HandoffStatus {
  const value = keyOf(company, config.statusProperty);
  return value !== null && statuses.has(value) ? (value as HandoffStatus) : 'not_started';
}

/**
 * The handoff's status and which required fields are still empty (a date field must hold a date).
 *
 * @example
 * // goals filled; 'soon' is no go-live date; 'draft' is no status of ours, so not_started:
 * handoffOf({ cs_handoff_status: 'draft', cs_handoff_goals: 'Cut onboarding time in half', cs_handoff_go_live_date: 'soon' }, defaultConfig.handoff)
 * // => { status: 'not_started', completeness: 0.2, missing: ['Success criteria', 'Champion', 'Economic buyer', 'Planned go-live date'] }
 */
export function handoffOf(company: PropertyValues, config: CsConfig['handoff']): Handoff {
  // A loop, not filter + map: every card view reads the handoff (see npm run bench).
  const missing: string[] = [];
  for (const field of config.requiredFields) if (!isFilled(company, field)) missing.push(field.label);
  const required = config.requiredFields.length;
  return {
    status: handoffStatus(company, config),
    completeness: required === 0 ? 1 : (required - missing.length) / required,
    missing,
  };
}

function isFilled(company: PropertyValues, field: CsConfig['handoff']['requiredFields'][number]): boolean {
  const text = textOf(company, field.property);
  if (text === null) return false;
  return field.kind === 'date' ? parseDay(text) !== null : true;
}

// ---------------------------------------------------------------------------------------
// Where the handoff is stored

export { handoffFieldProperties, handoffStateProperties, type HandoffFieldKey } from '../property-names.ts';
export const handoffFieldKeys = Object.keys(handoffFieldProperties) as HandoffFieldKey[];

export type HandoffFields = Record<HandoffFieldKey, string>;

/**
 * The form fields' names in English, from the message catalog (`handoff.field.*`, the one home
 * of these labels): the card's form, the timeline note, the HubSpot property labels `cs-card
 * setup` creates and the default configuration's field labels all say these.
 */
export const handoffFieldLabels: Readonly<Record<HandoffFieldKey, string>> = {
  goals: messages['handoff.field.goals'],
  successCriteria: messages['handoff.field.successCriteria'],
  championId: messages['handoff.field.championId'],
  economicBuyerId: messages['handoff.field.economicBuyerId'],
  promisedScope: messages['handoff.field.promisedScope'],
  specialTerms: messages['handoff.field.specialTerms'],
  risks: messages['handoff.field.risks'],
  goLiveDate: messages['handoff.field.goLiveDate'],
};

// ---------------------------------------------------------------------------------------
// Reading the handoff from the company

/** Everything the card's handoff section shows; the card decides nothing itself. */
export interface HandoffDetail extends Handoff {
  readonly phase: HandoffPhase;
  /** The missing required fields as form field keys; a configured field not on the form keeps its label. */
  readonly missingFields: string[];
  /** The required fields as form field keys (or labels, for a configured field not on the form), in configured order. */
  readonly requiredFields: string[];
  readonly version: number;
  readonly fields: HandoffFields;
  readonly submittedAt: string | null;
  readonly acceptedAt: string | null;
  readonly returnedAt: string | null;
  readonly returnComment: string | null;
  /** The CSM who accepts the handoff and gets the onboarding tasks (HubSpot owner id). */
  readonly csmOwnerId: string | null;
  readonly canEdit: boolean;
  readonly canSubmit: boolean;
  readonly canAccept: boolean;
  readonly canReturn: boolean;
  /** The company's contacts, for choosing the champion and the economic buyer (at most {@link contactChoiceLimit}). */
  readonly contacts: ContactOption[];
  /** The company's contacts not offered because of the limit (a company can have thousands). */
  readonly contactsLeftOut: number;
}

/**
 * The form's fields from the company ('' for an empty one; the go-live date as YYYY-MM-DD, '' when it is no date).
 *
 * @example
 * handoffFields({ cs_handoff_goals: 'Cut onboarding time in half', cs_handoff_go_live_date: '2027-01-15T00:00:00Z' })
 * // => { goals: 'Cut onboarding time in half', successCriteria: '', championId: '', economicBuyerId: '', promisedScope: '', specialTerms: '', risks: '', goLiveDate: '2027-01-15' }
 * handoffFields({ cs_handoff_go_live_date: 'next spring' }).goLiveDate // => ''
 */
export function handoffFields(company: PropertyValues): HandoffFields {
  // One object literal rather than keys added one by one: a single fixed shape, built once per card view.
  const goLiveDate = textOf(company, handoffFieldProperties.goLiveDate) ?? '';
  return {
    goals: textOf(company, handoffFieldProperties.goals) ?? '',
    successCriteria: textOf(company, handoffFieldProperties.successCriteria) ?? '',
    championId: textOf(company, handoffFieldProperties.championId) ?? '',
    economicBuyerId: textOf(company, handoffFieldProperties.economicBuyerId) ?? '',
    promisedScope: textOf(company, handoffFieldProperties.promisedScope) ?? '',
    specialTerms: textOf(company, handoffFieldProperties.specialTerms) ?? '',
    risks: textOf(company, handoffFieldProperties.risks) ?? '',
    goLiveDate: parseDay(goLiveDate) === null ? '' : goLiveDate.slice(0, 10),
  };
}

/**
 * @example
 * handoffVersion({ cs_handoff_version: '3' }) // => 3
 * handoffVersion({})                          // => 0
 */
export function handoffVersion(company: PropertyValues): number {
  const version = numberOf(company, handoffStateProperties.version);
  return version !== null && Number.isSafeInteger(version) && version >= 0 ? version : 0;
}

function instantOf(company: PropertyValues, name: string): string | null {
  const ms = parseInstant(company[name]);
  return ms === null ? null : new Date(ms).toISOString();
}

/**
 * The owner who receives the product's tasks — the onboarding tasks of an accepted handoff and
 * the suggested actions' tasks alike: the HubSpot owner id in `handoff.csOwnerProperty` when
 * configured and set, else the company owner (`hubspot_owner_id`); null when neither holds an id.
 *
 * @example
 * csmOwnerId({ hubspot_owner_id: '7', cs_csm: '42' }, { ...defaultConfig.handoff, csOwnerProperty: 'cs_csm' }) // => '42'
 * csmOwnerId({ hubspot_owner_id: '7', cs_csm: '' }, { ...defaultConfig.handoff, csOwnerProperty: 'cs_csm' })   // => '7'
 */
export function csmOwnerId(company: PropertyValues, config: CsConfig['handoff']): string | null {
  const configured = config.csOwnerProperty === null ? null : textOf(company, config.csOwnerProperty);
  const owner = configured ?? textOf(company, 'hubspot_owner_id');
  return owner !== null && /^\d+$/.test(owner) ? owner : null;
}

/** The statuses in which sales may edit and submit. */
export const editableStatuses: ReadonlySet<HandoffStatus> = new Set(['not_started', 'returned']);

function phaseOf(status: HandoffStatus, version: number, fields: HandoffFields): HandoffPhase {
  if (status !== 'not_started') return status;
  if (version > 0) return 'draft';
  for (const key of handoffFieldKeys) if (fields[key] !== '') return 'draft';
  return 'not_started';
}

const formFieldOfProperty: ReadonlyMap<string, string> = new Map(Object.entries(handoffFieldProperties).map(([key, property]) => [property, key]));

/** A required field as the form names it (goals, championId, …); a configured field not on the form keeps its label. */
function formFieldKey(field: CsConfig['handoff']['requiredFields'][number]): string {
  return formFieldOfProperty.get(field.property) ?? field.label;
}

/**
 * The required fields still empty, as form field keys (the card names them in the user's language).
 *
 * @example
 * missingFieldKeys({ cs_handoff_goals: 'Cut onboarding time in half', cs_handoff_go_live_date: 'soon' }, defaultConfig.handoff)
 * // => ['successCriteria', 'championId', 'economicBuyerId', 'goLiveDate']
 */
export function missingFieldKeys(company: PropertyValues, config: CsConfig['handoff']): string[] {
  const keys: string[] = [];
  for (const field of config.requiredFields) if (!isFilled(company, field)) keys.push(formFieldKey(field));
  return keys;
}

/**
 * `summary` is the company's handoffOf, when the caller has it already.
 *
 * @example
 * // A complete handoff submitted to CS: CS may accept or return it, sales may no longer edit it.
 * ((detail) => [detail.phase, detail.canAccept, detail.canEdit, detail.missing, detail.contacts.map((contact) => contact.label)])(handoffDetail(
 *   { cs_handoff_status: 'submitted', cs_handoff_version: '2', cs_handoff_goals: 'Cut onboarding time in half', cs_handoff_success_criteria: '80% of seats active by March', cs_handoff_champion_id: '201', cs_handoff_economic_buyer_id: '202', cs_handoff_go_live_date: '2027-01-15' },
 *   [{ id: '202', properties: { firstname: 'Bo', lastname: 'Lind', email: 'bo@acme.example' } }, { id: '201', properties: { firstname: 'Ana', lastname: 'Silva' } }, { id: '203', properties: {} }],
 *   defaultConfig.handoff,
 * )) // => ['submitted', true, false, [], ['Ana Silva', 'Bo Lind (bo@acme.example)']]
 */
export function handoffDetail(company: PropertyValues, contacts: readonly CrmRecord[], config: CsConfig['handoff'], summary: Handoff = handoffOf(company, config)): HandoffDetail {
  const fields = handoffFields(company);
  const version = handoffVersion(company);
  const editable = editableStatuses.has(summary.status);
  const missingFields: string[] = [];
  const requiredFields: string[] = [];
  for (const field of config.requiredFields) {
    const key = formFieldKey(field);
    requiredFields.push(key);
    if (!isFilled(company, field)) missingFields.push(key);
  }
  // The form chooses among the company's contacts (bounded); a read-only handoff only names the two it holds.
  const choices = editable ? contactChoices(contacts, fields) : { chosen: namedContacts(contacts, fields), leftOut: 0 };
  // The summary's fields are listed, not spread: this runs for every card view, and a spread
  // copies through a slower generic path.
  return {
    status: summary.status,
    completeness: summary.completeness,
    missing: summary.missing,
    missingFields,
    requiredFields,
    phase: phaseOf(summary.status, version, fields),
    version,
    fields,
    submittedAt: instantOf(company, handoffStateProperties.submittedAt),
    acceptedAt: instantOf(company, handoffStateProperties.acceptedAt),
    returnedAt: instantOf(company, handoffStateProperties.returnedAt),
    returnComment: summary.status === 'returned' ? textOf(company, handoffStateProperties.returnComment) : null,
    csmOwnerId: csmOwnerId(company, config),
    canEdit: editable,
    canSubmit: editable && summary.missing.length === 0,
    canAccept: summary.status === 'submitted',
    canReturn: summary.status === 'submitted',
    contacts: contactOptions(choices.chosen),
    contactsLeftOut: choices.leftOut,
  };
}
