import { z } from 'zod';
import type { ListCondition, ManagerList } from '../domain/manager-lists.ts';
import type { HubSpotClient } from './client.ts';
import { describeFailure, HubSpotError } from './failures.ts';
import { Deadline, defaultRetryOptions, withRetry, type RetryOptions } from './retry.ts';

// Dynamic company lists (Lists API v3). A list is found by its name, so running setup again
// finds the lists it made instead of making copies. Filters follow HubSpot's list-filter
// format: a root OR branch holding one AND branch of PROPERTY filters.

const companyObjectTypeId = '0-2';
const callBudgetMs = 60_000;

function operation(condition: ListCondition): Record<string, unknown> {
  switch (condition.test) {
    case 'any-of':
      return { operationType: 'ENUMERATION', operator: 'IS_ANY_OF', values: [...condition.values], includeObjectsWithNoValueSet: false };
    case 'none-of':
      return { operationType: 'ENUMERATION', operator: 'IS_NONE_OF', values: [...condition.values], includeObjectsWithNoValueSet: true };
    case 'below':
      return { operationType: 'NUMBER', operator: 'IS_LESS_THAN', value: condition.value, includeObjectsWithNoValueSet: false };
    case 'within-next-days': {
      const today = (days: number) => ({ timeType: 'INDEXED', timezoneSource: 'PORTAL', indexReference: { referenceType: 'TODAY' }, offset: { days } });
      return {
        operationType: 'TIME_RANGED',
        type: 'TIME_RANGED',
        operator: 'IS_BETWEEN',
        includeObjectsWithNoValueSet: false,
        propertyParser: 'VALUE',
        lowerBoundEndpointBehavior: 'INCLUSIVE',
        upperBoundEndpointBehavior: 'INCLUSIVE',
        lowerBoundTimePoint: today(0),
        upperBoundTimePoint: today(condition.days),
      };
    }
  }
}

/** The create-list body for one manager list. */
export function listRequest(list: ManagerList): Record<string, unknown> {
  return {
    name: list.name,
    objectTypeId: companyObjectTypeId,
    processingType: 'DYNAMIC',
    filterBranch: {
      filterBranchType: 'OR',
      filters: [],
      filterBranches: [
        {
          filterBranchType: 'AND',
          filterBranches: [],
          filters: list.conditions.map((condition) => ({ filterType: 'PROPERTY', property: condition.property, operation: operation(condition) })),
        },
      ],
    },
  };
}

export class ListGateway {
  constructor(
    private readonly client: HubSpotClient,
    private readonly retry: RetryOptions = defaultRetryOptions,
  ) {}

  /** Creates the list unless one of that name exists; true when it created it. */
  async ensure(list: ManagerList): Promise<boolean> {
    try {
      await withRetry(() => this.client.crm.lists.listsApi.getByName(list.name, companyObjectTypeId), new Deadline(callBudgetMs), this.retry);
      return false;
    } catch (error) {
      if (!(error instanceof HubSpotError) || error.failure.kind !== 'not_found') throw error;
    }
    const raw = await withRetry(
      // The SDK types every filter variant separately; the body is HubSpot's documented JSON.
      () => this.client.crm.lists.listsApi.create(listRequest(list) as unknown as Parameters<HubSpotClient['crm']['lists']['listsApi']['create']>[0]),
      new Deadline(callBudgetMs),
      this.retry,
      { retryTransient: false },
    );
    z.object({ list: z.object({ listId: z.union([z.string(), z.number()]) }) }).parse(raw);
    return true;
  }

  describe(error: unknown): string {
    if (!(error instanceof HubSpotError)) return error instanceof z.ZodError ? 'HubSpot answered in an unexpected shape' : String(error);
    if (error.failure.kind === 'forbidden') return 'the app lacks the crm.lists.write scope; add it to the app to create lists';
    return describeFailure(error.failure);
  }
}
