import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { z } from 'zod';
import type { HubSpotClient } from './client.ts';
import { HubSpotError, type Failure } from './failures.ts';
import { chunk, parseResponse, unreadableAnswer } from './calls.ts';
import { companyResponseSchema, parseRecords, recordPageSchema, toHistory } from './records.ts';
import { Deadline, withRetry, type RetryOptions } from './retry.ts';
import type { CrmRecord, PropertyChange } from '../domain/card/snapshot.ts';

// Reading and writing many records at the batch floor HubSpot allows (HUBSPOT.md "CRM API"):
// batch reads of 100 ids (50 with property history), v4 association reads of 1,000 ids,
// batch updates of 100, and search pages of 200 walked by ascending hs_object_id, which never
// meets search's 10,000-result cap and doubles as the resume point of an interrupted sync.
// A batch that fails after retries does not fail the run: its ids come back as failed, so the
// caller can leave exactly the affected companies unwritten.

export type PortfolioObjectType = 'companies' | 'contacts' | 'deals' | 'tickets' | 'feedback_submissions' | 'tasks';

export interface PortfolioContext {
  readonly client: HubSpotClient;
  readonly retry: RetryOptions;
  /** Time one call may take, waits for the rate limiter and 429 windows included. */
  readonly callBudgetMs: number;
}

export const batchReadSize = 100;
export const historyBatchReadSize = 50;
export const associationBatchSize = 1000;
export const batchUpdateSize = 100;
export const searchPageSize = 200;

export interface RecordWithHistory extends CrmRecord {
  readonly history: Readonly<Record<string, PropertyChange[]>>;
}

/** Ids a batch could not deliver, with why: the whole chunk's ids when its call failed after retries. */
export type FailedIds = Map<string, Failure>;

export interface Filter {
  readonly propertyName: string;
  readonly operator: 'EQ' | 'GT' | 'GTE' | 'LT' | 'LTE' | 'IN' | 'NOT_HAS_PROPERTY';
  readonly value?: string;
  readonly values?: readonly string[];
}

const v4BatchSchema = z.object({
  results: z.array(
    z.object({
      _from: z.object({ id: z.union([z.string(), z.number()]).transform(String) }),
      to: z.array(z.object({ toObjectId: z.union([z.string(), z.number()]).transform(String) })),
      paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
    }),
  ),
  errors: z.array(z.unknown()).optional(),
});

const batchErrorSchema = z.object({
  category: z.string().optional(),
  // The spec types it as an object, HubSpot sends a string ('crm.associations.NO_ASSOCIATIONS_FOUND').
  subCategory: z.unknown().optional(),
  message: z.string().optional(),
  context: z.record(z.string(), z.array(z.union([z.string(), z.number()]).transform(String))).optional(),
});

export interface BatchErrorInfo {
  readonly category: string | undefined;
  /** As text whatever shape it came in; '' when absent. */
  readonly subCategory: string;
  readonly message: string;
}

/**
 * Whether a v4 batch-read error only says "this id has no associations of that type": HubSpot
 * answers 207 with category OBJECT_NOT_FOUND and subCategory crm.associations.NO_ASSOCIATIONS_FOUND;
 * either one is enough, and so is the message when both are missing.
 * @example
 * meansNoAssociations({ category: 'VALIDATION_ERROR', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND', message: '' }) // => true
 */
export function meansNoAssociations(error: BatchErrorInfo): boolean {
  if (error.category === 'OBJECT_NOT_FOUND' || /NO_ASSOCIATIONS_FOUND/i.test(error.subCategory)) return true;
  return error.category === undefined && error.subCategory === '' && /no associations? (were )?found/i.test(error.message);
}

const instant = z.union([z.date(), z.string(), z.number()]).transform((value) => new Date(value instanceof Date ? value.getTime() : value).getTime()).optional();
const updatedSchema = z.object({ results: z.array(z.object({ id: z.string(), updatedAt: instant })), errors: z.array(z.unknown()).optional() });

function call<T>(ctx: PortfolioContext, run: () => Promise<T>): Promise<T> {
  return withRetry(run, new Deadline(ctx.callBudgetMs), ctx.retry);
}

/** Only a bad token stops a whole run: every other failure is the failed chunk's ids. */
function failureOf(error: unknown): Failure {
  if (!(error instanceof HubSpotError) || error.failure.kind === 'unauthorized') throw error;
  return error.failure;
}

/**
 * Ids a 207's errors name, with a failure for each — except errors the caller treats as "nothing
 * there". An error that names no ids (or comes in a shape we cannot read) fails every id of the
 * call that got no result (`unanswered`): never mistake a failure for "nothing there".
 */
function partialFailures(errors: readonly unknown[] | undefined, nothingThere: (error: BatchErrorInfo) => boolean, unanswered: readonly string[] = []): FailedIds {
  const failed: FailedIds = new Map();
  for (const raw of errors ?? []) {
    const error = batchErrorSchema.safeParse(raw);
    const info: BatchErrorInfo | null = error.success
      ? { category: error.data.category, subCategory: textOf(error.data.subCategory), message: error.data.message ?? '' }
      : null;
    if (info && nothingThere(info)) continue;
    const failure: Failure = { kind: 'rejected', status: 207, category: info?.category ?? null };
    const named = Object.values((error.success ? error.data.context : undefined) ?? {}).flat();
    for (const id of named.length > 0 ? named : unanswered) failed.set(id, failure);
  }
  return failed;
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * One page of a search walked by ascending hs_object_id: every filter group gets
 * `hs_object_id > afterId`, so the walk never pages past the 10,000-result cap. `lastId` is
 * where the next page starts, null after the last page; `malformed` counts records skipped.
 */
export async function searchPage(
  ctx: PortfolioContext,
  type: PortfolioObjectType,
  request: { filterGroups: ReadonlyArray<readonly Filter[]>; properties: readonly string[]; afterId: string | null },
): Promise<{ records: CrmRecord[]; lastId: string | null; malformed: number; total: number | null }> {
  const keyset: Filter[] = request.afterId === null ? [] : [{ propertyName: 'hs_object_id', operator: 'GT', value: request.afterId }];
  const groups = request.filterGroups.length === 0 ? [[]] : request.filterGroups;
  const body = {
    filterGroups: groups.map((filters) => ({ filters: [...filters, ...keyset].map(toSdkFilter) })).filter((group) => group.filters.length > 0),
    sorts: ['hs_object_id'],
    properties: [...request.properties],
    limit: searchPageSize,
  };
  const raw = await call(ctx, () => ctx.client.crm.objects.searchApi.doSearch(type, body));
  const { results, total } = parseResponse(recordPageSchema.extend({ total: z.number().int().nonnegative().optional() }), raw, `${type} search page`);
  const { records, skipped } = parseRecords(results);
  const last = idSchema.safeParse(results.at(-1));
  if (results.length === searchPageSize && !last.success) throw unreadableAnswer(`the ${type} search page ended in a record without an id`, 200);
  return { records, lastId: results.length === searchPageSize && last.success ? last.data.id : null, malformed: skipped, total: total ?? null };
}

const idSchema = z.object({ id: z.union([z.string(), z.number()]).transform(String) });

function toSdkFilter(filter: Filter) {
  return {
    propertyName: filter.propertyName,
    operator: FilterOperatorEnum[operatorKeys[filter.operator]],
    ...(filter.value === undefined ? {} : { value: filter.value }),
    ...(filter.values === undefined ? {} : { values: [...filter.values] }),
  };
}

const operatorKeys = { EQ: 'Eq', GT: 'Gt', GTE: 'Gte', LT: 'Lt', LTE: 'Lte', IN: 'In', NOT_HAS_PROPERTY: 'NotHasProperty' } as const;

/** Records by id, 100 a call (50 when history is asked for); ids HubSpot no longer has are simply absent. */
export async function batchRead(
  ctx: PortfolioContext,
  type: PortfolioObjectType,
  ids: readonly string[],
  properties: readonly string[],
  propertiesWithHistory: readonly string[] = [],
): Promise<{ records: RecordWithHistory[]; failed: FailedIds; malformed: Set<string> }> {
  const size = propertiesWithHistory.length > 0 ? historyBatchReadSize : batchReadSize;
  const records: RecordWithHistory[] = [];
  const failed: FailedIds = new Map();
  const malformed = new Set<string>();
  await Promise.all(
    chunk([...new Set(ids)], size).map(async (part) => {
      try {
        const raw = await call(ctx, () =>
          ctx.client.crm.objects.batchApi.read(type, { inputs: part.map((id) => ({ id })), properties: [...properties], propertiesWithHistory: [...propertiesWithHistory] }),
        );
        const page = parseResponse(recordPageSchema.extend({ errors: z.array(z.unknown()).optional() }), raw, `${type} batch`);
        for (const item of page.results) {
          const record = companyResponseSchema.safeParse(item);
          if (!record.success) {
            const id = idSchema.safeParse(item);
            if (id.success) malformed.add(id.data.id);
            continue;
          }
          const history = Object.fromEntries(propertiesWithHistory.map((name) => [name, toHistory(record.data.propertiesWithHistory?.[name] ?? [])]));
          records.push({ id: record.data.id, properties: record.data.properties, history });
        }
        const answered = new Set([...records.map((record) => record.id), ...malformed]);
        const vanished = (error: BatchErrorInfo) => error.category === 'OBJECT_NOT_FOUND';
        for (const [id, failure] of partialFailures(page.errors, vanished, part.filter((id) => !answered.has(id)))) failed.set(id, failure);
      } catch (error) {
        const failure = failureOf(error);
        for (const id of part) failed.set(id, failure);
      }
    }),
  );
  return { records, failed, malformed };
}

/** Associated ids per from-id (v4, 1,000 ids a call, further pages of a busy record followed). */
export async function associatedIds(
  ctx: PortfolioContext,
  from: PortfolioObjectType,
  to: PortfolioObjectType,
  fromIds: readonly string[],
): Promise<{ byId: Map<string, string[]>; failed: FailedIds }> {
  const byId = new Map<string, string[]>();
  const failed: FailedIds = new Map();
  let pending = [...new Set(fromIds)].map((id) => ({ id, after: undefined as string | undefined }));
  while (pending.length > 0) {
    const next: typeof pending = [];
    await Promise.all(
      chunk(pending, associationBatchSize).map(async (part) => {
        try {
          const raw = await call(ctx, () =>
            ctx.client.crm.associations.v4.batchApi.getPage(from, to, { inputs: part.map(({ id, after }) => (after === undefined ? { id } : { id, after })) }),
          );
          const page = parseResponse(v4BatchSchema, raw, `${from} to ${to} associations`);
          for (const result of page.results) {
            const known = byId.get(result._from.id) ?? [];
            byId.set(result._from.id, known.concat(result.to.map((item) => item.toObjectId)));
            const after = result.paging?.next?.after;
            if (after !== undefined) next.push({ id: result._from.id, after });
          }
          // HubSpot reports "no associations" as a 207 error per id (meansNoAssociations).
          const answered = new Set(page.results.map((result) => result._from.id));
          for (const [id, failure] of partialFailures(page.errors, meansNoAssociations, part.map(({ id }) => id).filter((id) => !answered.has(id)))) failed.set(id, failure);
        } catch (error) {
          const failure = failureOf(error);
          for (const { id } of part) failed.set(id, failure);
        }
      }),
    );
    pending = next;
  }
  return { byId, failed };
}

/**
 * Writes property values, 100 records a call; a 207 names the records HubSpot refused.
 * `writtenAt` is HubSpot's own last-modified time of the latest write (epoch ms), when it says.
 */
export async function batchUpdate(
  ctx: PortfolioContext,
  type: PortfolioObjectType,
  updates: ReadonlyArray<{ readonly id: string; readonly properties: Readonly<Record<string, string>> }>,
): Promise<{ written: string[]; failed: FailedIds; writtenAt: number | null }> {
  const written: string[] = [];
  const failed: FailedIds = new Map();
  let writtenAt: number | null = null;
  await Promise.all(
    chunk(updates, batchUpdateSize).map(async (part) => {
      try {
        const raw = await call(ctx, () => ctx.client.crm.objects.batchApi.update(type, { inputs: part.map(({ id, properties }) => ({ id, properties: { ...properties } })) }));
        const page = parseResponse(updatedSchema, raw, `${type} batch update`);
        const done = new Set(page.results.map((result) => result.id));
        for (const { updatedAt } of page.results) if (updatedAt !== undefined && !Number.isNaN(updatedAt)) writtenAt = Math.max(writtenAt ?? updatedAt, updatedAt);
        written.push(...done);
        const refused = partialFailures(page.errors, () => false);
        for (const { id } of part) {
          if (!done.has(id)) failed.set(id, refused.get(id) ?? { kind: 'rejected', status: 207, category: null });
        }
      } catch (error) {
        const failure = failureOf(error);
        for (const { id } of part) failed.set(id, failure);
      }
    }),
  );
  return { written, failed, writtenAt };
}

const ownerPageSchema = z.object({
  results: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), firstName: z.string().nullish(), lastName: z.string().nullish(), email: z.string().nullish() })),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

/** The portal's owners (id and display name), 500 a call. */
export async function listOwners(ctx: PortfolioContext): Promise<Array<{ id: string; name: string }>> {
  const owners: Array<{ id: string; name: string }> = [];
  let after: string | undefined;
  do {
    const raw = await call(ctx, () => ctx.client.crm.owners.ownersApi.getPage(undefined, after, 500, false));
    const page = parseResponse(ownerPageSchema, raw, 'owners page');
    for (const owner of page.results) {
      const name = [owner.firstName, owner.lastName].filter((part) => part !== null && part !== undefined && part.trim() !== '').join(' ');
      owners.push({ id: owner.id, name: name !== '' ? name : (owner.email ?? owner.id) });
    }
    after = page.paging?.next?.after;
  } while (after !== undefined);
  return owners;
}
