import { validator } from 'hono/validator';
import * as z from 'zod/mini';
import { badInput, errorAnswer, type HttpError, type InputTarget } from './http-errors.ts';

// How the backend's routes read what a request sends: Hono's validator on the path parameters,
// the query, the JSON body and the headers a route depends on, each parsed with a zod schema (the
// card<->backend contract's, src/app/cards/contract/, where there is one). An input that does not
// parse is answered at once through the one error table (http-errors.ts): 400 `bad_request`
// with params `{ in, field }` (field: the path of the first problem) and a sentence saying what
// to send; the handler only ever sees `c.req.valid(target)`, typed by the schema.

type Schema = z.core.$ZodType;

/** A request input read: its value, or the answer saying what is wrong. */
export type InputRead<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: HttpError };

/** The issues' own messages, each prefixed with its path when `withPath` (a body's nested fields). */
function issueText(issues: readonly z.core.$ZodIssue[], withPath: boolean): string {
  return issues.map((issue) => (withPath && issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}

function fieldOf(issues: readonly z.core.$ZodIssue[]): string {
  return issues[0]?.path.join('.') ?? '';
}

function read<S extends Schema>(target: InputTarget, schema: S, value: unknown, explain: (issues: readonly z.core.$ZodIssue[]) => string): InputRead<z.output<S>> {
  const parsed = z.safeParse(schema, value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: badInput(target, fieldOf(parsed.error.issues), explain(parsed.error.issues)) };
}

/** Path parameters (`:companyId`, …); the schema's messages say what a parameter must be. */
export function paramInput<S extends Schema>(schema: S) {
  return validator('param', (value, c) => {
    const input = read('param', schema, value, (issues) => issue0(issues));
    return input.ok ? input.value : errorAnswer(c, input.error);
  });
}

/** The query string (a repeated key arrives as an array); the schema's messages say what a value must be. */
export function queryInput<S extends Schema>(schema: S) {
  return validator('query', (value, c) => {
    const input = read('query', schema, value, (issues) => issueText(issues, false));
    return input.ok ? input.value : errorAnswer(c, input.error);
  });
}

/** Request headers (names lower-case). */
export function headerInput<S extends Schema>(schema: S) {
  return validator('header', (value, c) => {
    const input = read('header', schema, value, (issues) => issue0(issues));
    return input.ok ? input.value : errorAnswer(c, input.error);
  });
}

/** The first problem only: for inputs where one wrong value is the whole story (an id). */
function issue0(issues: readonly z.core.$ZodIssue[]): string {
  return issues[0]?.message ?? 'invalid input';
}

export interface BodyRules {
  /** A body that would be accepted, shown in the error answers. */
  readonly example: string;
  /** The body is optional: an empty one stands for this. */
  readonly empty?: unknown;
  /** One sentence for every problem, instead of the issues' own messages. */
  readonly explain?: string;
}

/** A JSON body checked by a zod schema (see jsonInput). */
export function bodyInput<S extends z.core.$ZodType<object>>(schema: S, rules: BodyRules) {
  return jsonInput((text): InputRead<z.output<S>> => {
    let json: unknown = rules.empty;
    try {
      if (text.trim() !== '' || rules.empty === undefined) json = JSON.parse(text);
    } catch {
      return { ok: false, error: badInput('json', '', rules.explain ?? `the body must be JSON, like ${rules.example}`) };
    }
    return read('json', schema, json, (issues) => rules.explain ?? `${issueText(issues, true)} (expected a body like ${rules.example})`);
  });
}

/**
 * A JSON body, read by `readBody` from its text whatever the request's Content-Type says (the
 * routes always have: hubspot.fetch, the preview and the sandbox send JSON, a task's body may be
 * empty). Hono's validator parses a body sent as application/json itself and throws its own error
 * for one that is not JSON, or empty: the body is read first, so such a body gets this route's
 * answer, and an accepted empty body (nothing for Hono to parse) is handed on as its value.
 */
export function jsonInput<T extends object>(readBody: (text: string) => InputRead<T>) {
  const checked = validator('json', async (_value, c) => {
    const input = readBody(await c.req.text());
    return input.ok ? input.value : errorAnswer(c, input.error);
  });
  const input: typeof checked = async (c, next) => {
    const text = await c.req.text();
    const body = readBody(text);
    if (!body.ok) return errorAnswer(c, body.error);
    if (text.trim() !== '') return checked(c, next);
    c.req.addValidatedData('json', body.value);
    await next();
  };
  return input;
}
