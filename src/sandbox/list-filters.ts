// Lists v3 filter branches as HubSpot's published spec defines them (required fields checked:
// `filterBranchOperator` on OR and AND branches, `zoneId` on time points, ...), and the subset
// of PROPERTY operations the sandbox evaluates to compute a dynamic list's members.
import { z } from 'zod';
import type { StoredObject } from './index.ts';
import type { PropertySchema } from './property-schema.ts';
import type { SandboxObjectType } from './object-types.ts';
import { millisOf } from './time-values.ts';
import { addMonths, dayOfInstant, dayStart, dayZone, isTimeZone, msPerDay, msPerHour, msPerMinute } from '../domain/parsing/index.ts';

const offsetSchema = z.object({
  days: z.number().int().optional(), hours: z.number().int().optional(), minutes: z.number().int().optional(),
  seconds: z.number().int().optional(), milliseconds: z.number().int().optional(), weeks: z.number().int().optional(),
  months: z.number().int().optional(), quarters: z.number().int().optional(), years: z.number().int().optional(),
}).strict();

const datePointSchema = z.object({
  timeType: z.literal('DATE'),
  year: z.number().int(), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31),
  hour: z.number().int().optional(), minute: z.number().int().optional(), second: z.number().int().optional(), millisecond: z.number().int().optional(),
  zoneId: z.string().min(1),
  timezoneSource: z.string().optional(),
});

const indexedPointSchema = z.object({
  timeType: z.literal('INDEXED'),
  indexReference: z.object({ referenceType: z.enum(['NOW', 'TODAY']) }).passthrough(),
  offset: offsetSchema.optional(),
  zoneId: z.string().min(1),
  timezoneSource: z.string().optional(),
});

const timePointSchema = z.discriminatedUnion('timeType', [datePointSchema, indexedPointSchema]);
type TimePoint = z.infer<typeof timePointSchema>;

const noValueSet = { includeObjectsWithNoValueSet: z.boolean() };

const operationSchema = z.discriminatedUnion('operationType', [
  z.object({ operationType: z.literal('ENUMERATION'), operator: z.enum(['IS_ANY_OF', 'IS_NONE_OF', 'IS_EXACTLY', 'IS_NOT_EXACTLY']), values: z.array(z.string()), ...noValueSet }),
  z.object({
    operationType: z.literal('NUMBER'),
    operator: z.enum(['IS_EQUAL_TO', 'IS_NOT_EQUAL_TO', 'IS_GREATER_THAN', 'IS_GREATER_THAN_OR_EQUAL_TO', 'IS_LESS_THAN', 'IS_LESS_THAN_OR_EQUAL_TO']),
    value: z.number(),
    ...noValueSet,
  }),
  z.object({ operationType: z.literal('STRING'), operator: z.enum(['IS_EQUAL_TO', 'IS_NOT_EQUAL_TO', 'CONTAINS', 'DOES_NOT_CONTAIN']), value: z.string(), ...noValueSet }),
  z.object({ operationType: z.literal('ALL_PROPERTY'), operator: z.enum(['IS_KNOWN', 'IS_UNKNOWN']), ...noValueSet }),
  z.object({
    operationType: z.literal('TIME_RANGED'),
    type: z.literal('TIME_RANGED'),
    operator: z.enum(['IS_BETWEEN', 'IS_NOT_BETWEEN']),
    lowerBoundTimePoint: timePointSchema,
    upperBoundTimePoint: timePointSchema,
    lowerBoundEndpointBehavior: z.enum(['INCLUSIVE', 'EXCLUSIVE']).optional(),
    upperBoundEndpointBehavior: z.enum(['INCLUSIVE', 'EXCLUSIVE']).optional(),
    propertyParser: z.string().optional(),
    ...noValueSet,
  }),
  z.object({
    operationType: z.literal('TIME_POINT'),
    type: z.literal('TIME_POINT'),
    operator: z.enum(['IS_BEFORE', 'IS_AFTER']),
    timePoint: timePointSchema,
    endpointBehavior: z.enum(['INCLUSIVE', 'EXCLUSIVE']).optional(),
    propertyParser: z.string().optional(),
    ...noValueSet,
  }),
]);
type Operation = z.infer<typeof operationSchema>;

const propertyFilterSchema = z.object({ filterType: z.literal('PROPERTY'), property: z.string().min(1), operation: operationSchema });
type PropertyFilter = z.infer<typeof propertyFilterSchema>;

export interface FilterBranch {
  readonly filterBranchType: 'OR' | 'AND';
  readonly filterBranchOperator: string;
  readonly filters: readonly PropertyFilter[];
  readonly filterBranches: readonly FilterBranch[];
}

const branchSchema: z.ZodType<FilterBranch> = z.lazy(() =>
  z.object({
    filterBranchType: z.enum(['OR', 'AND']),
    filterBranchOperator: z.enum(['OR', 'AND']),
    filters: z.array(propertyFilterSchema),
    filterBranches: z.array(branchSchema),
  }).refine((branch) => branch.filterBranchOperator === branch.filterBranchType, { message: 'filterBranchOperator must match filterBranchType', path: ['filterBranchOperator'] }),
);

export const listCreateSchema = z.object({
  name: z.string().trim().min(1),
  objectTypeId: z.string().min(1),
  processingType: z.enum(['MANUAL', 'DYNAMIC', 'SNAPSHOT']),
  filterBranch: branchSchema.optional(),
  listFolderId: z.number().int().optional(),
  customProperties: z.record(z.string(), z.string()).optional(),
  membershipSettings: z.object({ includeUnassigned: z.boolean().optional(), membershipTeamId: z.number().int().optional() }).optional(),
  listPermissions: z.unknown().optional(),
});
export type ListCreate = z.infer<typeof listCreateSchema>;

/** PUT /crm/v3/lists/{listId}/update-list-filters: the new definition, checked as a create's. */
export const listFiltersUpdateSchema = z.object({ filterBranch: branchSchema });

/** Problems HubSpot reports beyond the shape: a dynamic list needs filters rooted in OR, on properties the object has. */
export function branchProblems(schema: PropertySchema, type: SandboxObjectType, list: ListCreate): string[] {
  if (list.processingType === 'MANUAL') return list.filterBranch ? ['a MANUAL list takes no filterBranch'] : [];
  const root = list.filterBranch;
  if (!root) return [`a ${list.processingType} list needs a filterBranch`];
  const problems: string[] = [];
  if (root.filterBranchType !== 'OR') problems.push('the root filterBranch must be an OR branch');
  const visit = (branch: FilterBranch): void => {
    for (const filter of branch.filters) {
      if (!schema.property(type, filter.property)) problems.push(`property "${filter.property}" does not exist on this object type`);
    }
    branch.filterBranches.forEach(visit);
  };
  visit(root);
  return problems;
}


/** A time point's calendar: the local day of an instant, and the instant a local day starts. */
interface PointDays {
  dayOf(ms: number): number;
  start(day: number): number;
}

/** The days of a point's zoneId: an IANA zone (daylight-saving changes included) or a fixed offset ("+05:30", "UTC-3"); anything else is read as UTC. */
function pointDays(zoneId: string): PointDays {
  const fixed = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zoneId);
  if (fixed) {
    const offsetMs = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * msPerHour + Number(fixed[3] ?? 0) * msPerMinute);
    return { dayOf: (ms) => Math.floor((ms + offsetMs) / msPerDay), start: (day) => day * msPerDay - offsetMs };
  }
  const zone = dayZone(isTimeZone(zoneId) ? zoneId : 'UTC');
  return { dayOf: (ms) => zone.dayOf(ms), start: (day) => dayStart(zone, day) };
}

/** The instant a time point names. Days are the point's zone's days: TODAY is the day `now` falls on there, and a day starts at its local midnight. */
function instantOf(point: TimePoint, now: number): number {
  const days = pointDays(point.zoneId);
  if (point.timeType === 'DATE') {
    const clock = (point.hour ?? 0) * msPerHour + (point.minute ?? 0) * msPerMinute + (point.second ?? 0) * 1000 + (point.millisecond ?? 0);
    return days.start(dayOfInstant(Date.UTC(point.year, point.month - 1, point.day))) + clock;
  }
  const o = point.offset ?? {};
  const months = (o.months ?? 0) + 3 * (o.quarters ?? 0) + 12 * (o.years ?? 0);
  const wholeDays = (o.days ?? 0) + 7 * (o.weeks ?? 0);
  const clock = (o.hours ?? 0) * msPerHour + (o.minutes ?? 0) * msPerMinute + (o.seconds ?? 0) * 1000 + (o.milliseconds ?? 0);
  if (point.indexReference.referenceType === 'TODAY') return days.start(addMonths(days.dayOf(now), months) + wholeDays) + clock;
  const shifted = new Date(now);
  if (months !== 0) shifted.setUTCMonth(shifted.getUTCMonth() + months);
  return shifted.getTime() + wholeDays * msPerDay + clock;
}

function matchesOperation(raw: string | null | undefined, operation: Operation, now: number): boolean {
  const value = raw === null || raw === undefined || raw === '' ? null : raw;
  if (operation.operationType === 'ALL_PROPERTY') return operation.operator === 'IS_KNOWN' ? value !== null : value === null;
  if (value === null) return operation.includeObjectsWithNoValueSet;
  switch (operation.operationType) {
    case 'ENUMERATION': {
      const chosen = value.split(';');
      const any = chosen.some((choice) => operation.values.includes(choice));
      if (operation.operator === 'IS_ANY_OF') return any;
      if (operation.operator === 'IS_NONE_OF') return !any;
      const exactly = chosen.length === operation.values.length && chosen.every((choice) => operation.values.includes(choice));
      return operation.operator === 'IS_EXACTLY' ? exactly : !exactly;
    }
    case 'NUMBER': {
      const number = Number(value);
      if (Number.isNaN(number)) return false;
      const target = operation.value;
      return {
        IS_EQUAL_TO: number === target, IS_NOT_EQUAL_TO: number !== target, IS_GREATER_THAN: number > target,
        IS_GREATER_THAN_OR_EQUAL_TO: number >= target, IS_LESS_THAN: number < target, IS_LESS_THAN_OR_EQUAL_TO: number <= target,
      }[operation.operator];
    }
    case 'STRING': {
      const text = value.toLowerCase();
      const target = operation.value.toLowerCase();
      return { IS_EQUAL_TO: text === target, IS_NOT_EQUAL_TO: text !== target, CONTAINS: text.includes(target), DOES_NOT_CONTAIN: !text.includes(target) }[operation.operator];
    }
    case 'TIME_RANGED': {
      const at = millisOf(value);
      if (at === undefined) return false;
      const low = instantOf(operation.lowerBoundTimePoint, now);
      const high = instantOf(operation.upperBoundTimePoint, now);
      const aboveLow = operation.lowerBoundEndpointBehavior === 'EXCLUSIVE' ? at > low : at >= low;
      const belowHigh = operation.upperBoundEndpointBehavior === 'EXCLUSIVE' ? at < high : at <= high;
      return operation.operator === 'IS_BETWEEN' ? aboveLow && belowHigh : !(aboveLow && belowHigh);
    }
    case 'TIME_POINT': {
      const at = millisOf(value);
      if (at === undefined) return false;
      const point = instantOf(operation.timePoint, now);
      const inclusive = operation.endpointBehavior === 'INCLUSIVE';
      return operation.operator === 'IS_BEFORE' ? (inclusive ? at <= point : at < point) : (inclusive ? at >= point : at > point);
    }
  }
}

/** Whether an object belongs to a dynamic list: an OR branch needs one filter or child branch to hold, an AND branch all. */
export function matchesBranch(object: StoredObject, branch: FilterBranch, now: number): boolean {
  const tests = [
    ...branch.filters.map((filter) => () => matchesOperation(object.properties[filter.property], filter.operation, now)),
    ...branch.filterBranches.map((child) => () => matchesBranch(object, child, now)),
  ];
  if (tests.length === 0) return branch.filterBranchType === 'AND';
  return branch.filterBranchType === 'OR' ? tests.some((test) => test()) : tests.every((test) => test());
}

/** A list as the portal keeps it. */
export interface StoredList {
  readonly listId: string;
  readonly name: string;
  readonly objectTypeId: string;
  readonly processingType: 'MANUAL' | 'DYNAMIC' | 'SNAPSHOT';
  readonly filterBranch: FilterBranch | undefined;
  readonly createdAt: string;
  /** Set by a rename or a filter update (each adds one to the list's version). */
  readonly updatedAt?: string;
  readonly filtersUpdatedAt?: string;
  readonly listVersion?: number;
  /** Members of MANUAL and SNAPSHOT lists (dynamic lists are evaluated on read). */
  readonly members: string[];
}
