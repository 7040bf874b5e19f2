import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type FactorKey } from '../../config/schema.ts';
import type { FactorResult } from './factor.ts';
import { apportion, combineFactors } from './health.ts';
import { message } from '../../app/cards/contract/message.ts';
import { referenceApportion, referenceCombineFactors } from '../testing/health-reference.ts';

// combineFactors and apportion moved to reused typed arrays for speed: on random inputs they
// give exactly what the previous implementation (health-reference.ts) gave, down to -0 and NaN.

const keys: FactorKey[] = ['nps', 'support', 'engagement', 'adoption', 'renewal', 'sentiment'];
const value = fc.oneof(fc.constant(null), fc.constant(0), fc.double({ min: 0, max: 60, noNaN: true }), fc.integer({ min: 0, max: 40 }).map((n) => n / 3));

describe('apportion, as before', () => {
  it('matches the previous implementation on random values, totals, places and caps', () => {
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 20, size: 'max' }),
        fc.integer({ min: -3, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        fc.option(fc.array(fc.oneof(fc.constant(null), fc.double({ min: 0, max: 70, noNaN: true })), { maxLength: 20, size: 'max' })),
        (exact, offset, decimals, caps) => {
          const total = Math.round(exact.reduce<number>((a, b) => a + (b ?? 0), 0)) + offset;
          const capsOrUndefined = caps ?? undefined;
          expect(apportion(exact, total, decimals, capsOrUndefined)).toEqual(referenceApportion(exact, total, decimals, capsOrUndefined));
          expect(apportion(exact, Math.max(0, total), 1, exact)).toEqual(referenceApportion(exact, Math.max(0, total), 1, exact));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

const factor: fc.Arbitrary<FactorResult> = fc.record({
  key: fc.constantFrom(...keys),
  score: fc.option(fc.integer({ min: 0, max: 100 })),
  status: fc.constantFrom('ok', 'ok', 'ok', 'no_data', 'error'),
  confidence: fc.option(fc.oneof(fc.double({ min: -0.5, max: 1.5, noNaN: true }), fc.integer({ min: 1, max: 4 }).map((n) => n / 5)), { nil: undefined }),
}).map(({ key, score, status, confidence }) => {
  const base = { key, label: key, score, status: status as FactorResult['status'], explanation: 'why', explanationMessage: message('factor.why') };
  return confidence === undefined ? base : { ...base, confidence };
});

describe('combineFactors, as before', () => {
  it('matches the previous implementation on random factors, weights and thresholds', () => {
    fc.assert(
      fc.property(
        fc.array(factor, { maxLength: 8, size: 'max' }),
        fc.tuple(...keys.map(() => fc.integer({ min: 0, max: 40 }))),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (factors, weightList, minCoverage) => {
          const weights = Object.fromEntries(keys.map((key, i) => [key, weightList[i] ?? 0])) as Record<FactorKey, number>;
          for (const config of [defaultConfig.health, { ...defaultConfig.health, weights, minCoverage }]) {
            expect(combineFactors(factors, config)).toEqual(referenceCombineFactors(factors, config));
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
