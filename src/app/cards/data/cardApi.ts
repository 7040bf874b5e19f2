import type { HubSpotFetchOptions } from '@hubspot/ui-extensions';
import * as z from 'zod/mini';
import { errorBodySchema } from '../contract/errors.ts';
import { stepAnswerSchema, type HandoffForm } from '../contract/handoff.ts';
import { taskReceiptSchema, type TaskReceipt } from '../contract/task.ts';
import { cardViewSchema, type CardView } from '../contract/view-model.ts';

/** `hubspot.fetch` in HubSpot; tests pass a real fetch that signs requests like HubSpot does. */
export type CardFetch = (url: string, options?: HubSpotFetchOptions) => Promise<Response>;

export interface BackendClient {
  readonly fetchFn: CardFetch;
  readonly baseUrl: string;
}

/** Why a backend call failed, in terms the card can explain to a CSM or an admin. */
export type BackendError =
  | { readonly kind: 'network'; readonly detail: string }
  | {
      readonly kind: 'http';
      readonly status: number;
      readonly detail: string | null;
      readonly code?: string | null;
      readonly retryAfterSeconds?: number | null;
      /** A refused handoff submit: the required fields still missing, as form field keys. */
      readonly missingFields?: readonly string[];
    }
  | { readonly kind: 'invalid_response'; readonly detail: string };

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BackendError };

function companyUrl(client: BackendClient, companyId: string): string {
  return `${client.baseUrl}/api/companies/${encodeURIComponent(companyId)}`;
}

/**
 * HubSpot allows 20 concurrent hubspot.fetch requests per app and account and answers 429 beyond
 * (a record's tab, sidebar and preview cards all load at once): reading the card is retried
 * with growing, jittered waits (Retry-After when given), and `onBusy` lets the card say
 * "busy, retrying" meanwhile instead of failing.
 */
export interface BusyRetry {
  readonly attempts: number;
  readonly firstWaitMs: number;
  readonly maxWaitMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const defaultBusyRetry: BusyRetry = {
  attempts: 5,
  firstWaitMs: 400,
  maxWaitMs: 4_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The wait before retry `n` (0 = first): Retry-After when the answer gives one, else doubling with jitter, capped. */
export function busyWaitMs(retry: BusyRetry, n: number, retryAfterSeconds: number | null): number {
  if (retryAfterSeconds !== null && retryAfterSeconds > 0) return Math.min(retry.maxWaitMs, retryAfterSeconds * 1000);
  return Math.min(retry.maxWaitMs, retry.firstWaitMs * 2 ** n * (1 + Math.random() / 2));
}

export async function fetchCardView(client: BackendClient, companyId: string, onBusy?: () => void, busy: BusyRetry = defaultBusyRetry): Promise<Result<CardView>> {
  const url = `${companyUrl(client, companyId)}/card`;
  for (let n = 0; ; n++) {
    const result = await call(client, url, { method: 'GET' }, cardViewSchema);
    const tooMany = !result.ok && result.error.kind === 'http' && result.error.status === 429;
    if (!tooMany || n + 1 >= busy.attempts) return result;
    onBusy?.();
    await busy.sleep(busyWaitMs(busy, n, result.error.kind === 'http' ? (result.error.retryAfterSeconds ?? null) : null));
  }
}

/** `asOf` is the day of the view the action was shown in, so the backend finds the same action. */
/** `locale` is the user's: the backend writes the task's title and body in that language. */
export function createActionTask(client: BackendClient, companyId: string, actionId: string, asOf: string, locale?: string): Promise<Result<TaskReceipt>> {
  const url = `${companyUrl(client, companyId)}/actions/${encodeURIComponent(actionId)}/task`;
  return call(client, url, { method: 'POST', body: locale ? { asOf, locale } : { asOf } }, taskReceiptSchema);
}

export type HandoffStep =
  | { readonly action: 'save'; readonly fields: HandoffForm }
  | { readonly action: 'submit'; readonly fields: HandoffForm }
  | { readonly action: 'accept'; readonly locale?: string | undefined }
  | { readonly action: 'return'; readonly comment: string };

/**
 * One step of the handoff, from the version the form was loaded at (a stale one is refused with
 * 409). The answer is the whole card as it is after the step.
 */
export function sendHandoffStep(client: BackendClient, companyId: string, baseVersion: number, step: HandoffStep): Promise<Result<CardView>> {
  const url = `${companyUrl(client, companyId)}/handoff`;
  switch (step.action) {
    case 'save':
      return call(client, url, { method: 'PUT', body: { baseVersion, fields: step.fields } }, viewOfStep);
    case 'submit':
      return call(client, `${url}/submit`, { method: 'POST', body: { baseVersion, fields: step.fields } }, viewOfStep);
    case 'accept':
      // The user's locale: the backend writes the onboarding tasks in that language.
      return call(client, `${url}/accept`, { method: 'POST', body: step.locale ? { baseVersion, locale: step.locale } : { baseVersion } }, viewOfStep);
    case 'return':
      return call(client, `${url}/return`, { method: 'POST', body: { baseVersion, comment: step.comment } }, viewOfStep);
  }
}

export function sendChurnReason(client: BackendClient, companyId: string, reason: string, comment: string): Promise<Result<CardView>> {
  const body = { reason, ...(comment.trim() === '' ? {} : { comment }) };
  return call(client, `${companyUrl(client, companyId)}/churn-reason`, { method: 'POST', body }, viewOfStep);
}

async function call<T>(
  client: BackendClient,
  url: string,
  options: HubSpotFetchOptions,
  answer: z.ZodMiniType<T>,
): Promise<Result<T>> {
  let response: Response;
  try {
    response = await client.fetchFn(url, options);
  } catch (e) {
    return { ok: false, error: { kind: 'network', detail: e instanceof Error ? e.message : String(e) } };
  }
  const body = await readJson(response);
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('retry-after'));
    const { message, code, missingFields } = errorOf(body);
    const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
    return { ok: false, error: { kind: 'http', status: response.status, detail: message, code, retryAfterSeconds, ...(missingFields ? { missingFields } : {}) } };
  }
  // The backend validated what it sent with the same schema; this catches a proxy's error page or a backend of another version.
  const parsed = answer.safeParse(body);
  if (!parsed.success) return { ok: false, error: { kind: 'invalid_response', detail: `unexpected body from ${url} (${parsed.error.issues[0]?.path.join('.') || 'body'})` } };
  return { ok: true, value: parsed.data };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** The backend's error body (contract/errors.ts); null parts when the answer is not one (a proxy's error page). */
function errorOf(body: unknown): { message: string | null; code: string | null; missingFields?: readonly string[] } {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return { message: null, code: null };
  const { message, code, missingFields } = parsed.data.error;
  return missingFields ? { message, code, missingFields } : { message, code };
}

/** A handoff step's or churn reason's answer carries the whole card after it. */
const viewOfStep = z.pipe(stepAnswerSchema, z.transform((answer): CardView => answer.view));
