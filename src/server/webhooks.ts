import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { parseDelivery, webhookTargets, type WatchedObject, type WebhookTargets } from '../domain/sync/webhook-events.ts';
import { badInput, errorAnswer } from './http-errors.ts';
import { jsonInput } from './request-input.ts';

// POST /webhooks/hubspot: HubSpot's webhook deliveries (src/app/webhooks/). The request is
// size-checked, then its v3 signature verified (the same check as the card's routes), then
// its events parsed; the records they name go to the live-update batch and HubSpot gets its
// answer at once — it waits 5 seconds at most and retries a delivery that took longer.

export interface WebhookDeps {
  /** Input properties per object whose changes matter (domain `watchedProperties`). */
  readonly watched: Readonly<Record<WatchedObject, readonly string[]>>;
  /** Queues the records for recomputation (the live-update batch, and the shared work queue); must not wait for the recomputation. */
  readonly accept: (targets: WebhookTargets) => void | Promise<void>;
}

/** HubSpot sends up to 100 events a request, well under this. */
export const maxWebhookBodyBytes = 256 * 1024;

export function webhookRoutes(deps: WebhookDeps, verifySignature: MiddlewareHandler): Hono {
  const routes = new Hono();
  routes.post(
    '/hubspot',
    bodyLimit({
      maxSize: maxWebhookBodyBytes,
      onError: (c) => errorAnswer(c, { code: 'payload_too_large', message: `The webhook body exceeds ${maxWebhookBodyBytes / 1024} KB; HubSpot sends at most 100 events a request` }),
    }),
    verifySignature,
    jsonInput((text) => {
      const delivery = parseDelivery(text);
      return delivery.ok ? { ok: true, value: delivery.events } : { ok: false, error: badInput('json', '', `Not a HubSpot webhook delivery: ${delivery.message}`) };
    }),
    async (c) => {
      const events = c.req.valid('json');
      const outcome = webhookTargets(events, deps.watched);
      if (outcome.relevant > 0) await deps.accept(outcome.targets);
      return c.json({ received: events.length, relevant: outcome.relevant, ignored: outcome.ignored });
    },
  );
  return routes;
}
