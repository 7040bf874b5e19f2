import * as z from 'zod/mini';
import { messageSchema } from './message.ts';

// Every error answer of the backend: `{ error: { code, message, params? } }` — a stable code the
// card branches on (the card shows the catalog's words for the code), its parameters, and one
// sentence for an admin. The codes and their HTTP statuses are one table: src/server/http-errors.ts.

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** A refused handoff submit: the required fields still missing, by their configured (English) label… */
    missing: z.optional(z.array(z.string())),
    /** …and as form field keys (goals, championId, …), which the card names in the user's language; a configured field not on the form keeps its label. */
    missingFields: z.optional(z.array(z.string())),
    /** A request input that did not validate: where (`in`: param, query, json, header) and which `field` ('' for the whole input). */
    params: z.optional(messageSchema.shape.params),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
