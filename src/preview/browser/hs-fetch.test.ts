import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHsFetch } from './hs-fetch.ts';

// hubspot.fetch as the preview runs it in the page: HubSpot's rules (permitted URLs only, JSON
// body, who-is-asking query parameters), sent to the preview server's signing relay.

const calls: Array<{ url: string; init: RequestInit }> = [];

function stubFetch() {
  calls.length = 0;
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response('{}');
  });
}

afterEach(() => vi.unstubAllGlobals());

const hsFetch = () =>
  createHsFetch({ permittedUrls: ['https://cs-card.example.com'], proxyPath: '/card-api', sessionToken: 'page-token', metadata: { portalId: '42', userId: '7' } });

describe('hubspot.fetch in the preview', () => {
  it('sends a permitted URL to the relay with its path, query and HubSpot\'s metadata', async () => {
    stubFetch();
    await hsFetch()('https://cs-card.example.com/api/companies/101/card?asOf=2026-11-23');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('/card-api/api/companies/101/card?asOf=2026-11-23&portalId=42&userId=7');
    expect(calls[0]?.init.method).toBe('GET');
    expect(calls[0]?.init.body).toBeUndefined();
  });

  it('sends the body as JSON with the method asked for', async () => {
    stubFetch();
    await hsFetch()(new URL('https://cs-card.example.com/api/companies/101/actions/qbr/task'), { method: 'POST', body: { asOf: '2026-11-23' } });
    expect(calls[0]?.init).toMatchObject({ method: 'POST', body: '{"asOf":"2026-11-23"}', headers: { 'content-type': 'application/json' } });
  });

  it('refuses URLs outside permittedUrls.fetch, including look-alike hosts, as HubSpot does', async () => {
    stubFetch();
    await expect(hsFetch()('https://cs-card.example.com.evil.test/api')).rejects.toThrow(/permittedUrls\.fetch/);
    await expect(hsFetch()('http://cs-card.example.com/api')).rejects.toThrow(/permittedUrls\.fetch/);
    await expect(hsFetch()('https://localhost:3000/api')).rejects.toThrow(/permittedUrls\.fetch/);
    expect(calls).toEqual([]);
  });
});
