import { describe, expect, it } from 'vitest';
import { fontRoute } from '../../src/preview/bundle.ts';
import { fontFaceCss } from '../../src/preview/fonts.ts';
import { sessionTokenHeader } from '../../src/preview/browser/page-config.ts';
import { relayTarget } from '../../src/preview/relay.ts';
import { previewPageCsp } from '../../src/preview/server.ts';
import { fromPage, previewHarness, secret } from './listening-preview.ts';

// The preview server stands in for HubSpot between the card and the backend: it must sign
// every relayed call so the real signature check accepts it, and pass the answer back as is.
// It signs with the app's secret, so it must also refuse everyone but its own page: other
// origins, other Host names (DNS rebinding), paths that would take the signed call elsewhere,
// and writes without the session token embedded in its page. The preview listens on a real
// loopback port here, so raw request targets reach it exactly as a client sends them. (Its
// error answers' shape and codes: server-errors.test.ts.)

const { relay, preview } = previewHarness();

describe('relaying hubspot.fetch calls to the backend', () => {
  it('signs a GET with the app secret so the backend\'s signature check accepts it, keeping path and query', async () => {
    const p = await preview();
    const response = await p.send('/card-api/api/companies/101/card?portalId=1&userId=1&userEmail=csm%40example.com');
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ ok: true, path: '/api/companies/101/card' });
    expect(relay.received).toEqual([
      { method: 'GET', url: `${relay.backendUrl}/api/companies/101/card?portalId=1&userId=1&userEmail=csm%40example.com`, body: '', contentType: null, verdict: 'valid' },
    ]);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('signs a POST from the page (its origin, its session token) including its JSON body and passes the backend\'s status back', async () => {
    const p = await preview();
    const response = await p.send('/card-api/api/companies/101/actions/qbr/task', fromPage(p, 'POST', { asOf: '2026-11-23' }));
    expect(response.status).toBe(201);
    expect(relay.received[0]).toMatchObject({ method: 'POST', body: '{"asOf":"2026-11-23"}', contentType: 'application/json', verdict: 'valid' });
  });

  it('relays the backend\'s refusal when the secrets differ', async () => {
    const p = await preview({ backend: { url: relay.backendUrl, secret: 'another-secret' } });
    const response = await p.send('/card-api/api/companies/101/card');
    expect(response.status).toBe(401);
    expect(relay.received[0]?.verdict).toBe('forged');
  });

  it('refuses bodies over HubSpot\'s 1 MB limit without calling the backend', async () => {
    const p = await preview();
    const response = await p.send('/card-api/api/companies/101/handoff', fromPage(p, 'PUT', { notes: 'x'.repeat(1024 * 1024) }));
    expect(response.status).toBe(413);
    expect(relay.received).toEqual([]);
  });

  it('answers 502 with the backend address when the backend is down', async () => {
    const p = await preview({ backend: { url: 'http://127.0.0.1:1', secret } });
    const response = await p.send('/card-api/api/companies/101/card');
    expect(response.status).toBe(502);
    expect(response.text).toContain('http://127.0.0.1:1');
  });
});

describe('the preview answers only its own page on its own address', () => {
  it('refuses a cross-origin POST (a web page the user visits) with 403, and nothing reaches the backend', async () => {
    const p = await preview();
    const evil = { ...fromPage(p, 'POST', { reason: 'competitor' }), headers: { ...fromPage(p, 'POST', {}).headers, origin: 'https://evil.example' } };
    const response = await p.send('/card-api/api/companies/101/churn-reason', evil);
    expect(response.status).toBe(403);
    // A form post carries no token and a foreign Origin; `null` is what sandboxed frames send.
    for (const origin of ['https://evil.example', 'null', `http://localhost:1`]) {
      expect((await p.send('/card-api/api/companies/101/handoff/submit', { method: 'POST', headers: { origin }, body: 'x' })).status, origin).toBe(403);
    }
    expect(relay.received).toEqual([]);
  });

  it('refuses a request whose Host is not the preview\'s own (DNS rebinding) with 403, on every route, and nothing reaches the backend', async () => {
    const p = await preview();
    const port = new URL(p.url).port;
    for (const host of [`evil.example:${port}`, `127.0.0.1:${Number(port) + 1}`, '127.0.0.1', `attacker.test`]) {
      for (const path of ['/', '/preview-api/companies', '/card-api/api/companies/101/card']) {
        expect((await p.send(path, { headers: { host } })).status, `${host} ${path}`).toBe(403);
      }
      expect((await p.send('/card-api/api/companies/101/handoff/accept', { ...fromPage(p, 'POST', {}), headers: { ...fromPage(p, 'POST', {}).headers, host } })).status).toBe(403);
    }
    // An absolute request target names another host too.
    expect((await p.send('http://evil.example/card-api/api/companies/101/card')).status).toBe(403);
    expect(relay.received).toEqual([]);
    // Its own names for itself work.
    expect((await p.send('/preview-api/companies', { headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  it('refuses a state-changing call without the page\'s session token, even from its own origin', async () => {
    const p = await preview();
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const noToken = await p.send('/card-api/api/companies/101/handoff', { method, headers: { origin: p.url, 'content-type': 'application/json' }, body: '{}' });
      expect(noToken.status, method).toBe(403);
      const wrongToken = await p.send('/card-api/api/companies/101/handoff', { method, headers: { origin: p.url, [sessionTokenHeader]: `${p.token.slice(0, -1)}x` }, body: '{}' });
      expect(wrongToken.status, method).toBe(403);
    }
    expect(relay.received).toEqual([]);
    expect((await p.send('/card-api/api/companies/101/handoff', fromPage(p, 'PUT', {}))).status).toBe(200);
  });

  it('refuses paths that would send the signed call anywhere but the backend\'s /api routes: //host, .., encoded slashes and dots, backslashes', async () => {
    const p = await preview();
    const tricks = [
      '/card-api//evil.example:80/api/companies/101/card',
      '/card-api//127.0.0.1:1/api/x',
      '/card-api/api/../../webhooks/hubspot',
      '/card-api/api/companies/101/../../../healthz',
      '/card-api/api/%2e%2e/webhooks/hubspot',
      '/card-api/api/companies%2f101%2fcard',
      '/card-api/api/companies%2F101/card',
      '/card-api/api/companies%5c101/card',
      '/card-api/api/companies/./101/card',
      '/card-api/api//companies/101/card',
      '/card-api/healthz',
      '/card-api/webhooks/hubspot',
      '/card-api/api',
      '/card-api/api/companies/101/card?x=%0d%0aHost:evil',
    ];
    for (const path of tricks) {
      const get = await p.send(path);
      expect([400, 403, 404], path).toContain(get.status);
      const post = await p.send(path, fromPage(p, 'POST', {}));
      expect([400, 403, 404], `POST ${path}`).toContain(post.status);
    }
    expect(relay.received).toEqual([]);
  });

  it('builds backend URLs only on the configured origin', () => {
    const backend = 'http://127.0.0.1:3000';
    expect(relayTarget('/card-api/api/companies/1/card?asOf=2026-01-01', backend)).toBe('http://127.0.0.1:3000/api/companies/1/card?asOf=2026-01-01');
    for (const raw of ['/card-api//evil/api/x', '/card-api/api/..', '/card-api/api/a%2fb', '/card-api/api\\x', 'http://evil/card-api/api/x', '/card-api/api/x#y', '/card-api/api/x?a=b\\c']) {
      expect(relayTarget(raw, backend), raw).toBeNull();
    }
  });

  it('serves its page with a content security policy, no framing, no caching and no sniffing', async () => {
    const p = await preview();
    const page = await p.send('/');
    expect(page.headers['content-security-policy']).toBe(previewPageCsp);
    expect(previewPageCsp).toContain("script-src 'self'");
    expect(previewPageCsp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(p.token).toMatch(/^[\w-]{43}$/);
    const other = await preview();
    expect(other.token).not.toBe(p.token);
  });
});

describe('the page and its data', () => {
  it('embeds the page configuration without letting a value close the script element', async () => {
    const portalWhere = { portal: 'https://crm.example.com/</script><script>alert(1)</script>', readOnly: 'yes' } as const;
    const page = { appId: 7, portalWhere, portal: { id: 1, timezone: 'UTC' }, user: { id: 1, email: 'csm@example.com', firstName: 'Casey', lastName: 'Morgan' } };
    const html = (await (await preview({ page })).send('/')).text;
    expect(html).toContain('<script type="module" src="/preview.js"></script>');
    expect(html).not.toContain('</script><script>alert(1)');
    const json = /<script type="application\/json" id="preview-config">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(JSON.parse(json)).toMatchObject({ appName: 'Customer Success Card', permittedUrls: ['https://cs-card.example.com'], locales: ['en', 'zh-CN', 'ja', 'pl', 'th'], appId: 7, portalWhere });
  });

  it('lists the picker\'s companies as the data source ranks them', async () => {
    const body = (await (await preview()).send('/preview-api/companies')).json() as { companies: Array<{ id: string; band: string; score: number }> };
    expect(body.companies).toMatchObject([{ id: '101', band: 'at_risk', score: 31 }]);
  });

  it('reads a company\'s properties by name and rejects names that are not property names', async () => {
    const p = await preview();
    const ok = await p.send('/preview-api/companies/101/properties?names=name,cs_health_band');
    expect(ok.json()).toEqual({ requested: '101:name|cs_health_band' });
    expect(ok.headers['cache-control']).toBe('no-store');
    expect((await p.send('/preview-api/companies/101/properties?names=name;drop')).status).toBe(400);
    expect((await p.send('/preview-api/companies/abc/properties?names=*')).status).toBe(400);
  });

  it('serves the bundled page script and styles', async () => {
    const p = await preview();
    expect((await p.send('/preview.js')).text).toBe('console.log("card")');
    expect((await p.send('/preview.css')).headers['content-type']).toContain('text/css');
  });

  it('serves Lexend Deca, HubSpot\'s typeface, for every @font-face the stylesheet declares, and nothing else', async () => {
    const p = await preview();
    const css = await fontFaceCss(fontRoute);
    const urls = [...css.matchAll(/url\(([^)]+)\)/g)].map((match) => match[1] ?? '');
    expect(css).toContain("font-family: 'Lexend Deca'");
    expect(urls.filter((url) => url.endsWith('.woff2'))).toHaveLength(5);
    for (const url of urls) {
      const response = await p.send(url);
      expect(response.status, url).toBe(200);
      expect(Number(response.headers['content-length'] ?? response.text.length)).toBeGreaterThan(1000);
    }
    for (const probe of ['/fonts/..%2Fpackage.json', '/fonts/package.json', '/fonts/lexend-deca-latin-400-normal.ttf']) {
      expect((await p.send(probe)).status, probe).toBe(404);
    }
  });
});
