import type { CsConfig } from '../../config/schema.ts';
import { parseDay, type Day } from '../parsing/index.ts';
import { noData, recencyScore, scored, sourceError, type FactorResult } from './factor.ts';
import { parseNumber } from '../parsing/index.ts';
import type { PropertyValues } from '../card/snapshot.ts';
import { message } from '../../app/cards/contract/message.ts';
import { daysAgo, percent } from '../card/wording.ts';

// Adoption from the configured usage properties: seat utilisation (active / licensed
// seats) and days since the last product activity.

export interface AdoptionFacts {
  readonly seatsActive: number | null;
  readonly seatsLicensed: number | null;
  /** active / licensed; null unless both are known and licensed > 0. May exceed 1. */
  readonly utilisation: number | null;
  readonly daysSinceActivity: number | null;
}

export function adoptionFacts(company: PropertyValues, config: CsConfig['adoption'], asOf: Day): AdoptionFacts {
  const active = parseNumber(company[config.seatsActiveProperty]);
  const licensed = parseNumber(company[config.seatsLicensedProperty]);
  const seatsActive = active !== null && active >= 0 ? active : null;
  const seatsLicensed = licensed !== null && licensed > 0 ? licensed : null;
  const activity = parseDay(company[config.lastActivityProperty]);
  return {
    seatsActive,
    seatsLicensed,
    utilisation: seatsActive !== null && seatsLicensed !== null ? seatsActive / seatsLicensed : null,
    daysSinceActivity: activity === null ? null : Math.max(0, asOf - activity),
  };
}

export function describeSeats(facts: AdoptionFacts): string | null {
  if (facts.utilisation === null) return null;
  return `${facts.seatsActive} of ${facts.seatsLicensed} seats active (${percent(facts.utilisation)})`;
}

export function adoptionFactor(facts: AdoptionFacts, config: CsConfig['adoption'], companyFailed: boolean): FactorResult {
  if (companyFailed) return sourceError('adoption', 'Company usage properties could not be read, so adoption is not counted');
  const { utilisation, daysSinceActivity } = facts;
  const seatsScore = utilisation === null ? null : Math.min(1, utilisation / config.targetUtilisation) * 100;
  const activityScore = daysSinceActivity === null ? null : recencyScore(daysSinceActivity, config.activityFullScoreDays, config.activityZeroScoreDays);
  if (seatsScore === null && activityScore === null) return noData('adoption', 'No seat or product-usage data', message('factor.adoption.none'));
  // The mean of the parts that have data, explained in the same order.
  const score = seatsScore === null ? activityScore : activityScore === null ? seatsScore : (seatsScore + activityScore) / 2;
  const seats = describeSeats(facts); // starts with a number: "42 of 50 seats active (84%)"
  const activity = daysSinceActivity === null ? '' : `product activity ${daysAgo(daysSinceActivity)}`;
  const text = seats === null ? `Last ${activity}` : activity === '' ? seats : `${seats}; last ${activity}`;
  const explanationMessage = message('factor.adoption.usage', {
    seats: seats === null ? 'no' : 'yes',
    active: facts.seatsActive ?? 0,
    licensed: facts.seatsLicensed ?? 0,
    percent: Math.round((utilisation ?? 0) * 100),
    activity: daysSinceActivity ?? -1,
  });
  return scored('adoption', score ?? 0, text, explanationMessage);
}
