import { requiredProperties } from '../domain/card/requirements.ts';
import type { CompanySnapshot, CrmRecord } from '../domain/card/snapshot.ts';
import { issueReason } from '../domain/card/source-issues.ts';
import { catalogText } from '../app/cards/i18n/message-error.ts';
import { unavailableIssue } from '../hubspot/source-issues.ts';
import { searchPageSize } from '../hubspot/portfolio-gateway.ts';
import { inScope, scopeFilter } from '../domain/sync/scope.ts';
import { idAfter, sortIds } from './sync-selection.ts';
import type { RecomputeDeps, SkippedCompany } from './sync.ts';

// The pages of companies a sync run walks: every company in scope (full) or given ids (incremental, webhooks).

export const defaultPageSize = 1000;

export interface Page {
  readonly companies: readonly CrmRecord[];
  /** The run is done up to here once this page is written. */
  readonly lastId: string;
  readonly total: number | null;
  /** Companies of this page that could not be read at all. */
  readonly unreadable: readonly SkippedCompany[];
}

export interface ReadPage extends Page {
  readonly snapshots: readonly CompanySnapshot[];
}

/**
 * Fetches the next page as soon as one is handed out: the company search (which has its own,
 * much smaller rate limit) then runs alongside the reads of the page before instead of leaving
 * the portal's request budget idle while it pages. One page of companies more in memory.
 */
export async function* prefetched<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = source.next();
      // Surfaces when awaited; until then it must not count as unhandled.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    // Stopped early: the page being fetched must not outlive the run.
    await next.catch(() => undefined);
  }
}

/** Every company in scope, by ascending id after `afterId`, in pages of `pageSize` (search pages of 200). */
export async function* fullPages(deps: RecomputeDeps, afterId: string | null, pageSize: number): AsyncGenerator<Page> {
  const properties = requiredProperties(deps.config).company;
  let cursor = afterId;
  let buffer: CrmRecord[] = [];
  let total: number | null = null;
  let unreadable = 0;
  // The first page is one search page: reads start at once instead of after several searches
  // (search has its own, smaller rate limit), and later pages fill while earlier ones are read.
  let size = Math.min(pageSize, searchPageSize);
  do {
    const page = await deps.gateway.search('companies', [[scopeFilter(deps.config)]], properties, cursor);
    total ??= page.total;
    unreadable += page.malformed;
    buffer.push(...page.records);
    cursor = page.lastId;
    while (buffer.length >= size || (cursor === null && buffer.length > 0)) {
      const companies = buffer.slice(0, size);
      buffer = buffer.slice(size);
      size = pageSize;
      yield { companies, lastId: companies.at(-1)?.id ?? '0', total, unreadable: malformedCompanies(unreadable) };
      unreadable = 0;
    }
  } while (cursor !== null);
}

function malformedCompanies(count: number): SkippedCompany[] {
  return count === 0 ? [] : [{ companyId: 'unknown', reasons: [{ what: catalogText('sync.skip.malformedCompanies', { count }) }] }];
}

/** The given company ids after `afterId`, read 100 a call, keeping those in scope. */
export async function* idPages(deps: RecomputeDeps, ids: readonly string[], afterId: string | null, pageSize: number): AsyncGenerator<Page> {
  const properties = requiredProperties(deps.config).company;
  const todo = sortIds(ids).filter((id) => idAfter(id, afterId));
  for (let start = 0; start < todo.length; start += pageSize) {
    const part = todo.slice(start, start + pageSize);
    const { records, failed } = await deps.gateway.read('companies', part, properties);
    const companies = records
      .filter((company) => inScope(company.properties, deps.config))
      .map((company) => ({ id: company.id, properties: company.properties }));
    const unreadable = [...failed].map(([companyId, failure]) => ({ companyId, reasons: [issueReason(unavailableIssue('company', failure))] }));
    yield { companies: sortById(companies), lastId: part.at(-1) ?? '0', total: start === 0 ? todo.length : null, unreadable };
  }
}

function sortById(companies: readonly CrmRecord[]): CrmRecord[] {
  const byId = new Map(companies.map((company) => [company.id, company]));
  return sortIds(byId.keys()).flatMap((id) => byId.get(id) ?? []);
}
