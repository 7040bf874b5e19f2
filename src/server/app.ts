import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import { z } from 'zod';
import { taskRequestSchema, type TaskReceipt } from '../app/cards/contract/task.ts';
import { asOfSchema, companyIdSchema, getCardView, type CardDeps } from '../usecases/card-view.ts';
import { defaultSnapshotReuseMs, SnapshotReuse } from '../usecases/snapshot-reuse.ts';
import { createActionTask } from '../usecases/create-task.ts';
import type { LogEntry } from '../usecases/log-entry.ts';
import { SqliteStateStore } from '../state/sqlite-store.ts';
import type { StateStore } from '../state/store.ts';
import { registerHandoffRoutes } from './handoff-routes.ts';
import { registerPortfolioRoutes, type PortfolioRouteDeps } from './portfolio-routes.ts';
import { errorAnswer, errorLabel, httpErrorOf } from './http-errors.ts';
import { idempotentWrites } from './idempotency.ts';
import { bodyInput, paramInput, queryInput } from './request-input.ts';
import { verifySignature, type SignatureVerdict } from './signature.ts';
import { webhookRoutes, type WebhookDeps } from './webhooks.ts';

// The backend the card calls with hubspot.fetch. Routes hold no rule: they check the request,
// call a use case and shape the answer.

/**
 * `off` exists for the embedded sandbox and the local preview only. It is chosen in code by the
 * shell that builds the app — nothing in a request can switch verification off.
 */
export type SignatureMode =
  | {
      readonly mode: 'verify';
      readonly secret: string;
      /** e.g. https://cs-card.example.com, when a proxy hides it (CS_CARD_PUBLIC_URL) */
      readonly publicOrigin?: string;
      /** X-Forwarded-Proto / -Host say which URL HubSpot called (CS_CARD_TRUST_PROXY=1): only behind a proxy that sets them. */
      readonly trustProxy?: boolean;
    }
  | { readonly mode: 'off' };

export type { LogEntry };

export interface AppDeps {
  readonly card: CardDeps;
  readonly signature: SignatureMode;
  /** One JSON line per request; the default writes to stdout. */
  readonly log?: (entry: LogEntry) => void;
  /** Live updates: without them POST /webhooks/hubspot is not served. */
  readonly webhooks?: WebhookDeps;
  /** The managers' app page: without it GET /api/portfolio is not served. */
  readonly portfolio?: PortfolioRouteDeps;
  /**
   * What every instance must agree on: one change per company at a time, idempotent writes.
   * Absent (tests, the local preview): a store in this process's memory, for one instance.
   */
  readonly store?: StateStore;
  /**
   * How long one company's loaded snapshot answers further card requests (the tab, sidebar and
   * preview cards of a record load at once); 0 turns reuse off. Default 3 s.
   */
  readonly snapshotReuseMs?: number;
}

export const maxBodyBytes = 64 * 1024;

const cardParams = z.object({ companyId: companyIdSchema });
const cardQuery = z.object({ asOf: asOfSchema.optional() });
const taskParams = z.object({
  companyId: companyIdSchema,
  actionId: z.string().regex(/^[a-z0-9-]{1,64}$/, { error: 'actionId must be 1-64 lower-case letters, digits or dashes' }),
});
const taskBody = {
  example: '{"asOf":"2026-11-22","locale":"ja-JP"}',
  empty: {},
  explain: 'the body must be empty or JSON holding only asOf, a day from 2000-01-01 to 2100-12-31 written YYYY-MM-DD, and locale, like {"asOf":"2026-11-22","locale":"ja-JP"}',
};

const signatureMessages: Readonly<Record<Exclude<SignatureVerdict, 'valid'>, string>> = {
  missing: 'The request is not signed: X-HubSpot-Signature-v3 and X-HubSpot-Request-Timestamp are required',
  stale: 'The request signature has expired or its timestamp is invalid: HubSpot signatures are valid for 5 minutes',
  forged: 'The request signature does not match: check HUBSPOT_CLIENT_SECRET',
};

/** The default log: one JSON line per entry on stdout. */
export function writeLogLine(entry: LogEntry): void {
  process.stdout.write(`${JSON.stringify(entry)}\n`);
}

/** The origin this server listens on, from the connection itself (never from a header a client chose). */
function listeningOrigin(c: Context): string {
  const env: unknown = c.env;
  const incoming = env && typeof env === 'object' && 'incoming' in env ? (env.incoming as IncomingMessage | undefined) : undefined;
  const socket = incoming?.socket;
  if (socket?.localAddress === undefined || socket.localPort === undefined) return new URL(c.req.url).origin; // in-process requests (tests)
  const address = socket.localAddress.replace(/^::ffff:/, '');
  const scheme = 'encrypted' in socket && socket.encrypted ? 'https' : 'http';
  return `${scheme}://${address.includes(':') ? `[${address}]` : address}:${socket.localPort}`;
}

/**
 * The full URL the signature must cover. Behind a proxy it is the public one: CS_CARD_PUBLIC_URL,
 * or with CS_CARD_TRUST_PROXY=1 what X-Forwarded-Proto / -Host say. Otherwise it is the
 * server's own listening origin: a Host or X-Forwarded-* header alone never changes it, so a
 * signature made for another host cannot be replayed here by naming that host.
 */
function calledUri(c: Context, signature: { publicOrigin?: string; trustProxy?: boolean }): string {
  const url = new URL(c.req.url);
  const pathAndQuery = `${url.pathname}${url.search}`;
  if (signature.publicOrigin) return `${signature.publicOrigin.replace(/\/+$/, '')}${pathAndQuery}`;
  if (signature.trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.replace(/:$/, '');
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim() || c.req.header('host') || url.host;
    return `${proto}://${host}${pathAndQuery}`;
  }
  return `${listeningOrigin(c)}${pathAndQuery}`;
}

/** What a 401's log line says failed: which check, never the header values themselves. */
const failedChecks: Readonly<Record<Exclude<SignatureVerdict, 'valid'>, string>> = {
  missing: 'missing_header',
  stale: 'stale_timestamp',
  forged: 'bad_signature',
};

/** The signature check that refused a request, for its log line. */
const refusedBy = new WeakMap<Request, Exclude<SignatureVerdict, 'valid'>>();

function requestLog(log: (entry: LogEntry) => void) {
  return createMiddleware(async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    log({
      level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
      msg: 'request',
      method: c.req.method,
      route: routePath(c, -1),
      status,
      ms: Math.round(performance.now() - started),
      companyId: /^\/api\/companies\/(\d{1,20})\//.exec(c.req.path)?.[1] ?? null,
      error: c.error ? errorLabel(c.error) : null,
      ...signatureFailure(c.req.raw),
    });
  });
}

function signatureFailure(request: Request): { signatureCheck?: string } {
  const verdict = refusedBy.get(request);
  return verdict === undefined ? {} : { signatureCheck: failedChecks[verdict] };
}

function signatureCheck(signature: SignatureMode, now: () => Date) {
  return createMiddleware(async (c, next) => {
    if (signature.mode === 'off') return next();
    const verdict = verifySignature(
      signature.secret,
      {
        method: c.req.method,
        uri: calledUri(c, signature),
        body: await c.req.text(),
        signature: c.req.header('x-hubspot-signature-v3'),
        timestamp: c.req.header('x-hubspot-request-timestamp'),
      },
      now().getTime(),
    );
    if (verdict !== 'valid') {
      refusedBy.set(c.req.raw, verdict);
      return errorAnswer(c, { code: 'invalid_signature', message: signatureMessages[verdict] });
    }
    return next();
  });
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const store = deps.store ?? SqliteStateStore.inMemory();
  const reuse = new SnapshotReuse(deps.snapshotReuseMs ?? defaultSnapshotReuseMs);
  const readCard = reuse.cardDeps(deps.card);
  // A double click sends two requests at once, maybe to two instances, and both would see "no
  // task yet": one at a time per company, the second finds the first's task and answers with it.
  // A card write drops the company's reusable snapshot.
  const createTask = (request: Parameters<typeof createActionTask>[1]): Promise<TaskReceipt> =>
    store.serialised(`company:${request.companyId}`, () => createActionTask(deps.card, request)).finally(() => reuse.invalidate(request.companyId));

  app.use('*', requestLog(deps.log ?? writeLogLine));
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.use(
    '/api/*',
    bodyLimit({ maxSize: maxBodyBytes, onError: (c) => errorAnswer(c, { code: 'payload_too_large', message: `The request body exceeds ${maxBodyBytes / 1024} KB` }) }),
    signatureCheck(deps.signature, deps.card.now),
    idempotentWrites(store),
  );

  app.get('/api/companies/:companyId/card', paramInput(cardParams), queryInput(cardQuery), async (c) => {
    const { companyId } = c.req.valid('param');
    const { asOf } = c.req.valid('query');
    const view = await getCardView(readCard, { companyId, ...(asOf === undefined ? {} : { asOf }) });
    c.header('Cache-Control', 'no-store');
    return c.json(view);
  });

  app.post('/api/companies/:companyId/actions/:actionId/task', paramInput(taskParams), bodyInput(taskRequestSchema, taskBody), async (c) => {
    const result = await createTask({ ...c.req.valid('param'), ...c.req.valid('json') });
    return c.json(result, result.created ? 201 : 200);
  });

  if (deps.webhooks) app.route('/webhooks', webhookRoutes(deps.webhooks, signatureCheck(deps.signature, deps.card.now)));

  registerHandoffRoutes(app, deps.card, store, (companyId) => reuse.invalidate(companyId));
  if (deps.portfolio) registerPortfolioRoutes(app, deps.portfolio);

  app.notFound((c) => errorAnswer(c, { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` }));
  app.onError((error, c) => errorAnswer(c, httpErrorOf(error)));
  return app;
}
