import * as z from 'zod/mini';

// POST /api/companies/:id/churn-reason: why a customer left (DOMAIN.md "Customers who decided to
// cancel: record why"). The answer is a step answer (handoff.ts), the card as it is after it.

/** Why a renewal was lost: the codes the churn-reason form offers (labels are in the catalog). */
export const churnReasons = ['competitor', 'value_not_realised', 'budget', 'out_of_business_or_ma', 'product_gap', 'other'] as const;
export type ChurnReason = (typeof churnReasons)[number];

export const maxChurnComment = 2_000;

/** The request: a reason code, and a comment (required for "other"). */
export const churnReasonBodySchema = z
  .strictObject({
    reason: z.enum(churnReasons, { error: `reason must be one of ${churnReasons.join(', ')}` }),
    comment: z.optional(z.string().check(z.trim(), z.maxLength(maxChurnComment, { error: `comment must be at most ${maxChurnComment} characters` }))),
  })
  .check((ctx) => {
    if (ctx.value.reason === 'other' && (ctx.value.comment ?? '') === '') {
      ctx.issues.push({ code: 'custom', input: ctx.value, path: ['comment'], message: 'comment is required when the reason is "other": say why the customer left' });
    }
  });
export type ChurnReasonBody = z.infer<typeof churnReasonBodySchema>;

/**
 * Whether a form value is a churn reason code.
 * @example
 * isChurnReason('budget') // => true
 * isChurnReason('price') // => false
 */
export function isChurnReason(value: string): value is ChurnReason {
  return (churnReasons as readonly string[]).includes(value);
}
