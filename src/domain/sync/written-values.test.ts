import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/schema.ts';
import { costliestFactors } from '../../app/cards/components/presentation.ts';
import { buildCardView } from '../card/card.ts';
import type { FactorOutcome } from '../health/health.ts';
import { asOfArb, configArb, snapshotArb } from '../testing/arbitraries.ts';
import { healthDrivers, type WrittenWording } from './written-values.ts';

// cs_health_drivers names the factors that cost the most points by the one rule of points lost
// (health.ts pointsLost), as the card's Why (presentation.ts costliestFactors) does.

/** The drivers by key, in order. */
const keys: WrittenWording = { driver: (factor) => factor.key, driverSeparator: ' ', nextAction: (action) => action.title };
const driverKeys = (factors: ReadonlyArray<FactorOutcome>) => healthDrivers(factors, keys).split(' ').filter((key) => key !== '');

const factor = (key: string, score: number | null, pointsLost: number | null): FactorOutcome => ({
  key, label: key, score, weight: 20, contribution: pointsLost === null ? null : 1, pointsLost, status: 'ok', explanation: '',
});

describe('healthDrivers', () => {
  it('ranks by points lost; a factor that cost none (a one-answer NPS of 98: 0.0 points) or was not counted (null) is no driver', () => {
    expect(driverKeys([factor('nps', 98, 0), factor('support', 60, 4), factor('adoption', null, null), factor('engagement', 40, 9.5), factor('renewal', 90, null)])).toEqual(['engagement', 'support']);
  });

  it('names the factors the card\'s Why names, in its order', () => {
    fc.assert(
      fc.property(asOfArb.chain((asOf) => fc.tuple(fc.constant(asOf), snapshotArb(asOf))), fc.oneof(fc.constant(defaultConfig), configArb), ([asOf, snapshot], config) => {
        const view = buildCardView(snapshot, config, { asOf, generatedAt: `${asOf}T12:00:00.000Z` });
        expect(driverKeys(view.health.factors)).toEqual(costliestFactors(view.health, 3).map((costly) => costly.key));
      }),
      { numRuns: 300 },
    );
  });
});
