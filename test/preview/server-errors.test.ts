import { describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../src/app/cards/contract/errors.ts';
import type { MessageParams } from '../../src/app/cards/contract/message.ts';
import { HubSpotError } from '../../src/hubspot/failures.ts';
import { errorStatus, type ErrorCode } from '../../src/server/http-errors.ts';
import type { LogEntry } from '../../src/usecases/log-entry.ts';
import { fromPage, previewHarness, type Answer } from './listening-preview.ts';

// The preview's own error answers come from the backend's one home for errors
// (server/http-errors.ts): `{ error: { code, message, params? } }` with the table's status for
// the code, like every answer of the backend, so the card reads a refusal of the preview the way
// it reads one of the backend. Its guards stay as strict: a foreign Origin or Host is refused
// before anything else, on every path, with nothing reaching the backend.

const { relay, preview } = previewHarness();

function expectErrorAnswer(answer: Answer, code: ErrorCode, params?: MessageParams): void {
  expect(answer.status, answer.text).toBe(errorStatus[code]);
  expect(answer.headers['content-type']).toContain('application/json');
  const body = errorBodySchema.parse(answer.json());
  expect(Object.keys(answer.json() as object)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.message).not.toBe('');
  expect(body.error.params).toEqual(params);
}

describe('the preview\'s refusals, in the backend\'s error shape', () => {
  it('refuses a foreign Origin with forbidden (403) on every kind of path, a route it lacks included, and nothing reaches the backend', async () => {
    const p = await preview();
    for (const path of ['/', '/preview-api/companies', '/card-api/api/companies/101/card', '/no-such-route', '/fonts/nothing.woff2']) {
      for (const origin of ['https://evil.example', 'null', `http://localhost:1`, `http://${p.host}.evil.example`]) {
        expectErrorAnswer(await p.send(path, { headers: { origin } }), 'forbidden');
      }
    }
    const write = fromPage(p, 'POST', { reason: 'competitor' });
    expectErrorAnswer(await p.send('/card-api/api/companies/101/churn-reason', { ...write, headers: { ...write.headers, origin: 'https://evil.example' } }), 'forbidden');
    expect(relay.received).toEqual([]);
  });

  it('refuses a foreign Host (DNS rebinding) and an absolute target naming another host with forbidden (403), before routing', async () => {
    const p = await preview();
    const port = new URL(p.url).port;
    for (const host of [`evil.example:${port}`, `127.0.0.1:${Number(port) + 1}`, '127.0.0.1', 'attacker.test']) {
      for (const path of ['/', '/preview-api/companies', '/card-api/api/companies/101/card', '/no-such-route']) {
        expectErrorAnswer(await p.send(path, { headers: { host } }), 'forbidden');
      }
    }
    expectErrorAnswer(await p.send('http://evil.example/card-api/api/companies/101/card'), 'forbidden');
    expect(relay.received).toEqual([]);
  });

  it('refuses a write without the page\'s session token with forbidden (403), even from its own origin', async () => {
    const p = await preview();
    expectErrorAnswer(await p.send('/card-api/api/companies/101/handoff', { method: 'PUT', headers: { origin: p.url }, body: '{}' }), 'forbidden');
    expect(relay.received).toEqual([]);
  });
});

describe('the preview\'s other error answers, in the backend\'s error shape', () => {
  it('answers a relay path that is not a plain /api path, and a bad company id or property list, as bad_request naming the input', async () => {
    const p = await preview();
    expectErrorAnswer(await p.send('/card-api/api/%2e%2e/webhooks/hubspot'), 'bad_request', { in: 'param', field: 'path' });
    expectErrorAnswer(await p.send('/preview-api/companies/abc/properties?names=*'), 'bad_request', { in: 'param', field: 'companyId' });
    expectErrorAnswer(await p.send('/preview-api/companies/101/properties?names=name;drop'), 'bad_request', { in: 'query', field: 'names' });
    expect(relay.received).toEqual([]);
  });

  it('answers a method hubspot.fetch does not send, a body over 1 MB and a backend that is down with their codes', async () => {
    const p = await preview();
    expectErrorAnswer(await p.send('/card-api/api/companies/101/card', { method: 'OPTIONS', headers: { origin: p.url } }), 'method_not_allowed');
    expectErrorAnswer(await p.send('/card-api/api/companies/101/handoff', fromPage(p, 'PUT', { notes: 'x'.repeat(1024 * 1024) })), 'payload_too_large');
    expect(relay.received).toEqual([]);
    const down = await preview({ backend: { url: 'http://127.0.0.1:1', secret: 'app-client-secret' } });
    const unreachable = await down.send('/card-api/api/companies/101/card');
    expectErrorAnswer(unreachable, 'backend_unreachable');
    expect(unreachable.text).toContain('http://127.0.0.1:1');
  });

  it('answers a route or font file it does not serve with not_found', async () => {
    const p = await preview();
    expectErrorAnswer(await p.send('/no-such-route'), 'not_found');
    expectErrorAnswer(await p.send('/fonts/lexend-deca-latin-400-normal.ttf'), 'not_found');
  });

  it('answers a failure reading the portal as the backend does, and logs its class, never its message', async () => {
    const log: LogEntry[] = [];
    const failing = (error: Error) => preview({ log: (entry) => log.push(entry), data: { companies: () => Promise.reject(error), companyProperties: () => Promise.reject(error) } });
    expectErrorAnswer(await (await failing(new HubSpotError({ kind: 'rate_limited', policy: 'daily', waitMs: 0 }))).send('/preview-api/companies'), 'hubspot_daily_limit');
    const crash = await (await failing(new Error('secret detail of csm@example.com'))).send('/preview-api/companies/101/properties?names=*');
    expectErrorAnswer(crash, 'internal_error');
    expect(crash.text).not.toContain('csm@example.com');
    expect(log.map((entry) => [entry.status, String(entry.error).split(' ')[0]])).toEqual([
      [503, 'HubSpotError:rate_limited'],
      [500, 'Error'],
    ]);
    expect(JSON.stringify(log)).not.toContain('csm@example.com');
  });
});
