import { z } from 'zod';
import type { CrmRecord, DataSource, PropertyChange, SourceIssue } from '../domain/card/snapshot.ts';
import { malformedIssue } from './source-issues.ts';

// Shapes of SDK responses *after* the SDK has deserialised them (HUBSPOT.md, SDK gotcha 6):
// dates are Date objects, v4 `from` is `_from`, `toObjectId` may be a number. Anything else
// HubSpot (or a HubSpot-compatible API) sends is checked here before the domain sees it.

const objectId = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);
const timestamp = z.union([z.date(), z.string(), z.number()]).transform((value, ctx) => {
  const date = value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'not a timestamp' });
    return z.NEVER;
  }
  return date.toISOString();
});

export const crmRecordSchema = z.object({
  id: objectId,
  properties: z.record(z.string(), z.string().nullable()),
});

const associationPageSchema = z.object({
  results: z.array(z.object({ id: objectId })),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

export const companyResponseSchema = crmRecordSchema.extend({
  propertiesWithHistory: z
    .record(z.string(), z.array(z.object({ value: z.string().nullable().optional(), timestamp })))
    .optional(),
  associations: z.record(z.string(), associationPageSchema).optional(),
});
export type CompanyResponse = z.infer<typeof companyResponseSchema>;

/** Batch read (200, or 207 with errors for ids that vanished meanwhile) and search pages. */
export const recordPageSchema = z.object({
  results: z.array(z.unknown()),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

export const v4AssociationPageSchema = z.object({
  results: z.array(z.object({ toObjectId: objectId })),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

export const createdObjectSchema = z.object({ id: objectId });

export function toHistory(changes: readonly { value?: string | null | undefined; timestamp: string }[]): PropertyChange[] {
  return changes
    .map((change) => ({ value: change.value ?? null, timestamp: change.timestamp }))
    .sort((a, b) => b.timestamp.localeCompare(a.timestamp));
}

/** The records of a page that have the documented shape, and how many did not. */
export function parseRecords(raw: readonly unknown[]): { records: CrmRecord[]; skipped: number } {
  const records: CrmRecord[] = [];
  let skipped = 0;
  for (const item of raw) {
    const parsed = crmRecordSchema.safeParse(item);
    if (parsed.success) records.push(parsed.data);
    else skipped += 1;
  }
  return { records, skipped };
}

/** The records of a card source's page, and the issue its skipped records raise for that source. */
export function validRecords(raw: readonly unknown[], source: DataSource): { records: CrmRecord[]; issue: SourceIssue | null } {
  const { records, skipped } = parseRecords(raw);
  return { records, issue: skipped === 0 ? null : malformedIssue(source, skipped, raw.length) };
}
