import { z } from 'zod';
import { message } from '../app/cards/contract/message.ts';
import type { FoundList } from '../domain/portfolio/manager-list-match.ts';
import type { ManagerList } from '../domain/portfolio/manager-lists.ts';
import type { HubSpotClient } from './client.ts';
import { parseResponse } from './calls.ts';
import { HubSpotError } from './failures.ts';
import { companyObjectTypeId, conditionsOf, filterBranchOf, listRequest, zoneIdsOf } from './list-definitions.ts';
import { Deadline, defaultRetryOptions, withRetry, type RetryOptions } from './retry.ts';

// Dynamic company lists (Lists API v3): find one by name with its filters, create one, rename
// one (PUT /crm/v3/lists/{listId}/update-list-name?listName=…) and replace its filters (PUT
// /crm/v3/lists/{listId}/update-list-filters, body { filterBranch }); both keep the list's id,
// so views, reports and workflows that use it keep working. Every answer is checked with zod.

const callBudgetMs = 60_000;

const listSchema = z.object({
  listId: z.union([z.string(), z.number()]).transform(String),
  name: z.string(),
  processingType: z.string(),
  filterBranch: z.unknown().optional(),
});
const fetchedSchema = z.object({ list: listSchema });
const createdSchema = z.object({ list: listSchema });
const updatedSchema = z.object({ updatedList: listSchema });

// The SDK types every filter variant separately; the bodies are HubSpot's documented JSON.
type CreateBody = Parameters<HubSpotClient['crm']['lists']['listsApi']['create']>[0];
type FilterUpdateBody = Parameters<HubSpotClient['crm']['lists']['listsApi']['updateListFilters']>[1];

export class ListGateway {
  constructor(
    private readonly client: HubSpotClient,
    private readonly retry: RetryOptions = defaultRetryOptions,
  ) {}

  /** The company list of that name (HubSpot compares names without case), with its filters read as conditions and the zones its day ranges count; null when there is none. */
  async find(name: string): Promise<FoundList | null> {
    let raw: unknown;
    try {
      raw = await withRetry(() => this.client.crm.lists.listsApi.getByName(name, companyObjectTypeId, true), new Deadline(callBudgetMs), this.retry);
    } catch (error) {
      if (error instanceof HubSpotError && error.failure.kind === 'not_found') return null;
      throw error;
    }
    const { list } = parseResponse(fetchedSchema, raw, 'list');
    return { listId: list.listId, name: list.name, conditions: conditionsOf(list.processingType, list.filterBranch), zoneIds: zoneIdsOf(list.filterBranch) };
  }

  /** Creates the list, its day ranges counted in `zoneId` (the portal's time zone, IANA); its id. */
  async create(list: ManagerList, zoneId: string): Promise<string> {
    const raw = await withRetry(
      () => this.client.crm.lists.listsApi.create(listRequest(list, zoneId) as unknown as CreateBody),
      new Deadline(callBudgetMs),
      this.retry,
      { retryTransient: false },
    );
    return parseResponse(createdSchema, raw, 'created list').list.listId;
  }

  /** Renames a list, keeping its id (a rename is the same call twice: safe to retry). */
  async rename(listId: string, name: string): Promise<void> {
    const raw = await withRetry(() => this.client.crm.lists.listsApi.updateName(listId, name, false), new Deadline(callBudgetMs), this.retry);
    const updated = parseResponse(updatedSchema, raw, 'renamed list').updatedList;
    if (updated.listId !== listId || updated.name !== name) throw notAsSent('the renamed list came back with another id or name');
  }

  /** Replaces a list's filters with the manager list's (day ranges in `zoneId`, as create's), keeping its id; companies already in it are not enrolled in workflows again. */
  async replaceFilters(listId: string, list: ManagerList, zoneId: string): Promise<void> {
    const body = { filterBranch: filterBranchOf(list, zoneId) } as unknown as FilterUpdateBody;
    const raw = await withRetry(() => this.client.crm.lists.listsApi.updateListFilters(listId, body, false), new Deadline(callBudgetMs), this.retry);
    const updated = parseResponse(updatedSchema, raw, 'updated list').updatedList;
    if (updated.listId !== listId) throw notAsSent('the updated list came back with another id');
  }
}

/** HubSpot answered a change with another list than the one changed: said to the user in the catalog's words. */
function notAsSent(english: string): HubSpotError {
  return new HubSpotError({ kind: 'unreadable', status: 200, detail: english }, english, message('cli.setup.reason.listNotAsSent'));
}
