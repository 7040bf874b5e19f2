import type { CsConfig } from '../../config/schema.ts';
import { dayZone, parseZonedDay, type Day, type DayZone } from '../parsing/index.ts';
import { noData, recencyScore, scored, sourceError, worded, type Explanation, type FactorResult } from './factor.ts';
import type { CrmRecord, PropertyValues } from '../card/snapshot.ts';
import { message } from '../../app/cards/contract/message.ts';
import { daysAgo, plural } from '../card/wording.ts';

// Engagement: how recently the CSM touched the company (notes_last_contacted) and how many
// of its contacts were touched lately ("engaged contacts").

export interface EngagementFacts {
  /** Days since the company's last touch; null when it was never contacted. */
  readonly daysSinceTouch: number | null;
  readonly contacts: number;
  readonly engagedContacts: number;
}

/**
 * Days since the company's last touch, and how many of its contacts were touched within engagedWithinDays.
 *
 * @example
 * // touched 10 days ago; of 3 contacts only the one touched in October is within 90 days:
 * engagementFacts({ notes_last_contacted: '2026-11-27T15:00:00Z' }, [{ id: '201', properties: { notes_last_contacted: '2026-10-01T09:00:00Z' } }, { id: '202', properties: { notes_last_contacted: '2026-03-01T09:00:00Z' } }, { id: '203', properties: {} }], defaultConfig.engagement, parseIsoDate('2026-12-07'))
 * // => { daysSinceTouch: 10, contacts: 3, engagedContacts: 1 }
 */
export function engagementFacts(company: PropertyValues, contacts: readonly CrmRecord[], config: CsConfig['engagement'], asOf: Day, zone: DayZone = dayZone('UTC')): EngagementFacts {
  const touched = parseZonedDay(company.notes_last_contacted, zone);
  let engagedContacts = 0;
  for (const contact of contacts) {
    const day = parseZonedDay(contact.properties.notes_last_contacted, zone);
    if (day !== null && asOf - day < config.engagedWithinDays) engagedContacts++;
  }
  return {
    daysSinceTouch: touched === null ? null : Math.max(0, asOf - touched),
    contacts: contacts.length,
    engagedContacts,
  };
}

/**
 * The engagement factor: touch recency (touchShare of it) and the share of engaged contacts (the rest).
 *
 * @example
 * // touch 10 days ago -> 100; 1 of 3 contacts engaged -> 33.3; 0.6 x 100 + 0.4 x 33.3 = 73.3:
 * engagementFactor({ daysSinceTouch: 10, contacts: 3, engagedContacts: 1 }, defaultConfig.engagement, false).score // => 73
 * engagementFactor({ daysSinceTouch: 10, contacts: 3, engagedContacts: 1 }, defaultConfig.engagement, false).explanation
 * // => 'Last touch 10 days ago; 1 of 3 contacts engaged in the last 90 days'
 */
export function engagementFactor(facts: EngagementFacts, config: CsConfig['engagement'], contactsFailed: boolean): FactorResult {
  return worded(lazyEngagementFactor(facts, config, contactsFailed));
}

/**
 * engagementFactor, its explanation worded when read (the evaluation's, health-evaluation.ts).
 *
 * @example
 * lazyEngagementFactor({ daysSinceTouch: 0, contacts: 0, engagedContacts: 0 }, defaultConfig.engagement, false).score // => 100
 */
export function lazyEngagementFactor(facts: EngagementFacts, config: CsConfig['engagement'], contactsFailed: boolean): FactorResult<Explanation> {
  if (contactsFailed) return sourceError('engagement', 'Contacts could not be read, so engagement is not counted');
  if (facts.daysSinceTouch === null && facts.contacts === 0) return noData('engagement', 'No recorded touch and no contacts', message('factor.engagement.none'));
  const touchScore = facts.daysSinceTouch === null ? 0 : recencyScore(facts.daysSinceTouch, config.touchFullScoreDays, config.touchZeroScoreDays);
  const explanationMessage = message('factor.engagement.touch', {
    touched: facts.daysSinceTouch ?? -1,
    contacts: facts.contacts,
    engaged: facts.engagedContacts,
    withinDays: config.engagedWithinDays,
  });
  if (facts.contacts === 0) return scored('engagement', touchScore, () => `${touchText(facts)}; no contacts`, explanationMessage);
  const contactScore = (100 * facts.engagedContacts) / facts.contacts;
  return scored(
    'engagement',
    config.touchShare * touchScore + (1 - config.touchShare) * contactScore,
    () => `${touchText(facts)}; ${facts.engagedContacts} of ${plural(facts.contacts, 'contact')} engaged in the last ${config.engagedWithinDays} days`,
    explanationMessage,
  );
}

function touchText(facts: EngagementFacts): string {
  return facts.daysSinceTouch === null ? 'No CSM touch on record' : `Last touch ${daysAgo(facts.daysSinceTouch)}`;
}
