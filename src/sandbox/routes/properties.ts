// /crm/v3/properties/{objectType}: property definitions and groups (read, create, update),
// what `cs-card setup` uses to install the product's company properties.
import { z } from 'zod';
import { HubSpotError, invalid, json, notFound } from '../hubspot-errors.ts';
import type { SandboxObjectType } from '../object-types.ts';
import { defineProperty, type PropertyDefinition, type PropertyGroup, type PropertyType } from '../property-catalog.ts';
import { bodyOf, objectTypeParam, route, type ApiCall, type Route } from '../router.ts';
import { isoOf } from '../time-values.ts';
import { batchError, batchResponse, type BatchError } from './batch.ts';

const FIELD_TYPES: Record<PropertyType, readonly string[]> = {
  string: ['text', 'textarea', 'html', 'phonenumber', 'file'],
  number: ['number', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox', 'calculation_equation'],
  bool: ['booleancheckbox', 'calculation_equation'],
  phone_number: ['phonenumber'],
};

const optionSchema = z.object({
  label: z.string(), value: z.string(), displayOrder: z.number().int().optional(), hidden: z.boolean().optional(), description: z.string().optional(),
});

const propertyCreateSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'name must start with a lowercase letter and hold only lowercase letters, digits and underscores'),
  label: z.string().min(1),
  type: z.enum(['string', 'number', 'date', 'datetime', 'enumeration', 'bool', 'phone_number']),
  fieldType: z.string(),
  groupName: z.string().min(1),
  description: z.string().optional(),
  options: z.array(optionSchema).optional(),
  displayOrder: z.number().int().optional(),
  hasUniqueValue: z.boolean().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
  externalOptions: z.boolean().optional(),
});

const propertyUpdateSchema = propertyCreateSchema.omit({ name: true }).partial();
const groupCreateSchema = z.object({ name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'group names hold only lowercase letters, digits and underscores'), label: z.string().min(1), displayOrder: z.number().int().optional() });
const groupUpdateSchema = groupCreateSchema.omit({ name: true }).partial();

export const propertyRoutes: Route[] = [
  route('GET', '/crm/v3/properties/:objectType/groups', (call) => json({ results: call.store.schema.groups(objectTypeParam(call)).map(groupView) })),
  route('POST', '/crm/v3/properties/:objectType/groups', createGroup),
  route('GET', '/crm/v3/properties/:objectType/groups/:groupName', (call) => json(groupView(existingGroup(call)))),
  route('PATCH', '/crm/v3/properties/:objectType/groups/:groupName', updateGroup),
  route('POST', '/crm/v3/properties/:objectType/batch/create', batchCreate),
  route('POST', '/crm/v3/properties/:objectType/batch/read', batchRead),
  route('GET', '/crm/v3/properties/:objectType', (call) => json({ results: call.store.schema.properties(objectTypeParam(call)).map(propertyView) })),
  route('POST', '/crm/v3/properties/:objectType', async (call) => json(propertyView(createProperty(call, objectTypeParam(call), await bodyOf(call, propertyCreateSchema))), 201)),
  route('GET', '/crm/v3/properties/:objectType/:propertyName', (call) => json(propertyView(existingProperty(call)))),
  route('PATCH', '/crm/v3/properties/:objectType/:propertyName', updateProperty),
];

function propertyView(definition: PropertyDefinition): Record<string, unknown> {
  const { readOnlyValue, hubspotDefined, ...rest } = definition;
  return {
    ...rest,
    ...(hubspotDefined ? { hubspotDefined } : {}),
    modificationMetadata: { archivable: !hubspotDefined, readOnlyDefinition: hubspotDefined, readOnlyValue },
    archived: false,
  };
}

function groupView(group: PropertyGroup): Record<string, unknown> {
  return { ...group, archived: false };
}

function checkFieldType(type: PropertyType, fieldType: string): void {
  if (!FIELD_TYPES[type].includes(fieldType)) {
    throw invalid(`fieldType "${fieldType}" does not fit type "${type}": use one of ${FIELD_TYPES[type].join(', ')}.`);
  }
}

function createProperty(call: ApiCall, type: SandboxObjectType, input: z.infer<typeof propertyCreateSchema>): PropertyDefinition {
  const { schema } = call.store;
  if (schema.property(type, input.name)) throw new HubSpotError(409, 'OBJECT_ALREADY_EXISTS', `Property named '${input.name}' already exists.`);
  if (!schema.group(type, input.groupName)) throw invalid(`Property group '${input.groupName}' does not exist on ${type}: create it first.`);
  checkFieldType(input.type, input.fieldType);
  const base = defineProperty(input.name, input.label, input.groupName, { type: input.type, fieldType: input.fieldType, external: input.externalOptions }, isoOf(call.clock()), false);
  const definition: PropertyDefinition = {
    ...base,
    description: input.description ?? '',
    options: input.options ? input.options.map(withOptionDefaults) : base.options,
    displayOrder: input.displayOrder ?? -1,
    hidden: input.hidden ?? false,
    formField: input.formField ?? false,
    hasUniqueValue: input.hasUniqueValue ?? false,
  };
  schema.putProperty(type, definition);
  return definition;
}

function withOptionDefaults(option: z.infer<typeof optionSchema>, index: number): PropertyDefinition['options'][number] {
  return { label: option.label, value: option.value, displayOrder: option.displayOrder ?? index, hidden: option.hidden ?? false, ...(option.description ? { description: option.description } : {}) };
}

function existingProperty(call: ApiCall): PropertyDefinition {
  const type = objectTypeParam(call);
  const name = call.params.propertyName ?? '';
  const definition = call.store.schema.property(type, name);
  if (!definition) throw notFound(`Unable to find property '${name}' on ${type}.`, { propertyName: [name] });
  return definition;
}

async function updateProperty(call: ApiCall): Promise<Response> {
  const type = objectTypeParam(call);
  const current = existingProperty(call);
  const changes = await bodyOf(call, propertyUpdateSchema);
  if (current.hubspotDefined) throw invalid(`${current.name} is a HubSpot-defined property; its definition cannot be changed.`);
  if (changes.groupName && !call.store.schema.group(type, changes.groupName)) throw invalid(`Property group '${changes.groupName}' does not exist on ${type}: create it first.`);
  const next: PropertyDefinition = {
    ...current,
    ...Object.fromEntries(Object.entries(changes).filter(([key, value]) => value !== undefined && key !== 'options' && key !== 'externalOptions')),
    options: changes.options ? changes.options.map(withOptionDefaults) : current.options,
    updatedAt: isoOf(call.clock()),
  };
  checkFieldType(next.type, next.fieldType);
  call.store.schema.putProperty(type, next);
  return json(propertyView(next));
}

async function batchCreate(call: ApiCall): Promise<Response> {
  const startedAt = Date.now();
  const type = objectTypeParam(call);
  const { inputs } = await bodyOf(call, z.object({ inputs: z.array(propertyCreateSchema) }));
  const results: unknown[] = [];
  const errors: BatchError[] = [];
  for (const input of inputs) {
    try {
      results.push(propertyView(createProperty(call, type, input)));
    } catch (error) {
      if (!(error instanceof HubSpotError)) throw error;
      errors.push(batchError(error.category, error.message, { name: [input.name] }));
    }
  }
  return batchResponse(results, errors, startedAt, 201);
}

async function batchRead(call: ApiCall): Promise<Response> {
  const startedAt = Date.now();
  const type = objectTypeParam(call);
  const { inputs } = await bodyOf(call, z.object({ inputs: z.array(z.object({ name: z.string() })) }));
  const found = inputs.flatMap(({ name }) => call.store.schema.property(type, name) ?? []);
  const missing = inputs.map(({ name }) => name).filter((name) => !call.store.schema.property(type, name));
  const errors = missing.length > 0 ? [batchError('OBJECT_NOT_FOUND', `Unable to find properties on ${type}: ${missing.join(', ')}`, { names: missing })] : [];
  return batchResponse(found.map(propertyView), errors, startedAt);
}

function existingGroup(call: ApiCall): PropertyGroup {
  const type = objectTypeParam(call);
  const name = call.params.groupName ?? '';
  const group = call.store.schema.group(type, name);
  if (!group) throw notFound(`Unable to find property group '${name}' on ${type}.`, { groupName: [name] });
  return group;
}

async function createGroup(call: ApiCall): Promise<Response> {
  const type = objectTypeParam(call);
  const input = await bodyOf(call, groupCreateSchema);
  if (call.store.schema.group(type, input.name)) throw new HubSpotError(409, 'OBJECT_ALREADY_EXISTS', `Property group named '${input.name}' already exists.`);
  const group = { name: input.name, label: input.label, displayOrder: input.displayOrder ?? -1 };
  call.store.schema.putGroup(type, group);
  return json(groupView(group), 201);
}

async function updateGroup(call: ApiCall): Promise<Response> {
  const current = existingGroup(call);
  const changes = await bodyOf(call, groupUpdateSchema);
  const next = { ...current, label: changes.label ?? current.label, displayOrder: changes.displayOrder ?? current.displayOrder };
  call.store.schema.putGroup(objectTypeParam(call), next);
  return json(groupView(next));
}
