import type { CsConfig } from '../config/schema.ts';
import { parseDay, type Day } from './dates.ts';
import { noData, recencyScore, scored, sourceError, type FactorResult } from './factor.ts';
import { numberOf } from './property-values.ts';
import type { PropertyValues } from './snapshot.ts';
import { daysAgo, percent } from './wording.ts';

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
  const active = numberOf(company, config.seatsActiveProperty);
  const licensed = numberOf(company, config.seatsLicensedProperty);
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
  const parts: number[] = [];
  const texts: string[] = [];
  if (facts.utilisation !== null) {
    parts.push(Math.min(1, facts.utilisation / config.targetUtilisation) * 100);
    texts.push(describeSeats(facts) ?? '');
  }
  if (facts.daysSinceActivity !== null) {
    parts.push(recencyScore(facts.daysSinceActivity, config.activityFullScoreDays, config.activityZeroScoreDays));
    texts.push(`last product activity ${daysAgo(facts.daysSinceActivity)}`);
  }
  if (parts.length === 0) return noData('adoption', 'No seat or product-usage data');
  const text = texts.join('; ');
  return scored('adoption', parts.reduce((a, b) => a + b, 0) / parts.length, text.charAt(0).toUpperCase() + text.slice(1));
}
