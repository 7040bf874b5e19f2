import * as z from 'zod/mini';

// Every error answer of the backend: `{ error: { code, message } }` — a stable code the card
// branches on and one sentence for an admin (the card shows the catalog's words for the code).

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** A refused handoff submit: the required fields still missing. */
    missing: z.optional(z.array(z.string())),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * The error body for a code and its sentence.
 * @example
 * errorBody('bad_request', 'companyId must be a numeric HubSpot record id')
 * // => { error: { code: 'bad_request', message: 'companyId must be a numeric HubSpot record id' } }
 */
export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}
