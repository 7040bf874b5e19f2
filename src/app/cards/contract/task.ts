import * as z from 'zod/mini';

// POST /api/companies/:id/actions/:actionId/task: "Create task" on a suggested action.

/** The days a card, sync or report may be computed as of: dates outside are typos, not history. */
export const asOfRange = { from: '2000-01-01', to: '2100-12-31' } as const;

/** The card user's locale, BCP 47, e.g. "ja-JP": what the backend writes a task in. */
export const userLocaleSchema = z.optional(z.string().check(z.regex(/^[A-Za-z]{2,3}([_-][A-Za-z0-9]{1,8}){0,4}$/)));

/** The request body (empty, or this): the day of the view the action was shown in, and the user's locale (the task is written in it). */
export const taskRequestSchema = z.strictObject({
  asOf: z.optional(z.iso.date().check(z.refine((day) => day >= asOfRange.from && day <= asOfRange.to))),
  locale: userLocaleSchema,
});

/** The answer: 201 with `created: true`, or 200 with `created: false` when the action's task was already open. */
export const taskReceiptSchema = z.object({
  taskId: z.string(),
  actionId: z.string(),
  /** false when the backend found the task already open and created nothing. */
  created: z.boolean(),
});
export type TaskReceipt = z.infer<typeof taskReceiptSchema>;
