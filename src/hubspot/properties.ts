import {
  PropertyCreateFieldTypeEnum as FieldTypes,
  PropertyCreateTypeEnum as Types,
  PropertyUpdateFieldTypeEnum as UpdateFieldTypes,
  PropertyUpdateTypeEnum as UpdateTypes,
} from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import { z } from 'zod';
import type { ExistingProperty, FieldType, PropertyDefinition, PropertyType } from '../domain/properties.ts';
import { parseResponse } from './calls.ts';
import type { HubSpotClient } from './client.ts';
import { Deadline, defaultRetryOptions, withRetry, type RetryOptions } from './retry.ts';

// Company property groups and definitions (crm.properties), what `cs-card setup` reads and
// changes. Reading is two calls whatever the portal holds (all groups, all properties), so a
// setup that finds nothing to do costs two calls.

const objectType = 'companies';
const callBudgetMs = 60_000;

const groupSchema = z.object({ name: z.string(), label: z.string(), displayOrder: z.number().optional() });
const optionSchema = z.object({ value: z.string(), label: z.string(), displayOrder: z.number().optional(), hidden: z.boolean().optional() });
const propertySchema = z.object({
  name: z.string(),
  label: z.string(),
  description: z.string().catch(''),
  type: z.string(),
  fieldType: z.string(),
  groupName: z.string(),
  options: z.array(optionSchema).catch([]),
  hubspotDefined: z.boolean().optional(),
});
const batchCreatedSchema = z.object({
  results: z.array(z.object({ name: z.string() })),
  errors: z.array(z.object({ message: z.string().optional(), context: z.record(z.string(), z.array(z.string())).optional() })).optional(),
});

export type ExistingGroup = z.infer<typeof groupSchema>;
export type ReadProperty = ExistingProperty & { readonly hubspotDefined: boolean };

// The SDK wants its own enums for the same strings.
const types: Record<PropertyType, Types> = { string: Types.String, number: Types.Number, date: Types.Date, datetime: Types.Datetime, enumeration: Types.Enumeration };
const fieldTypes: Record<FieldType, FieldTypes> = { text: FieldTypes.Text, textarea: FieldTypes.Textarea, number: FieldTypes.Number, date: FieldTypes.Date, select: FieldTypes.Select };
const updateTypes: Record<PropertyType, UpdateTypes> = { string: UpdateTypes.String, number: UpdateTypes.Number, date: UpdateTypes.Date, datetime: UpdateTypes.Datetime, enumeration: UpdateTypes.Enumeration };
const updateFieldTypes: Record<FieldType, UpdateFieldTypes> = {
  text: UpdateFieldTypes.Text,
  textarea: UpdateFieldTypes.Textarea,
  number: UpdateFieldTypes.Number,
  date: UpdateFieldTypes.Date,
  select: UpdateFieldTypes.Select,
};

function toInput(definition: PropertyDefinition) {
  return {
    label: definition.label,
    description: definition.description,
    groupName: definition.groupName,
    displayOrder: definition.displayOrder,
    options: definition.options.map((option) => ({ ...option, hidden: false })),
  };
}

export class PropertyGateway {
  constructor(
    private readonly client: HubSpotClient,
    private readonly retry: RetryOptions = defaultRetryOptions,
  ) {}

  private call<T>(run: () => Promise<T>, options?: { retryTransient?: boolean }): Promise<T> {
    return withRetry(run, new Deadline(callBudgetMs), this.retry, options);
  }

  async groups(): Promise<ExistingGroup[]> {
    const raw = await this.call(() => this.client.crm.properties.groupsApi.getAll(objectType));
    return parseResponse(z.object({ results: z.array(groupSchema) }), raw, 'property groups').results;
  }

  async createGroup(group: { name: string; label: string; displayOrder: number }): Promise<void> {
    await this.call(() => this.client.crm.properties.groupsApi.create(objectType, group));
  }

  async updateGroup(group: { name: string; label: string; displayOrder: number }): Promise<void> {
    await this.call(() => this.client.crm.properties.groupsApi.update(objectType, group.name, { label: group.label, displayOrder: group.displayOrder }));
  }

  async properties(): Promise<ReadProperty[]> {
    const raw = await this.call(() => this.client.crm.properties.coreApi.getAll(objectType));
    return parseResponse(z.object({ results: z.array(z.unknown()) }), raw, 'company properties').results.flatMap((item) => {
      const property = propertySchema.safeParse(item);
      return property.success ? [{ ...property.data, hubspotDefined: property.data.hubspotDefined ?? false }] : [];
    });
  }

  /** Creates them in one call; returns the names HubSpot did not create, each with HubSpot's own message (its words, in English) or null when it gave none. */
  async create(definitions: readonly PropertyDefinition[]): Promise<Map<string, string | null>> {
    if (definitions.length === 0) return new Map();
    const inputs = definitions.map((definition) => ({ name: definition.name, ...toInput(definition), type: types[definition.type], fieldType: fieldTypes[definition.fieldType] }));
    // Not retried after a 5xx: some may exist already, and the next setup run finds and fixes them.
    const raw = await this.call(() => this.client.crm.properties.batchApi.create(objectType, { inputs }), { retryTransient: false });
    const page = parseResponse(batchCreatedSchema, raw, 'created properties');
    const created = new Set(page.results.map((result) => result.name));
    const refused = new Map<string, string | null>();
    const reasons = new Map((page.errors ?? []).flatMap((error) => Object.values(error.context ?? {}).flat().map((name) => [name, error.message ?? null] as const)));
    for (const { name } of definitions) if (!created.has(name)) refused.set(name, reasons.get(name) ?? null);
    return refused;
  }

  async update(definition: PropertyDefinition): Promise<void> {
    const input = { ...toInput(definition), type: updateTypes[definition.type], fieldType: updateFieldTypes[definition.fieldType] };
    await this.call(() => this.client.crm.properties.coreApi.update(objectType, definition.name, input));
  }
}
