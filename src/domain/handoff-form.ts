import { z } from 'zod';
import { parseDay } from './dates.ts';

// What sales and CS send to change the handoff, checked at the boundary: lengths, contact ids,
// real dates, a comment when CS returns it. Every change names the version it was made from.

/** HubSpot's multi-line text properties hold 65,536 characters; a handoff needs far less. */
export const maxLongText = 5_000;
export const maxCommentLength = 2_000;

const longText = (what: string) => z.string().max(maxLongText, { error: `${what} must be at most ${maxLongText} characters` });
const contactId = (what: string) =>
  z.string().trim().regex(/^(\d{1,20})?$/, { error: `${what} must be a HubSpot contact id (digits), or empty to clear it` });
const goLiveDate = z
  .string()
  .trim()
  .refine((value) => value === '' || (/^\d{4}-\d{2}-\d{2}$/.test(value) && parseDay(value) !== null && value >= '2000-01-01' && value <= '2099-12-31'), {
    error: 'goLiveDate must be a real date written YYYY-MM-DD between 2000 and 2099, or empty to clear it',
  });

/** What sales writes; every field is optional (only the given ones change) and '' clears one. */
export const handoffFormSchema = z.strictObject({
  goals: longText('goals').optional(),
  successCriteria: longText('successCriteria').optional(),
  championId: contactId('championId').optional(),
  economicBuyerId: contactId('economicBuyerId').optional(),
  promisedScope: longText('promisedScope').optional(),
  specialTerms: longText('specialTerms').optional(),
  risks: longText('risks').optional(),
  goLiveDate: goLiveDate.optional(),
});
export type HandoffForm = z.infer<typeof handoffFormSchema>;

const baseVersion = z.number().int().min(0).max(1_000_000_000);
const returnComment = z
  .string()
  .trim()
  .min(1, { error: 'comment is required: tell sales what to complete or correct' })
  .max(maxCommentLength, { error: `comment must be at most ${maxCommentLength} characters` });

export const saveHandoffBodySchema = z.strictObject({ baseVersion, fields: handoffFormSchema });
/** Submit may carry the form, so saving and submitting is one change. */
export const submitHandoffBodySchema = z.strictObject({ baseVersion, fields: handoffFormSchema.optional() });
export const acceptHandoffBodySchema = z.strictObject({ baseVersion });
export const returnHandoffBodySchema = z.strictObject({ baseVersion, comment: returnComment });

export type HandoffRequest =
  | { readonly action: 'save'; readonly baseVersion: number; readonly fields: HandoffForm }
  | { readonly action: 'submit'; readonly baseVersion: number; readonly fields?: HandoffForm | undefined }
  | { readonly action: 'accept'; readonly baseVersion: number }
  | { readonly action: 'return'; readonly baseVersion: number; readonly comment: string };
export type HandoffAction = HandoffRequest['action'];

/** Each step's body, read into the request it stands for. */
export const handoffRequestSchemas: Readonly<Record<HandoffAction, z.ZodType<HandoffRequest>>> = {
  save: saveHandoffBodySchema.transform((body) => ({ action: 'save' as const, ...body })),
  submit: submitHandoffBodySchema.transform((body) => ({ action: 'submit' as const, ...body })),
  accept: acceptHandoffBodySchema.transform((body) => ({ action: 'accept' as const, ...body })),
  return: returnHandoffBodySchema.transform((body) => ({ action: 'return' as const, ...body })),
};
