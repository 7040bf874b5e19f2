import { z } from 'zod';
import type { ListCondition, ManagerList } from '../domain/portfolio/manager-lists.ts';

// A manager list's conditions as a Lists v3 filter branch (HubSpot's list-filter format, its
// published spec: a root OR branch holding one AND branch of PROPERTY filters), and a list's
// filter branch read back into conditions, so setup can tell its own definition from one changed
// in HubSpot.

export const companyObjectTypeId = '0-2';

function operation(condition: ListCondition, zoneId: string): Record<string, unknown> {
  switch (condition.test) {
    case 'any-of':
      return { operationType: 'ENUMERATION', operator: 'IS_ANY_OF', values: [...condition.values], includeObjectsWithNoValueSet: false };
    case 'none-of':
      return { operationType: 'ENUMERATION', operator: 'IS_NONE_OF', values: [...condition.values], includeObjectsWithNoValueSet: true };
    case 'below':
      return { operationType: 'NUMBER', operator: 'IS_LESS_THAN', value: condition.value, includeObjectsWithNoValueSet: false };
    case 'within-next-days':
    case 'within-last-days': {
      // zoneId is required on every time point (HubSpot's spec: PublicIndexedTimePoint.zoneId, with
      // timezoneSource optional and its effect undocumented): it is the portal's zone, so the days
      // are the portal's whichever of the two HubSpot goes by.
      const today = (days: number) => ({ timeType: 'INDEXED', timezoneSource: 'PORTAL', zoneId, indexReference: { referenceType: 'TODAY' }, offset: { days } });
      const [from, to] = condition.test === 'within-next-days' ? [0, condition.days] : [-condition.days, 0];
      return {
        operationType: 'TIME_RANGED',
        type: 'TIME_RANGED',
        operator: 'IS_BETWEEN',
        includeObjectsWithNoValueSet: false,
        propertyParser: 'VALUE',
        lowerBoundEndpointBehavior: 'INCLUSIVE',
        upperBoundEndpointBehavior: 'INCLUSIVE',
        lowerBoundTimePoint: today(from),
        upperBoundTimePoint: today(to),
      };
    }
  }
}

/** The filter branch of one manager list (create and update-list-filters take the same). */
export function filterBranchOf(list: ManagerList, zoneId: string): Record<string, unknown> {
  return {
    filterBranchType: 'OR',
    filterBranchOperator: 'OR',
    filters: [],
    filterBranches: [
      {
        filterBranchType: 'AND',
        filterBranchOperator: 'AND',
        filterBranches: [],
        filters: list.conditions.map((condition) => ({ filterType: 'PROPERTY', property: condition.property, operation: operation(condition, zoneId) })),
      },
    ],
  };
}

/**
 * The create-list body for one manager list, with every field HubSpot's Lists v3 spec requires
 * (`filterBranchOperator` on each branch, `zoneId` on each time point). `zoneId` is the portal's
 * time zone (an IANA name), so "the next 90 days" counts the portal's days.
 */
export function listRequest(list: ManagerList, zoneId: string): Record<string, unknown> {
  return { name: list.name, objectTypeId: companyObjectTypeId, processingType: 'DYNAMIC', filterBranch: filterBranchOf(list, zoneId) };
}

// Reading back: only the form setup writes is understood; anything else reads as null ("not
// setup's form"). Unknown fields pass (HubSpot adds some), missing or other values do not.
// HubSpot may spell out every unit of an offset: the others must be zero for a whole-day offset.
const zero = z.literal(0).optional();
const todayPointSchema = z.object({
  timeType: z.literal('INDEXED'),
  indexReference: z.object({ referenceType: z.literal('TODAY') }).passthrough(),
  offset: z.object({
    days: z.number().int().optional(), weeks: zero, months: zero, quarters: zero, years: zero, hours: zero, minutes: zero, seconds: zero, milliseconds: zero,
  }).strict().optional(),
}).passthrough();
// A number may come back as a numeric string.
const numberSchema = z.union([z.number(), z.string().regex(/^-?\d+(?:\.\d+)?$/).transform(Number)]);

const operationSchema = z.union([
  z.object({ operationType: z.literal('ENUMERATION'), operator: z.enum(['IS_ANY_OF', 'IS_NONE_OF']), values: z.array(z.string()), includeObjectsWithNoValueSet: z.boolean() }).passthrough(),
  z.object({ operationType: z.literal('NUMBER'), operator: z.literal('IS_LESS_THAN'), value: numberSchema, includeObjectsWithNoValueSet: z.boolean() }).passthrough(),
  z.object({
    operationType: z.literal('TIME_RANGED'),
    operator: z.literal('IS_BETWEEN'),
    includeObjectsWithNoValueSet: z.boolean(),
    lowerBoundEndpointBehavior: z.literal('INCLUSIVE').optional(),
    upperBoundEndpointBehavior: z.literal('INCLUSIVE').optional(),
    lowerBoundTimePoint: todayPointSchema,
    upperBoundTimePoint: todayPointSchema,
  }).passthrough(),
]);

const setupFormSchema = z.object({
  filterBranchType: z.literal('OR'),
  filters: z.array(z.unknown()).max(0).optional(),
  filterBranches: z.array(
    z.object({
      filterBranchType: z.literal('AND'),
      filterBranches: z.array(z.unknown()).max(0).optional(),
      filters: z.array(z.object({ filterType: z.literal('PROPERTY'), property: z.string().min(1), operation: operationSchema }).passthrough()).min(1),
    }).passthrough(),
  ).length(1),
}).passthrough();

type ReadOperation = z.infer<typeof operationSchema>;

function conditionOf(property: string, op: ReadOperation): ListCondition | null {
  switch (op.operationType) {
    case 'ENUMERATION':
      // setup includes companies with no band in "none of" (not healthy), never in "any of".
      if (op.includeObjectsWithNoValueSet !== (op.operator === 'IS_NONE_OF')) return null;
      return { property, test: op.operator === 'IS_ANY_OF' ? 'any-of' : 'none-of', values: op.values };
    case 'NUMBER':
      return op.includeObjectsWithNoValueSet ? null : { property, test: 'below', value: op.value };
    case 'TIME_RANGED': {
      if (op.includeObjectsWithNoValueSet) return null;
      const from = op.lowerBoundTimePoint.offset?.days ?? 0;
      const to = op.upperBoundTimePoint.offset?.days ?? 0;
      if (from === 0 && to > 0) return { property, test: 'within-next-days', days: to };
      if (to === 0 && from < 0) return { property, test: 'within-last-days', days: -from };
      return null;
    }
  }
}

/**
 * A dynamic list's filter branch as setup's conditions, or null when it is not of the form setup
 * writes (another branch structure, filter type, operator or bound).
 */
export function conditionsOf(processingType: string, filterBranch: unknown): ListCondition[] | null {
  if (processingType !== 'DYNAMIC') return null;
  const parsed = setupFormSchema.safeParse(filterBranch);
  if (!parsed.success) return null;
  const conditions: ListCondition[] = [];
  for (const filter of parsed.data.filterBranches[0]?.filters ?? []) {
    const condition = conditionOf(filter.property, filter.operation);
    if (!condition) return null;
    conditions.push(condition);
  }
  return conditions;
}

/**
 * The zoneId of every time point in a filter branch, in order (the zones its day ranges count
 * days in); empty when it has none or HubSpot names none.
 */
export function zoneIdsOf(filterBranch: unknown): string[] {
  if (Array.isArray(filterBranch)) return filterBranch.flatMap(zoneIdsOf);
  if (typeof filterBranch !== 'object' || filterBranch === null) return [];
  const own = 'timeType' in filterBranch && 'zoneId' in filterBranch && typeof filterBranch.zoneId === 'string' ? [filterBranch.zoneId] : [];
  return [...own, ...Object.values(filterBranch).flatMap(zoneIdsOf)];
}
