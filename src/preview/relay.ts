import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { badInput, errorAnswer } from '../server/http-errors.ts';
import { signRequest } from '../server/signature.ts';
import { sessionTokenHeader } from './browser/page-config.ts';

// The preview's relay of hubspot.fetch calls to the backend, signed with the app's client secret
// as HubSpot signs them. It forwards only plain /api/... paths to the backend's own origin, a
// call that changes anything only with the preview page's session token, and answers its
// refusals through the backend's one home for errors (server/http-errors.ts). Who may call it
// at all (Host, Origin) is server.ts's guard, which runs first.

const relayedMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
const readOnlyMethods = new Set(['GET', 'HEAD']);

/** One path segment the backend's routes use: letters, digits and - _ ~ (no dots, no escapes). */
const backendPath = /^\/api(?:\/[A-Za-z0-9_~-]+)+$/;
/** Query strings: the characters hubspot.fetch's URLSearchParams writes, nothing that could end the URL. */
const backendQuery = /^[A-Za-z0-9_~.%+=&*-]*$/;

/** HubSpot's limit on hubspot.fetch request bodies. */
const maxRequestBytes = 1024 * 1024;

/** The request target exactly as the client sent it (before any URL normalisation), when the server knows it. */
export function rawTarget(c: Context): string {
  const env: unknown = c.env;
  const incoming = env && typeof env === 'object' && 'incoming' in env ? (env.incoming as IncomingMessage | undefined) : undefined;
  if (incoming?.url !== undefined) return incoming.url;
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`;
}

/**
 * The backend URL a /card-api/... request stands for, or null when it is anything but a plain
 * /api/... path: `//host`, `..`, `.`, percent-escapes (%2f, %5c, %2e), backslashes and absolute
 * URLs are refused, so the signed request can only ever go to the backend's own origin.
 */
export function relayTarget(raw: string, backendUrl: string): string | null {
  const match = /^\/card-api(\/[^?#]*)(?:\?([^#]*))?$/.exec(raw);
  const path = match?.[1];
  const query = match?.[2] ?? '';
  if (path === undefined || !backendPath.test(path) || !backendQuery.test(query)) return null;
  const origin = new URL(backendUrl).origin;
  const target = new URL(`${origin}${path}${query === '' ? '' : `?${query}`}`);
  // Belt and braces: the URL parser must not have moved the request elsewhere.
  return target.origin === origin && target.pathname === path ? target.href : null;
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Sends a card request on to the backend, signed the way HubSpot signs hubspot.fetch calls. */
export async function relay(c: Context, backend: { readonly url: string; readonly secret: string }, sessionToken: string): Promise<Response> {
  const method = c.req.method;
  if (!relayedMethods.has(method)) return errorAnswer(c, { code: 'method_not_allowed', message: `hubspot.fetch does not send ${method}` });
  if (!readOnlyMethods.has(method) && !sameToken(c.req.header(sessionTokenHeader), sessionToken)) {
    return errorAnswer(c, { code: 'forbidden', message: 'A call that changes data must come from the preview page itself (its session token is missing or wrong); reload the page.' });
  }
  const target = relayTarget(rawTarget(c), backend.url);
  if (target === null) return errorAnswer(c, badInput('param', 'path', 'The preview relays only /card-api/api/... paths made of plain segments (no //, .., escapes or backslashes).'));
  const body = readOnlyMethods.has(method) ? '' : await c.req.text();
  if (Buffer.byteLength(body) > maxRequestBytes) return errorAnswer(c, { code: 'payload_too_large', message: 'hubspot.fetch bodies are limited to 1 MB' });
  const timestamp = String(Date.now());
  const headers: Record<string, string> = {
    'X-HubSpot-Signature-v3': signRequest(backend.secret, method, target, body, timestamp),
    'X-HubSpot-Request-Timestamp': timestamp,
  };
  if (body !== '') headers['Content-Type'] = 'application/json';
  try {
    const response = await fetch(target, { method, headers, body: body === '' ? undefined : body, redirect: 'manual' });
    return new Response(response.body, { status: response.status, headers: { 'Content-Type': response.headers.get('content-type') ?? 'application/json' } });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return errorAnswer(c, { code: 'backend_unreachable', message: `The card backend at ${backend.url} did not answer: ${detail}` });
  }
}
