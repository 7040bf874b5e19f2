import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defaultConfig } from '../../src/config/schema.ts';
import { cardViewSchema } from '../../src/app/cards/contract/view-model.ts';
import { createApp, maxBodyBytes, type LogEntry, type SignatureMode } from '../../src/server/app.ts';
import { signRequest } from '../../src/server/signature.ts';
import { startServer } from '../../src/server/start.ts';
import { testPortal } from '../hubspot/portal.ts';
import { ownerId, seedCompany } from '../hubspot/seeded-company.ts';

const secret = 'app-client-secret-4f1c';
const origin = 'https://cs-card.example.com';
const now = new Date('2026-11-22T10:00:00.000Z');
const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const taskResultSchema = z.object({ taskId: z.string(), actionId: z.string(), created: z.boolean() });

function setup(signature: SignatureMode = { mode: 'verify', secret }) {
  const portal = testPortal({ clock: () => now.getTime() });
  const company = seedCompany(portal.sandbox.store, { contacts: 12, deals: 4, tickets: 8, answers: 12 });
  const logs: LogEntry[] = [];
  const app = createApp({ card: { gateway: portal.gateway, config: defaultConfig, now: () => now }, signature, log: (entry) => logs.push(entry) });

  /** A request as hubspot.fetch sends it: signed over the full URL, body and timestamp. */
  function call(method: string, path: string, options: { body?: string; signedBody?: string; timestamp?: number; signWith?: string; unsigned?: boolean } = {}) {
    const url = `${origin}${path}`;
    const timestamp = String(options.timestamp ?? now.getTime() - 2_000);
    const headers: Record<string, string> = options.body === undefined ? {} : { 'content-type': 'application/json' };
    if (!options.unsigned) {
      headers['X-HubSpot-Request-Timestamp'] = timestamp;
      headers['X-HubSpot-Signature-v3'] = signRequest(options.signWith ?? secret, method, url, options.signedBody ?? options.body ?? '', timestamp);
    }
    return app.request(url, { method, headers, ...(options.body === undefined ? {} : { body: options.body }) });
  }
  return { portal, company, app, logs, call };
}

async function errorOf(response: Response) {
  return errorSchema.parse(await response.json()).error;
}

describe('GET /api/companies/:companyId/card', () => {
  it('answers a correctly signed request with the view model', async () => {
    const { company, call } = setup();

    const response = await call('GET', `/api/companies/${company.id}/card?asOf=2026-11-22`);

    expect(response.status).toBe(200);
    const view = cardViewSchema.parse(await response.json());
    expect(view).toMatchObject({ companyId: company.id, asOf: '2026-11-22', nps: company.expected.nps, support: company.expected.support });
  });

  it.each([
    ['missing', { unsigned: true }],
    ['forged', { signWith: 'someone-elses-secret' }],
    ['stale', { timestamp: now.getTime() - 6 * 60_000 }],
    ['from the future', { timestamp: now.getTime() + 6 * 60_000 }],
  ])('rejects a %s signature with 401', async (_, options) => {
    const { company, call } = setup();

    const response = await call('GET', `/api/companies/${company.id}/card`, options);

    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('invalid_signature');
  });

  it('rejects a signature made for another company id (the URI is signed)', async () => {
    const { company, app } = setup();
    const timestamp = String(now.getTime());
    const signature = signRequest(secret, 'GET', `${origin}/api/companies/1/card`, '', timestamp);

    const response = await app.request(`${origin}/api/companies/${company.id}/card`, {
      headers: { 'X-HubSpot-Request-Timestamp': timestamp, 'X-HubSpot-Signature-v3': signature },
    });

    expect(response.status).toBe(401);
  });

  it('rejects a non-numeric company id with a 400 JSON error', async () => {
    const { call } = setup();

    const response = await call('GET', '/api/companies/acme/card');

    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual({ code: 'bad_request', message: 'companyId must be a numeric HubSpot record id' });
  });

  it('rejects an asOf that is not a date', async () => {
    const { company, call } = setup();

    const response = await call('GET', `/api/companies/${company.id}/card?asOf=2026-02-30`);

    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/YYYY-MM-DD/);
  });

  it.each(['1899-12-31', '1999-12-31', '2101-01-01', '9999-12-31', '0000-01-01'])('rejects asOf=%s, outside 2000-01-01..2100-12-31, with a 400 saying the range (the card and the task route)', async (day) => {
    const { company, call, portal } = setup();
    const tasksBefore = portal.sandbox.store.associations('companies', company.id, 'tasks');

    const card = await call('GET', `/api/companies/${company.id}/card?asOf=${day}`);
    expect(card.status).toBe(400);
    expect(await errorOf(card)).toEqual({ code: 'bad_request', message: `asOf "${day}" is outside the supported range: write a day from 2000-01-01 to 2100-12-31` });
    const task = await call('POST', `/api/companies/${company.id}/actions/renewal-call/task`, { body: JSON.stringify({ asOf: day }) });
    expect(task.status).toBe(400);
    expect(portal.sandbox.store.associations('companies', company.id, 'tasks')).toEqual(tasksBefore);
  });

  it('accepts the edges of the asOf range', async () => {
    const { company, call } = setup();
    expect((await call('GET', `/api/companies/${company.id}/card?asOf=2000-01-01`)).status).toBe(200);
    expect((await call('GET', `/api/companies/${company.id}/card?asOf=2100-12-31`)).status).toBe(200);
  });

  it('answers an unknown company with a 404 JSON error', async () => {
    const { call } = setup();

    const response = await call('GET', '/api/companies/987654321/card');

    expect(response.status).toBe(404);
    expect(await errorOf(response)).toEqual({ code: 'company_not_found', message: expect.stringContaining('no company with id 987654321') });
  });

  it('answers a broken HubSpot token with a JSON error the card can show', async () => {
    const { portal, company, call } = setup();
    portal.sandbox.controls.injectFault({ kind: '401' });

    const response = await call('GET', `/api/companies/${company.id}/card`);

    expect(response.status).toBe(502);
    expect(await errorOf(response)).toEqual({ code: 'hubspot_unauthorized', message: 'HubSpot rejected the access token (401): check HUBSPOT_ACCESS_TOKEN' });
  });

  it('logs one JSON line per request with the route pattern, and no token or personal data', async () => {
    const { company, call, logs } = setup();

    await call('GET', `/api/companies/${company.id}/card`);
    await call('GET', `/api/companies/${company.id}/card`, { unsigned: true });

    expect(logs).toEqual([
      expect.objectContaining({ msg: 'request', method: 'GET', route: '/api/companies/:companyId/card', status: 200, companyId: company.id }),
      expect.objectContaining({ status: 401, companyId: company.id }),
    ]);
    const text = JSON.stringify(logs);
    expect(text).not.toMatch(/@|Alex|Rivera|Exports keep|pat-test-token|Bearer/);
  });

  it('says in a 401\'s log line which check failed (missing header, stale timestamp, bad signature), without the secret or the signature', async () => {
    const { company, call, logs } = setup();

    await call('GET', `/api/companies/${company.id}/card`, { unsigned: true });
    await call('GET', `/api/companies/${company.id}/card`, { timestamp: now.getTime() - 6 * 60_000 });
    await call('GET', `/api/companies/${company.id}/card`, { signWith: 'someone-elses-secret' });
    await call('GET', `/api/companies/${company.id}/card`);

    expect(logs.map((entry) => [entry.status, entry.signatureCheck ?? null])).toEqual([
      [401, 'missing_header'],
      [401, 'stale_timestamp'],
      [401, 'bad_signature'],
      [200, null],
    ]);
    expect(JSON.stringify(logs)).not.toMatch(new RegExp(`${secret}|someone-elses-secret|[A-Za-z0-9+/]{43}=`));
  });
});

describe('POST /api/companies/:companyId/actions/:actionId/task', () => {
  async function firstAction(call: ReturnType<typeof setup>['call'], companyId: string) {
    const view = cardViewSchema.parse(await (await call('GET', `/api/companies/${companyId}/card?asOf=2026-11-22`)).json());
    const action = view.actions.find((candidate) => !candidate.alreadyTasked);
    if (!action) throw new Error('the seeded company should have a suggested action');
    return action;
  }

  it('creates the task for the company owner, associated with the company, and returns it again on a second call', async () => {
    const { portal, company, call } = setup();
    const action = await firstAction(call, company.id);
    const body = JSON.stringify({ asOf: '2026-11-22' });

    const first = await call('POST', `/api/companies/${company.id}/actions/${action.id}/task`, { body });
    const second = await call('POST', `/api/companies/${company.id}/actions/${action.id}/task`, { body });

    expect(first.status).toBe(201);
    const created = taskResultSchema.parse(await first.json());
    expect(created).toEqual({ taskId: expect.any(String), actionId: action.id, created: true });
    expect(second.status).toBe(200);
    expect(taskResultSchema.parse(await second.json())).toEqual({ ...created, created: false });

    const tasks = portal.sandbox.store.list('tasks');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.properties).toMatchObject({ hubspot_owner_id: ownerId, hs_task_status: 'NOT_STARTED', hs_task_subject: action.title });
    expect(tasks[0]?.properties.hs_task_body).toContain(`[cs-card:${action.id}]`);
    expect(portal.sandbox.store.associations('tasks', created.taskId, 'companies')).toEqual([company.id]);

    const after = cardViewSchema.parse(await (await call('GET', `/api/companies/${company.id}/card?asOf=2026-11-22`)).json());
    expect(after.actions.find((candidate) => candidate.id === action.id)?.alreadyTasked).toBe(true);
  });

  it('creates one task when the same action is clicked twice at once', async () => {
    const { portal, company, call } = setup();
    const action = await firstAction(call, company.id);

    const responses = await Promise.all([1, 2].map(() => call('POST', `/api/companies/${company.id}/actions/${action.id}/task`)));
    const results = await Promise.all(responses.map(async (response) => taskResultSchema.parse(await response.json())));

    expect(portal.sandbox.store.list('tasks')).toHaveLength(1);
    expect(new Set(results.map((result) => result.taskId)).size).toBe(1);
    expect(results.map((result) => result.created).sort()).toEqual([false, true]);
  });

  it('rejects a body replayed under another request\'s signature, and creates nothing', async () => {
    const { portal, company, call } = setup();
    const action = await firstAction(call, company.id);

    const response = await call('POST', `/api/companies/${company.id}/actions/${action.id}/task`, {
      signedBody: JSON.stringify({ asOf: '2026-11-22' }),
      body: JSON.stringify({ asOf: '2027-03-01' }),
    });

    expect(response.status).toBe(401);
    expect(portal.sandbox.store.list('tasks')).toEqual([]);
  });

  it('answers an action that is not a current suggestion with 404', async () => {
    const { company, call } = setup();

    const response = await call('POST', `/api/companies/${company.id}/actions/not-a-rule/task`);

    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('action_not_found');
  });

  it('validates the action id and the body', async () => {
    const { company, call } = setup();

    const badId = await call('POST', `/api/companies/${company.id}/actions/Renewal_Call/task`);
    const longId = await call('POST', `/api/companies/${company.id}/actions/${'a'.repeat(65)}/task`);
    const badBody = await call('POST', `/api/companies/${company.id}/actions/renewal-call/task`, { body: '{"asOf":"soon","owner":"1"}' });
    const notJson = await call('POST', `/api/companies/${company.id}/actions/renewal-call/task`, { body: 'asOf=2026-11-22' });

    expect([badId.status, longId.status, badBody.status, notJson.status]).toEqual([400, 400, 400, 400]);
  });

  it('refuses bodies over the size limit before reading them', async () => {
    const { company, call } = setup();

    const response = await call('POST', `/api/companies/${company.id}/actions/renewal-call/task`, { body: JSON.stringify({ pad: 'x'.repeat(maxBodyBytes) }) });

    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('payload_too_large');
  });
});

describe('the rest of the server', () => {
  it('answers /healthz without a signature', async () => {
    const { app } = setup();

    const response = await app.request('/healthz');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('skips verification only when the shell built the app with signatures off', async () => {
    const verifying = setup();
    const local = setup({ mode: 'off' });
    const sneaky = { unsigned: true } as const;

    const refused = await verifying.call('GET', `/api/companies/${verifying.company.id}/card?signature=off&mode=off`, sneaky);
    const served = await local.call('GET', `/api/companies/${local.company.id}/card`, sneaky);

    expect(refused.status).toBe(401);
    expect(served.status).toBe(200);
  });

  it('verifies over real HTTP the URL HubSpot called: its own listening origin, unless told it sits behind a proxy', async () => {
    const portal = testPortal();
    const company = seedCompany(portal.sandbox.store, { contacts: 2, deals: 2, tickets: 2, answers: 2 });
    const started = (signature: SignatureMode) =>
      startServer({ card: { gateway: portal.gateway, config: defaultConfig, now: () => new Date() }, signature, log: () => undefined }, 0, '127.0.0.1');
    const direct = await started({ mode: 'verify', secret });
    const behindProxy = await started({ mode: 'verify', secret, trustProxy: true });
    const publicUrl = await started({ mode: 'verify', secret, publicOrigin: origin });
    try {
      const path = `/api/companies/${company.id}/card?asOf=2026-11-22`;
      const timestamp = String(Date.now());
      const signed = (uri: string) => ({ 'X-HubSpot-Request-Timestamp': timestamp, 'X-HubSpot-Signature-v3': signRequest(secret, 'GET', uri, '', timestamp) });
      const forwarded = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'cs-card.example.com' };
      const status = async (server: { url: string }, headers: Record<string, string>) => (await fetch(`${server.url}${path}`, { headers })).status;

      // Without a proxy setting, only the server's own origin counts.
      expect(await status(direct, signed(`${direct.url}${path}`))).toBe(200);
      expect(await status(direct, { ...signed(`${origin}${path}`), ...forwarded })).toBe(401);
      // A signature made for another host (what a tricked relay would produce) cannot be replayed by naming that host.
      const elsewhere = 'http://evil.example:8080';
      expect(await status(direct, { ...signed(`${elsewhere}${path}`), Host: 'evil.example:8080' })).toBe(401);
      expect(await status(direct, { ...signed(`${elsewhere}${path}`), 'X-Forwarded-Host': 'evil.example:8080', 'X-Forwarded-Proto': 'http' })).toBe(401);

      // CS_CARD_TRUST_PROXY=1: the forwarded headers name the URL HubSpot called.
      expect(await status(behindProxy, { ...signed(`${origin}${path}`), ...forwarded })).toBe(200);
      expect(await status(behindProxy, signed(`${origin}${path}`))).toBe(401);

      // CS_CARD_PUBLIC_URL: that origin, whatever the headers say.
      expect(await status(publicUrl, signed(`${origin}${path}`))).toBe(200);
      expect(await status(publicUrl, { ...signed(`${elsewhere}${path}`), 'X-Forwarded-Host': 'evil.example:8080' })).toBe(401);
    } finally {
      await Promise.all([direct.close(), behindProxy.close(), publicUrl.close()]);
    }
  });

  it('answers an unexpected failure with a JSON 500 and logs where it was thrown, never its message', async () => {
    const { portal, app, logs } = setup({ mode: 'off' });
    vi.spyOn(portal.gateway, 'companySnapshot').mockRejectedValue(new TypeError("Cannot read properties of undefined (reading 'alex0@northwind.example')"));

    const response = await app.request('/api/companies/42/card');

    expect(response.status).toBe(500);
    expect((await errorOf(response)).code).toBe('internal_error');
    expect(logs).toEqual([expect.objectContaining({ level: 'error', status: 500, companyId: '42', error: expect.stringMatching(/^TypeError at .*app\.test\.ts:\d+/) })]);
    expect(JSON.stringify(logs)).not.toMatch(/northwind|Cannot read/);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const { call } = setup();

    const response = await call('GET', '/api/nothing-here');

    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });
});
