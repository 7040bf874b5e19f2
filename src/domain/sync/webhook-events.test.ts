import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csConfigSchema, defaultConfig } from '../../config/schema.ts';
import { requiredProperties } from '../card/requirements.ts';
import { isProductProperty, parseDelivery, watchedProperties, webhookTargets, type WebhookEvent } from './webhook-events.ts';
import { ownedCompanyProperties } from './written-values.ts';
import { associationChange, classic, creation, propertyChange } from '../../../test/webhooks/fixtures.ts';

const watched = watchedProperties(defaultConfig);

function events(...raw: unknown[]): WebhookEvent[] {
  const parsed = parseDelivery(JSON.stringify(raw));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.events;
}

function messageFor(body: string): string {
  const parsed = parseDelivery(body);
  if (parsed.ok) throw new Error('expected the body to be refused');
  return parsed.message;
}

describe('which properties live updates watch', () => {
  it('watches the company inputs of the configuration, none of the product\'s cs_ properties', () => {
    expect([...watched.companies].sort()).toEqual(['contract_end_date', 'hs_csm_sentiment', 'lifecyclestage', 'notes_last_contacted']);
    for (const names of Object.values(watched)) for (const name of names) expect(isProductProperty(name)).toBe(false);
    for (const name of ownedCompanyProperties) expect(watched.companies).not.toContain(name);
  });

  it('follows a configured sentiment or contract-date property', () => {
    const config = csConfigSchema.parse({ sentiment: { property: 'csm_mood' }, renewal: { companyDateProperty: 'renewal_due_on' } });
    expect(watchedProperties(config).companies).toEqual(expect.arrayContaining(['csm_mood', 'renewal_due_on']));
    expect(watchedProperties(config).companies).not.toContain('hs_csm_sentiment');
  });

  it('watches only deal and ticket fields the health rules read', () => {
    const read = requiredProperties(defaultConfig);
    expect(read.deal).toEqual(expect.arrayContaining([...watched.deals]));
    expect(read.ticket).toEqual(expect.arrayContaining([...watched.tickets]));
    expect(read.contact).toEqual(expect.arrayContaining([...watched.contacts]));
  });
});

describe('parseDelivery', () => {
  it('reads HubSpot\'s generic and classic events, ids as numbers or digit strings', () => {
    const parsed = events(propertyChange('deal', '9001', 'dealstage', 'closedwon'), classic('ticket.creation', { objectId: '777' }));
    expect(parsed.map((event) => event.objectId)).toEqual(['9001', '777']);
  });

  it.each([
    ['not JSON', '{"eventId": 1,', /not JSON/],
    ['a single object', JSON.stringify(propertyChange('deal', '1', 'amount')), /JSON array of HubSpot webhook events/],
    ['an empty array', '[]', /empty array/],
    ['an event that is not an object', '[42]', /event 0: must be a JSON object/],
    ['an event without a subscription type', JSON.stringify([{ eventId: 1, occurredAt: 1 }]), /event 0: subscriptionType is required/],
    ['a property change without its property', JSON.stringify([{ ...propertyChange('deal', '1', 'amount'), propertyName: undefined }]), /event 0: propertyName is required for object\.propertyChange events/],
    ['a generic event without its object type', JSON.stringify([{ ...creation('deal', '1'), objectTypeId: undefined }]), /event 0: objectTypeId is required/],
    ['a record id that is not a number', JSON.stringify([creation('ticket', '1'), { ...creation('ticket', '2'), objectId: 'abc' }]), /event 1: objectId must be a HubSpot record id/],
    ['an association without its other end', JSON.stringify([{ ...associationChange('company', '1', 'deal', '2'), toObjectId: undefined }]), /event 0: toObjectId is required/],
  ])('refuses %s with a message naming the problem', (_, body, expected) => {
    expect(messageFor(body)).toMatch(expected);
  });

  it('names at most three problems', () => {
    const message = messageFor(JSON.stringify([1, 2, 3, 4, 5]));
    expect(message.match(/event \d/g)).toHaveLength(3);
    expect(message).toMatch(/and 2 more problem/);
  });
});

describe('webhookTargets', () => {
  it('collects each record once, by the object it names', () => {
    const outcome = webhookTargets(
      events(
        propertyChange('company', '11', 'hs_csm_sentiment', 'negative'),
        propertyChange('company', '11', 'lifecyclestage', 'customer'),
        propertyChange('deal', '21', 'dealstage', 'closedlost'),
        creation('deal', '22'),
        creation('ticket', '31'),
        propertyChange('ticket', '31', 'hs_ticket_priority', 'URGENT'),
        propertyChange('contact', '41', 'notes_last_contacted', '1763800000000'),
        creation('feedback_submission', '51'),
      ),
      watched,
    );
    expect(outcome.targets).toEqual({ companies: ['11'], deals: ['21', '22'], tickets: ['31'], contacts: ['41'], feedback_submissions: ['51'] });
    expect(outcome).toMatchObject({ relevant: 8, ignored: 0 });
  });

  it('ignores changes to the product\'s own cs_ properties, so its writes do not loop', () => {
    const outcome = webhookTargets(
      events(
        propertyChange('company', '11', 'cs_health_score', '42'),
        propertyChange('company', '11', 'cs_health_band', 'at_risk'),
        propertyChange('company', '12', 'cs_health_updated_at', '2026-11-22T10:00:00Z'),
        propertyChange('company', '13', 'cs_handoff_status', 'submitted'),
        propertyChange('deal', '21', 'cs_anything', '1'),
      ),
      watched,
    );
    expect(outcome.relevant).toBe(0);
    expect(outcome.ignored).toBe(5);
    expect(Object.values(outcome.targets).flat()).toEqual([]);
  });

  it('ignores a cs_ property even when a configuration points an input at it', () => {
    const config = csConfigSchema.parse({ sentiment: { property: 'cs_sentiment' } });
    const outcome = webhookTargets(events(propertyChange('company', '11', 'cs_sentiment', 'negative')), watchedProperties(config));
    expect(outcome.relevant).toBe(0);
  });

  it('property: no event about a cs_ property ever names a record, even one listed as watched', () => {
    const object = fc.constantFrom('company', 'deal', 'ticket', 'contact', 'feedback_submission' as const);
    const csName = fc.stringMatching(/^[a-zA-Z0-9_]{1,30}$/).chain((rest) => fc.constantFrom(`cs_${rest}`, `CS_${rest}`));
    fc.assert(
      fc.property(fc.array(fc.tuple(object, fc.bigInt({ min: 1n, max: 10n ** 12n }), csName), { minLength: 1, maxLength: 20 }), (changes) => {
        const names = changes.map(([, , name]) => name);
        const listed = { companies: names, deals: names, tickets: names, contacts: names, feedback_submissions: names };
        const outcome = webhookTargets(events(...changes.map(([type, id, name]) => propertyChange(type, String(id), name))), listed);
        return outcome.relevant === 0 && Object.values(outcome.targets).every((ids) => ids.length === 0);
      }),
    );
  });

  it('ignores properties health does not read and objects it does not use', () => {
    const outcome = webhookTargets(
      events(
        propertyChange('company', '11', 'name', 'Renamed Ltd'),
        propertyChange('company', '11', 'hubspot_owner_id', '4412'),
        propertyChange('deal', '21', 'dealname', 'Renewal 2027'),
        propertyChange('contact', '41', 'firstname', 'Ana'),
        creation('contact', '42'),
        { ...creation('deal', '23'), objectTypeId: '0-7' },
        classic('conversation.creation', { objectId: 5 }),
        classic('deal.deletion', { objectId: 24 }),
      ),
      watched,
    );
    expect(outcome).toMatchObject({ relevant: 0, ignored: 8 });
  });

  it('names the company at either end of an association change, added or removed', () => {
    const outcome = webhookTargets(
      events(
        associationChange('company', '11', 'contact', '41'),
        associationChange('contact', '42', 'company', '12', true),
        associationChange('company', '13', 'ticket', '31'),
        associationChange('deal', '21', 'contact', '41'),
        classic('company.associationChange', { associationType: 'COMPANY_TO_DEAL', fromObjectId: 14, toObjectId: 22, associationRemoved: false }),
        classic('contact.associationChange', { associationType: 'CONTACT_TO_COMPANY', fromObjectId: 43, toObjectId: 15, associationRemoved: true }),
      ),
      watched,
    );
    expect([...outcome.targets.companies].sort()).toEqual(['11', '12', '13', '14', '15']);
    expect(outcome.ignored).toBe(1);
  });

  it('recomputes the record a merge leaves', () => {
    const outcome = webhookTargets(
      events(classic('object.merge', { objectTypeId: '0-2', objectId: 11, primaryObjectId: 11, mergedObjectIds: [12], newObjectId: 19, numberOfPropertiesMoved: 4 })),
      watched,
    );
    expect(outcome.targets.companies).toEqual(['19']);
  });
});
