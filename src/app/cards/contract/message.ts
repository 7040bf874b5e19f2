import * as z from 'zod/mini';

/**
 * A text the user sees, sent as a message-catalog code and its parameters: the card, the
 * CLI and the task/note writers format it in the user's language (ICU message syntax).
 * Parameter conventions: calendar days as `YYYY-MM-DD` strings, amounts as numbers with a
 * sibling `currency` code, counts as numbers (for plural rules), enum values as their code.
 * A parameter is shown as a date only when its catalog message declares it one, `{name, date}`
 * in every locale (src/app/cards/i18n/icu-message.ts), never because its value looks like a day:
 * a company, deal or contact named "2027-01-15", or a value a user typed, is shown as sent.
 *
 * @example
 * message('action.renewal-overdue.title') // { code: 'action.renewal-overdue.title', params: {} }
 */
export const messageSchema = z.object({
  code: z.string().check(z.minLength(1)),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});

export type Message = z.infer<typeof messageSchema>;
export type MessageParams = Message['params'];

export function message(code: string, params: MessageParams = {}): Message {
  for (const name in params) {
    const value = params[name];
    // JSON has no Infinity or NaN: a number that is not finite is sent as missing.
    if (typeof value === 'number' && !Number.isFinite(value)) return { code, params: finiteOnly(params) };
  }
  return { code, params };
}

function finiteOnly(params: MessageParams): MessageParams {
  const out: MessageParams = {};
  for (const [name, value] of Object.entries(params)) out[name] = typeof value === 'number' && !Number.isFinite(value) ? null : value;
  return out;
}
