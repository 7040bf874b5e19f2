// HubSpot CRM search semantics over stored objects: filter groups (OR of ANDs), one sort,
// a free-text query, and offset paging capped at 10,000 reachable results.
import { z } from 'zod';
import type { StoredObject } from './index.ts';
import { OBJECT_TYPES, type SandboxObjectType } from './object-types.ts';
import type { PropertySchema } from './property-schema.ts';
import { millisOf } from './time-values.ts';

export const SEARCH_PAGE_MAX = 200;
export const SEARCH_RESULT_CAP = 10_000;

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const filterSchema = z.object({
  propertyName: z.string().min(1),
  operator: z.enum(['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN']),
  value: scalar.optional(),
  highValue: scalar.optional(),
  values: z.array(scalar).optional(),
});

const sortSchema = z.union([
  z.string().min(1),
  z.object({ propertyName: z.string().min(1), direction: z.enum(['ASCENDING', 'DESCENDING']).optional() }),
]);

/** HubSpot's search limits since 2024: 5 filter groups, 10 filters in a group, 25 in all. */
export const MAX_FILTER_GROUPS = 5;
export const MAX_FILTERS_PER_GROUP = 10;
export const MAX_FILTERS = 25;

export const searchBodySchema = z.object({
  filterGroups: z.array(z.object({ filters: z.array(filterSchema).max(MAX_FILTERS_PER_GROUP, `a filter group takes at most ${MAX_FILTERS_PER_GROUP} filters`) }))
    .max(MAX_FILTER_GROUPS, `a search takes at most ${MAX_FILTER_GROUPS} filter groups`).optional(),
  sorts: z.array(sortSchema).max(1, 'HubSpot search sorts by one property only').optional(),
  query: z.string().max(3000, 'the query takes at most 3000 characters').optional(),
  properties: z.array(z.string()).optional(),
  limit: z.coerce.number().int().min(1, 'limit must be at least 1').max(SEARCH_PAGE_MAX, `limit must be at most ${SEARCH_PAGE_MAX}`).optional(),
  after: z.union([z.string(), z.number()]).transform(String).optional(),
});

const NEEDS_VALUE = new Set(['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN']);

export interface FilterProblem {
  readonly message: string;
  readonly code: string;
  readonly propertyName: string;
}

/**
 * What HubSpot refuses in a search's filters with a 400 instead of quietly matching nothing: a
 * property the object type does not have, a comparison without its value, IN without values.
 * `associationIn: false` refuses IN on `associations.{type}` too (HubSpot documents only EQ there;
 * controls.searchAssociationIn lets tests play a portal that holds to that).
 */
export function filterProblems(schema: PropertySchema, type: SandboxObjectType, body: SearchBody, { associationIn = true }: { associationIn?: boolean } = {}): FilterProblem[] {
  const problems: FilterProblem[] = [];
  for (const filter of (body.filterGroups ?? []).flatMap((group) => group.filters)) {
    const { propertyName, operator } = filter;
    const associated = associationFilterType(propertyName);
    if (associated !== undefined) {
      if (associated === null) problems.push({ propertyName, code: 'PROPERTY_DOESNT_EXIST', message: `Property "${propertyName}" does not exist on ${type}.` });
      else if (operator !== 'EQ' && (operator !== 'IN' || !associationIn)) {
        problems.push({ propertyName, code: 'INVALID_OPERATOR', message: `"${propertyName}" takes the ${associationIn ? 'EQ or IN operator' : 'EQ operator'} only.` });
      }
      else if (operator === 'EQ' ? !filter.value : (filter.values ?? []).length === 0) problems.push({ propertyName, code: 'MISSING_VALUE', message: `The ${operator} filter on "${propertyName}" needs a value.` });
    } else if (!schema.property(type, propertyName)) {
      problems.push({ propertyName, code: 'PROPERTY_DOESNT_EXIST', message: `Property "${propertyName}" does not exist on ${type}.` });
    } else if (NEEDS_VALUE.has(operator) && (filter.value === undefined || filter.value === '')) {
      problems.push({ propertyName, code: 'MISSING_VALUE', message: `The ${operator} filter on "${propertyName}" needs a value.` });
    } else if (operator === 'BETWEEN' && (filter.highValue === undefined || filter.highValue === '')) {
      problems.push({ propertyName, code: 'MISSING_VALUE', message: `The BETWEEN filter on "${propertyName}" needs a highValue.` });
    } else if ((operator === 'IN' || operator === 'NOT_IN') && (filter.values ?? []).length === 0) {
      problems.push({ propertyName, code: 'MISSING_VALUE', message: `The ${operator} filter on "${propertyName}" needs at least one of values.` });
    }
  }
  return problems;
}

export type SearchBody = z.infer<typeof searchBodySchema>;
type Filter = z.infer<typeof filterSchema>;
type Sort = z.infer<typeof sortSchema>;
type Kind = 'number' | 'time' | 'text';

const TEXT_FIELDS: Record<SandboxObjectType, readonly string[]> = {
  companies: ['name', 'domain'],
  contacts: ['firstname', 'lastname', 'email'],
  deals: ['dealname'],
  tickets: ['subject', 'content'],
  feedback_submissions: ['hs_content', 'hs_survey_name'],
  tasks: ['hs_task_subject', 'hs_task_body'],
  notes: ['hs_note_body'],
};

/** How a property's values compare: numbers and dates by value, everything else as case-insensitive text. */
function kindOf(schema: PropertySchema, type: SandboxObjectType, name: string): Kind {
  if (name === 'hs_object_id') return 'number';
  if (name === OBJECT_TYPES[type].createdProperty || OBJECT_TYPES[type].lastModifiedProperties.includes(name)) return 'time';
  const definition = schema.property(type, name);
  if (definition?.type === 'number') return 'number';
  if (definition?.type === 'date' || definition?.type === 'datetime') return 'time';
  return 'text';
}

function normalise(kind: Kind, value: string): number | string | undefined {
  if (kind === 'number') {
    const number = Number(value);
    return value.trim() === '' || Number.isNaN(number) ? undefined : number;
  }
  if (kind === 'time') return timeOf(value);
  return value.toLowerCase();
}

/**
 * Search reads the same stored timestamps over and over (each filter group, each page of a
 * walk, each search of an incremental sync): each distinct value is parsed once. Parsing every
 * time made a five-group search of a 100,000-company portal take a second, long enough for the
 * searches of one incremental sync to queue past the client's idle timeout.
 */
const parsedTimes = new Map<string, number | undefined>();
const parsedTimesLimit = 2_000_000;

function timeOf(value: string): number | undefined {
  const known = parsedTimes.get(value);
  if (known !== undefined || parsedTimes.has(value)) return known;
  if (parsedTimes.size >= parsedTimesLimit) parsedTimes.clear();
  const ms = millisOf(value);
  parsedTimes.set(value, ms);
  return ms;
}

function compare(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type Predicate = (object: StoredObject) => boolean;

/** The ids an object is associated with, of one type (the store's links). */
export type LinkedIds = (object: StoredObject, toType: SandboxObjectType) => readonly string[];

/**
 * The object type an `associations.{singular}` pseudo-property filters on (HubSpot's "search by
 * association": records associated with the given record ids); undefined when the name is an
 * ordinary property, null when it names no object type.
 */
export function associationFilterType(propertyName: string): SandboxObjectType | null | undefined {
  if (!propertyName.startsWith('associations.')) return undefined;
  const singular = propertyName.slice('associations.'.length);
  const found = Object.entries(OBJECT_TYPES).find(([, info]) => info.singular === singular);
  return found ? (found[0] as SandboxObjectType) : null;
}

function associationPredicate(toType: SandboxObjectType, filter: Filter, linkedIds: LinkedIds): Predicate {
  const wanted = new Set(filter.operator === 'EQ' ? [filter.value ?? ''] : (filter.values ?? []));
  return (object) => linkedIds(object, toType).some((id) => wanted.has(id));
}

function predicateOf(schema: PropertySchema, type: SandboxObjectType, filter: Filter, linkedIds: LinkedIds): Predicate {
  const associated = associationFilterType(filter.propertyName);
  if (associated) return associationPredicate(associated, filter, linkedIds);
  const kind = kindOf(schema, type, filter.propertyName);
  const read = (object: StoredObject): number | string | undefined => {
    const raw = object.properties[filter.propertyName];
    return raw === null || raw === undefined || raw === '' ? undefined : normalise(kind, raw);
  };
  const target = filter.value === undefined ? undefined : normalise(kind, filter.value);
  const high = filter.highValue === undefined ? undefined : normalise(kind, filter.highValue);
  const targets = (filter.values ?? []).map((value) => normalise(kind, value));
  const against = (test: (order: number) => boolean): Predicate => (object) => {
    const value = read(object);
    return value !== undefined && target !== undefined && test(compare(value, target));
  };
  const isIn: Predicate = (object) => {
    const value = read(object);
    return value !== undefined && targets.some((candidate) => candidate !== undefined && compare(value, candidate) === 0);
  };
  const containsToken: Predicate = (object) => {
    const value = read(object);
    const token = (filter.value ?? '').replaceAll('*', '').toLowerCase();
    return value !== undefined && String(value).includes(token);
  };
  switch (filter.operator) {
    // A value stored just as the filter gives it (the usual case) equals it without lowercasing.
    case 'EQ': return kind === 'text' && filter.value !== undefined ? textEquals(filter.propertyName, filter.value, target) : against((order) => order === 0);
    case 'NEQ': return (object) => !against((order) => order === 0)(object);
    case 'LT': return against((order) => order < 0);
    case 'LTE': return against((order) => order <= 0);
    case 'GT': return against((order) => order > 0);
    case 'GTE': return against((order) => order >= 0);
    case 'BETWEEN': return (object) => {
      const value = read(object);
      return value !== undefined && target !== undefined && high !== undefined && compare(value, target) >= 0 && compare(value, high) <= 0;
    };
    case 'IN': return isIn;
    case 'NOT_IN': return (object) => !isIn(object);
    case 'HAS_PROPERTY': return (object) => read(object) !== undefined;
    case 'NOT_HAS_PROPERTY': return (object) => read(object) === undefined;
    case 'CONTAINS_TOKEN': return containsToken;
    case 'NOT_CONTAINS_TOKEN': return (object) => !containsToken(object);
  }
}

function textEquals(name: string, given: string, lowered: number | string | undefined): Predicate {
  return (object) => {
    const raw = object.properties[name];
    if (raw === given && raw !== '') return true;
    return raw !== null && raw !== undefined && raw !== '' && raw.toLowerCase() === lowered;
  };
}

function queryPredicate(type: SandboxObjectType, query: string | undefined): Predicate {
  const needle = query?.trim().toLowerCase();
  if (!needle) return () => true;
  return (object) => TEXT_FIELDS[type].some((name) => object.properties[name]?.toLowerCase().includes(needle) ?? false);
}

/**
 * Every non-archived object matching the body's filter groups and query, in the requested order.
 * `objects` come in id order (the store keeps them so), which HubSpot's index also answers in
 * without a scan: a keyset page (`hs_object_id GT last id` in every group) starts at the last id
 * rather than testing every earlier object again, and an id sort is no sort. Paging a portal of
 * 100,000 companies 200 at a time used to filter and sort all of them for every page.
 */
export function searchObjects(schema: PropertySchema, type: SandboxObjectType, objects: readonly StoredObject[], body: SearchBody, linkedIds: LinkedIds = () => []): StoredObject[] {
  const filterGroups = (body.filterGroups ?? []).filter((group) => group.filters.length > 0);
  const groups = filterGroups.map((group) => group.filters.map((filter) => predicateOf(schema, type, filter, linkedIds)));
  const matchesQuery = queryPredicate(type, body.query);
  const matched: StoredObject[] = [];
  for (let index = keysetStart(objects, filterGroups); index < objects.length; index++) {
    const object = objects[index] as StoredObject;
    if (!object.archived && matchesQuery(object) && (groups.length === 0 || groups.some((predicates) => predicates.every((predicate) => predicate(object))))) matched.push(object);
  }
  return sortObjects(schema, type, matched, body.sorts?.[0]);
}

/**
 * The index of the first object (of `objects`, in id order) that can match: when every filter
 * group holds a lower bound on hs_object_id (GT or GTE), nothing before the lowest bound can;
 * else 0. The filters themselves still run on what follows.
 */
function keysetStart(objects: readonly StoredObject[], groups: ReadonlyArray<{ readonly filters: readonly Filter[] }>): number {
  if (groups.length === 0) return 0;
  let start = Number.POSITIVE_INFINITY;
  for (const group of groups) {
    let groupStart = 0;
    for (const { propertyName, operator, value } of group.filters) {
      if (propertyName !== 'hs_object_id' || (operator !== 'GT' && operator !== 'GTE') || value === undefined || value.trim() === '') continue;
      const bound = Number(value);
      if (Number.isNaN(bound)) continue;
      groupStart = Math.max(groupStart, firstIdAbove(objects, bound, operator === 'GTE'));
    }
    start = Math.min(start, groupStart);
  }
  return start;
}

/** Binary search: the first index whose numeric id is above `bound` (or equal to it, `inclusive`). */
function firstIdAbove(objects: readonly StoredObject[], bound: number, inclusive: boolean): number {
  let low = 0;
  let high = objects.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const id = Number((objects[middle] as StoredObject).id);
    if (id > bound || (inclusive && id === bound)) high = middle;
    else low = middle + 1;
  }
  return low;
}

function sortObjects(schema: PropertySchema, type: SandboxObjectType, objects: StoredObject[], sort: Sort | undefined): StoredObject[] {
  if (sort === undefined) return objects;
  const [name, descending] = typeof sort === 'string'
    ? [sort.replace(/^-/, ''), sort.startsWith('-')]
    : [sort.propertyName, sort.direction === 'DESCENDING'];
  // The objects are in id order already: an id sort keeps or reverses it.
  if (name === 'hs_object_id') return descending ? objects.reverse() : objects;
  const kind = kindOf(schema, type, name);
  const keyed = objects.map((object) => {
    const raw = object.properties[name];
    return { object, key: raw === null || raw === undefined || raw === '' ? undefined : normalise(kind, raw) };
  });
  const direction = descending ? -1 : 1;
  // Objects arrive in id order and the sort is stable, so ties stay in id order (stable paging).
  keyed.sort((a, b) => {
    if (a.key === undefined || b.key === undefined) return a.key === b.key ? 0 : a.key === undefined ? 1 : -1;
    return direction * compare(a.key, b.key);
  });
  return keyed.map((entry) => entry.object);
}

/** Total filters across groups: HubSpot allows 25. */
export function filterCount(body: SearchBody): number {
  return (body.filterGroups ?? []).reduce((sum, group) => sum + group.filters.length, 0);
}
