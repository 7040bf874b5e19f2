// The one core every transport shares: a fetch-style Request in, a HubSpot-shaped Response
// out. Order per request: latency, bearer token, injected faults, rate limits, the API.
import { scopeFor, type SandboxControlPanel } from './controls.ts';
import { HubSpotError, errorResponse, missingScope, rateLimitResponse, unauthenticated } from './hubspot-errors.ts';
import type { FaultRule } from './index.ts';
import type { RequestJournal } from './request-log.ts';
import { dispatch, type Route } from './router.ts';
import { accountRoutes } from './routes/account.ts';
import { associationRoutes } from './routes/associations.ts';
import { listRoutes } from './routes/lists.ts';
import { objectRoutes } from './routes/objects.ts';
import { ownerAndPipelineRoutes } from './routes/owners-and-pipelines.ts';
import { propertyRoutes } from './routes/properties.ts';
import { searchRoutes } from './routes/search.ts';
import type { MemoryStore } from './store.ts';

export interface SandboxParts {
  readonly store: MemoryStore;
  readonly controls: SandboxControlPanel;
  readonly log: RequestJournal;
  readonly clock: () => number;
  /** The only bearer token accepted; null: any. */
  readonly token: string | null;
}

const ROUTES: readonly Route[] = [...searchRoutes, ...objectRoutes, ...associationRoutes, ...propertyRoutes, ...ownerAndPipelineRoutes, ...listRoutes, ...accountRoutes];
const DEFAULT_TIMEOUT_HOLD_MS = 120_000;

export async function handleRequest(parts: SandboxParts, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  const startedAt = Date.now();
  let status = 0;
  try {
    const response = await respond(parts, request, method, url);
    status = response.status;
    return response;
  } finally {
    parts.log.record({ method, path: url.pathname + url.search, status, startedAt, endedAt: Date.now() });
  }
}

async function respond(parts: SandboxParts, request: Request, method: string, url: URL): Promise<Response> {
  await wait(parts.controls.latencyMs, request.signal);
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (bearer === undefined || (parts.token !== null && bearer !== parts.token)) return errorResponse(unauthenticated());
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const lacking = parts.controls.missingScope(bearer, method, path);
  if (lacking !== null) return errorResponse(missingScope(lacking));
  const fault = parts.controls.takeFault(method, path);
  if (fault) return faultResponse(parts, fault, method, path, request.signal);
  const isSearch = method === 'POST' && path.endsWith('/search');
  const admission = parts.controls.admit(Date.now(), isSearch);
  if (admission.rejectedBy) return rateLimitResponse(admission.rejectedBy, admission.headers);
  const response = await dispatch(ROUTES, { store: parts.store, controls: parts.controls, clock: parts.clock, request, url }, method, path).catch(asErrorResponse);
  for (const [name, value] of Object.entries(admission.headers)) response.headers.set(name, value);
  return response;
}

function asErrorResponse(error: unknown): Response {
  if (error instanceof HubSpotError) return errorResponse(error);
  // A sandbox defect: say so plainly rather than pretend HubSpot failed.
  const message = error instanceof Error ? error.message : String(error);
  return errorResponse(new HubSpotError(500, 'INTERNAL_ERROR', `Sandbox portal error: ${message}`));
}

async function faultResponse(parts: SandboxParts, fault: FaultRule, method: string, path: string, signal: AbortSignal): Promise<Response> {
  const now = Date.now();
  switch (fault.kind) {
    case '429':
      return rateLimitResponse('TEN_SECONDLY_ROLLING', { ...parts.controls.headers(now), 'X-HubSpot-RateLimit-Remaining': '0' });
    case '429-daily':
      return rateLimitResponse('DAILY', { ...parts.controls.headers(now), 'X-HubSpot-RateLimit-Daily-Remaining': '0' });
    case '401':
      return errorResponse(unauthenticated());
    case '403':
      return errorResponse(missingScope(scopeFor(method, path, fault.objectType)));
    case 'timeout':
      await wait(fault.holdMs ?? DEFAULT_TIMEOUT_HOLD_MS, signal);
      return errorResponse(new HubSpotError(504, 'GATEWAY_TIMEOUT', 'The request timed out.'));
    default:
      return errorResponse(new HubSpotError(Number(fault.kind), 'INTERNAL_ERROR', SERVER_ERRORS[fault.kind]));
  }
}

const SERVER_ERRORS = { '500': 'internal error', '502': 'Bad Gateway', '503': 'Service Unavailable', '504': 'Gateway Timeout' } as const;

/** Sleeps, unless the caller gives up first: then rejects with the abort reason, as fetch does. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
