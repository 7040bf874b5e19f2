import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portfolioCompany } from '../../src/domain/portfolio-summary.ts';
import { fontRoute, type PreviewBundler } from '../../src/preview/bundle.ts';
import { fontFaceCss } from '../../src/preview/fonts.ts';
import { createPreviewApp, type PreviewOptions } from '../../src/preview/server.ts';
import { verifySignature, type SignatureVerdict } from '../../src/server/signature.ts';

// The preview server stands in for HubSpot between the card and the backend: it must sign
// every relayed call so the real signature check accepts it, and pass the answer back as is.

const secret = 'app-client-secret';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly body: string;
  readonly contentType: string | null;
  readonly verdict: SignatureVerdict;
}

let received: Received[] = [];
let backendUrl = '';
let closeBackend: () => void = () => undefined;

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

const bundler: PreviewBundler = {
  build: async () => ({ js: 'console.log("card")', map: '{}', css: 'body{}' }),
  dispose: async () => undefined,
};

function previewApp(overrides: Partial<PreviewOptions> = {}) {
  received = [];
  const options: PreviewOptions = {
    project: { appName: 'Customer Success Card', permittedUrls: ['https://cs-card.example.com'], cards: [] },
    data: {
      companies: async () => [portfolioCompany({ id: '101', properties: { name: 'Acme', cs_health_band: 'at_risk', cs_health_score: '31' } })],
      companyProperties: async (id, names) => ({ requested: `${id}:${names === '*' ? '*' : names.join('|')}` }),
    },
    backend: { url: backendUrl, secret },
    page: { appId: 7, portalLabel: 'sandbox', portal: { id: 1, timezone: 'UTC' }, user: { id: 1, email: 'csm@example.com', firstName: 'Casey', lastName: 'Morgan' } },
    ...overrides,
  };
  return createPreviewApp(options, bundler);
}

describe('relaying hubspot.fetch calls to the backend', () => {
  it('signs a GET with the app secret so the backend\'s signature check accepts it, keeping path and query', async () => {
    const response = await previewApp().request('/card-api/api/companies/101/card?portalId=1&userId=1');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, path: '/api/companies/101/card' });
    expect(received).toEqual([
      { method: 'GET', url: `${backendUrl}/api/companies/101/card?portalId=1&userId=1`, body: '', contentType: null, verdict: 'valid' },
    ]);
  });

  it('signs a POST including its JSON body and passes the backend\'s status back', async () => {
    const response = await previewApp().request('/card-api/api/companies/101/actions/qbr/task', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ asOf: '2026-11-23' }),
    });
    expect(response.status).toBe(201);
    expect(received[0]).toMatchObject({ method: 'POST', body: '{"asOf":"2026-11-23"}', contentType: 'application/json', verdict: 'valid' });
  });

  it('relays the backend\'s refusal when the secrets differ', async () => {
    const response = await previewApp({ backend: { url: backendUrl, secret: 'another-secret' } }).request('/card-api/api/companies/101/card');
    expect(response.status).toBe(401);
    expect(received[0]?.verdict).toBe('forged');
  });

  it('refuses bodies over HubSpot\'s 1 MB limit without calling the backend', async () => {
    const response = await previewApp().request('/card-api/api/companies/101/handoff', { method: 'POST', body: JSON.stringify({ notes: 'x'.repeat(1024 * 1024) }) });
    expect(response.status).toBe(413);
    expect(received).toEqual([]);
  });

  it('answers 502 with the backend address when the backend is down', async () => {
    const response = await previewApp({ backend: { url: 'http://127.0.0.1:1', secret } }).request('/card-api/api/companies/101/card');
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('http://127.0.0.1:1');
  });
});

describe('the page and its data', () => {
  it('embeds the page configuration without letting a value close the script element', async () => {
    const portalLabel = 'portal </script><script>alert(1)</script>';
    const page = { appId: 7, portalLabel, portal: { id: 1, timezone: 'UTC' }, user: { id: 1, email: 'csm@example.com', firstName: 'Casey', lastName: 'Morgan' } };
    const html = await (await previewApp({ page }).request('/')).text();
    expect(html).toContain('<script type="module" src="/preview.js"></script>');
    expect(html).not.toContain('</script><script>alert(1)');
    const json = /<script type="application\/json" id="preview-config">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(JSON.parse(json)).toMatchObject({ appName: 'Customer Success Card', permittedUrls: ['https://cs-card.example.com'], locales: ['en', 'zh-CN', 'ja', 'pl', 'th'], appId: 7, portalLabel });
  });

  it('lists the picker\'s companies as the data source ranks them', async () => {
    const body = (await (await previewApp().request('/preview-api/companies')).json()) as { companies: Array<{ id: string; band: string; score: number }> };
    expect(body.companies).toMatchObject([{ id: '101', band: 'at_risk', score: 31 }]);
  });

  it('reads a company\'s properties by name and rejects names that are not property names', async () => {
    const ok = await previewApp().request('/preview-api/companies/101/properties?names=name,cs_health_band');
    expect(await ok.json()).toEqual({ requested: '101:name|cs_health_band' });
    expect((await previewApp().request('/preview-api/companies/101/properties?names=name;drop')).status).toBe(400);
    expect((await previewApp().request('/preview-api/companies/abc/properties?names=*')).status).toBe(400);
  });

  it('serves the bundled page script and styles', async () => {
    const app = previewApp();
    expect(await (await app.request('/preview.js')).text()).toBe('console.log("card")');
    expect((await app.request('/preview.css')).headers.get('content-type')).toContain('text/css');
  });

  it('serves Lexend Deca, HubSpot\'s typeface, for every @font-face the stylesheet declares, and nothing else', async () => {
    const app = previewApp();
    const css = await fontFaceCss(fontRoute);
    const urls = [...css.matchAll(/url\(([^)]+)\)/g)].map((match) => match[1] ?? '');
    expect(css).toContain("font-family: 'Lexend Deca'");
    expect(urls.filter((url) => url.endsWith('.woff2'))).toHaveLength(5);
    for (const url of urls) {
      const response = await app.request(url);
      expect(response.status, url).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    for (const probe of ['/fonts/..%2Fpackage.json', '/fonts/package.json', '/fonts/lexend-deca-latin-400-normal.ttf']) {
      expect((await app.request(probe)).status, probe).toBe(404);
    }
  });
});
