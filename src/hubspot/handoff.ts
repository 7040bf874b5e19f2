import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/notes/index.js';
import type { CrmRecord } from '../domain/snapshot.ts';
import type { HubSpotClient } from './client.ts';
import { HubSpotError } from './failures.ts';
import { createdObjectSchema, recordPageSchema, v4AssociationPageSchema, validRecords } from './records.ts';
import { withRetry, type Deadline, type RetryOptions } from './retry.ts';

// The writes of the handoff and churn-reason flows: company properties and timeline notes, and
// reading the company's notes back when a retried request must find out whether its note exists.

const noteToCompany = 190;
const batchSize = 100;
const associationPageSize = 500;

interface Context {
  readonly client: HubSpotClient;
  readonly deadline: Deadline;
  readonly retry: RetryOptions;
}

export interface NewNote {
  readonly companyId: string;
  /** HTML, as HubSpot renders it on the timeline. */
  readonly body: string;
  /** ISO instant the note is dated. */
  readonly timestamp: string;
}

/** Writing the same values twice changes nothing, so a failed update is safely tried again. */
export async function updateCompanyProperties(ctx: Context, companyId: string, properties: Readonly<Record<string, string>>): Promise<void> {
  await withRetry(() => ctx.client.crm.companies.basicApi.update(companyId, { properties: { ...properties } }), ctx.deadline, ctx.retry);
}

/**
 * A note on the company's timeline. Only a 429 is tried again: after a 5xx or a timeout the note
 * may exist already, and the caller's marker check is what keeps a retried request from adding a second.
 */
export async function createCompanyNote(ctx: Context, note: NewNote): Promise<{ id: string }> {
  const raw = await withRetry(
    () =>
      ctx.client.crm.objects.notes.basicApi.create({
        properties: { hs_timestamp: note.timestamp, hs_note_body: note.body },
        associations: [
          { to: { id: note.companyId }, types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: noteToCompany }] },
        ],
      }),
    ctx.deadline,
    ctx.retry,
    { retryTransient: false },
  );
  const created = createdObjectSchema.safeParse(raw);
  if (!created.success) throw new HubSpotError({ kind: 'rejected', status: 201, category: 'the created note came back without an id' });
  return created.data;
}

/** The company's notes with their bodies (v4 association pages, then batch reads of 100). */
export async function readCompanyNotes(ctx: Context, companyId: string): Promise<CrmRecord[]> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const raw = await withRetry(
      () => ctx.client.crm.associations.v4.basicApi.getPage('companies', companyId, 'notes', after, associationPageSize),
      ctx.deadline,
      ctx.retry,
    );
    const page = v4AssociationPageSchema.safeParse(raw);
    if (!page.success) throw new HubSpotError({ kind: 'rejected', status: 200, category: 'the note associations came back in an unexpected shape' });
    ids.push(...page.data.results.map((result) => result.toObjectId));
    after = page.data.paging?.next?.after;
  } while (after);

  const unique = [...new Set(ids)];
  const pages = await Promise.all(
    chunk(unique, batchSize).map((part) =>
      withRetry(
        () => ctx.client.crm.objects.notes.batchApi.read({ inputs: part.map((id) => ({ id })), properties: ['hs_note_body', 'hs_timestamp'], propertiesWithHistory: [] }),
        ctx.deadline,
        ctx.retry,
      ),
    ),
  );
  const results = pages.flatMap((raw) => {
    const page = recordPageSchema.safeParse(raw);
    if (!page.success) throw new HubSpotError({ kind: 'rejected', status: 200, category: 'the notes came back in an unexpected shape' });
    return page.data.results;
  });
  return validRecords(results, 'tasks').records;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
