import { describe, expect, it } from 'vitest';
import { portfolioPageSchema } from '../../src/app/cards/contract/portfolio.ts';
import { defaultConfig } from '../../src/config/schema.ts';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { PortfolioGateway } from '../../src/hubspot/portfolio-gateway.ts';
import { createApp } from '../../src/server/app.ts';
import { signRequest } from '../../src/server/signature.ts';
import { testPortal } from '../hubspot/portal.ts';
import { seedCompany } from '../hubspot/seeded-company.ts';

// GET /api/portfolio, the managers' app page's data: signed like every /api route, validated,
// computed from the portal's companies and deals (the sandbox through msw).

const secret = 'app-client-secret-4f1c';
const origin = 'https://cs-card.example.com';
const now = new Date('2026-11-22T10:00:00.000Z');

function setup() {
  const portal = testPortal();
  seedCompany(portal.sandbox.store, { contacts: 3, deals: 4, tickets: 2, answers: 3 });
  const client = createHubSpotClient({ accessToken: 'pat-test-token' });
  const app = createApp({
    card: { gateway: portal.gateway, config: defaultConfig, now: () => now },
    signature: { mode: 'verify', secret },
    log: () => undefined,
    portfolio: { gateway: new PortfolioGateway(client), config: defaultConfig, now: () => now },
  });
  const call = (path: string, options: { unsigned?: boolean } = {}) => {
    const url = `${origin}${path}`;
    const timestamp = String(now.getTime() - 1_000);
    const headers: Record<string, string> = options.unsigned ? {} : { 'X-HubSpot-Request-Timestamp': timestamp, 'X-HubSpot-Signature-v3': signRequest(secret, 'GET', url, '', timestamp) };
    return app.request(url, { method: 'GET', headers });
  };
  return { call };
}

describe('GET /api/portfolio', () => {
  it('answers a page the app page parses with the contract’s schema', async () => {
    const { call } = setup();
    const response = await call('/api/portfolio?asOf=2026-11-22');
    const page = portfolioPageSchema.safeParse(await response.json());
    expect(page.success ? [] : page.error.issues).toEqual([]);
  });

  it('answers a signed request with the page: bands, renewals at risk, churn and the two quarters’ KPIs', async () => {
    const { call } = setup();
    const response = await call('/api/portfolio?asOf=2026-11-22');
    expect(response.status).toBe(200);
    const page = (await response.json()) as { asOf: string; overview: { bands: Array<{ band: string }> }; kpis: { current: { label: string }; lastQuarter: { label: string } } };
    expect(page.asOf).toBe('2026-11-22');
    expect(page.overview.bands.map((line) => line.band)).toEqual(['at_risk', 'attention', 'healthy', 'unknown', 'churned']);
    expect(page.kpis.current.label).toBe('2026-Q4');
    expect(page.kpis.lastQuarter.label).toBe('2026-Q3');
  });

  it('as of a past day carries the notes the report gives (catalog codes), and that health and renewal dates are what sync last wrote', async () => {
    const { call } = setup();
    const page = portfolioPageSchema.parse(await (await call('/api/portfolio?asOf=2026-06-30')).json());
    expect(page.asOf).toBe('2026-06-30');
    const codes = (page.asOfNotes ?? []).map((note) => note.code);
    expect(codes).toEqual(['report.asOf.leftOut', ...codes.slice(1, -2), 'report.asOf.currentValues', 'portfolio.asOf.syncedValues']);
    expect(page.asOfNotes?.at(-1)).toEqual({ code: 'portfolio.asOf.syncedValues', params: { asOf: '2026-06-30' } });
    expect(page.asOfNotes?.[0]?.params).toMatchObject({ asOf: '2026-06-30', count: expect.any(Number) });
  });

  it('as of a past day counts what was left out of the companies shown only: an owner without customers has none left out', async () => {
    const { call } = setup();
    const page = portfolioPageSchema.parse(await (await call('/api/portfolio?asOf=2026-06-30&owner=99999')).json());
    expect(page.overview.customers).toBe(0);
    expect((page.asOfNotes ?? []).map((note) => note.code)).toEqual(['report.asOf.currentValues', 'portfolio.asOf.syncedValues']);
  });

  it('as of a day after the read says it is one: the figures are the data as read, the health values as last written', async () => {
    const { call } = setup();
    const page = portfolioPageSchema.parse(await (await call('/api/portfolio?asOf=2026-12-31')).json());
    expect(page.asOfNotes).toEqual([
      { code: 'warning.asOf.future', params: { asOf: '2026-12-31', readOn: '2026-11-22' } },
      { code: 'portfolio.asOf.syncedValues', params: { asOf: '2026-12-31' } },
    ]);
  });

  it.each(['?asOf=2026-11-22', ''])('as of the day of the read (%s) carries no as-of notes', async (query) => {
    const { call } = setup();
    const body = (await (await call(`/api/portfolio${query}`)).json()) as Record<string, unknown>;
    expect(body.asOf).toBe('2026-11-22');
    expect(body).not.toHaveProperty('asOfNotes');
  });

  it('refuses an unsigned request with 401', async () => {
    const { call } = setup();
    expect((await call('/api/portfolio', { unsigned: true })).status).toBe(401);
  });

  it.each(['?owner=abc', '?asOf=2026-02-31', '?asOf=tomorrow'])('refuses %s with 400 and a sentence', async (query) => {
    const { call } = setup();
    const response = await call(`/api/portfolio${query}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/owner|asOf/);
  });
});
