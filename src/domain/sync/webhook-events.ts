import { z } from 'zod';
import type { CsConfig } from '../../config/schema.ts';
import { requiredProperties } from '../card/requirements.ts';

// HubSpot's webhook deliveries and which of their events can move a company's health.
// A delivery is a JSON array of events (HubSpot batches up to 100), each naming a record by id:
// the generic format (`object.propertyChange` with `objectTypeId` "0-3") and the classic one
// (`deal.propertyChange`) are both understood. What comes out is the set of record ids to
// recompute: companies directly, deals, tickets, contacts and survey answers still to be
// followed to their companies.
//
// Properties in the product's `cs_` namespace are never inputs here: sync writes health there,
// the card writes the handoff there, and reacting to them would feed the product's own writes
// back into itself (HUBSPOT.md, SDK gotcha 8). Inputs that other integrations keep in `cs_`
// properties (seats, product activity, QBR date) are left to the scheduled sync.

export type WatchedObject = 'companies' | 'contacts' | 'deals' | 'tickets' | 'feedback_submissions';

/**
 * The product's namespace: everything in it is written by the product or reserved for it.
 *
 * @example
 * isProductProperty('CS_health_score') // => true
 * isProductProperty('dealstage')       // => false
 */
export function isProductProperty(name: string): boolean {
  return name.toLowerCase().startsWith('cs_');
}

// HubSpot's object type ids (generic events) and classic names, for the objects health reads.
const byTypeId: Readonly<Record<string, WatchedObject>> = {
  '0-1': 'contacts',
  '0-2': 'companies',
  '0-3': 'deals',
  '0-5': 'tickets',
  '0-19': 'feedback_submissions',
};
const byClassicName: Readonly<Record<string, WatchedObject>> = {
  contact: 'contacts',
  company: 'companies',
  deal: 'deals',
  ticket: 'tickets',
  feedback_submission: 'feedback_submissions',
};

/** The webhook component names objects in the singular (`objectType` of its subscriptions). */
export const subscriptionObjectType: Readonly<Record<WatchedObject, string>> = {
  companies: 'company',
  contacts: 'contact',
  deals: 'deal',
  tickets: 'ticket',
  feedback_submissions: 'feedback_submission',
};

/**
 * Input properties whose change can move a score, per object. Company inputs follow the
 * configuration; the others are the fields the domain rules read — calculated fields
 * (hs_is_closed, probabilities) move with the stage and fire no events of their own.
 *
 * @example
 * watchedProperties(defaultConfig).tickets // => ['hs_pipeline_stage', 'hs_ticket_priority']
 * // the company's name labels the card, it moves no score:
 * watchedProperties(defaultConfig).companies.includes('name') // => false
 */
export function watchedProperties(config: CsConfig): Readonly<Record<WatchedObject, readonly string[]>> {
  // The name labels the card and the owner receives tasks: neither moves the health.
  const cosmetic = new Set(['name', 'hubspot_owner_id']);
  const company = requiredProperties(config).company.filter((name) => !cosmetic.has(name) && !isProductProperty(name));
  return {
    companies: company,
    deals: ['dealstage', 'closedate', 'amount', 'dealtype', 'pipeline'],
    tickets: ['hs_pipeline_stage', 'hs_ticket_priority'],
    // A CSM's last touch of each contact feeds engagement; their survey answers arrive as
    // feedback_submissions of their own.
    contacts: ['notes_last_contacted'],
    feedback_submissions: [],
  };
}

/** Record ids HubSpot sends as JSON numbers (and, in some tools, as digit strings). */
const recordIdError = { error: 'must be a HubSpot record id (a whole number)' };
const recordId = z
  .union([z.number(recordIdError).int(recordIdError).nonnegative(recordIdError).max(Number.MAX_SAFE_INTEGER, recordIdError), z.string(recordIdError).regex(/^\d{1,20}$/, recordIdError)], recordIdError)
  .transform(String);

const typeId = z.string().regex(/^\d+-\d+$/, { error: 'must be a HubSpot object type id like "0-3"' });

const eventSchema = z
  .looseObject({
    eventId: z.union([z.number(), z.string()], { error: 'is required (the event id HubSpot assigns)' }),
    subscriptionType: z
      .string({ error: 'is required, like "object.propertyChange" or "deal.creation"' })
      .regex(/^[a-z_]+\.[A-Za-z]+$/, { error: 'must look like "object.propertyChange" or "deal.creation"' }),
    occurredAt: z.number({ error: 'is required (milliseconds since 1970)' }).int().nonnegative(),
    portalId: z.union([z.number(), z.string()]).optional(),
    attemptNumber: z.number().int().nonnegative().optional(),
    objectId: recordId.optional(),
    objectTypeId: typeId.optional(),
    propertyName: z.string().min(1).optional(),
    propertyValue: z.union([z.string(), z.number(), z.boolean()]).nullable().optional(),
    changeSource: z.string().optional(),
    associationType: z.string().optional(),
    fromObjectId: recordId.optional(),
    toObjectId: recordId.optional(),
    fromObjectTypeId: typeId.optional(),
    toObjectTypeId: typeId.optional(),
    associationRemoved: z.boolean().optional(),
    primaryObjectId: recordId.optional(),
    mergedObjectIds: z.array(recordId).optional(),
    newObjectId: recordId.optional(),
  })
  .check((ctx) => {
    const event = ctx.value;
    const need = (field: keyof typeof event & string, why: string) => {
      if (event[field] === undefined) ctx.issues.push({ code: 'custom', input: event, path: [field], message: `is required for ${event.subscriptionType} events (${why})` });
    };
    const action = event.subscriptionType.split('.')[1] ?? '';
    // Generic association events name the type of each end instead (fromObjectTypeId, toObjectTypeId).
    if (event.subscriptionType.startsWith('object.') && action !== 'associationChange') need('objectTypeId', 'which kind of record changed');
    if (action === 'propertyChange') {
      need('objectId', 'which record changed');
      need('propertyName', 'which property changed');
    } else if (action === 'creation' || action === 'deletion' || action === 'restore') {
      need('objectId', 'which record it is');
    } else if (action === 'associationChange') {
      need('fromObjectId', 'one end of the association');
      need('toObjectId', 'the other end of the association');
    } else if (action === 'merge' && event.primaryObjectId === undefined && event.objectId === undefined) {
      need('primaryObjectId', 'the record the others were merged into');
    }
  });

export type WebhookEvent = z.infer<typeof eventSchema>;

/** HubSpot sends at most 100 events a request; anything much larger is not HubSpot. */
export const maxEventsPerDelivery = 1000;

const deliverySchema = z
  .array(eventSchema, { error: 'the body must be a JSON array of HubSpot webhook events' })
  .min(1, { error: 'the body is an empty array: a delivery holds at least one event' })
  .max(maxEventsPerDelivery, { error: `a delivery holds at most ${maxEventsPerDelivery} events` });

export type DeliveryParse = { readonly ok: true; readonly events: WebhookEvent[] } | { readonly ok: false; readonly message: string };

/**
 * The request body as HubSpot sends it, or one message naming what is wrong and where.
 *
 * @example
 * parseDelivery('[{"eventId": 1, "subscriptionType": "deal.propertyChange", "occurredAt": 1796637600000, "objectId": 12, "propertyName": "dealstage", "propertyValue": "closedwon"}]')
 * // => { ok: true, events: [{ eventId: 1, subscriptionType: 'deal.propertyChange', occurredAt: 1796637600000, objectId: '12', propertyName: 'dealstage', propertyValue: 'closedwon' }] }
 * parseDelivery('[{"eventId": 1, "subscriptionType": "deal.propertyChange", "occurredAt": 1796637600000}]')
 * // => { ok: false, message: 'event 0: objectId is required for deal.propertyChange events (which record changed); event 0: propertyName is required for deal.propertyChange events (which property changed)' }
 * parseDelivery('{}') // => { ok: false, message: 'the body must be a JSON array of HubSpot webhook events' }
 */
export function parseDelivery(body: string): DeliveryParse {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, message: 'the body is not JSON: HubSpot sends a JSON array of webhook events' };
  }
  const parsed = deliverySchema.safeParse(json);
  if (parsed.success) return { ok: true, events: parsed.data };
  const shown = parsed.error.issues.slice(0, 3).map(issueText);
  const more = parsed.error.issues.length - shown.length;
  return { ok: false, message: `${shown.join('; ')}${more > 0 ? `; and ${more} more problem(s)` : ''}` };
}

function issueText(issue: z.core.$ZodIssue): string {
  const [index, field, ...rest] = issue.path;
  if (typeof index !== 'number') return issue.message;
  if (field === undefined) return `event ${index}: ${issue.code === 'invalid_type' ? 'must be a JSON object' : issue.message}`;
  return `event ${index}: ${[field, ...rest].map(String).join('.')} ${issue.message}`;
}

/** Ids to recompute: companies directly, the rest via their associations. */
export type WebhookTargets = Readonly<Record<WatchedObject, readonly string[]>>;

export interface DeliveryOutcome {
  readonly targets: WebhookTargets;
  /** Events that name something health reads. */
  readonly relevant: number;
  /** Events about properties, objects or changes health does not read (or the product's own writes). */
  readonly ignored: number;
}

type EventTargets = ReadonlyArray<readonly [WatchedObject, string]>;

const watchedObjects: readonly WatchedObject[] = ['companies', 'contacts', 'deals', 'tickets', 'feedback_submissions'];

function perObject<T>(make: (object: WatchedObject) => T): Record<WatchedObject, T> {
  const [companies, contacts, deals, tickets, feedback_submissions] = watchedObjects.map(make) as [T, T, T, T, T];
  return { companies, contacts, deals, tickets, feedback_submissions };
}

/**
 * The records whose companies need a new score after these events.
 *
 * @example
 * // a watched deal property changed (deal 12), an unwatched one did not count, a contact was associated with company 1:
 * webhookTargets([
 *   { eventId: 1, subscriptionType: 'deal.propertyChange', occurredAt: 0, objectId: '12', propertyName: 'dealstage' },
 *   { eventId: 2, subscriptionType: 'deal.propertyChange', occurredAt: 0, objectId: '12', propertyName: 'description' },
 *   { eventId: 3, subscriptionType: 'contact.associationChange', occurredAt: 0, associationType: 'CONTACT_TO_COMPANY', fromObjectId: '201', toObjectId: '1' },
 * ], watchedProperties(defaultConfig))
 * // => { targets: { companies: ['1'], contacts: [], deals: ['12'], tickets: [], feedback_submissions: [] }, relevant: 2, ignored: 1 }
 */
export function webhookTargets(events: readonly WebhookEvent[], watched: Readonly<Record<WatchedObject, readonly string[]>>): DeliveryOutcome {
  const sets = perObject(() => new Set<string>());
  const watchedSets = perObject((object) => new Set(watched[object]));
  let relevant = 0;
  for (const event of events) {
    const found = targetsOf(event, watchedSets);
    if (found.length === 0) continue;
    relevant += 1;
    for (const [type, id] of found) sets[type].add(id);
  }
  return { targets: perObject((object) => [...sets[object]]), relevant, ignored: events.length - relevant };
}

/** Which object an event is about: `objectTypeId` for generic events, the prefix for classic ones. */
function objectOf(event: WebhookEvent): WatchedObject | null {
  const [prefix] = event.subscriptionType.split('.');
  if (prefix === 'object') return event.objectTypeId === undefined ? null : (byTypeId[event.objectTypeId] ?? null);
  return byClassicName[prefix ?? ''] ?? null;
}

function targetsOf(event: WebhookEvent, watched: Readonly<Record<WatchedObject, ReadonlySet<string>>>): EventTargets {
  const action = event.subscriptionType.split('.')[1];
  if (action === 'associationChange') return associationTargets(event);
  const object = objectOf(event);
  if (object === null) return [];
  switch (action) {
    case 'propertyChange': {
      const name = event.propertyName ?? '';
      return !isProductProperty(name) && watched[object].has(name) && event.objectId !== undefined ? [[object, event.objectId]] : [];
    }
    case 'creation':
    case 'restore':
      // A new contact changes nothing until it is associated (an association event says so).
      return object !== 'contacts' && event.objectId !== undefined ? [[object, event.objectId]] : [];
    case 'merge': {
      // Merged records end up as one: recompute whichever record carries on.
      const survivor = event.newObjectId ?? event.primaryObjectId ?? event.objectId;
      return survivor === undefined ? [] : [[object, survivor]];
    }
    default:
      // A deleted record can no longer be followed to its companies; the association
      // removal and the scheduled sync catch what it changes.
      return [];
  }
}

/** An association added or removed: the company at either end needs a new score. */
function associationTargets(event: WebhookEvent): EventTargets {
  const [fromType, toType] = associationEnds(event);
  const found: Array<readonly [WatchedObject, string]> = [];
  if (fromType === 'companies' && event.fromObjectId !== undefined) found.push(['companies', event.fromObjectId]);
  if (toType === 'companies' && event.toObjectId !== undefined) found.push(['companies', event.toObjectId]);
  return found;
}

/** Generic events name both type ids; classic ones say it in associationType, e.g. CONTACT_TO_COMPANY. */
function associationEnds(event: WebhookEvent): [WatchedObject | null, WatchedObject | null] {
  if (event.fromObjectTypeId !== undefined || event.toObjectTypeId !== undefined) {
    return [byTypeId[event.fromObjectTypeId ?? ''] ?? null, byTypeId[event.toObjectTypeId ?? ''] ?? null];
  }
  const match = /^([A-Z_]+?)_TO_([A-Z_]+)$/.exec(event.associationType ?? '');
  if (!match) return [null, null];
  const end = (name: string | undefined) => byClassicName[(name ?? '').toLowerCase()] ?? null;
  return [end(match[1]), end(match[2])];
}
