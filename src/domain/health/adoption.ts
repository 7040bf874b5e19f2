import type { CsConfig } from '../../config/schema.ts';
import { parseDay, type Day } from '../parsing/index.ts';
import { later, noData, recencyScore, scored, sourceError, worded, type Explanation, type FactorResult } from './factor.ts';
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

/**
 * Seat utilisation and days since the last product activity, from the configured company properties.
 *
 * @example
 * adoptionFacts({ cs_seats_active: '42', cs_seats_licensed: '50', cs_last_product_activity: '2026-11-30' }, defaultConfig.adoption, parseIsoDate('2026-12-07'))
 * // => { seatsActive: 42, seatsLicensed: 50, utilisation: 0.84, daysSinceActivity: 7 }
 * adoptionFacts({ cs_seats_active: '42', cs_seats_licensed: '0' }, defaultConfig.adoption, parseIsoDate('2026-12-07')).utilisation // => null
 */
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

/**
 * "42 of 50 seats active (84%)", or null when utilisation is unknown.
 *
 * @example
 * describeSeats({ seatsActive: 42, seatsLicensed: 50, utilisation: 0.84, daysSinceActivity: 7 }) // => '42 of 50 seats active (84%)'
 * describeSeats({ seatsActive: 42, seatsLicensed: null, utilisation: null, daysSinceActivity: 7 }) // => null
 */
export function describeSeats(facts: AdoptionFacts): string | null {
  if (facts.utilisation === null) return null;
  return `${facts.seatsActive} of ${facts.seatsLicensed} seats active (${percent(facts.utilisation)})`;
}

/**
 * The adoption factor: the mean of the seat score (utilisation against the target) and the activity recency score, of those with data.
 *
 * @example
 * // seats 0.6 / 0.8 -> 75; activity 20 days (100 up to 7, 0 from 60) -> 100 x 40/53 = 75.5; mean 75.2:
 * adoptionFactor({ seatsActive: 30, seatsLicensed: 50, utilisation: 0.6, daysSinceActivity: 20 }, defaultConfig.adoption, false).score // => 75
 * adoptionFactor({ seatsActive: 30, seatsLicensed: 50, utilisation: 0.6, daysSinceActivity: 20 }, defaultConfig.adoption, false).explanation
 * // => '30 of 50 seats active (60%); last product activity 20 days ago'
 * adoptionFactor({ seatsActive: null, seatsLicensed: null, utilisation: null, daysSinceActivity: null }, defaultConfig.adoption, false).status // => 'no_data'
 */
export function adoptionFactor(facts: AdoptionFacts, config: CsConfig['adoption'], companyFailed: boolean): FactorResult {
  return worded(lazyAdoptionFactor(facts, config, companyFailed));
}

/**
 * adoptionFactor, its explanation worded when read (the evaluation's, health-evaluation.ts).
 *
 * @example
 * lazyAdoptionFactor({ seatsActive: 50, seatsLicensed: 50, utilisation: 1, daysSinceActivity: null }, defaultConfig.adoption, false).score // => 100
 */
export function lazyAdoptionFactor(facts: AdoptionFacts, config: CsConfig['adoption'], companyFailed: boolean): FactorResult<Explanation> {
  if (companyFailed) return sourceError('adoption', 'Company usage properties could not be read, so adoption is not counted');
  const { utilisation, daysSinceActivity } = facts;
  const seatsScore = utilisation === null ? null : Math.min(1, utilisation / config.targetUtilisation) * 100;
  const activityScore = daysSinceActivity === null ? null : recencyScore(daysSinceActivity, config.activityFullScoreDays, config.activityZeroScoreDays);
  if (seatsScore === null && activityScore === null) return noData('adoption', 'No seat or product-usage data', message('factor.adoption.none'));
  // The mean of the parts that have data, explained in the same order.
  const score = seatsScore === null ? activityScore : activityScore === null ? seatsScore : (seatsScore + activityScore) / 2;
  const text = later(() => {
    const seats = describeSeats(facts); // starts with a number: "42 of 50 seats active (84%)"
    const activity = daysSinceActivity === null ? '' : `product activity ${daysAgo(daysSinceActivity)}`;
    return seats === null ? `Last ${activity}` : activity === '' ? seats : `${seats}; last ${activity}`;
  });
  const explanationMessage = message('factor.adoption.usage', {
    seats: utilisation === null ? 'no' : 'yes',
    active: facts.seatsActive ?? 0,
    licensed: facts.seatsLicensed ?? 0,
    percent: Math.round((utilisation ?? 0) * 100),
    activity: daysSinceActivity ?? -1,
  });
  return scored('adoption', score ?? 0, text, explanationMessage);
}
