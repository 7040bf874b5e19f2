import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CompanyNotFoundError, HubSpotError } from '../hubspot/gateway.ts';
import { ActionNotFoundError, TasksUnknownError } from '../usecases/create-task.ts';

// Every failure the card can meet, as the HTTP answer the card shows: a status, a stable code
// the card can branch on, and one sentence a CSM can act on.

export interface HttpError {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly message: string;
}

export function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
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
  return { status: 500, code: 'internal_error', message: 'The card service failed unexpectedly; the error is logged' };
}

/** What the log may say about an error: its class and HubSpot failure kind, never its message. */
export function errorLabel(error: unknown): string {
  if (error instanceof HubSpotError) return `HubSpotError:${error.failure.kind}`;
  return error instanceof Error ? error.name : typeof error;
}
