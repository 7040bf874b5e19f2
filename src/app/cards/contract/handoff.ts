import * as z from 'zod/mini';
import { userLocaleSchema } from './task.ts';
import { cardViewSchema } from './view-model.ts';

// The handoff routes' requests and answers (GET/PUT /api/companies/:id/handoff, POST …/submit,
// …/accept, …/return). What sales and CS send to change the handoff, checked at the boundary: lengths, contact ids,
// real dates, a comment when CS returns it. Every change names the version it was made from.

/** HubSpot's multi-line text properties hold 65,536 characters; a handoff needs far less. */
export const maxLongText = 5_000;
export const maxCommentLength = 2_000;

const longText = (what: string) => z.optional(z.string().check(z.maxLength(maxLongText, { error: `${what} must be at most ${maxLongText} characters` })));
const contactId = (what: string) =>
  z.optional(z.string().check(z.trim(), z.regex(/^(\d{1,20})?$/, { error: `${what} must be a HubSpot contact id (digits), or empty to clear it` })));
const realDay = z.iso.date();
const goLiveDate = z.optional(
  z.string().check(
    z.trim(),
    z.refine((value) => value === '' || (realDay.safeParse(value).success && value >= '2000-01-01' && value <= '2099-12-31'), {
      error: 'goLiveDate must be a real date written YYYY-MM-DD between 2000 and 2099, or empty to clear it',
    }),
  ),
);

/** What sales writes; every field is optional (only the given ones change) and '' clears one. */
export const handoffFormSchema = z.strictObject({
  goals: longText('goals'),
  successCriteria: longText('successCriteria'),
  championId: contactId('championId'),
  economicBuyerId: contactId('economicBuyerId'),
  promisedScope: longText('promisedScope'),
  specialTerms: longText('specialTerms'),
  risks: longText('risks'),
  goLiveDate,
});
export type HandoffForm = z.infer<typeof handoffFormSchema>;

const baseVersion = z.int().check(z.minimum(0), z.maximum(1_000_000_000));
const returnComment = z.string().check(
  z.trim(),
  z.minLength(1, { error: 'comment is required: tell sales what to complete or correct' }),
  z.maxLength(maxCommentLength, { error: `comment must be at most ${maxCommentLength} characters` }),
);

export const saveHandoffBodySchema = z.strictObject({ baseVersion, fields: handoffFormSchema });
/** Submit may carry the form, so saving and submitting is one change. */
export const submitHandoffBodySchema = z.strictObject({ baseVersion, fields: z.optional(handoffFormSchema) });
/** Accept may carry the user's locale: the onboarding tasks are written in it (English without one). */
export const acceptHandoffBodySchema = z.strictObject({ baseVersion, locale: userLocaleSchema });
export const returnHandoffBodySchema = z.strictObject({ baseVersion, comment: returnComment });

export type HandoffRequest =
  | { readonly action: 'save'; readonly baseVersion: number; readonly fields: HandoffForm }
  | { readonly action: 'submit'; readonly baseVersion: number; readonly fields?: HandoffForm | undefined }
  | { readonly action: 'accept'; readonly baseVersion: number; readonly locale?: string | undefined }
  | { readonly action: 'return'; readonly baseVersion: number; readonly comment: string };
export type HandoffAction = HandoffRequest['action'];

/** Each step's body, read into the request it stands for. */
export const handoffRequestSchemas: Readonly<Record<HandoffAction, z.ZodMiniType<HandoffRequest>>> = {
  save: z.pipe(saveHandoffBodySchema, z.transform((body) => ({ action: 'save' as const, ...body }))),
  submit: z.pipe(submitHandoffBodySchema, z.transform((body) => ({ action: 'submit' as const, ...body }))),
  accept: z.pipe(acceptHandoffBodySchema, z.transform((body) => ({ action: 'accept' as const, ...body }))),
  return: z.pipe(returnHandoffBodySchema, z.transform((body) => ({ action: 'return' as const, ...body }))),
};

/**
 * The answer to a handoff step or a churn reason: the whole card as it is after it (and on a 409
 * or 422 refusal too, beside the error), so the card redraws without another request.
 */
export const stepAnswerSchema = z.object({
  view: cardViewSchema,
  /** True when the request was a retry of one already applied (nothing was written again). */
  replayed: z.optional(z.boolean()),
  noteId: z.optional(z.nullable(z.string())),
  taskIds: z.optional(z.array(z.string())),
});
