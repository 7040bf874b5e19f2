import { z } from 'zod';
import { message, type Message } from '../app/cards/contract/message.ts';
import { RequestTimeoutError } from './client.ts';

// What went wrong with one HubSpot call, in the terms the retry policy and the callers need.
// The SDK throws `ApiException {code, body, headers}` — a different class per API module — so
// this looks at the shape, never at `instanceof`, and never keeps the message (it can carry
// headers and personal data).
export type Failure =
  | { readonly kind: 'unauthorized' }
  /** scopes: what HubSpot's 403 body names as required (errors[].context.requiredGranularScopes or requiredScopes). */
  | { readonly kind: 'forbidden'; readonly scopes?: readonly string[] }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'rate_limited'; readonly policy: 'daily' | 'window'; readonly waitMs: number }
  | { readonly kind: 'transient'; readonly what: string }
  | { readonly kind: 'rejected'; readonly status: number; readonly category: string | null }
  /** An answer HubSpot should never send (a page in another shape, a created record without an id); detail: what came back wrong, in English for the log. */
  | { readonly kind: 'unreadable'; readonly status: number; readonly detail: string };

const apiExceptionSchema = z.object({
  code: z.number().int(),
  body: z.unknown(),
  headers: z.record(z.string(), z.unknown()).catch({}),
});

const errorBodySchema = z.object({
  policyName: z.string().optional(),
  message: z.string().optional(),
  category: z.string().optional(),
  errors: z
    .array(z.object({ context: z.object({ requiredGranularScopes: z.array(z.string()).optional(), requiredScopes: z.array(z.string()).optional() }).catch({}).optional() }).catch({}))
    .catch([])
    .optional(),
});

/** The scopes a 403 names: HubSpot lists them per error, as requiredGranularScopes (newer) or requiredScopes. */
function requiredScopesOf(body: z.infer<typeof errorBodySchema>): string[] {
  const scopes = (body.errors ?? []).flatMap((error) => [...(error.context?.requiredGranularScopes ?? []), ...(error.context?.requiredScopes ?? [])]);
  return [...new Set(scopes)];
}

// Errors node:http raises when the address cannot be reached at all — refused, no such host, no
// route — as opposed to a slow or cut answer. The one list: a failure with one of these is
// "unreachable" (isUnreachable, the hubspot.failure.unreachable message the CLI recognises).
const unreachableCodes: ReadonlySet<string> = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH']);

// Errors node:http raises when a connection is cut or stalls; worth the full retries.
const droppedCodes: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET']);

/**
 * Whether a failure is an address that could not be reached at all (not a slow or cut answer).
 *
 * @example
 * isUnreachable({ kind: 'transient', what: 'ECONNREFUSED' }) // true
 * isUnreachable({ kind: 'transient', what: 'ECONNRESET' }) // false
 */
export function isUnreachable(failure: Failure): boolean {
  return failure.kind === 'transient' && unreachableCodes.has(failure.what);
}

const defaultWindowMs = 10_000;

function header(headers: Record<string, unknown>, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}

/** How long HubSpot asks us to wait: Retry-After (s), else the rolling window's length, at most 10 s. */
function rateLimitWaitMs(headers: Record<string, unknown>, fallbackMs: number): number {
  const retryAfter = Number(header(headers, 'retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.min(retryAfter * 1000, defaultWindowMs);
  const interval = Number(header(headers, 'x-hubspot-ratelimit-interval-milliseconds'));
  if (Number.isFinite(interval) && interval > 0) return Math.min(interval, defaultWindowMs);
  return fallbackMs;
}

function classifyRateLimit(body: z.infer<typeof errorBodySchema>, headers: Record<string, unknown>): Failure {
  if (body.policyName === 'DAILY' || header(headers, 'x-hubspot-ratelimit-daily-remaining') === '0') {
    return { kind: 'rate_limited', policy: 'daily', waitMs: 0 };
  }
  // The search API's own limit (5 a second) comes back as SECONDLY: a one-second wait is enough.
  const secondly = body.policyName === 'SECONDLY' || /\bsecondly limit/i.test(body.message ?? '');
  return { kind: 'rate_limited', policy: 'window', waitMs: rateLimitWaitMs(headers, secondly ? 1_000 : defaultWindowMs) };
}

export function classify(error: unknown): Failure {
  if (error instanceof RequestTimeoutError) return { kind: 'transient', what: 'timeout' };
  const api = apiExceptionSchema.safeParse(error);
  if (api.success) {
    const { code, headers } = api.data;
    const body = errorBodySchema.catch({}).parse(api.data.body);
    if (code === 401) return { kind: 'unauthorized' };
    if (code === 403) {
      const scopes = requiredScopesOf(body);
      return scopes.length > 0 ? { kind: 'forbidden', scopes } : { kind: 'forbidden' };
    }
    if (code === 404) return { kind: 'not_found' };
    if (code === 429) return classifyRateLimit(body, headers);
    if (code === 423 || code >= 500) return { kind: 'transient', what: `HTTP ${code}` };
    return { kind: 'rejected', status: code, category: body.category ?? null };
  }
  const networkCode = z.object({ code: z.string() }).safeParse(error);
  if (networkCode.success && (unreachableCodes.has(networkCode.data.code) || droppedCodes.has(networkCode.data.code))) return { kind: 'transient', what: networkCode.data.code };
  return { kind: 'rejected', status: 0, category: error instanceof Error ? error.name : null };
}

/** One sentence about a failure, for warnings and error messages; no personal data. */
export function describeFailure(failure: Failure): string {
  switch (failure.kind) {
    case 'unauthorized':
      return 'HubSpot rejected the access token (401): check HUBSPOT_ACCESS_TOKEN';
    case 'forbidden':
      return failure.scopes && failure.scopes.length > 0
        ? `HubSpot refused access (403): the app lacks the ${failure.scopes.join(', ')} scope${failure.scopes.length > 1 ? 's' : ''}; add ${failure.scopes.length > 1 ? 'them' : 'it'} to the app and install it again`
        : 'HubSpot refused access (403): the app lacks a required scope';
    case 'not_found':
      return 'HubSpot has no such record (404)';
    case 'rate_limited':
      return failure.policy === 'daily'
        ? 'the HubSpot daily API limit is used up (429 DAILY); it resets at midnight in the portal time zone'
        : 'HubSpot kept answering "too many requests" (429) until the time budget ran out';
    case 'transient':
      return isUnreachable(failure) ? `HubSpot could not be reached after retries (${failure.what})` : `HubSpot did not answer in time after retries (${failure.what})`;
    case 'unreadable':
      return `HubSpot's answer could not be read (HTTP ${failure.status}): ${failure.detail}`;
    case 'rejected':
      return `HubSpot rejected the request (${failure.status === 0 ? 'unexpected error' : `HTTP ${failure.status}`}${failure.category ? `, ${failure.category}` : ''})`;
  }
}

/**
 * The failure as a catalog message, shown in the reader's language (describeFailure is its
 * English, for logs and warnings).
 *
 * @example
 * failureMessage({ kind: 'unauthorized' }) // { code: 'hubspot.failure.unauthorized', params: {} }
 */
export function failureMessage(failure: Failure): Message {
  switch (failure.kind) {
    case 'unauthorized':
      return message('hubspot.failure.unauthorized');
    case 'forbidden':
      return failure.scopes && failure.scopes.length > 0 ? message('hubspot.failure.forbiddenScopes', { count: failure.scopes.length, scopes: failure.scopes.join(', ') }) : message('hubspot.failure.forbidden');
    case 'not_found':
      return message('hubspot.failure.notFound');
    case 'rate_limited':
      return message(failure.policy === 'daily' ? 'hubspot.failure.dailyLimit' : 'hubspot.failure.rateLimited');
    case 'transient':
      return message(isUnreachable(failure) ? 'hubspot.failure.unreachable' : 'hubspot.failure.timeout', { what: failure.what });
    case 'unreadable':
      return message('hubspot.failure.unreadable', { status: failure.status });
    case 'rejected':
      return message('hubspot.failure.rejected', { status: failure.status === 0 ? 'none' : String(failure.status), category: failure.category ?? 'none' });
  }
}

/** A call that failed for good: after retries, or at once when retrying cannot help. */
export class HubSpotError extends Error {
  /** What the user reads (in their language), when the message is the failure's own. */
  readonly text: Message | undefined;
  /** `text`: what the user reads when the English is not the failure's own (a catalog message). */
  constructor(readonly failure: Failure, english?: string, text?: Message) {
    super(english ?? describeFailure(failure));
    this.name = 'HubSpotError';
    this.text = text ?? (english === undefined ? failureMessage(failure) : undefined);
  }
}

export class CompanyNotFoundError extends Error {
  /** What the user reads, in their language. */
  readonly text: Message;
  constructor(readonly companyId: string) {
    super(`HubSpot has no company with id ${companyId} (404): check the id in the company record's URL`);
    this.name = 'CompanyNotFoundError';
    this.text = message('hubspot.companyNotFound', { companyId });
  }
}
