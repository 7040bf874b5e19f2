import type { CompanySnapshot, CrmRecord } from '../domain/card/snapshot.ts';
import type { HubSpotClient } from './client.ts';
import type { PropertyPlan } from './company-snapshot.ts';
import {
  associatedIds,
  batchRead,
  batchUpdate,
  listOwners,
  searchPage,
  type FailedIds,
  type Filter,
  type PortfolioContext,
  type PortfolioObjectType,
  type RecordWithHistory,
} from './batch.ts';
import { readCompanySnapshots, type PageReadOptions, type PortalAccess } from './portfolio-snapshots.ts';
import { defaultRetryOptions, type RetryOptions } from './retry.ts';

export type { FailedIds, Filter, PortfolioObjectType } from './batch.ts';
export { searchPageSize } from './batch.ts';
export type { PortalAccess, PageReadOptions } from './portfolio-snapshots.ts';

/**
 * Sync's and the webhooks' view of HubSpot across many companies: plain domain data, calls at
 * the batch floor, faults reported per record. Sync runs for minutes, so each call gets its own
 * generous budget (rate-limiter queueing and 429 windows included) instead of one deadline.
 */
export class PortfolioGateway {
  private readonly ctx: PortfolioContext;

  constructor(client: HubSpotClient, options: { retry?: RetryOptions; callBudgetMs?: number } = {}) {
    this.ctx = { client, retry: options.retry ?? defaultRetryOptions, callBudgetMs: options.callBudgetMs ?? 300_000 };
  }

  /** A page of up to 200 records matching any filter group, in ascending id order after `afterId`. */
  search(type: PortfolioObjectType, filterGroups: ReadonlyArray<readonly Filter[]>, properties: readonly string[], afterId: string | null) {
    return searchPage(this.ctx, type, { filterGroups, properties, afterId });
  }

  read(type: PortfolioObjectType, ids: readonly string[], properties: readonly string[]): Promise<{ records: RecordWithHistory[]; failed: FailedIds; malformed: Set<string> }> {
    return batchRead(this.ctx, type, ids, properties);
  }

  associations(from: PortfolioObjectType, to: PortfolioObjectType, ids: readonly string[]): Promise<{ byId: Map<string, string[]>; failed: FailedIds }> {
    return associatedIds(this.ctx, from, to, ids);
  }

  snapshots(companies: readonly CrmRecord[], plan: PropertyPlan, portal: PortalAccess, options: PageReadOptions): Promise<CompanySnapshot[]> {
    return readCompanySnapshots(this.ctx, companies, plan, portal, options);
  }

  /** The portal's owners, id and display name. */
  owners(): Promise<Array<{ id: string; name: string }>> {
    return listOwners(this.ctx);
  }

  updateCompanies(updates: ReadonlyArray<{ readonly id: string; readonly properties: Readonly<Record<string, string>> }>): Promise<{ written: string[]; failed: FailedIds; writtenAt: number | null }> {
    return batchUpdate(this.ctx, 'companies', updates);
  }
}
