// Lists v3 (/crm/v3/lists): create a list, read it by id or by name, rename it, replace its
// filters (both keep its id and add one to its version), and its memberships —
// bodies checked against the fields HubSpot's published spec requires, so a list body that a
// real portal would refuse is refused here too. Dynamic lists are evaluated on each read.
import { HubSpotError, invalid, json, notFound } from '../hubspot-errors.ts';
import { matchesBranch, listCreateSchema, listFiltersUpdateSchema, branchProblems, type StoredList } from '../list-filters.ts';
import { OBJECT_TYPES, objectTypeOf, type SandboxObjectType } from '../object-types.ts';
import { bodyOf, intParam, route, type ApiCall, type Route } from '../router.ts';
import { isoOf } from '../time-values.ts';

const MEMBERSHIP_PAGE_MAX = 250;
const FIRST_LIST_ID = 101;

export const listRoutes: Route[] = [
  route('POST', '/crm/v3/lists', createList),
  route('GET', '/crm/v3/lists/object-type-id/:objectTypeId/name/:listName', (call) => json({ list: listView(call, byName(call)) })),
  route('PUT', '/crm/v3/lists/:listId/update-list-name', renameList),
  route('PUT', '/crm/v3/lists/:listId/update-list-filters', updateListFilters),
  route('GET', '/crm/v3/lists/:listId/memberships', memberships),
  route('GET', '/crm/v3/lists/:listId', (call) => json({ list: listView(call, byId(call)) })),
];

function objectTypeOfList(objectTypeId: string): SandboxObjectType {
  const type = objectTypeOf(objectTypeId);
  if (!type) throw invalid(`Unknown objectTypeId "${objectTypeId}".`, { errors: [{ message: `Unknown objectTypeId "${objectTypeId}".`, in: 'objectTypeId' }] });
  return type;
}

async function createList(call: ApiCall): Promise<Response> {
  const body = await bodyOf(call, listCreateSchema);
  const type = objectTypeOfList(body.objectTypeId);
  const problems = branchProblems(call.store.schema, type, body);
  refuseProblems(problems);
  const objectTypeId = OBJECT_TYPES[type].objectTypeId;
  refuseTakenName(call, body.name, null);
  const listId = String(FIRST_LIST_ID + call.store.lists.size);
  const list: StoredList = {
    listId, name: body.name, objectTypeId, processingType: body.processingType, filterBranch: body.filterBranch, createdAt: isoOf(call.clock()), members: [],
  };
  if (list.processingType === 'SNAPSHOT') list.members.push(...dynamicMembers(call, list));
  call.store.lists.set(listId, list);
  return json({ list: listView(call, list, true) });
}

/** A 400 naming what is wrong with a list's filters, as HubSpot answers a definition it refuses. */
function refuseProblems(problems: readonly string[]): void {
  if (problems.length > 0) throw invalid(`Invalid list definition: ${problems.join('; ')}.`, { errors: problems.map((message) => ({ message, in: 'filterBranch' })) });
}

/** List names are unique in a portal, compared without case, whatever the object type. */
function refuseTakenName(call: ApiCall, name: string, listId: string | null): void {
  if ([...call.store.lists.values()].some((list) => list.listId !== listId && list.name.toLowerCase() === name.toLowerCase())) {
    throw new HubSpotError(409, 'CONFLICT', `A list named "${name}" already exists. List names are unique in a portal.`);
  }
}

function renameList(call: ApiCall): Response {
  const list = byId(call);
  const name = (call.url.searchParams.get('listName') ?? '').trim();
  if (name === '') throw invalid('listName is required: the new name of the list.', { errors: [{ message: 'listName is required', in: 'listName' }] });
  refuseTakenName(call, name, list.listId);
  const at = isoOf(call.clock());
  const renamed: StoredList = { ...list, name, updatedAt: at, listVersion: (list.listVersion ?? 1) + 1 };
  call.store.lists.set(list.listId, renamed);
  return json({ updatedList: listView(call, renamed) });
}

async function updateListFilters(call: ApiCall): Promise<Response> {
  const list = byId(call);
  const { filterBranch } = await bodyOf(call, listFiltersUpdateSchema);
  if (list.processingType === 'MANUAL') throw invalid(`List ${list.listId} is a MANUAL list: it has no filters to update.`);
  const type = objectTypeOfList(list.objectTypeId);
  const problems = branchProblems(call.store.schema, type, { name: list.name, objectTypeId: list.objectTypeId, processingType: list.processingType, filterBranch });
  refuseProblems(problems);
  const at = isoOf(call.clock());
  const updated: StoredList = { ...list, filterBranch, updatedAt: at, filtersUpdatedAt: at, listVersion: (list.listVersion ?? 1) + 1 };
  call.store.lists.set(list.listId, updated);
  return json({ updatedList: listView(call, updated, true) });
}

function byId(call: ApiCall): StoredList {
  const id = call.params.listId ?? '';
  const list = call.store.lists.get(id);
  if (!list) throw notFound(`List ${id} does not exist.`, { listId: [id] });
  return list;
}

function byName(call: ApiCall): StoredList {
  const objectTypeId = OBJECT_TYPES[objectTypeOfList(call.params.objectTypeId ?? '')].objectTypeId;
  const name = (call.params.listName ?? '').toLowerCase();
  const list = [...call.store.lists.values()].find((candidate) => candidate.objectTypeId === objectTypeId && candidate.name.toLowerCase() === name);
  if (!list) throw notFound(`No list named "${call.params.listName ?? ''}" for object type ${objectTypeId}.`);
  return list;
}

function dynamicMembers(call: ApiCall, list: StoredList): string[] {
  const type = objectTypeOfList(list.objectTypeId);
  const branch = list.filterBranch;
  if (!branch) return [];
  const now = call.clock();
  return call.store.ordered(type).filter((object) => !object.archived && matchesBranch(object, branch, now)).map((object) => object.id);
}

function membersOf(call: ApiCall, list: StoredList): string[] {
  return list.processingType === 'DYNAMIC' ? dynamicMembers(call, list) : list.members;
}

function listView(call: ApiCall, list: StoredList, withFilters = call.url.searchParams.get('includeFilters') === 'true'): Record<string, unknown> {
  return {
    listId: list.listId,
    listVersion: list.listVersion ?? 1,
    name: list.name,
    objectTypeId: list.objectTypeId,
    processingType: list.processingType,
    processingStatus: 'COMPLETE',
    createdAt: list.createdAt,
    updatedAt: list.updatedAt ?? list.createdAt,
    filtersUpdatedAt: list.filtersUpdatedAt ?? list.createdAt,
    size: membersOf(call, list).length,
    ...(withFilters && list.filterBranch ? { filterBranch: list.filterBranch } : {}),
  };
}

function memberships(call: ApiCall): Response {
  const list = byId(call);
  const limit = intParam(call.url, 'limit', 100);
  if (limit > MEMBERSHIP_PAGE_MAX) throw invalid(`limit must be at most ${MEMBERSHIP_PAGE_MAX}, got ${limit}.`);
  const members = membersOf(call, list);
  const after = call.url.searchParams.get('after');
  const start = after === null ? 0 : Number(after);
  if (!Number.isInteger(start) || start < 0) throw invalid(`after must be the paging.next.after value of the previous page, got "${after}".`);
  const end = Math.min(start + limit, members.length);
  const results = members.slice(start, end).map((recordId) => ({ recordId, membershipTimestamp: list.createdAt }));
  return json({ results, total: members.length, ...(end < members.length ? { paging: { next: { after: String(end) } } } : {}) });
}
