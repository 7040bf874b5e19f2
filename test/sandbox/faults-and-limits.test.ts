import { describe, expect, it, vi } from 'vitest';
import type { FaultRule } from '../../src/sandbox/index.ts';
import { auth, failureOf, sdkPortal } from './sdk-portal.ts';

const companiesUrl = 'https://api.hubapi.com/crm/v3/objects/companies?limit=1';

describe('injected faults arrive as the SDK errors a real portal produces', () => {
  it.each([
    ['429', 429, { errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING', message: 'You have reached your ten_secondly_rolling limit.' }],
    ['429-daily', 429, { errorType: 'RATE_LIMIT', policyName: 'DAILY' }],
    ['500', 500, { status: 'error' }],
    ['502', 502, { status: 'error' }],
    ['503', 503, { status: 'error' }],
    ['504', 504, { status: 'error' }],
    ['401', 401, { category: 'INVALID_AUTHENTICATION' }],
    ['403', 403, { category: 'MISSING_SCOPES' }],
  ] as const)('%s', async (kind, code, body) => {
    const { sandbox, client } = sdkPortal();
    sandbox.controls.injectFault({ kind });
    const failure = await failureOf(client.crm.companies.basicApi.getPage(1));
    expect(failure.code).toBe(code);
    expect(failure.json).toMatchObject({ ...body, correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('429s carry the rate-limit headers with nothing remaining', async () => {
    const { sandbox, client } = sdkPortal();
    sandbox.controls.rateLimit = { max: 190, intervalMs: 10_000 };
    sandbox.controls.injectFault({ kind: '429' });
    const failure = await failureOf(client.crm.companies.basicApi.getPage(1));
    expect(failure.headers).toMatchObject({ 'x-hubspot-ratelimit-max': '190', 'x-hubspot-ratelimit-remaining': '0', 'x-hubspot-ratelimit-interval-milliseconds': '10000' });
  });

  it('403 for one object type names its missing scope and leaves the other types working', async () => {
    const { sandbox, client } = sdkPortal();
    const contact = sandbox.store.create('contacts', { email: 'ada@example.com' });
    sandbox.controls.injectFault({ kind: '403', objectType: 'feedback_submissions' });
    const search = await failureOf(client.crm.objects.feedbackSubmissions.searchApi.doSearch({ limit: 10 }));
    expect(search.code).toBe(403);
    expect(search.json.message).toMatch(/crm\.objects\.feedback_submissions\.read/);
    expect(search.json.errors).toEqual([expect.objectContaining({ context: { requiredGranularScopes: ['crm.objects.feedback_submissions.read'] } })]);
    const viaAssociations = await failureOf(client.crm.associations.v4.batchApi.getPage('contacts', 'feedback_submissions', { inputs: [{ id: contact.id }] }));
    expect(viaAssociations.code).toBe(403);
    expect((await client.crm.contacts.basicApi.getById(contact.id)).id).toBe(contact.id);
  });

  it('hits only matching requests, only `times` times, and stops when removed', async () => {
    const { sandbox, client } = sdkPortal();
    sandbox.store.create('companies', { name: 'Acme' });
    sandbox.controls.injectFault({ kind: '503', method: 'POST', path: /\/search$/, times: 2 });
    const remove = sandbox.controls.injectFault({ kind: '502', path: '/crm/v3/objects/deals' });
    expect((await client.crm.companies.basicApi.getPage(1)).results).toHaveLength(1);
    expect((await failureOf(client.crm.companies.searchApi.doSearch({}))).code).toBe(503);
    expect((await failureOf(client.crm.companies.searchApi.doSearch({}))).code).toBe(503);
    expect((await client.crm.companies.searchApi.doSearch({})).total).toBe(1);
    expect((await failureOf(client.crm.deals.basicApi.getPage(1))).code).toBe(502);
    remove();
    expect((await client.crm.deals.basicApi.getPage(1)).results).toEqual([]);
  });

  it('timeout: holds the response until the caller aborts, then the call rejects as fetch does', async () => {
    const { sandbox } = sdkPortal();
    sandbox.controls.injectFault({ kind: 'timeout' });
    const controller = new AbortController();
    const pending = sandbox.handle(new Request(companiesUrl, { headers: auth, signal: controller.signal }));
    controller.abort(new DOMException('The operation was aborted.', 'AbortError'));
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(sandbox.log.entries.at(-1)).toMatchObject({ method: 'GET', status: 0 });
  });

  it('timeout: a caller that never aborts gets a 504 once the hold ends', async () => {
    const { sandbox, client } = sdkPortal();
    sandbox.controls.injectFault({ kind: 'timeout', holdMs: 20 } satisfies FaultRule);
    expect((await failureOf(client.crm.companies.basicApi.getPage(1))).code).toBe(504);
  });

  it('latency holds every response, and gives way when the caller aborts', async () => {
    const { sandbox } = sdkPortal();
    sandbox.controls.latencyMs = 60_000;
    const pending = sandbox.handle(new Request(companiesUrl, { headers: auth, signal: AbortSignal.timeout(20) }));
    await expect(pending).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});

describe('the SDK\'s own retries treat injected faults as they treat a real portal\'s', () => {
  /** The SDK reports each retry on console.error; the test reads those lines instead of printing them. */
  function sdkRetryNotices(): { lines: () => string[]; restore: () => void } {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    return { lines: () => spy.mock.calls.map((call) => String(call[0])), restore: () => spy.mockRestore() };
  }

  it('retries a 503 by itself and then succeeds; the request log counts both calls', async () => {
    const { sandbox, client } = sdkPortal({ data: 'empty' }, 2);
    const notices = sdkRetryNotices();
    try {
      sandbox.store.create('companies', { name: 'Acme' });
      sandbox.controls.injectFault({ kind: '503', times: 1 });
      expect((await client.crm.companies.basicApi.getPage(1)).results).toHaveLength(1);
      expect(sandbox.log.entries.map((entry) => entry.status)).toEqual([503, 200]);
      expect(notices.lines()).toEqual([expect.stringMatching(/status code \[503\], will retry/)]);
    } finally {
      notices.restore();
    }
  });

  it.each(['429-daily', '401', '403'] as const)('gives up at once on %s: one call, no retry', async (kind) => {
    const { sandbox, client } = sdkPortal({ data: 'empty' }, 3);
    const notices = sdkRetryNotices();
    try {
      sandbox.controls.injectFault({ kind, times: 1 });
      const failure = await failureOf(client.crm.companies.basicApi.getPage(1));
      expect(failure.code).toBe(Number(kind.slice(0, 3)));
      expect(sandbox.log.count()).toBe(1);
      expect(notices.lines()).toEqual([]);
    } finally {
      notices.restore();
    }
  });

  it('waits out a secondly-limit search 429 and retries it', async () => {
    const { sandbox, client } = sdkPortal({ data: 'empty' }, 2);
    const notices = sdkRetryNotices();
    try {
      sandbox.controls.searchPerSecond = 1;
      await client.crm.companies.searchApi.doSearch({});
      expect((await client.crm.companies.searchApi.doSearch({})).total).toBe(0);
      expect(sandbox.log.entries.map((entry) => entry.status)).toEqual([200, 429, 200]);
      expect(notices.lines()).toEqual([expect.stringMatching(/status code \[429\], will retry \[1\] time in \[1000\] ms/)]);
    } finally {
      notices.restore();
    }
  });
});

describe('authentication, rate limits and the request log', () => {
  it('401s a request without a bearer token and accepts any non-empty one', async () => {
    const { sandbox } = sdkPortal();
    const anonymous = await sandbox.handle(new Request(companiesUrl));
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION', message: expect.stringMatching(/^Authentication credentials not found/) });
    expect((await sandbox.handle(new Request(companiesUrl, { headers: { authorization: 'Bearer pat-na1-whatever' } }))).status).toBe(200);
  });

  it('enforces TEN_SECONDLY_ROLLING with HubSpot\'s headers counting down', async () => {
    const { sandbox, client } = sdkPortal();
    sandbox.controls.rateLimit = { max: 3, intervalMs: 60_000 };
    const remaining: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await client.crm.companies.basicApi.getPageWithHttpInfo(1);
      remaining.push(response.headers['x-hubspot-ratelimit-remaining'] ?? 'missing');
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const refused = await failureOf(client.crm.companies.basicApi.getPage(1));
    expect([refused.code, refused.json.policyName]).toEqual([429, 'TEN_SECONDLY_ROLLING']);
    expect(refused.headers['x-hubspot-ratelimit-daily-remaining']).toBe('999997');
  });

  it('answers 429 DAILY once the daily budget is spent', async () => {
    const { sandbox, client } = sdkPortal();
    sandbox.controls.dailyLimit = 2;
    await client.crm.companies.basicApi.getPage(1);
    await client.crm.companies.basicApi.getPage(1);
    expect((await failureOf(client.crm.companies.basicApi.getPage(1))).json.policyName).toBe('DAILY');
  });

  it('logs every call with method, path and query, status and times, and counts them', async () => {
    const { sandbox, client } = sdkPortal();
    const company = sandbox.store.create('companies', { name: 'Acme' });
    await client.crm.companies.basicApi.getById(company.id, ['name']);
    await client.crm.companies.batchApi.read({ inputs: [{ id: company.id }], properties: [], propertiesWithHistory: [] });
    await failureOf(client.crm.companies.basicApi.getById('1'));
    expect(sandbox.log.entries.map(({ method, path, status }) => [method, path, status])).toEqual([
      ['GET', `/crm/v3/objects/companies/${company.id}?properties=name`, 200],
      ['POST', '/crm/v3/objects/companies/batch/read', 200],
      ['GET', '/crm/v3/objects/companies/1', 404],
    ]);
    expect(sandbox.log.count({ method: 'get' })).toBe(2);
    expect(sandbox.log.count({ pathIncludes: '/batch/' })).toBe(1);
    for (const entry of sandbox.log.entries) expect(entry.endedAt).toBeGreaterThanOrEqual(entry.startedAt);
    sandbox.log.clear();
    expect(sandbox.log.count()).toBe(0);
  });
});
