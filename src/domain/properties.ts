import { csProperty } from './property-names.ts';
import type { CsConfig } from '../config/schema.ts';
import { churnReasons } from '../app/cards/contract/churn.ts';
import { messages } from '../app/cards/i18n/catalog/en.ts';
import { churnReasonLabels, churnStateProperties } from './handoff/churn-reason.ts';
import { handoffFieldKeys, handoffFieldLabels, handoffFieldProperties, handoffStateProperties, type HandoffFieldKey } from './handoff/handoff.ts';

// The company properties the product owns (DESIGN.md "Company properties the product owns"),
// as plain data: `cs-card setup` makes HubSpot match these definitions, and sync writes the
// health ones (writeback.ts `ownedCompanyProperties`), which webhook subscriptions must never
// name: a property the product writes would trigger its own webhook.

export const propertyGroup = { name: 'customer_success', label: 'Customer success', displayOrder: -1 } as const;

/**
 * The property group as setup makes it: its label in the portal's language.
 *
 * @example
 * groupFor(englishPropertyWords) // => { name: 'customer_success', label: 'Customer success', displayOrder: -1 }
 */
export function groupFor(words: PropertyWords): { readonly name: string; readonly label: string; readonly displayOrder: number } {
  return { ...propertyGroup, label: words.groupLabel };
}

/** The concepts whose property labels setup writes (the catalog's property.label.*). */
export const propertyLabelKeys = [
  'healthScore', 'healthBand', 'lifecycleStage', 'lifecycleSince', 'healthTrend30d', 'healthUpdatedAt', 'healthDrivers', 'healthFactors', 'renewalDate', 'renewalAmount',
  'customerSince', 'lifetimeRevenue', 'companyNps', 'npsResponses', 'nextAction', 'handoffStatus', 'handoffVersion', 'handoffSubmittedAt', 'handoffAcceptedAt',
  'handoffReturnedAt', 'handoffReturnComment', 'handoffLastChange', 'churnReason', 'churnComment', 'churnRecordedAt',
] as const;
export type PropertyLabelKey = (typeof propertyLabelKeys)[number];

export type PropertyType = 'number' | 'string' | 'date' | 'datetime' | 'enumeration';
export type FieldType = 'number' | 'text' | 'textarea' | 'date' | 'select';

export interface EnumOption {
  readonly value: string;
  readonly label: string;
  readonly displayOrder: number;
}

export interface PropertyDefinition {
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly type: PropertyType;
  readonly fieldType: FieldType;
  readonly groupName: string;
  readonly options: readonly EnumOption[];
  readonly displayOrder: number;
}

/** The timestamp sync stamps whenever it changes a company's health properties. */
export const healthUpdatedAtProperty = csProperty.healthUpdatedAt;

/** The enumerations whose option labels setup writes. */
export type OptionSet = 'band' | 'lifecycle' | 'handoff' | 'churn';

/**
 * The words setup gives the group, the properties and their options, in the portal's language
 * (config portalLanguage; the shell builds them from the catalog, src/usecases/portal-wording.ts).
 * Each gets the English it replaces; descriptions stay English.
 */
export interface PropertyWords {
  readonly groupLabel: string;
  /** A property's label (its key in the catalog's property.label.*). */
  label(key: PropertyLabelKey, english: string): string;
  option(set: OptionSet, value: string, english: string): string;
  /** A handoff field's property label: 'Handoff: <the field's label>'. `field`: the card's form field it is, null for one the configuration adds. */
  handoffField(field: HandoffFieldKey | null, label: string): string;
}

/** The English the definitions have always had. */
export const englishPropertyWords: PropertyWords = {
  groupLabel: propertyGroup.label,
  label: (_key, english) => english,
  option: (_set, _value, english) => english,
  handoffField: (_field, label) => `Handoff: ${label}`,
};

function enumOptions(words: PropertyWords, set: OptionSet, pairs: ReadonlyArray<readonly [string, string]>): EnumOption[] {
  return options(pairs.map(([value, english]) => [value, words.option(set, value, english)] as const));
}

// The bands' names are the card's (the message catalog, the one home of band labels).
const healthBandPairs = (['healthy', 'attention', 'at_risk', 'unknown', 'churned'] as const).map((band) => [band, messages[`band.${band}`]] as const);

const lifecycleStagePairs = [
  ['prospect', 'Prospect'],
  ['onboarding', 'Onboarding'],
  ['active', 'Active'],
  ['renewing', 'Renewing'],
  ['churned', 'Churned'],
] as const;

const handoffStatusPairs = [
  ['not_started', 'Not started'],
  ['submitted', 'Submitted to CS'],
  ['accepted', 'Accepted by CS'],
  ['returned', 'Returned to sales'],
] as const;

// The churn-reason classes of DOMAIN.md ("Customers who decided to cancel: record why").
const churnReasonPairs = churnReasons.map((reason) => [reason, churnReasonLabels[reason]] as const);

type Draft = Omit<PropertyDefinition, 'groupName' | 'options' | 'displayOrder'> & { options?: readonly EnumOption[] };

// What sync writes: one rule (the card's) computes them, sync copies them to the company.
const healthDrafts = (words: PropertyWords): readonly Draft[] => [
  number(csProperty.healthScore, words.label('healthScore', 'Health score'), 'Customer health, 0-100, from the weighted factors of the customer-success card. Empty when too little data.'),
  enumeration(csProperty.healthBand, words.label('healthBand', 'Health band'), 'Healthy, needs attention, at risk, unknown when too little data to score, or churned (not scored).', enumOptions(words, 'band', healthBandPairs)),
  enumeration(csProperty.lifecycleStage, words.label('lifecycleStage', 'Lifecycle stage (customer success)'), 'Where the customer is in its life: prospect, onboarding, active, renewing (renewal within 90 days or overdue) or churned.', enumOptions(words, 'lifecycle', lifecycleStagePairs)),
  date(csProperty.lifecycleSince, words.label('lifecycleSince', 'Lifecycle stage since'), 'The day the customer entered its customer-success lifecycle stage (for churned: the day the renewal was lost).'),
  number(csProperty.healthTrend30d, words.label('healthTrend30d', 'Health trend (30 days)'), 'Change of the health score against 30 days ago, in points.'),
  {
    name: healthUpdatedAtProperty,
    label: words.label('healthUpdatedAt', 'Health updated at'),
    description: 'When the customer-success sync last changed this company\'s health properties.',
    type: 'datetime',
    fieldType: 'date',
  },
  text(csProperty.healthDrivers, words.label('healthDrivers', 'Health drivers'), 'The factors that weigh most on the health score, readable.', 'textarea'),
  text(
    csProperty.healthFactors,
    words.label('healthFactors', 'Health factor scores'),
    'Each health factor\'s score (0-100) behind the health score, as key:score pairs, e.g. nps:40;support:80;engagement:-; "-" means the factor did not count. Written by the sync; its history shows which factors moved the score.',
    'text',
  ),
  date(csProperty.renewalDate, words.label('renewalDate', 'Renewal date'), 'Close date of the earliest open renewal deal, else the contract end date.'),
  number(csProperty.renewalAmount, words.label('renewalAmount', 'Renewal amount'), 'Value of that renewal deal (or the configured contract value).'),
  date(csProperty.customerSince, words.label('customerSince', 'Customer since'), 'Close date of the first won contract deal (new business or renewal).'),
  number(csProperty.lifetimeRevenue, words.label('lifetimeRevenue', 'Lifetime revenue'), 'Revenue won from this customer to date (every won deal), in the portal\'s home currency. Empty when won deals are in a currency HubSpot did not convert.'),
  number(csProperty.companyNps, words.label('companyNps', 'Company NPS'), 'Net Promoter Score of this company\'s contacts (-100 to 100), each contact\'s latest answer in the NPS window.'),
  number(csProperty.npsResponses, words.label('npsResponses', 'NPS responses'), 'How many contacts\' answers the company NPS is computed from.'),
  text(csProperty.nextAction, words.label('nextAction', 'Next customer-success action'), 'The highest-priority suggested action on the customer-success card.', 'text'),
];

/**
 * Every company property the product owns, in display order: the health properties sync
 * writes, then the handoff and churn-reason fields the card edits. A handoff field the
 * configuration points outside the product's `cs_` namespace belongs to the customer's own
 * schema and is left alone; so are input properties (seats, product activity, QBR date) that
 * other integrations feed. Labels are in the portal's language (`words`; English by default).
 *
 * @example
 * productProperties(defaultConfig).slice(0, 2).map((property) => [property.name, property.type, property.fieldType, property.groupName, property.displayOrder])
 * // => [['cs_health_score', 'number', 'number', 'customer_success', 0], ['cs_health_band', 'enumeration', 'select', 'customer_success', 1]]
 */
export function productProperties(config: CsConfig, words: PropertyWords = englishPropertyWords): PropertyDefinition[] {
  const drafts = new Map<string, Draft>();
  for (const draft of [...healthDrafts(words), ...handoffDrafts(config, words)]) if (!drafts.has(draft.name)) drafts.set(draft.name, draft);
  return [...drafts.values()].map((draft, index) => ({ ...draft, options: draft.options ?? [], groupName: propertyGroup.name, displayOrder: index }));
}

/** A property definition as HubSpot returns it (only the fields setup manages). */
export interface ExistingProperty {
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly type: string;
  readonly fieldType: string;
  readonly groupName: string;
  readonly options: ReadonlyArray<{ readonly value: string; readonly label: string; readonly displayOrder?: number; readonly hidden?: boolean }>;
}

/**
 * The fields where HubSpot's definition differs from the product's, e.g. ['label', 'options'].
 *
 * @example
 * // an admin renamed the score property in HubSpot:
 * propertyDrift(productProperties(defaultConfig)[0], { ...productProperties(defaultConfig)[0], label: 'Health' }) // => ['label']
 * // a hidden option is not shown, so not a difference:
 * propertyDrift(productProperties(defaultConfig)[0], { ...productProperties(defaultConfig)[0], options: [{ value: 'old', label: 'Old', hidden: true }] }) // => []
 */
export function propertyDrift(wanted: PropertyDefinition, existing: ExistingProperty): string[] {
  const drift: string[] = [];
  for (const field of ['label', 'description', 'type', 'fieldType', 'groupName'] as const) {
    if ((existing[field] ?? '') !== wanted[field]) drift.push(field);
  }
  if (optionKey(existing.options) !== optionKey(wanted.options)) drift.push('options');
  return drift;
}

/** Visible options in display order, as comparable text. */
function optionKey(list: ExistingProperty['options']): string {
  return JSON.stringify(
    list
      .filter((option) => option.hidden !== true)
      .map((option, index) => ({ value: option.value, label: option.label, order: option.displayOrder ?? index }))
      .sort((a, b) => a.order - b.order)
      .map(({ value, label }) => [value, label]),
  );
}

function handoffDrafts(config: CsConfig, words: PropertyWords): Draft[] {
  const { handoff, playbooks } = config;
  const fields = [...handoff.requiredFields, ...handoff.optionalFields];
  // The card's form writes every field, whether or not the configuration lists it.
  const formFields = handoffFieldKeys.map((key) => ({ property: handoffFieldProperties[key], label: handoffFieldLabels[key] }));
  return [
    enumeration(handoff.statusProperty, words.label('handoffStatus', 'Handoff status'), 'Sales-to-CS handoff: not started, submitted, accepted or returned.', enumOptions(words, 'handoff', handoffStatusPairs)),
    ...[...fields, ...formFields].map((field) => handoffField(field.property, field.label, words)),
    number(handoffStateProperties.version, words.label('handoffVersion', 'Handoff version'), 'Counts the changes to the handoff; a save from an outdated form is refused instead of overwriting.'),
    datetime(handoffStateProperties.submittedAt, words.label('handoffSubmittedAt', 'Handoff submitted at'), 'When sales last submitted the handoff to customer success.'),
    datetime(handoffStateProperties.acceptedAt, words.label('handoffAcceptedAt', 'Handoff accepted at'), 'When customer success accepted the handoff.'),
    datetime(handoffStateProperties.returnedAt, words.label('handoffReturnedAt', 'Handoff returned at'), 'When customer success last returned the handoff to sales.'),
    text(handoffStateProperties.returnComment, words.label('handoffReturnComment', 'Handoff return comment'), 'What customer success asked sales to complete or correct.', 'textarea'),
    text(handoffStateProperties.lastChange, words.label('handoffLastChange', 'Handoff last change'), 'Bookkeeping of the customer-success card: recognises a retried request.', 'text'),
    enumeration(playbooks.churnReasonProperty, words.label('churnReason', 'Churn reason'), 'Why the customer cancelled or did not renew.', enumOptions(words, 'churn', churnReasonPairs)),
    text(churnStateProperties.comment, words.label('churnComment', 'Churn reason comment'), 'Why the customer left, in their words or the CSM\'s.', 'textarea'),
    datetime(churnStateProperties.recordedAt, words.label('churnRecordedAt', 'Churn reason recorded at'), 'When the churn reason was recorded on the customer-success card.'),
  ].filter((draft) => ownedName(draft.name));
}

function handoffField(name: string, label: string, words: PropertyWords): Draft {
  const description = `Sales-to-CS handoff: ${label.toLowerCase()}.`;
  // One of the card's form fields under its own (English) label is worded as the card words it; a label the configuration gives stays as typed.
  const field = handoffFieldKeys.find((key) => handoffFieldProperties[key] === name && handoffFieldLabels[key] === label) ?? null;
  const shown = words.handoffField(field, label);
  if (/_date$/.test(name)) return date(name, shown, description);
  if (/_id$/.test(name)) return text(name, shown, `${description} (HubSpot contact id)`, 'text');
  return text(name, shown, description, 'textarea');
}

function ownedName(name: string): boolean {
  return name.startsWith('cs_');
}

function options(pairs: ReadonlyArray<readonly [string, string]>): EnumOption[] {
  return pairs.map(([value, label], displayOrder) => ({ value, label, displayOrder }));
}

function number(name: string, label: string, description: string): Draft {
  return { name, label, description, type: 'number', fieldType: 'number' };
}

function date(name: string, label: string, description: string): Draft {
  return { name, label, description, type: 'date', fieldType: 'date' };
}

function datetime(name: string, label: string, description: string): Draft {
  return { name, label, description, type: 'datetime', fieldType: 'date' };
}

function text(name: string, label: string, description: string, fieldType: 'text' | 'textarea'): Draft {
  return { name, label, description, type: 'string', fieldType };
}

function enumeration(name: string, label: string, description: string, values: readonly EnumOption[]): Draft {
  return { name, label, description, type: 'enumeration', fieldType: 'select', options: values };
}
