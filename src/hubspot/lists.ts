import { z } from 'zod';
import type { ListCondition, ManagerList } from '../domain/portfolio/manager-lists.ts';
import type { HubSpotClient } from './client.ts';
import { parseResponse } from './calls.ts';
import { describeFailure, HubSpotError } from './failures.ts';
import { Deadline, defaultRetryOptions, withRetry, type RetryOptions } from './retry.ts';

// Dynamic company lists (Lists API v3). A list is found by its name, so running setup again
// finds the lists it made instead of making copies. Filters follow HubSpot's list-filter
// format (its published Lists v3 spec): a root OR branch holding one AND branch of PROPERTY filters.

const companyObjectTypeId = '0-2';
const callBudgetMs = 60_000;

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
      // zoneId is required on every time point (HubSpot's spec), even with the portal as the source.
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

/**
 * The create-list body for one manager list, with every field HubSpot's Lists v3 spec requires
 * (`filterBranchOperator` on each branch, `zoneId` on each time point). `zoneId` is the portal's
 * time zone (an IANA name), so "the next 90 days" counts the portal's days.
 */
export function listRequest(list: ManagerList, zoneId = 'UTC'): Record<string, unknown> {
  return {
    name: list.name,
    objectTypeId: companyObjectTypeId,
    processingType: 'DYNAMIC',
    filterBranch: {
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
    },
  };
}

export class ListGateway {
  constructor(
    private readonly client: HubSpotClient,
    private readonly retry: RetryOptions = defaultRetryOptions,
    /** The portal's time zone (IANA), for the lists' day ranges. */
    private readonly zoneId = 'UTC',
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
      () => this.client.crm.lists.listsApi.create(listRequest(list, this.zoneId) as unknown as Parameters<HubSpotClient['crm']['lists']['listsApi']['create']>[0]),
      new Deadline(callBudgetMs),
      this.retry,
      { retryTransient: false },
    );
    parseResponse(z.object({ list: z.object({ listId: z.union([z.string(), z.number()]) }) }), raw, 'created list');
    return true;
  }

  describe(error: unknown): string {
    if (!(error instanceof HubSpotError)) return String(error);
    if (error.failure.kind === 'forbidden') return 'the app lacks the crm.lists.write scope; add it to the app to create lists';
    return describeFailure(error.failure);
  }
}
