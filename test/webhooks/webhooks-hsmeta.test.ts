import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BACKEND_URL } from '../../src/app/cards/backend.ts';
import raw from '../../src/app/webhooks/webhooks-hsmeta.json' with { type: 'json' };
import { defaultConfig } from '../../src/config/schema.ts';
import { isProductProperty, parseDelivery, subscriptionObjectType, watchedProperties, webhookTargets, type WatchedObject } from '../../src/domain/sync/webhook-events.ts';
import { productProperties } from '../../src/domain/properties.ts';
import { ownedCompanyProperties } from '../../src/domain/sync/written-values.ts';
import { propertyWords } from '../../src/usecases/portal-wording.ts';

// The webhook component HubSpot uploads (platform 2026.03, "Configure webhooks"): it must
// subscribe to the health inputs — and never to a property the product writes, which would
// make every sync write trigger a webhook that triggers another write.

const subscriptionSchema = z.strictObject({
  subscriptionType: z.enum(['object.creation', 'object.propertyChange', 'object.associationChange', 'object.merge', 'object.restore', 'object.deletion']),
  objectType: z.string(),
  propertyName: z.string().optional(),
  active: z.boolean(),
});
const webhooksSchema = z.strictObject({
  uid: z.string().regex(/^[a-z0-9_]+$/),
  type: z.literal('webhooks'),
  config: z.strictObject({
    settings: z.strictObject({ targetUrl: z.url({ protocol: /^https$/ }), maxConcurrentRequests: z.number().int().min(1) }),
    subscriptions: z.strictObject({ crmObjects: z.array(subscriptionSchema).min(1) }),
  }),
});

const meta = webhooksSchema.parse(raw);
const subscriptions = meta.config.subscriptions.crmObjects;
const objectOf = Object.fromEntries(Object.entries(subscriptionObjectType).map(([plural, singular]) => [singular, plural])) as Record<string, WatchedObject>;
const typeIds: Record<WatchedObject, string> = { contacts: '0-1', companies: '0-2', deals: '0-3', tickets: '0-5', feedback_submissions: '0-19' };

describe('src/app/webhooks/webhooks-hsmeta.json', () => {
  it('subscribes to no cs_ property, in particular none the product writes', () => {
    const named = subscriptions.flatMap((subscription) => subscription.propertyName ?? []);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter(isProductProperty)).toEqual([]);
    const written = new Set([...ownedCompanyProperties, ...productProperties(defaultConfig, propertyWords('en')).map((property) => property.name)]);
    expect(named.filter((name) => written.has(name))).toEqual([]);
  });

  it('delivers to the backend\'s webhook route', () => {
    expect(meta.config.settings.targetUrl).toBe(`${BACKEND_URL}/webhooks/hubspot`);
  });

  it('subscribes to exactly the properties live updates watch, per object', () => {
    const watched = watchedProperties(defaultConfig);
    for (const [object, names] of Object.entries(watched) as Array<[WatchedObject, readonly string[]]>) {
      const subscribed = subscriptions
        .filter((subscription) => subscription.subscriptionType === 'object.propertyChange' && objectOf[subscription.objectType] === object)
        .map((subscription) => subscription.propertyName);
      expect(subscribed.sort(), object).toEqual([...names].sort());
    }
  });

  it('subscribes to creations of deals and tickets, and to the companies\' association changes', () => {
    const kinds = subscriptions.filter((subscription) => subscription.subscriptionType !== 'object.propertyChange').map((s) => `${s.objectType}:${s.subscriptionType}`);
    expect(kinds).toEqual(expect.arrayContaining(['deal:object.creation', 'ticket:object.creation', 'company:object.associationChange']));
  });

  it('subscribes to no object whose scope the app only asks for optionally (HubSpot may not deliver them)', async () => {
    const app = (await import('../../src/app/app-hsmeta.json', { with: { type: 'json' } })).default;
    const optional = app.config.auth.optionalScopes;
    expect(optional).toContain('crm.objects.feedback_submissions.read');
    expect(subscriptions.map((subscription) => subscription.objectType)).not.toContain('feedback_submission');
  });

  it('has no subscription whose events live updates would ignore', () => {
    for (const [index, subscription] of subscriptions.entries()) {
      expect(subscription.active).toBe(true);
      const object = objectOf[subscription.objectType];
      if (!object) throw new Error(`subscription ${index}: unknown objectType ${subscription.objectType}`);
      const event =
        subscription.subscriptionType === 'object.associationChange'
          ? { fromObjectTypeId: typeIds[object], fromObjectId: 11, toObjectTypeId: '0-1', toObjectId: 12, associationRemoved: false }
          : { objectTypeId: typeIds[object], objectId: 11, ...(subscription.propertyName ? { propertyName: subscription.propertyName, propertyValue: 'x' } : {}) };
      const delivery = parseDelivery(JSON.stringify([{ eventId: index, occurredAt: 1763805598000, subscriptionType: subscription.subscriptionType, ...event }]));
      if (!delivery.ok) throw new Error(delivery.message);
      expect(webhookTargets(delivery.events, watchedProperties(defaultConfig)).relevant, `${subscription.objectType} ${subscription.subscriptionType} ${subscription.propertyName ?? ''}`).toBe(1);
    }
  });
});
