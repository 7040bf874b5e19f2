import { serve } from '@hono/node-server';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { portfolioCompany } from '../../src/domain/portfolio/company-picker.ts';
import type { PreviewBundler } from '../../src/preview/bundle.ts';
import { sessionTokenHeader } from '../../src/preview/browser/page-config.ts';
import { servePreview, type PreviewOptions, type RunningPreview } from '../../src/preview/server.ts';
import { verifySignature, type SignatureVerdict } from '../../src/server/signature.ts';

// The preview server's tests' setup: a stand-in backend on loopback that checks the preview's
// signatures and records what reached it, and previews listening on a real loopback port (so
// raw request targets and Host headers reach them exactly as a client sends them), closed after
// each test.

export const secret = 'app-client-secret';

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly body: string;
  readonly contentType: string | null;
  readonly verdict: SignatureVerdict;
}

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  json(): unknown;
}

export interface TestPreview {
  readonly url: string;
  readonly host: string;
  /** The session token embedded in the page (what the page's hubspot.fetch sends). */
  readonly token: string;
  /** A raw HTTP request: the path is sent exactly as given; Host defaults to the preview's own. */
  send(path: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Answer>;
}

export interface PreviewHarness {
  /** The stand-in backend: its address, and the requests that reached it since the last preview() call. */
  readonly relay: { readonly backendUrl: string; readonly received: readonly Received[] };
  /** A preview of a one-company portal relaying to the stand-in backend, listening until the test ends. */
  preview(overrides?: Partial<PreviewOptions>): Promise<TestPreview>;
}

const bundler: PreviewBundler = {
  build: async () => ({ js: 'console.log("card")', map: '{}', css: 'body{}' }),
  dispose: async () => undefined,
};

function rawRequest(port: number, path: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = init.body === undefined ? init.headers : { 'content-length': String(Buffer.byteLength(init.body)), ...init.headers };
    const req = httpRequest({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Registers the backend's and the previews' lifetimes on the calling file's tests. */
export function previewHarness(): PreviewHarness {
  const received: Received[] = [];
  let backendUrl = '';
  let closeBackend: () => void = () => undefined;
  const running: RunningPreview[] = [];

  beforeAll(async () => {
    const backend = new Hono();
    backend.all('*', async (c) => {
      const body = await c.req.text();
      const verdict = verifySignature(
        secret,
        { method: c.req.method, uri: c.req.url, body, signature: c.req.header('x-hubspot-signature-v3'), timestamp: c.req.header('x-hubspot-request-timestamp') },
        Date.now(),
      );
      received.push({ method: c.req.method, url: c.req.url, body, contentType: c.req.header('content-type') ?? null, verdict });
      if (verdict !== 'valid') return c.json({ error: { code: 'invalid_signature', message: verdict } }, 401);
      return c.json({ ok: true, path: new URL(c.req.url).pathname }, c.req.method === 'POST' ? 201 : 200);
    });
    await new Promise<void>((resolve) => {
      const server = serve({ fetch: backend.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
        backendUrl = `http://127.0.0.1:${info.port}`;
        closeBackend = () => server.close();
        resolve();
      });
    });
  });
  afterAll(() => closeBackend());
  afterEach(async () => {
    for (const preview of running.splice(0)) await preview.close();
  });

  async function preview(overrides: Partial<PreviewOptions> = {}): Promise<TestPreview> {
    received.length = 0;
    const options: PreviewOptions = {
      project: { appName: 'Customer Success Card', permittedUrls: ['https://cs-card.example.com'], cards: [] },
      data: {
        companies: async () => [portfolioCompany({ id: '101', properties: { name: 'Acme', cs_health_band: 'at_risk', cs_health_score: '31' } })],
        companyProperties: async (id, names) => ({ requested: `${id}:${names === '*' ? '*' : names.join('|')}` }),
      },
      backend: { url: backendUrl, secret },
      page: { appId: 7, portalWhere: { portal: 'sandbox', readOnly: 'no' }, portal: { id: 1, timezone: 'UTC' }, user: { id: 1, email: 'csm@example.com', firstName: 'Casey', lastName: 'Morgan' } },
      ...overrides,
    };
    const served = await servePreview(options, bundler, 0);
    running.push(served);
    const url = new URL(served.url);
    const send = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
      rawRequest(Number(url.port), path, { ...init, headers: { host: url.host, ...init.headers } });
    const page = await send('/');
    const token = (JSON.parse(/id="preview-config">(.*?)<\/script>/s.exec(page.text)?.[1] ?? '{}') as { sessionToken?: string }).sessionToken ?? '';
    return { url: served.url, host: url.host, token, send };
  }

  return {
    relay: {
      get backendUrl() {
        return backendUrl;
      },
      get received() {
        return received;
      },
    },
    preview,
  };
}

/** What the preview page itself sends: its own Origin, and the session token. */
export function fromPage(p: TestPreview, method: string, body?: unknown) {
  return {
    method,
    headers: { origin: p.url, [sessionTokenHeader]: p.token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}
