import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../app/cards/contract/errors.ts';
import type { MessageParams } from '../app/cards/contract/message.ts';
import type { RefusalKind } from '../domain/handoff/handoff-changes.ts';
import { CompanyNotFoundError, HubSpotError } from '../hubspot/gateway.ts';
import { StoreBusyError } from '../state/store.ts';
import { ActionNotFoundError, TasksUnknownError } from '../usecases/create-task.ts';
import { ContactsUnknownError } from '../usecases/handoff.ts';

// Every failure the card can meet, as the HTTP answer the card shows: a stable code the card
// branches on (its words are in the message catalog, error.code.<code>), the code's parameters,
// and one sentence an admin can act on. ONE table: every route, middleware and app.onError answers
// through errorAnswer — the backend's and the local preview's (src/preview/server.ts) — so a code
// has one status and one shape everywhere.

/** Every error code the backend answers with, and its HTTP status. */
export const errorStatus = {
  /** A request input (path, query, body, header) that did not validate: params say `in` which and which `field`. */
  bad_request: 400,
  invalid_signature: 401,
  /** The local preview refused a request not from its own page on its own address (Origin, Host, session token). */
  forbidden: 403,
  not_found: 404,
  company_not_found: 404,
  action_not_found: 404,
  /** The local preview relays only the methods hubspot.fetch sends. */
  method_not_allowed: 405,
  handoff_conflict: 409,
  handoff_state: 409,
  churn_reason_recorded: 409,
  churn_reason_not_needed: 409,
  request_in_progress: 409,
  payload_too_large: 413,
  handoff_incomplete: 422,
  contact_not_in_company: 422,
  internal_error: 500,
  not_implemented: 501,
  hubspot_unauthorized: 502,
  hubspot_forbidden: 502,
  hubspot_error: 502,
  /** The local preview could not reach the card backend it relays to. */
  backend_unreachable: 502,
  hubspot_unavailable: 503,
  hubspot_rate_limited: 503,
  hubspot_daily_limit: 503,
  tasks_unavailable: 503,
  contacts_unavailable: 503,
  company_busy: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorStatus;

/** A handoff change the rules refused (usecases/handoff.ts), by its reason: answered with the card as it is. */
export const handoffRefusalCodes: Readonly<Record<RefusalKind, ErrorCode>> = {
  conflict: 'handoff_conflict',
  state: 'handoff_state',
  incomplete: 'handoff_incomplete',
  foreign_contact: 'contact_not_in_company',
};

export interface HttpError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly params?: MessageParams;
  /** A refused handoff submit: the required fields still missing, by label and as form field keys. */
  readonly missing?: readonly string[];
  readonly missingFields?: readonly string[];
}

/** Where a request input is read from, as Hono's validator names it. */
export type InputTarget = 'param' | 'query' | 'json' | 'header';

/**
 * A request input that did not validate: `field` is the path of the first problem ('' for the
 * whole input), `message` says what to send instead.
 */
export function badInput(target: InputTarget, field: string, message: string): HttpError {
  return { code: 'bad_request', message, params: { in: target, field } };
}

/**
 * A HubSpot write refused as malformed (400) on a route that writes the properties `cs-card setup`
 * creates: the answer says to run it.
 */
export class SetupHintError extends Error {
  constructor(
    readonly failure: HubSpotError,
    readonly hint: string,
  ) {
    super(`${failure.message}: ${hint}`);
    this.name = 'SetupHintError';
  }
}

function fromHubSpot(error: HubSpotError): HttpError {
  const { failure } = error;
  switch (failure.kind) {
    case 'unauthorized':
      return { code: 'hubspot_unauthorized', message: error.message };
    case 'forbidden':
      return { code: 'hubspot_forbidden', message: error.message };
    case 'rate_limited':
      return { code: failure.policy === 'daily' ? 'hubspot_daily_limit' : 'hubspot_rate_limited', message: error.message };
    case 'transient':
      return { code: 'hubspot_unavailable', message: `${error.message}: try again in a moment` };
    case 'not_found':
    case 'rejected':
    case 'unreadable':
      return { code: 'hubspot_error', message: error.message };
  }
}

/** What a thrown error answers (app.onError). */
export function httpErrorOf(error: unknown): HttpError {
  if (error instanceof CompanyNotFoundError) return { code: 'company_not_found', message: error.message };
  if (error instanceof ActionNotFoundError) return { code: 'action_not_found', message: error.message };
  if (error instanceof TasksUnknownError) return { code: 'tasks_unavailable', message: error.message };
  if (error instanceof ContactsUnknownError) return { code: 'contacts_unavailable', message: error.message };
  if (error instanceof SetupHintError) return { code: 'hubspot_error', message: error.message };
  if (error instanceof HubSpotError) return fromHubSpot(error);
  if (error instanceof StoreBusyError) return { code: 'company_busy', message: 'Another change to this company is still being saved: try again in a moment' };
  // Hono's own request parsing (a JSON body that is not JSON, when the route's check did not see it first).
  if (error instanceof HTTPException && error.status === 400) return badInput('json', '', 'the body must be JSON');
  return { code: 'internal_error', message: 'The card service failed unexpectedly; the error is logged' };
}

/** The error answer: the table's status, `{ error: { code, message, missing?, missingFields?, params? } }` and what else the route sends beside it. */
export function errorAnswer(c: Context, error: HttpError, beside: Readonly<Record<string, unknown>> = {}): Response {
  const body: ErrorBody['error'] = {
    code: error.code,
    message: error.message,
    ...(error.missing ? { missing: [...error.missing] } : {}),
    ...(error.missingFields ? { missingFields: [...error.missingFields] } : {}),
    ...(error.params ? { params: error.params } : {}),
  };
  return c.json({ error: body, ...beside }, errorStatus[error.code]);
}

/** Where an unexpected error was thrown: the top stack frame (code location, no data). */
function thrownAt(error: Error): string | null {
  const frame = error.stack?.split('\n').find((line) => /^\s+at /.test(line));
  return frame ? frame.trim().replace(/^at /, '') : null;
}

/**
 * What the log may say about an error: its class and HubSpot failure kind, never its message
 * (an SDK message carries response headers and bodies, which can hold personal data); for an
 * unexpected error also where it was thrown, so the log alone points at the defect.
 */
export function errorLabel(error: unknown): string {
  if (error instanceof HubSpotError) return `HubSpotError:${error.failure.kind}`;
  if (error instanceof SetupHintError) return `HubSpotError:${error.failure.failure.kind}`;
  if (!(error instanceof Error)) return typeof error;
  const known = httpErrorOf(error).code !== 'internal_error';
  const at = known ? null : thrownAt(error);
  return at ? `${error.name} at ${at}` : error.name;
}
