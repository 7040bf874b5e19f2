import type { CrmRecord } from '../domain/card/snapshot.ts';
import { associatedIdPages, chunk, createEngagement, parseResponse, type CallContext } from './calls.ts';
import { parseRecords, recordPageSchema } from './records.ts';
import { withRetry } from './retry.ts';

// The writes of the handoff and churn-reason flows: company properties and timeline notes, and
// reading the company's notes back when a retried request must find out whether its note exists.

const batchSize = 100;

export interface NewNote {
  readonly companyId: string;
  /** HTML, as HubSpot renders it on the timeline. */
  readonly body: string;
  /** ISO instant the note is dated. */
  readonly timestamp: string;
}

/** Writing the same values twice changes nothing, so a failed update is safely tried again. */
export async function updateCompanyProperties(ctx: CallContext, companyId: string, properties: Readonly<Record<string, string>>): Promise<void> {
  await withRetry(() => ctx.client.crm.companies.basicApi.update(companyId, { properties: { ...properties } }), ctx.deadline, ctx.retry);
}

/** A note on the company's timeline (createEngagement: only a 429 is tried again). */
export function createCompanyNote(ctx: CallContext, note: NewNote): Promise<{ id: string }> {
  return createEngagement(ctx, 'notes', note.companyId, { hs_timestamp: note.timestamp, hs_note_body: note.body });
}

/** The company's notes with their bodies (v4 association pages, then batch reads of 100); a note in an unexpected shape is skipped. */
export async function readCompanyNotes(ctx: CallContext, companyId: string): Promise<CrmRecord[]> {
  const ids = await associatedIdPages(ctx, companyId, 'notes');
  const pages = await Promise.all(
    chunk(ids, batchSize).map((part) =>
      withRetry(
        () => ctx.client.crm.objects.notes.batchApi.read({ inputs: part.map((id) => ({ id })), properties: ['hs_note_body', 'hs_timestamp'], propertiesWithHistory: [] }),
        ctx.deadline,
        ctx.retry,
      ),
    ),
  );
  return parseRecords(pages.flatMap((raw) => parseResponse(recordPageSchema, raw, 'notes batch').results)).records;
}
