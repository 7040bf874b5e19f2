// Checks values written through the API against the portal's property definitions, the way
// HubSpot refuses a write (400, one entry per bad property), and keeps the properties HubSpot
// calculates from a deal or ticket stage in step.
import { invalid } from './hubspot-errors.ts';
import type { SandboxObjectType } from './object-types.ts';
import { dealStageOf, ticketStageOf } from './pipelines.ts';
import type { PropertyDefinition } from './property-catalog.ts';
import type { PropertySchema } from './property-schema.ts';
import { dayOf, isoOf, millisOf } from './time-values.ts';
import { msPerDay } from '../domain/parsing/index.ts';

interface Problem {
  readonly name: string;
  readonly error: string;
  readonly message: string;
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const EPOCH_MS = /^-?\d{10,}$/;

/** The values as HubSpot stores them (dates normalised), or a 400 naming each bad property. */
export function checkWrite(schema: PropertySchema, type: SandboxObjectType, values: Record<string, string | null>): Record<string, string> {
  const problems: Problem[] = [];
  const accepted: Record<string, string> = {};
  for (const [name, raw] of Object.entries(values)) {
    const value = raw ?? '';
    const definition = schema.property(type, name);
    const result = definition ? checkValue(definition, value) : { error: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` };
    if ('error' in result) problems.push({ name, ...result });
    else accepted[name] = result.value;
  }
  if (problems.length > 0) {
    throw invalid(`Property values were not valid: ${JSON.stringify(problems.map((problem) => ({ isValid: false, ...problem })))}`, {
      errors: problems.map((problem) => ({ message: problem.message, code: problem.error, context: { propertyName: [problem.name] } })),
    });
  }
  return accepted;
}

/** HubSpot stores at most this many characters in one property value (a note's body included). */
export const MAX_VALUE_LENGTH = 65_536;

function checkValue(definition: PropertyDefinition, value: string): { value: string } | { error: string; message: string } {
  if (definition.readOnlyValue) return { error: 'READ_ONLY_VALUE', message: `${definition.name} is a read only property; its value cannot be set.` };
  if (value === '') return { value };
  if (value.length > MAX_VALUE_LENGTH) {
    return { error: 'INVALID_LENGTH', message: `${definition.name} is ${value.length} characters long; a property value takes at most ${MAX_VALUE_LENGTH} characters.` };
  }
  switch (definition.type) {
    case 'number':
      return NUMBER.test(value) ? { value } : { error: 'INVALID_INTEGER', message: `${value} was not a valid number.` };
    case 'bool':
      return value === 'true' || value === 'false' ? { value } : { error: 'INVALID_BOOLEAN', message: `${value} was not a valid boolean (true or false).` };
    case 'date':
      return checkDate(value);
    case 'datetime': {
      const ms = millisOf(value);
      return ms === undefined ? { error: 'INVALID_DATE', message: `${value} was not a valid datetime (ISO 8601 or epoch milliseconds).` } : { value: isoOf(ms) };
    }
    case 'enumeration':
      return checkOption(definition, value);
    default:
      return { value };
  }
}

function checkDate(value: string): { value: string } | { error: string; message: string } {
  const ms = millisOf(value);
  if (ms === undefined) return { error: 'INVALID_DATE', message: `${value} was not a valid date (YYYY-MM-DD).` };
  if (EPOCH_MS.test(value) && ms % msPerDay !== 0) return { error: 'INVALID_DATE', message: `${value} is not midnight UTC; date properties take midnight UTC timestamps.` };
  return { value: dayOf(ms) };
}

function checkOption(definition: PropertyDefinition, value: string): { value: string } | { error: string; message: string } {
  if (definition.externalOptions) return { value };
  const allowed = definition.options.map((option) => option.value);
  const chosen = definition.fieldType === 'checkbox' ? value.split(';') : [value];
  const unknown = chosen.find((choice) => !allowed.includes(choice));
  if (unknown === undefined) return { value };
  return { error: 'INVALID_OPTION', message: `${unknown} was not one of the allowed options: [${allowed.join(', ')}]` };
}

/** Properties HubSpot derives when a deal or ticket changes stage. */
export function calculatedOnWrite(type: SandboxObjectType, written: Record<string, string>, current: Record<string, string | null>, now: string): Record<string, string> {
  if (type === 'deals' && written.dealstage !== undefined) {
    const stage = dealStageOf(written.dealstage);
    if (!stage) return {};
    const probability = stage.metadata.probability ?? '0';
    return { hs_is_closed: stage.metadata.isClosed ?? 'false', hs_is_closed_won: String(probability === '1'), hs_deal_stage_probability: probability };
  }
  if (type === 'tickets' && written.hs_pipeline_stage !== undefined) {
    const closed = ticketStageOf(written.hs_pipeline_stage)?.metadata.ticketState === 'CLOSED';
    const closedDate = closed ? (written.closed_date ?? current.closed_date ?? now) : '';
    return { hs_is_closed: String(closed), closed_date: closedDate || '' };
  }
  return {};
}
