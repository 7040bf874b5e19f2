// /crm/v3/objects/{objectType}: get by id, list pages, create, update, archive, batch
// read / update / create — the paths behind `crm.companies.*` and `crm.objects.*`.
import { associationTarget } from '../association-types.ts';
import { HubSpotError, invalid, json, notFound } from '../hubspot-errors.ts';
import type { StoredObject } from '../index.ts';
import { OBJECT_TYPES, type SandboxObjectType } from '../object-types.ts';
import { viewObject } from '../object-view.ts';
import { calculatedOnWrite, checkWrite } from '../property-values.ts';
import { bodyOf, intParam, listParam, objectTypeParam, route, type ApiCall, type Route } from '../router.ts';
import { isoOf } from '../time-values.ts';
import { batchError, batchResponse, checkBatchSize, type BatchError } from './batch.ts';
import { batchCreateBodySchema, batchReadBodySchema, batchUpdateBodySchema, createBodySchema, updateBodySchema, type associationsForCreateSchema } from './object-bodies.ts';
import type { z } from 'zod';

const BATCH_MAX = 100;
/** HubSpot serves history for fewer records at a time. */
const HISTORY_BATCH_MAX = 50;
const PAGE_MAX = 100;

export const objectRoutes: Route[] = [
  route('GET', '/crm/v3/objects/:objectType', listPage),
  route('POST', '/crm/v3/objects/:objectType', createOne),
  route('POST', '/crm/v3/objects/:objectType/batch/read', batchRead),
  route('POST', '/crm/v3/objects/:objectType/batch/update', batchUpdate),
  route('POST', '/crm/v3/objects/:objectType/batch/create', batchCreate),
  route('GET', '/crm/v3/objects/:objectType/:objectId', getById),
  route('PATCH', '/crm/v3/objects/:objectType/:objectId', updateOne),
  route('DELETE', '/crm/v3/objects/:objectType/:objectId', archiveOne),
];

function viewOptions(url: URL): { properties?: string[]; propertiesWithHistory?: string[]; associations?: string[] } {
  return { properties: listParam(url, 'properties'), propertiesWithHistory: listParam(url, 'propertiesWithHistory'), associations: listParam(url, 'associations') };
}

const typeLabel = (type: SandboxObjectType): string => OBJECT_TYPES[type].singular.toUpperCase();

function getById(call: ApiCall): Response {
  const type = objectTypeParam(call);
  const id = call.params.objectId ?? '';
  const object = findObject(call, type, id, call.url.searchParams.get('idProperty'));
  const wantArchived = call.url.searchParams.get('archived') === 'true';
  if (!object || object.archived !== wantArchived) throw notFound('Object not found.  objectId are usually numeric.', { id: [id] });
  return json(viewObject(call.store, type, object, viewOptions(call.url)));
}

function findObject(call: ApiCall, type: SandboxObjectType, id: string, idProperty: string | null): StoredObject | undefined {
  if (idProperty === null || idProperty === 'hs_object_id') return call.store.get(type, id);
  return call.store.ordered(type).find((object) => object.properties[idProperty] === id);
}

function listPage(call: ApiCall): Response {
  const type = objectTypeParam(call);
  const options = viewOptions(call.url);
  const max = options.propertiesWithHistory ? HISTORY_BATCH_MAX : PAGE_MAX;
  const limit = Math.min(intParam(call.url, 'limit', 10), max);
  const archived = call.url.searchParams.get('archived') === 'true';
  const after = call.url.searchParams.get('after');
  const ordered = call.store.ordered(type);
  const results: unknown[] = [];
  let index = after ? call.store.indexAtOrAfter(type, after) : 0;
  for (; index < ordered.length && results.length < limit; index += 1) {
    const object = ordered[index];
    if (object && object.archived === archived) results.push(viewObject(call.store, type, object, options));
  }
  while (index < ordered.length && ordered[index]?.archived !== archived) index += 1;
  const next = ordered[index];
  if (!next) return json({ results });
  const link = `${call.url.origin}/crm/v3/objects/${type}?after=${next.id}&limit=${limit}`;
  return json({ results, paging: { next: { after: next.id, link } } });
}

async function createOne(call: ApiCall): Promise<Response> {
  const type = writableType(call);
  const body = await bodyOf(call, createBodySchema);
  const object = createObject(call, type, body);
  return json(viewObject(call.store, type, object, { properties: Object.keys(body.properties) }), 201);
}

type CreateBody = z.infer<typeof createBodySchema>;
type AssociationsForCreate = z.infer<typeof associationsForCreateSchema>;

function createObject(call: ApiCall, type: SandboxObjectType, body: CreateBody): StoredObject {
  const values = checkWrite(call.store.schema, type, body.properties);
  if ((type === 'tasks' || type === 'notes') && !values.hs_timestamp) throw invalid('hs_timestamp is required: set it to the due date (tasks) or activity date (notes).');
  const links = resolveAssociations(call, type, body.associations ?? []);
  const now = isoOf(call.clock());
  const object = call.store.create(type, { ...values, ...calculatedOnWrite(type, values, {}, now) }, { createdAt: now });
  for (const { toType, toId, typeId } of links) call.store.associate(type, object.id, toType, toId, typeId);
  return object;
}

function resolveAssociations(call: ApiCall, type: SandboxObjectType, associations: AssociationsForCreate): Array<{ toType: SandboxObjectType; toId: string; typeId: number }> {
  return associations.flatMap(({ to, types }) => types.map(({ associationTypeId }) => {
    const toType = associationTarget(type, associationTypeId);
    if (!toType) throw invalid(`${associationTypeId} is not a valid association type id from ${type}. Check the HUBSPOT_DEFINED type ids for this object pair.`);
    if (!call.store.get(toType, to.id)) throw invalid(`One or more associations are invalid: no ${OBJECT_TYPES[toType].singular} with id ${to.id}.`, { context: { id: [to.id] } });
    return { toType, toId: to.id, typeId: associationTypeId };
  }));
}

async function updateOne(call: ApiCall): Promise<Response> {
  const type = writableType(call);
  const id = call.params.objectId ?? '';
  const body = await bodyOf(call, updateBodySchema);
  const values = checkWrite(call.store.schema, type, body.properties);
  const object = call.store.get(type, id);
  if (!object || object.archived) throw notFound(`resource not found: no ${OBJECT_TYPES[type].singular} with id ${id}.`, { id: [id] });
  writeValues(call, type, object, values);
  return json(viewObject(call.store, type, object, { properties: Object.keys(values) }));
}

function writeValues(call: ApiCall, type: SandboxObjectType, object: StoredObject, values: Record<string, string>): void {
  const now = isoOf(call.clock());
  call.store.update(type, object.id, { ...values, ...calculatedOnWrite(type, values, object.properties, now) }, { timestamp: now });
}

function archiveOne(call: ApiCall): Response {
  const type = writableType(call);
  call.store.archive(type, call.params.objectId ?? '');
  return new Response(null, { status: 204 });
}

async function batchRead(call: ApiCall): Promise<Response> {
  const startedAt = Date.now();
  const type = objectTypeParam(call);
  const body = await bodyOf(call, batchReadBodySchema);
  const withHistory = body.propertiesWithHistory && body.propertiesWithHistory.length > 0 ? body.propertiesWithHistory : undefined;
  checkBatchSize(body.inputs.length, withHistory ? HISTORY_BATCH_MAX : BATCH_MAX);
  const options = { properties: body.properties && body.properties.length > 0 ? body.properties : undefined, propertiesWithHistory: withHistory };
  const results: unknown[] = [];
  const missing: string[] = [];
  for (const id of new Set(body.inputs.map((input) => input.id))) {
    const object = findObject(call, type, id, body.idProperty ?? null);
    if (object && !object.archived) results.push(viewObject(call.store, type, object, options));
    else missing.push(id);
  }
  return batchResponse(results, notFoundErrors(type, 'get', missing), startedAt);
}

function notFoundErrors(type: SandboxObjectType, verb: string, ids: string[]): BatchError[] {
  if (ids.length === 0) return [];
  return [batchError('OBJECT_NOT_FOUND', `Could not ${verb} some ${typeLabel(type)} objects, they may be deleted or not exist. Check that ids are valid.`, { ids })];
}

async function batchUpdate(call: ApiCall): Promise<Response> {
  const startedAt = Date.now();
  const type = writableType(call);
  const { inputs } = await bodyOf(call, batchUpdateBodySchema);
  checkBatchSize(inputs.length, BATCH_MAX);
  const ids = inputs.map((input) => input.id);
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (duplicates.length > 0) throw invalid(`Duplicate IDs found in batch input: [${[...new Set(duplicates)].join(', ')}]. IDs must be unique`);
  const checked = inputs.map((input) => ({ id: input.id, values: checkWrite(call.store.schema, type, input.properties) }));
  const results: unknown[] = [];
  const missing: string[] = [];
  for (const { id, values } of checked) {
    const object = call.store.get(type, id);
    if (!object || object.archived) {
      missing.push(id);
      continue;
    }
    writeValues(call, type, object, values);
    results.push(viewObject(call.store, type, object, { properties: Object.keys(values) }));
  }
  return batchResponse(results, notFoundErrors(type, 'update', missing), startedAt);
}

async function batchCreate(call: ApiCall): Promise<Response> {
  const startedAt = Date.now();
  const type = writableType(call);
  const { inputs } = await bodyOf(call, batchCreateBodySchema);
  checkBatchSize(inputs.length, BATCH_MAX);
  inputs.forEach((input) => checkWrite(call.store.schema, type, input.properties));
  const created = inputs.map((input) => createObject(call, type, input));
  return batchResponse(created.map((object, index) => viewObject(call.store, type, object, { properties: Object.keys(inputs[index]?.properties ?? {}) })), [], startedAt, 201);
}

function writableType(call: ApiCall): SandboxObjectType {
  const type = objectTypeParam(call);
  if (OBJECT_TYPES[type].readOnly) throw new HubSpotError(405, 'VALIDATION_ERROR', `${type} are read-only through the API: HubSpot records them from survey responses.`);
  return type;
}
