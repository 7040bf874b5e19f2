import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { catalogLocales } from '../app/cards/i18n/catalog-locale.ts';
import type { PortfolioCompany } from '../domain/portfolio/company-picker.ts';
import { badInput, errorAnswer, errorLabel, errorStatus, httpErrorOf } from '../server/http-errors.ts';
import { escapeHtml } from '../domain/handoff/note-html.ts';
import type { LogEntry } from '../usecases/log-entry.ts';
import type { PreviewPageConfig } from './browser/page-config.ts';
import { createPreviewBundler, fontRoute, type PreviewBundler } from './bundle.ts';
import { fontFile } from './fonts.ts';
import type { PreviewProject } from './project.ts';
import { rawTarget, relay } from './relay.ts';

// The local preview: a page that runs the real card files in the browser (see browser/), and
// the two things HubSpot would do for them — relay `hubspot.fetch` to the backend with a
// X-HubSpot-Signature-v3 signature, and tell the card which record it is on.
//
// The relay (relay.ts) signs with the app's client secret, so it is guarded like a credential:
// the preview listens on loopback only; it answers only requests addressed to its own loopback
// host:port (DNS rebinding) and coming from its own page (Origin); the relay forwards only
// /api/... paths, checked character by character, to the configured backend origin; and a call
// that changes anything must carry the session token the preview embedded in its own page.
//
// Its own answers go through the backend's one home for errors (server/http-errors.ts): the
// same `{ error: { code, message, params? } }` and the same status per code as every route of
// the backend; the backend's answers are relayed as they are.

export interface PreviewData {
  /** The companies of the picker, riskiest first. */
  companies(): Promise<readonly PortfolioCompany[]>;
  companyProperties(companyId: string, names: readonly string[] | '*'): Promise<Record<string, string | null>>;
}

export interface PreviewOptions {
  readonly project: PreviewProject;
  readonly data: PreviewData;
  /** The card backend and the secret it verifies signatures with (the app's client secret). */
  readonly backend: { readonly url: string; readonly secret: string };
  readonly page: Omit<PreviewPageConfig, 'appName' | 'permittedUrls' | 'locales' | 'sessionToken'>;
  /** Where a failed request is reported (one line per error, its class and where, never its data); default: none. */
  readonly log?: (entry: LogEntry) => void;
}

/** Where the preview itself listens: the only host:port (and origin) it answers. */
export interface PreviewAddress {
  readonly address: string;
  readonly port: number;
}


const loopbackAddresses = new Set(['127.0.0.1', '::1', 'localhost']);

/** The Host values the preview answers to: its own address and `localhost`, with its port. */
function ownHosts(self: PreviewAddress): Set<string> {
  const address = self.address.includes(':') ? `[${self.address}]` : self.address;
  return new Set([`${address}:${self.port}`, `localhost:${self.port}`]);
}

/**
 * Content-Security-Policy of the preview page: its own bundled script, stylesheet and fonts,
 * calls to itself only; no inline script, no framing, no forms, no plugins.
 */
export const previewPageCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The languages the card ships messages for. */
export const previewLocales = catalogLocales;

const namesSchema = z.union([z.literal('*'), z.string().regex(/^[a-z0-9_]+(,[a-z0-9_]+)*$/i)]);

function pageHtml(config: PreviewPageConfig): string {
  // `<` is escaped so no value can close the script element; the title is the app's name, escaped,
  // until the page words it in its language (preview.pageTitle).
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(config.appName)}</title>
<link rel="stylesheet" href="/preview.css">
<script type="application/json" id="preview-config">${json}</script>
<script type="module" src="/preview.js"></script>
</head>
<body><div id="preview-root"></div></body>
</html>`;
}

function forbidden(c: Context, message: string): Response {
  return errorAnswer(c, { code: 'forbidden', message });
}

/**
 * Only the preview's own page on its own loopback address: the Host header (and the URL's
 * host, which an absolute request target sets) must be the preview's, and an Origin, when the
 * browser sends one, must be the preview's own. Everything else is refused before any work.
 */
function ownRequestsOnly(self: () => PreviewAddress | null) {
  return createMiddleware(async (c, next) => {
    const address = self();
    if (address === null) return forbidden(c, 'The preview is not listening yet.');
    const hosts = ownHosts(address);
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    const raw = rawTarget(c);
    if (!hosts.has(host.toLowerCase()) || !hosts.has(new URL(c.req.url).host.toLowerCase()) || !raw.startsWith('/')) {
      return forbidden(c, `The preview answers only requests addressed to it (http://${[...hosts][0] ?? ''}).`);
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== `http://${host.toLowerCase()}`) return forbidden(c, 'The preview answers only its own page (cross-origin request refused).');
    await next();
  });
}

/** On every answer, refusals included: no content sniffing, no referrer, no cross-origin reads. */
const hardenedResponses = createMiddleware(async (c, next) => {
  await next();
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
  c.res.headers.set('Referrer-Policy', 'no-referrer');
  c.res.headers.set('Cross-Origin-Resource-Policy', 'same-origin');
});

/** Data about people (contact names and e-mails, the user's own address) is never kept in a cache. */
const noStore = { 'Cache-Control': 'no-store' } as const;

/**
 * The preview's routes. `self` is where it listens (known once it does): the only Host it
 * answers. The session token is new for every app, embedded in the page it serves.
 */
export function createPreviewApp(options: PreviewOptions, bundler: PreviewBundler, self: () => PreviewAddress | null): Hono {
  const { project, data, backend } = options;
  const sessionToken = randomBytes(32).toString('base64url');
  const config: PreviewPageConfig = { ...options.page, appName: project.appName, permittedUrls: project.permittedUrls, locales: previewLocales, sessionToken };
  const app = new Hono();

  app.use('*', hardenedResponses, ownRequestsOnly(self));
  app.get('/', (c) => c.html(pageHtml(config), 200, { ...noStore, 'Content-Security-Policy': previewPageCsp, 'X-Frame-Options': 'DENY' }));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/preview.js', async (c) => c.body((await bundler.build()).js, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' }));
  app.get('/preview.js.map', async (c) => c.body((await bundler.build()).map, 200, { 'Content-Type': 'application/json' }));
  app.get('/preview.css', async (c) => c.body((await bundler.build()).css, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-store' }));

  app.get(`${fontRoute}:file`, async (c) => {
    const font = await fontFile(c.req.param('file'));
    if (font === null) return errorAnswer(c, { code: 'not_found', message: 'The preview serves no such font file' });
    return c.body(font, 200, { 'Content-Type': c.req.param('file').endsWith('.woff2') ? 'font/woff2' : 'font/woff', 'Cache-Control': 'max-age=86400' });
  });

  app.get('/preview-api/companies', async (c) => c.json({ companies: await data.companies() }, 200, noStore));
  app.get('/preview-api/companies/:companyId/properties', async (c) => {
    const companyId = c.req.param('companyId');
    const names = namesSchema.safeParse(c.req.query('names') ?? '*');
    if (!/^\d{1,20}$/.test(companyId)) return errorAnswer(c, badInput('param', 'companyId', 'companyId must be a HubSpot record id (1 to 20 digits)'));
    if (!names.success) return errorAnswer(c, badInput('query', 'names', 'names must be * or a comma-separated list of property names'));
    return c.json(await data.companyProperties(companyId, names.data === '*' ? '*' : names.data.split(',')), 200, noStore);
  });

  app.all('/card-api/*', async (c) => {
    const response = await relay(c, backend, sessionToken);
    response.headers.set('Cache-Control', 'no-store');
    return response;
  });

  app.notFound((c) => errorAnswer(c, { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` }));
  app.onError((error, c) => {
    const answer = httpErrorOf(error);
    options.log?.({ level: 'error', msg: 'request', method: c.req.method, route: c.req.path, status: errorStatus[answer.code], error: errorLabel(error) });
    return errorAnswer(c, answer);
  });
  return app;
}

export interface RunningPreview {
  readonly url: string;
  close(): Promise<void>;
}

/** The preview signs requests with the app's secret: it never listens beyond this machine. */
function assertLoopback(hostname: string): void {
  if (!loopbackAddresses.has(hostname)) throw new RangeError(`the preview listens on loopback only (127.0.0.1, ::1 or localhost), not on ${hostname}`);
}

/** Builds the page script once (so a card that does not compile fails here), then serves the preview on loopback. */
export async function startPreviewServer(options: PreviewOptions, port: number, hostname = '127.0.0.1'): Promise<RunningPreview> {
  assertLoopback(hostname);
  const bundler = await createPreviewBundler(options.project);
  try {
    await bundler.build();
  } catch (error) {
    await bundler.dispose();
    throw error;
  }
  return servePreview(options, bundler, port, hostname);
}

/** Serves the preview with this bundler on a loopback address; closing it disposes the bundler. */
export function servePreview(options: PreviewOptions, bundler: PreviewBundler, port: number, hostname = '127.0.0.1'): Promise<RunningPreview> {
  assertLoopback(hostname);
  let listening: PreviewAddress | null = null;
  const app = createPreviewApp(options, bundler, () => listening);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      listening = { address: info.address, port: info.port };
      resolve({
        url: `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`,
        close: async () => {
          await new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            if ('closeAllConnections' in server) server.closeAllConnections();
          });
          await bundler.dispose();
        },
      });
    });
    server.once('error', (error) => {
      void bundler.dispose();
      reject(error);
    });
  });
}
