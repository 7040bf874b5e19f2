// POST /crm/v3/objects/{objectType}/search: 200 per page, offset paging, a 400 past the
// 10,000th result, and 400s for what HubSpot refuses (limits, unknown properties, filters
// without values). The per-second limit is applied before routing, in the handler.
import { invalid, json } from '../hubspot-errors.ts';
import { viewObject } from '../object-view.ts';
import { bodyOf, objectTypeParam, route, type ApiCall, type Route } from '../router.ts';
import { MAX_FILTERS, SEARCH_RESULT_CAP, filterCount, filterProblems, searchBodySchema, searchObjects } from '../search-query.ts';

export const searchRoutes: Route[] = [route('POST', '/crm/v3/objects/:objectType/search', search)];

async function search(call: ApiCall): Promise<Response> {
  const type = objectTypeParam(call);
  const body = await bodyOf(call, searchBodySchema);
  if (filterCount(body) > MAX_FILTERS) throw invalid(`Too many filters: ${filterCount(body)}. A search takes at most ${MAX_FILTERS} filters across all groups.`);
  const problems = filterProblems(call.store.schema, type, body, { associationIn: call.controls.searchAssociationIn });
  if (problems.length > 0) {
    throw invalid(`There was a problem with the request: ${problems.map((problem) => problem.message).join(' ')}`, {
      errors: problems.map(({ message, code, propertyName }) => ({ message, code, in: 'filterGroups', context: { propertyName: [propertyName] } })),
    });
  }
  const offset = parseOffset(body.after);
  // Search reads HubSpot's index, which lags writes (controls.searchLag): what was written a
  // moment ago may still be found with its old values, or not at all.
  const matched = searchObjects(call.store.schema, type, call.store.searchable(type), body, (object, toType) => call.store.linked(type, object.id, toType));
  const reachable = Math.min(matched.length, SEARCH_RESULT_CAP);
  const end = Math.min(offset + (body.limit ?? 10), reachable);
  const properties = body.properties && body.properties.length > 0 ? body.properties : undefined;
  const results = matched.slice(offset, end).map((object) => viewObject(call.store, type, object, { properties }));
  const page: Record<string, unknown> = { total: matched.length, results };
  if (end < reachable) page.paging = { next: { after: String(end) } };
  return json(page);
}

function parseOffset(after: string | undefined): number {
  if (after === undefined || after === '') return 0;
  const offset = Number(after);
  if (!Number.isInteger(offset) || offset < 0) throw invalid(`after must be the paging.next.after value of the previous page, got "${after}".`);
  if (offset >= SEARCH_RESULT_CAP) {
    throw invalid(`Search results are capped at ${SEARCH_RESULT_CAP}: after=${after} is past the last reachable result. Narrow the query (e.g. filter on hs_lastmodifieddate or hs_object_id) and page again.`);
  }
  return offset;
}
