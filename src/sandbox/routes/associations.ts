// Associations v4: batch reads (up to 1,000 ids, 500 associations per id and page, 207 with
// NO_ASSOCIATIONS_FOUND for ids that have none), per-object pages, and creating links.
import { z } from 'zod';
import { defaultAssociationTypeId } from '../association-types.ts';
import { invalid, json, notFound } from '../hubspot-errors.ts';
import { OBJECT_TYPES, type SandboxObjectType } from '../object-types.ts';
import { bodyOf, intParam, objectTypeParam, route, type ApiCall, type Route } from '../router.ts';
import type { MemoryStore } from '../store.ts';
import { batchError, batchResponse, checkBatchSize, type BatchError } from './batch.ts';

const BATCH_MAX = 1000;
const PAGE_MAX = 500;

const batchReadSchema = z.object({ inputs: z.array(z.object({ id: z.coerce.string(), after: z.string().optional() })) });
const labelsSchema = z.array(z.object({ associationCategory: z.string(), associationTypeId: z.coerce.number().int() })).min(1);

export const associationRoutes: Route[] = [
  route('POST', '/crm/v4/associations/:fromType/:toType/batch/read', batchRead),
  route('GET', '/crm/v4/objects/:fromType/:fromId/associations/:toType', pageOfOne),
  route('PUT', '/crm/v4/objects/:fromType/:fromId/associations/default/:toType/:toId', createDefault),
  route('PUT', '/crm/v4/objects/:fromType/:fromId/associations/:toType/:toId', createLabelled),
];

interface Page {
  readonly to: unknown[];
  readonly after: string | undefined;
}

function pageOf(store: MemoryStore, fromType: SandboxObjectType, fromId: string, toType: SandboxObjectType, after: string | undefined, limit: number): Page {
  const ids = store.linked(fromType, fromId, toType);
  const start = after === undefined ? 0 : Number(after);
  if (!Number.isInteger(start) || start < 0) throw invalid(`after must be the paging.next.after value of the previous page, got "${after}".`);
  const end = Math.min(start + limit, ids.length);
  const to = ids.slice(start, end).map((toId) => ({
    // HubSpot sends this id as a JSON number.
    toObjectId: Number(toId),
    associationTypes: store.associationTypeIds(fromType, fromId, toType, toId).map((typeId) => ({
      category: typeId === defaultAssociationTypeId(fromType, toType) ? 'HUBSPOT_DEFINED' : 'USER_DEFINED',
      typeId,
      label: null,
    })),
  }));
  return { to, after: end < ids.length ? String(end) : undefined };
}

async function batchRead(call: ApiCall): Promise<Response> {
  const startedAt = Date.now();
  const fromType = objectTypeParam(call, 'fromType');
  const toType = objectTypeParam(call, 'toType');
  const { inputs } = await bodyOf(call, batchReadSchema);
  checkBatchSize(inputs.length, BATCH_MAX);
  const results: unknown[] = [];
  const errors: BatchError[] = [];
  for (const { id, after } of inputs) {
    const page = pageOf(call.store, fromType, id, toType, after, PAGE_MAX);
    if (page.to.length === 0 && after === undefined) {
      errors.push(batchError('OBJECT_NOT_FOUND', `No ${OBJECT_TYPES[toType].singular} is associated with ${OBJECT_TYPES[fromType].singular} ${id}.`, { fromObjectId: [id] }, 'crm.associations.NO_ASSOCIATIONS_FOUND'));
      continue;
    }
    results.push({ from: { id }, to: page.to, ...(page.after ? { paging: { next: { after: page.after } } } : {}) });
  }
  return batchResponse(results, errors, startedAt);
}

function pageOfOne(call: ApiCall): Response {
  const fromType = objectTypeParam(call, 'fromType');
  const toType = objectTypeParam(call, 'toType');
  const fromId = call.params.fromId ?? '';
  const limit = Math.min(intParam(call.url, 'limit', PAGE_MAX), PAGE_MAX);
  const page = pageOf(call.store, fromType, fromId, toType, call.url.searchParams.get('after') ?? undefined, limit);
  if (!page.after) return json({ results: page.to });
  const link = `${call.url.origin}/crm/v4/objects/${fromType}/${fromId}/associations/${toType}?after=${page.after}&limit=${limit}`;
  return json({ results: page.to, paging: { next: { after: page.after, link } } });
}

function endpoints(call: ApiCall): { fromType: SandboxObjectType; fromId: string; toType: SandboxObjectType; toId: string } {
  const fromType = objectTypeParam(call, 'fromType');
  const toType = objectTypeParam(call, 'toType');
  const fromId = call.params.fromId ?? '';
  const toId = call.params.toId ?? '';
  if (!call.store.get(fromType, fromId)) throw notFound(`No ${OBJECT_TYPES[fromType].singular} with id ${fromId}.`, { id: [fromId] });
  if (!call.store.get(toType, toId)) throw notFound(`No ${OBJECT_TYPES[toType].singular} with id ${toId}.`, { id: [toId] });
  return { fromType, fromId, toType, toId };
}

function createDefault(call: ApiCall): Response {
  const startedAt = Date.now();
  const { fromType, fromId, toType, toId } = endpoints(call);
  const typeId = defaultAssociationTypeId(fromType, toType);
  if (typeId === undefined) throw invalid(`HubSpot defines no default association from ${fromType} to ${toType}.`);
  call.store.associate(fromType, fromId, toType, toId);
  return batchResponse([{ from: { id: fromId }, to: { id: toId }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId } }], [], startedAt);
}

async function createLabelled(call: ApiCall): Promise<Response> {
  const { fromType, fromId, toType, toId } = endpoints(call);
  const labels = await bodyOf(call, labelsSchema);
  for (const { associationTypeId } of labels) call.store.associate(fromType, fromId, toType, toId, associationTypeId);
  return json({
    fromObjectTypeId: OBJECT_TYPES[fromType].objectTypeId, fromObjectId: Number(fromId),
    toObjectTypeId: OBJECT_TYPES[toType].objectTypeId, toObjectId: Number(toId), labels: [],
  }, 201);
}
