import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CompanyNotFoundError, HubSpotError } from '../hubspot/gateway.ts';
import { StoreBusyError } from '../state/store.ts';
import { ActionNotFoundError, TasksUnknownError } from '../usecases/create-task.ts';

// Every failure the card can meet, as the HTTP answer the card shows: a status, a stable code
// the card can branch on, and one sentence a CSM can act on.

export interface HttpError {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly message: string;
}

function fromHubSpot(error: HubSpotError): HttpError {
  const { failure } = error;
  switch (failure.kind) {
    case 'unauthorized':
      return { status: 502, code: 'hubspot_unauthorized', message: error.message };
    case 'forbidden':
      return { status: 502, code: 'hubspot_forbidden', message: error.message };
    case 'rate_limited':
      return { status: 503, code: failure.policy === 'daily' ? 'hubspot_daily_limit' : 'hubspot_rate_limited', message: error.message };
    case 'transient':
      return { status: 503, code: 'hubspot_unavailable', message: `${error.message}: try again in a moment` };
    case 'not_found':
    case 'rejected':
      return { status: 502, code: 'hubspot_error', message: error.message };
  }
}

export function httpErrorOf(error: unknown): HttpError {
  if (error instanceof CompanyNotFoundError) return { status: 404, code: 'company_not_found', message: error.message };
  if (error instanceof ActionNotFoundError) return { status: 404, code: 'action_not_found', message: error.message };
  if (error instanceof TasksUnknownError) return { status: 503, code: 'tasks_unavailable', message: error.message };
  if (error instanceof HubSpotError) return fromHubSpot(error);
  if (error instanceof StoreBusyError) return { status: 503, code: 'company_busy', message: 'Another change to this company is still being saved: try again in a moment' };
  return { status: 500, code: 'internal_error', message: 'The card service failed unexpectedly; the error is logged' };
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
  if (!(error instanceof Error)) return typeof error;
  const known = error instanceof CompanyNotFoundError || error instanceof ActionNotFoundError || error instanceof TasksUnknownError || error instanceof StoreBusyError;
  const at = known ? null : thrownAt(error);
  return at ? `${error.name} at ${at}` : error.name;
}
