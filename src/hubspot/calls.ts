import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import type { z } from 'zod';
import type { DataSource } from '../domain/card/snapshot.ts';
import type { HubSpotClient } from './client.ts';
import { HubSpotError } from './failures.ts';
import { createdObjectSchema, v4AssociationPageSchema } from './records.ts';
import { withRetry, type Deadline, type RetryOptions } from './retry.ts';

// The toolkit every HubSpot call of the card's backend uses: the call context, reading a
// response against its schema, splitting ids into batches, walking a record's v4 association
// pages, creating an engagement (note or task) on a company, and the scope each source needs.

/** One request's calls: the SDK client, the request's deadline and the retry policy. */
export interface CallContext {
  readonly client: HubSpotClient;
  readonly deadline: Deadline;
  readonly retry: RetryOptions;
}

/** A response HubSpot should never send counts as a failed call (so a card section degrades, a batch fails). */
export function parseResponse<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw unreadableAnswer(`the ${what} came back in an unexpected shape`, 200);
  return parsed.data;
}

/**
 * The failure of an answer HubSpot should never send: the reader is told in their language
 * (`hubspot.failure.unreadable`), the log keeps the English detail of what came back wrong.
 *
 * @example
 * unreadableAnswer('the owners page came back in an unexpected shape', 200).text // { code: 'hubspot.failure.unreadable', params: { status: 200 } }
 */
export function unreadableAnswer(detail: string, status: number): HubSpotError {
  return new HubSpotError({ kind: 'unreadable', status, detail });
}

/**
 * Items in runs of `size` (HubSpot's batch limits: 100 ids a batch read, 1,000 an association read).
 * @example
 * chunk(['1', '2', '3'], 2) // => [['1', '2'], ['3']]
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** @example unique(['1', '2', '1']) // => ['1', '2'] */
export function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** Scope whose absence explains a 403 on each source (tasks and notes are engagements: the contacts scope). */
export const readScopes: Readonly<Record<DataSource, string>> = {
  company: 'crm.objects.companies.read',
  history: 'crm.objects.companies.read',
  contacts: 'crm.objects.contacts.read',
  deals: 'crm.objects.deals.read',
  tickets: 'tickets',
  feedback: 'crm.objects.feedback_submissions.read',
  tasks: 'crm.objects.contacts.read',
};

const associationPageSize = 500;

/** Every id of one association type of a company, walking the v4 association pages. */
export async function associatedIdPages(ctx: CallContext, companyId: string, toType: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const raw = await withRetry(() => ctx.client.crm.associations.v4.basicApi.getPage('companies', companyId, toType, after, associationPageSize), ctx.deadline, ctx.retry);
    const page = parseResponse(v4AssociationPageSchema, raw, `${toType} association page`);
    ids.push(...page.results.map((result) => result.toObjectId));
    after = page.paging?.next?.after;
  } while (after);
  return unique(ids);
}

/** HubSpot-defined association types from an engagement to a company. */
const toCompany = { notes: 190, tasks: 192 } as const;

/**
 * Creates a note or a task on the company's timeline. Only a 429 is tried again: after a 5xx or a
 * timeout it may exist already, and the caller's marker check (not a blind retry) is what keeps
 * a retried request from adding a second.
 */
export async function createEngagement(ctx: CallContext, type: keyof typeof toCompany, companyId: string, properties: Record<string, string>): Promise<{ id: string }> {
  const input = {
    properties,
    associations: [{ to: { id: companyId }, types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: toCompany[type] }] }],
  };
  const api = type === 'notes' ? ctx.client.crm.objects.notes.basicApi : ctx.client.crm.objects.tasks.basicApi;
  const raw = await withRetry(() => api.create(input), ctx.deadline, ctx.retry, { retryTransient: false });
  const created = createdObjectSchema.safeParse(raw);
  if (!created.success) throw unreadableAnswer(`the created ${type === 'notes' ? 'note' : 'task'} came back without an id`, 201);
  return created.data;
}
