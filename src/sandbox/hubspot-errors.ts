// Error responses shaped like HubSpot's: `{status: 'error', message, correlationId,
// category, ...}` bodies (429s carry `errorType` and `policyName` instead of a category).
import { randomUUID } from 'node:crypto';
import type { ZodError } from 'zod';

export class HubSpotError extends Error {
  constructor(
    readonly status: number,
    readonly category: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json;charset=utf-8', ...headers } });
}

export function errorResponse(error: HubSpotError, headers: Record<string, string> = {}): Response {
  const body = { status: 'error', message: error.message, correlationId: randomUUID(), category: error.category, ...error.extra };
  return json(body, error.status, headers);
}

export function rateLimitResponse(policyName: 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY', headers: Record<string, string> = {}): Response {
  const message = {
    TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
    DAILY: 'You have reached your daily limit.',
    // The SDK recognises the search limit by this exact message.
    SECONDLY: 'You have reached your secondly limit.',
  }[policyName];
  return json({ status: 'error', message, errorType: 'RATE_LIMIT', correlationId: randomUUID(), policyName }, 429, headers);
}

export const invalid = (message: string, extra?: Record<string, unknown>): HubSpotError => new HubSpotError(400, 'VALIDATION_ERROR', message, extra);

export const notFound = (message: string, context?: Record<string, string[]>): HubSpotError =>
  new HubSpotError(404, 'OBJECT_NOT_FOUND', message, context ? { context } : {});

export const unauthenticated = (): HubSpotError =>
  new HubSpotError(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview');

export const missingScope = (scope: string): HubSpotError =>
  new HubSpotError(403, 'MISSING_SCOPES', `This app hasn't been granted all required scopes to make this call. Missing scope: ${scope}. Read more about required scopes here: https://developers.hubspot.com/scopes.`, {
    errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: [scope] } }],
    links: { scopes: 'https://developers.hubspot.com/scopes' },
  });

/** A request body that failed its schema, described the way HubSpot reports invalid input. */
export function invalidInput(error: ZodError): HubSpotError {
  const details = error.issues.map((issue) => ({ message: `${issue.path.join('.') || 'body'}: ${issue.message}`, code: 'INVALID_INPUT' }));
  return invalid(`Invalid input JSON: ${details.map((detail) => detail.message).join('; ')}`, { errors: details });
}
