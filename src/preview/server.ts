import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { PortfolioCompany } from '../domain/portfolio-summary.ts';
import { signRequest } from '../server/signature.ts';
import type { PreviewPageConfig } from './browser/page-config.ts';
import { createPreviewBundler, fontRoute, type PreviewBundler } from './bundle.ts';
import { fontFile } from './fonts.ts';
import type { PreviewProject } from './project.ts';

// The local preview: a page that runs the real card files in the browser (see browser/), and
// the two things HubSpot would do for them — relay `hubspot.fetch` to the backend with a
// X-HubSpot-Signature-v3 signature, and tell the card which record it is on.

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
  readonly page: Omit<PreviewPageConfig, 'appName' | 'permittedUrls' | 'locales'>;
}

/** The languages the card ships messages for. */
export const previewLocales = ['en', 'zh-CN', 'ja', 'pl', 'th'] as const;

/** HubSpot's limit on hubspot.fetch request bodies. */
const maxRequestBytes = 1024 * 1024;

const namesSchema = z.union([z.literal('*'), z.string().regex(/^[a-z0-9_]+(,[a-z0-9_]+)*$/i)]);

function pageHtml(config: PreviewPageConfig): string {
  // `<` is escaped so no value can close the script element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${config.appName} — local preview</title>
<link rel="stylesheet" href="/preview.css">
<script type="application/json" id="preview-config">${json}</script>
<script type="module" src="/preview.js"></script>
</head>
<body><div id="preview-root"></div></body>
</html>`;
}

/** Sends a card request on to the backend, signed the way HubSpot signs hubspot.fetch calls. */
async function relay(c: Context, backend: PreviewOptions['backend']): Promise<Response> {
  const incoming = new URL(c.req.url);
  const target = new URL(`${incoming.pathname.replace(/^\/card-api/, '')}${incoming.search}`, backend.url).href;
  const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? '' : await c.req.text();
  if (Buffer.byteLength(body) > maxRequestBytes) return c.json({ error: { code: 'payload_too_large', message: 'hubspot.fetch bodies are limited to 1 MB' } }, 413);
  const timestamp = String(Date.now());
  const headers: Record<string, string> = {
    'X-HubSpot-Signature-v3': signRequest(backend.secret, c.req.method, target, body, timestamp),
    'X-HubSpot-Request-Timestamp': timestamp,
  };
  if (body !== '') headers['Content-Type'] = 'application/json';
  try {
    const response = await fetch(target, { method: c.req.method, headers, body: body === '' ? undefined : body });
    return new Response(response.body, { status: response.status, headers: { 'Content-Type': response.headers.get('content-type') ?? 'application/json' } });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return c.json({ error: { code: 'backend_unreachable', message: `The card backend at ${backend.url} did not answer: ${detail}` } }, 502);
  }
}

export function createPreviewApp(options: PreviewOptions, bundler: PreviewBundler): Hono {
  const { project, data, backend } = options;
  const config: PreviewPageConfig = { ...options.page, appName: project.appName, permittedUrls: project.permittedUrls, locales: previewLocales };
  const app = new Hono();

  app.get('/', (c) => c.html(pageHtml(config)));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/preview.js', async (c) => c.body((await bundler.build()).js, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' }));
  app.get('/preview.js.map', async (c) => c.body((await bundler.build()).map, 200, { 'Content-Type': 'application/json' }));
  app.get('/preview.css', async (c) => c.body((await bundler.build()).css, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-store' }));

  app.get(`${fontRoute}:file`, async (c) => {
    const font = await fontFile(c.req.param('file'));
    if (font === null) return c.json({ error: 'no such font file' }, 404);
    return c.body(font, 200, { 'Content-Type': c.req.param('file').endsWith('.woff2') ? 'font/woff2' : 'font/woff', 'Cache-Control': 'max-age=86400' });
  });

  app.get('/preview-api/companies', async (c) => c.json({ companies: await data.companies() }));
  app.get('/preview-api/companies/:companyId/properties', async (c) => {
    const companyId = c.req.param('companyId');
    const names = namesSchema.safeParse(c.req.query('names') ?? '*');
    if (!/^\d{1,20}$/.test(companyId) || !names.success) return c.json({ error: 'companyId must be digits and names a comma-separated list of property names' }, 400);
    return c.json(await data.companyProperties(companyId, names.data === '*' ? '*' : names.data.split(',')));
  });

  app.all('/card-api/*', (c) => relay(c, backend));

  app.onError((error, c) => c.json({ error: { code: 'preview_error', message: error.message } }, 500));
  return app;
}

export interface RunningPreview {
  readonly url: string;
  close(): Promise<void>;
}

/** Builds the page script once (so a card that does not compile fails here), then serves the preview on loopback. */
export async function startPreview(options: PreviewOptions, port: number, hostname = '127.0.0.1'): Promise<RunningPreview> {
  const bundler = await createPreviewBundler(options.project);
  try {
    await bundler.build();
  } catch (error) {
    await bundler.dispose();
    throw error;
  }
  const app = createPreviewApp(options, bundler);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
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
