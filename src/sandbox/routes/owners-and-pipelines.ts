// /crm/v3/owners (the CSMs companies are assigned to) and /crm/v3/pipelines/{objectType}.
import { invalid, json, notFound } from '../hubspot-errors.ts';
import type { Owner } from '../index.ts';
import { pipelinesOf, type Pipeline, type PipelineStage } from '../pipelines.ts';
import { intParam, objectTypeParam, route, type ApiCall, type Route } from '../router.ts';

const OWNER_PAGE_MAX = 500;
/** Default pipelines are as old as the portal. */
const PORTAL_CREATED_AT = '2019-06-01T00:00:00.000Z';

export const ownerAndPipelineRoutes: Route[] = [
  route('GET', '/crm/v3/owners', listOwners),
  route('GET', '/crm/v3/owners/:ownerId', getOwner),
  route('GET', '/crm/v3/pipelines/:objectType', (call) => json({ results: pipelinesFor(call).map(pipelineView) })),
  route('GET', '/crm/v3/pipelines/:objectType/:pipelineId', (call) => json(pipelineView(pipelineFor(call)))),
  route('GET', '/crm/v3/pipelines/:objectType/:pipelineId/stages', (call) => json({ results: pipelineFor(call).stages.map(stageView) })),
  route('GET', '/crm/v3/pipelines/:objectType/:pipelineId/stages/:stageId', (call) => json(stageView(stageFor(call)))),
];

function ownerView(owner: Owner): Record<string, unknown> {
  const { userId, ...rest } = owner;
  return { ...rest, type: 'PERSON', teams: [], ...(userId === undefined ? {} : { userId, userIdIncludingInactive: userId }) };
}

function listOwners(call: ApiCall): Response {
  const email = call.url.searchParams.get('email')?.toLowerCase();
  const limit = Math.min(intParam(call.url, 'limit', 100), OWNER_PAGE_MAX);
  const start = Number(call.url.searchParams.get('after') ?? '0');
  if (!Number.isInteger(start) || start < 0) throw invalid('after must be the paging.next.after value of the previous page.');
  const owners = call.store.owners().filter((owner) => email === undefined || owner.email.toLowerCase() === email);
  const results = owners.slice(start, start + limit).map(ownerView);
  if (start + limit >= owners.length) return json({ results });
  const after = String(start + limit);
  return json({ results, paging: { next: { after, link: `${call.url.origin}/crm/v3/owners/?after=${after}&limit=${limit}` } } });
}

function getOwner(call: ApiCall): Response {
  const id = call.params.ownerId ?? '';
  const byUserId = call.url.searchParams.get('idProperty') === 'userId';
  const owner = byUserId ? call.store.owners().find((candidate) => String(candidate.userId) === id) : call.store.owner(id);
  if (!owner) throw notFound(`No owner with ${byUserId ? 'userId' : 'id'} ${id}.`, { id: [id] });
  return json(ownerView(owner));
}

function pipelinesFor(call: ApiCall): readonly Pipeline[] {
  const type = objectTypeParam(call);
  const pipelines = pipelinesOf(type);
  if (!pipelines) throw invalid(`${type} have no pipelines; pipelines exist for deals and tickets.`);
  return pipelines;
}

function pipelineFor(call: ApiCall): Pipeline {
  const id = call.params.pipelineId ?? '';
  const pipeline = pipelinesFor(call).find((candidate) => candidate.id === id);
  if (!pipeline) throw notFound(`No pipeline with id ${id}.`, { pipelineId: [id] });
  return pipeline;
}

function stageFor(call: ApiCall): PipelineStage {
  const id = call.params.stageId ?? '';
  const stage = pipelineFor(call).stages.find((candidate) => candidate.id === id);
  if (!stage) throw notFound(`No stage with id ${id}.`, { stageId: [id] });
  return stage;
}

function pipelineView(pipeline: Pipeline): Record<string, unknown> {
  return { ...pipeline, stages: pipeline.stages.map(stageView), createdAt: PORTAL_CREATED_AT, updatedAt: PORTAL_CREATED_AT, archived: false };
}

function stageView(stage: PipelineStage): Record<string, unknown> {
  return { ...stage, createdAt: PORTAL_CREATED_AT, updatedAt: PORTAL_CREATED_AT, archived: false, writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT' };
}
