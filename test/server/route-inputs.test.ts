import { describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../src/app/cards/contract/errors.ts';
import { defaultConfig } from '../../src/config/schema.ts';
import { watchedProperties } from '../../src/domain/sync/webhook-events.ts';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { HubSpotGateway } from '../../src/hubspot/gateway.ts';
import { PortfolioGateway } from '../../src/hubspot/portfolio-gateway.ts';
import { createApp } from '../../src/server/app.ts';
import { errorStatus } from '../../src/server/http-errors.ts';

// Every route checks what it is sent with Hono's validator before anything reads HubSpot: a
// malformed path, query, body or header gets the one error table's answer, 400 `bad_request`,
// with params saying where (`in`) and which `field`, and a sentence saying what to send.
// (Signatures are off here: the signature check itself is tested in app.test.ts.)

const origin = 'https://cs-card.example.com';
const now = new Date('2026-11-22T10:00:00.000Z');

function setup() {
  const client = createHubSpotClient({ accessToken: 'pat-test-token' });
  const app = createApp({
    card: { gateway: new HubSpotGateway(client), config: defaultConfig, now: () => now },
    signature: { mode: 'off' },
    log: () => undefined,
    portfolio: { gateway: new PortfolioGateway(client), config: defaultConfig, now: () => now },
    webhooks: { watched: watchedProperties(defaultConfig), accept: () => undefined },
  });
  return (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    app.request(`${origin}${path}`, { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, ...(body === undefined ? {} : { body }) });
}

async function refusal(response: Response) {
  expect(response.status).toBe(errorStatus.bad_request);
  return errorBodySchema.parse(await response.json()).error;
}

const company = '/api/companies/1000000006';

describe('route inputs', () => {
  it.each([
    ['GET', '/api/companies/acme/card', undefined, { in: 'param', field: 'companyId' }, /companyId must be a numeric HubSpot record id/],
    ['GET', `${company}/card?asOf=2026-02-30`, undefined, { in: 'query', field: 'asOf' }, /asOf "2026-02-30" is not a date/],
    ['POST', `${company}/actions/Renewal%20Call/task`, '{}', { in: 'param', field: 'actionId' }, /actionId must be 1-64/],
    ['POST', `${company}/actions/renewal-call/task`, '{"asOf":"yesterday"}', { in: 'json', field: 'asOf' }, /the body must be empty or JSON holding only asOf/],
    ['POST', `${company}/actions/renewal-call/task`, '{"asOf":', { in: 'json', field: '' }, /the body must be empty or JSON/],
    ['POST', `${company}/actions/renewal-call/task`, '{"asOf":"2026-11-22","when":"now"}', { in: 'json', field: '' }, /the body must be empty or JSON/],
    ['GET', '/api/companies/12a/handoff', undefined, { in: 'param', field: 'companyId' }, /companyId must be a numeric/],
    ['PUT', `${company}/handoff`, '{"fields":{}}', { in: 'json', field: 'baseVersion' }, /baseVersion.*expected a body like/],
    ['POST', `${company}/handoff/submit`, '{"baseVersion":-1}', { in: 'json', field: 'baseVersion' }, /baseVersion/],
    ['POST', `${company}/handoff/accept`, 'not json', { in: 'json', field: '' }, /the body must be JSON, like \{"baseVersion":4\}/],
    ['POST', `${company}/handoff/return`, '{"baseVersion":4,"comment":" "}', { in: 'json', field: 'comment' }, /comment is required/],
    ['POST', `${company}/churn-reason`, '{"reason":"price"}', { in: 'json', field: 'reason' }, /reason must be one of/],
    ['GET', '/api/portfolio?owner=me', undefined, { in: 'query', field: 'owner' }, /owner must be an owner id/],
    ['GET', '/api/portfolio?asOf=2026-13-01', undefined, { in: 'query', field: 'asOf' }, /asOf must be a date written YYYY-MM-DD/],
    ['POST', '/webhooks/hubspot', '{"eventId":1}', { in: 'json', field: '' }, /^Not a HubSpot webhook delivery/],
    ['POST', '/webhooks/hubspot', 'event=1', { in: 'json', field: '' }, /^Not a HubSpot webhook delivery: the body is not JSON/],
  ])('%s %s answers bad_request with where and what', async (method, path, body, params, message) => {
    const error = await refusal(await setup()(method, path, body));

    expect(error.code).toBe('bad_request');
    expect(error.params).toEqual(params);
    expect(error.message).toMatch(message);
  });

  it('reads a JSON body whatever its Content-Type says', async () => {
    const error = await refusal(await setup()('PUT', `${company}/handoff`, '{"baseVersion":"3","fields":{}}', { 'content-type': 'text/plain' }));

    expect(error.params).toEqual({ in: 'json', field: 'baseVersion' });
  });

  it('checks the Idempotency-Key header of a write, and not of a read', async () => {
    const call = setup();

    const error = await refusal(await call('POST', `${company}/handoff/accept`, '{"baseVersion":1}', { 'Idempotency-Key': 'short' }));
    expect(error).toMatchObject({ code: 'bad_request', params: { in: 'header', field: 'idempotency-key' }, message: expect.stringMatching(/^Idempotency-Key must be 8-128/) });
    const read = await refusal(await call('GET', '/api/companies/acme/card', undefined, { 'Idempotency-Key': 'short' }));
    expect(read.params).toEqual({ in: 'param', field: 'companyId' });
  });

  it('answers an unknown route from the same table', async () => {
    const response = await setup()('GET', '/api/nothing-here');

    expect(response.status).toBe(errorStatus.not_found);
    expect(errorBodySchema.parse(await response.json()).error.code).toBe('not_found');
  });
});
