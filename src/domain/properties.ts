import { csProperty } from './property-names.ts';
import type { CsConfig } from '../config/schema.ts';
import { churnReasons } from '../app/cards/contract/churn.ts';
import { handoffStatusSchema, healthBandSchema, lifecycleStageSchema } from '../app/cards/contract/view-model.ts';
import { churnStateProperties } from './handoff/churn-reason.ts';
import { handoffFieldKeys, handoffFieldLabels, handoffFieldProperties, handoffStateProperties, type HandoffFieldKey } from './handoff/handoff.ts';

// The company properties the product owns (DESIGN.md "Company properties the product owns"),
// as plain data: `cs-card setup` makes HubSpot match these definitions, and sync writes the
// health ones (writeback.ts `ownedCompanyProperties`), which webhook subscriptions must never
// name: a property the product writes would trigger its own webhook.

/** The property group's name and place (its label is the portal's language's: groupFor). */
export const propertyGroup = { name: 'customer_success', displayOrder: -1 } as const;

/**
 * The property group as setup makes it: its label in the portal's language (`english.properties`
 * in the examples: the English words the shell builds from the en catalog).
 *
 * @example
 * groupFor(english.properties) // => { name: 'customer_success', label: 'Customer success', displayOrder: -1 }
 */
export function groupFor(words: PropertyWords): { readonly name: string; readonly label: string; readonly displayOrder: number } {
  return { ...propertyGroup, label: words.groupLabel };
}

/** The concepts whose property labels and descriptions setup writes (the catalog's property.label.* and property.description.*). */
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
 * The words setup gives the group, the properties (labels and descriptions) and their options, in
 * the portal's language (config portalLanguage; the shell builds them from the message catalog in
 * every language, English included: src/usecases/portal-wording.ts).
 */
export interface PropertyWords {
  readonly groupLabel: string;
  /** A property's label (its key in the catalog's property.label.*). */
  label(key: PropertyLabelKey): string;
  /** A property's description (the catalog's property.description.*). */
  description(key: PropertyLabelKey): string;
  /** An option's label: the card's words for a band, lifecycle stage, churn reason or handoff status. */
  option(set: OptionSet, value: string): string;
  /** A handoff field's property label: 'Handoff: <the field's label>'. `field`: the card's form field it is, null for one the configuration adds. */
  handoffField(field: HandoffFieldKey | null, label: string): string;
  /** A handoff field's property description; `contactId`: the field holds a HubSpot contact id. */
  handoffFieldDescription(field: HandoffFieldKey | null, label: string, contactId: boolean): string;
}

function enumOptions(words: PropertyWords, set: OptionSet): EnumOption[] {
  return optionValues[set].map((value, displayOrder) => ({ value, label: words.option(set, value), displayOrder }));
}

/** Each enumeration's values, in display order (the churn-reason classes of DOMAIN.md "Customers who decided to cancel: record why"). */
const optionValues: Readonly<Record<OptionSet, readonly string[]>> = {
  band: healthBandSchema.options,
  lifecycle: lifecycleStageSchema.options,
  handoff: handoffStatusSchema.options,
  churn: churnReasons,
};

type Draft = Omit<PropertyDefinition, 'groupName' | 'options' | 'displayOrder'> & { options?: readonly EnumOption[] };

// What sync writes: one rule (the card's) computes them, sync copies them to the company.
const healthDrafts = (words: PropertyWords): readonly Draft[] => [
  number(csProperty.healthScore, ...named(words, 'healthScore')),
  enumeration(csProperty.healthBand, ...named(words, 'healthBand'), enumOptions(words, 'band')),
  enumeration(csProperty.lifecycleStage, ...named(words, 'lifecycleStage'), enumOptions(words, 'lifecycle')),
  date(csProperty.lifecycleSince, ...named(words, 'lifecycleSince')),
  number(csProperty.healthTrend30d, ...named(words, 'healthTrend30d')),
  datetime(healthUpdatedAtProperty, ...named(words, 'healthUpdatedAt')),
  text(csProperty.healthDrivers, ...named(words, 'healthDrivers'), 'textarea'),
  text(csProperty.healthFactors, ...named(words, 'healthFactors'), 'text'),
  date(csProperty.renewalDate, ...named(words, 'renewalDate')),
  number(csProperty.renewalAmount, ...named(words, 'renewalAmount')),
  date(csProperty.customerSince, ...named(words, 'customerSince')),
  number(csProperty.lifetimeRevenue, ...named(words, 'lifetimeRevenue')),
  number(csProperty.companyNps, ...named(words, 'companyNps')),
  number(csProperty.npsResponses, ...named(words, 'npsResponses')),
  text(csProperty.nextAction, ...named(words, 'nextAction'), 'text'),
];

/**
 * Every company property the product owns, in display order: the health properties sync
 * writes, then the handoff and churn-reason fields the card edits. A handoff field the
 * configuration points outside the product's `cs_` namespace belongs to the customer's own
 * schema and is left alone; so are input properties (seats, product activity, QBR date) that
 * other integrations feed. Labels and descriptions are in the portal's language (`words`).
 *
 * @example
 * productProperties(defaultConfig, english.properties).slice(0, 2).map((property) => [property.name, property.type, property.fieldType, property.groupName, property.displayOrder])
 * // => [['cs_health_score', 'number', 'number', 'customer_success', 0], ['cs_health_band', 'enumeration', 'select', 'customer_success', 1]]
 */
export function productProperties(config: CsConfig, words: PropertyWords): PropertyDefinition[] {
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
 * propertyDrift(productProperties(defaultConfig, english.properties)[0], { ...productProperties(defaultConfig, english.properties)[0], label: 'Health' }) // => ['label']
 * // a hidden option is not shown, so not a difference:
 * propertyDrift(productProperties(defaultConfig, english.properties)[0], { ...productProperties(defaultConfig, english.properties)[0], options: [{ value: 'old', label: 'Old', hidden: true }] }) // => []
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
    enumeration(handoff.statusProperty, ...named(words, 'handoffStatus'), enumOptions(words, 'handoff')),
    ...[...fields, ...formFields].map((field) => handoffField(field.property, field.label, words)),
    number(handoffStateProperties.version, ...named(words, 'handoffVersion')),
    datetime(handoffStateProperties.submittedAt, ...named(words, 'handoffSubmittedAt')),
    datetime(handoffStateProperties.acceptedAt, ...named(words, 'handoffAcceptedAt')),
    datetime(handoffStateProperties.returnedAt, ...named(words, 'handoffReturnedAt')),
    text(handoffStateProperties.returnComment, ...named(words, 'handoffReturnComment'), 'textarea'),
    text(handoffStateProperties.lastChange, ...named(words, 'handoffLastChange'), 'text'),
    enumeration(playbooks.churnReasonProperty, ...named(words, 'churnReason'), enumOptions(words, 'churn')),
    text(churnStateProperties.comment, ...named(words, 'churnComment'), 'textarea'),
    datetime(churnStateProperties.recordedAt, ...named(words, 'churnRecordedAt')),
  ].filter((draft) => ownedName(draft.name));
}

function handoffField(name: string, label: string, words: PropertyWords): Draft {
  // One of the card's form fields under its own (English) label is worded as the card words it; a label the configuration gives stays as typed.
  const field = handoffFieldKeys.find((key) => handoffFieldProperties[key] === name && handoffFieldLabels[key] === label) ?? null;
  const shown = words.handoffField(field, label);
  const contactId = /_id$/.test(name);
  const description = words.handoffFieldDescription(field, label, contactId);
  if (/_date$/.test(name)) return date(name, shown, description);
  if (contactId) return text(name, shown, description, 'text');
  return text(name, shown, description, 'textarea');
}

function ownedName(name: string): boolean {
  return name.startsWith('cs_');
}

/** A property's label and description in the portal's language, as the draft builders below take them. */
function named(words: PropertyWords, key: PropertyLabelKey): [label: string, description: string] {
  return [words.label(key), words.description(key)];
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
