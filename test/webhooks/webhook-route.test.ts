import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultConfig } from '../../src/config/schema.ts';
import { watchedProperties } from '../../src/domain/sync/webhook-events.ts';
import { HubSpotGateway } from '../../src/hubspot/gateway.ts';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { companiesOfRecords } from '../../src/hubspot/webhook-targets.ts';
import { createApp, type LogEntry, type SignatureMode } from '../../src/server/app.ts';
import { signRequest } from '../../src/server/signature.ts';
import { maxWebhookBodyBytes } from '../../src/server/webhooks.ts';
import { LiveUpdates } from '../../src/usecases/live-updates.ts';
import { associationChange, creation, ManualScheduler, propertyChange, seededPortal } from './fixtures.ts';

// POST /webhooks/hubspot end to end: signed deliveries in, the live-update batch, association
// reads against the sandbox, and a recompute that records which companies it was given.

const secret = 'app-client-secret-4f1c';
const targetUrl = 'https://cs-card.example.com/webhooks/hubspot';
const now = new Date('2026-11-22T10:00:00.000Z');
const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const acceptedSchema = z.object({ received: z.number(), relevant: z.number(), ignored: z.number() });

function setup(signature: SignatureMode = { mode: 'verify', secret }) {
  const portal = seededPortal(3);
  const scheduler = new ManualScheduler();
  const recomputed: string[][] = [];
  const live = new LiveUpdates({
    recompute: async (ids) => {
      recomputed.push([...ids]);
      return { written: ids.length, unchanged: 0, skipped: 0 };
    },
    follow: (records) => companiesOfRecords(portal.gateway, records),
    scheduler,
  });
  const logs: LogEntry[] = [];
  const card = { gateway: new HubSpotGateway(createHubSpotClient({ accessToken: 'pat-test-token' })), config: defaultConfig, now: () => now };
  const app = createApp({
    card,
    signature,
    log: (entry) => logs.push(entry),
    webhooks: { watched: watchedProperties(defaultConfig), accept: (targets) => live.enqueue(targets) },
  });

  /** A delivery as HubSpot sends it: POST, JSON array, signed over the target URL, body and timestamp. */
  function deliver(body: string, options: { timestamp?: number; signWith?: string; unsigned?: boolean; signedBody?: string } = {}) {
    const timestamp = String(options.timestamp ?? now.getTime() - 1_500);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (!options.unsigned) {
      headers['X-HubSpot-Request-Timestamp'] = timestamp;
      headers['X-HubSpot-Signature-v3'] = signRequest(options.signWith ?? secret, 'POST', targetUrl, options.signedBody ?? body, timestamp);
    }
    return app.request(targetUrl, { method: 'POST', headers, body });
  }

  /** The quiet period passes and the batch (association reads included) finishes. */
  async function afterBurst() {
    scheduler.advance(60_000);
    await live.whenIdle();
  }
  return { portal, live, scheduler, recomputed, logs, deliver, afterBurst };
}

describe('POST /webhooks/hubspot', () => {
  it('turns a burst of 50 events about 3 companies into exactly 3 company recomputations', async () => {
    const { portal, deliver, afterBurst, recomputed, portal: { sandbox } } = setup();
    const [a, b, c] = portal.companies;
    if (!a || !b || !c) throw new Error('seededPortal made fewer companies');
    const burst = [
      ...Array.from({ length: 12 }, (_, n) => propertyChange('deal', a.deals[n % 2] ?? '', n % 3 === 0 ? 'amount' : 'dealstage', String(n))),
      ...Array.from({ length: 10 }, (_, n) => propertyChange('ticket', b.tickets[n % 2] ?? '', 'hs_ticket_priority', n % 2 ? 'HIGH' : 'URGENT')),
      ...Array.from({ length: 8 }, () => propertyChange('company', c.id, 'hs_csm_sentiment', 'negative')),
      ...Array.from({ length: 6 }, () => propertyChange('contact', a.contacts[1] ?? '', 'notes_last_contacted', '1763810000000')),
      creation('feedback_submission', b.answers[0] ?? ''),
      associationChange('company', c.id, 'contact', c.contacts[0] ?? ''),
      creation('ticket', c.tickets[0] ?? ''),
      // The product's own writes echoing back: never a reason to recompute.
      ...Array.from({ length: 11 }, (_, n) => propertyChange('company', [a.id, b.id, c.id][n % 3] ?? '', n % 2 ? 'cs_health_score' : 'cs_health_band', '40')),
    ];
    expect(burst).toHaveLength(50);
    sandbox.log.clear();

    // HubSpot batches events into deliveries of up to 100; here they come in five.
    for (let start = 0; start < burst.length; start += 10) {
      const response = await deliver(JSON.stringify(burst.slice(start, start + 10)));
      expect(response.status).toBe(200);
      acceptedSchema.parse(await response.json());
    }
    expect(recomputed).toEqual([]);
    await afterBurst();

    expect(recomputed).toHaveLength(1);
    expect(recomputed.flat().sort()).toEqual([a.id, b.id, c.id].sort());
    // Records were followed to their companies with one association read per object type.
    expect(sandbox.log.count({ pathIncludes: '/crm/v4/associations/' })).toBe(4);
  });

  it('answers HubSpot with what it accepted', async () => {
    const { portal, deliver } = setup();
    const company = portal.companies[0]?.id ?? '';
    const response = await deliver(JSON.stringify([propertyChange('company', company, 'lifecyclestage', 'customer'), propertyChange('company', company, 'cs_health_score', '80')]));
    expect(response.status).toBe(200);
    expect(acceptedSchema.parse(await response.json())).toEqual({ received: 2, relevant: 1, ignored: 1 });
  });

  it('recomputes nothing for deliveries that only echo the product\'s own cs_ writes', async () => {
    const { portal, deliver, afterBurst, recomputed, live } = setup();
    const echoes = portal.companies.flatMap((company) => ['cs_health_score', 'cs_health_band', 'cs_health_drivers', 'cs_next_action'].map((name) => propertyChange('company', company.id, name, '1')));

    const response = await deliver(JSON.stringify(echoes));

    expect(acceptedSchema.parse(await response.json())).toEqual({ received: 12, relevant: 0, ignored: 12 });
    expect(live.waiting).toBe(0);
    await afterBurst();
    expect(recomputed).toEqual([]);
  });

  it.each([
    ['forged', { signWith: 'someone-elses-secret' }],
    ['missing', { unsigned: true }],
    ['stale', { timestamp: now.getTime() - 6 * 60_000 }],
  ])('rejects a %s signature with 401 and recomputes nothing', async (_, options) => {
    const { portal, deliver, afterBurst, recomputed, live } = setup();
    const company = portal.companies[0]?.id ?? '';

    const response = await deliver(JSON.stringify([propertyChange('company', company, 'hs_csm_sentiment', 'negative')]), options);

    expect(response.status).toBe(401);
    expect(errorSchema.parse(await response.json()).error.code).toBe('invalid_signature');
    expect(live.waiting).toBe(0);
    await afterBurst();
    expect(recomputed).toEqual([]);
  });

  it('rejects a body other than the one signed (the body is signed)', async () => {
    const { portal, deliver, afterBurst, recomputed } = setup();
    const [a, b] = portal.companies;
    const signed = JSON.stringify([propertyChange('company', a?.id ?? '', 'hs_csm_sentiment', 'positive')]);
    const sent = JSON.stringify([propertyChange('company', b?.id ?? '', 'hs_csm_sentiment', 'positive')]);

    const response = await deliver(sent, { signedBody: signed });

    expect(response.status).toBe(401);
    await afterBurst();
    expect(recomputed).toEqual([]);
  });

  it('refuses a malformed delivery with 400 and a message saying what is wrong', async () => {
    const { deliver, afterBurst, recomputed } = setup();

    const notJson = await deliver('event=deal.creation&objectId=1');
    const wrongShape = await deliver(JSON.stringify([{ eventId: 1, subscriptionType: 'object.propertyChange', occurredAt: 1763805598000, objectTypeId: '0-3', objectId: 'ABC', propertyName: 'amount' }]));

    expect(notJson.status).toBe(400);
    expect(errorSchema.parse(await notJson.json()).error.message).toMatch(/^Not a HubSpot webhook delivery: the body is not JSON/);
    expect(wrongShape.status).toBe(400);
    expect(errorSchema.parse(await wrongShape.json()).error).toEqual({
      code: 'bad_request',
      message: 'Not a HubSpot webhook delivery: event 0: objectId must be a HubSpot record id (a whole number)',
    });
    await afterBurst();
    expect(recomputed).toEqual([]);
  });

  it(`refuses a body over ${maxWebhookBodyBytes / 1024} KB with 413 before reading it`, async () => {
    const { deliver, afterBurst, recomputed, portal } = setup();
    const event = propertyChange('company', portal.companies[0]?.id ?? '', 'hs_csm_sentiment', 'negative');
    const body = JSON.stringify(Array.from({ length: Math.ceil(maxWebhookBodyBytes / JSON.stringify(event).length) + 10 }, () => event));

    const response = await deliver(body);

    expect(response.status).toBe(413);
    expect(errorSchema.parse(await response.json()).error.code).toBe('payload_too_large');
    await afterBurst();
    expect(recomputed).toEqual([]);
  });

  it('is not served when live updates are not configured', async () => {
    const app = createApp({ card: { gateway: new HubSpotGateway(createHubSpotClient({ accessToken: 'x' })), config: defaultConfig, now: () => now }, signature: { mode: 'verify', secret }, log: () => undefined });
    const response = await app.request(targetUrl, { method: 'POST', body: '[]' });
    expect(response.status).toBe(404);
  });
});
