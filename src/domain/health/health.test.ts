import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type FactorKey } from '../../config/schema.ts';
import { buildCardView } from '../card/card.ts';
import { noData, scored, sourceError, type FactorResult } from './factor.ts';
import { apportion, bandOf, combineFactors } from './health.ts';
import { message } from '../../app/cards/contract/message.ts';
import { formatDay, msPerDay } from '../parsing/index.ts';
import { healthHistory, type ScorePoint } from './health-history.ts';
import { at, atRiskCompany, change, dayAt, healthyCompany, snapshot } from '../testing/fixtures.ts';

const health = defaultConfig.health;
const all = (scores: Record<FactorKey, number | null>): FactorResult[] =>
  (Object.entries(scores) as Array<[FactorKey, number | null]>).map(([key, score]) => (score === null ? noData(key, 'none', message('factor.none')) : scored(key, score, 'why', message('factor.why'))));
const sum = (values: Array<number | null>) => values.reduce<number>((a, b) => a + (b ?? 0), 0);

describe('health score (weighted, re-normalised, explained)', () => {
  it('is the weighted mean of the factor scores', () => {
    const result = combineFactors(all({ nps: 80, support: 60, engagement: 100, adoption: 40, renewal: 0, sentiment: 50 }), health);
    // (20*80 + 20*60 + 20*100 + 20*40 + 10*0 + 10*50) / 100 = 61
    expect(result).toMatchObject({ score: 61, band: 'attention', coverage: 1 });
  });

  it('gives contributions that add up exactly to the score', () => {
    // Exact shares of the 80 weight with data: 16.75 + 22.75 + 8.25 + 2.125 + 6.25 = 56.125 -> 56.
    const result = combineFactors(all({ nps: null, support: 67, engagement: 91, adoption: 33, renewal: 17, sentiment: 50 }), health);
    expect(result.score).toBe(56);
    expect(result.factors.map((f) => f.contribution)).toEqual([null, 16.8, 22.7, 8.2, 2.1, 6.2]);
    expect(sum(result.factors.map((f) => f.contribution))).toBeCloseTo(56, 9);
  });

  it('excludes a factor without data and re-normalises the others', () => {
    const result = combineFactors(all({ nps: null, support: 100, engagement: 50, adoption: 50, renewal: 100, sentiment: 50 }), health);
    // (20*100 + 20*50 + 20*50 + 10*100 + 10*50) / 80 = 68.75
    expect(result).toMatchObject({ score: 69, coverage: 0.8 });
    expect(result.factors[0]).toMatchObject({ key: 'nps', status: 'no_data', contribution: null, weight: 20 });
    expect(sum(result.factors.map((f) => f.contribution))).toBeCloseTo(69, 9);
  });

  it('excludes a factor whose source failed instead of scoring it zero', () => {
    const factors = all({ nps: 100, support: 100, engagement: 100, adoption: 100, renewal: 100, sentiment: 100 });
    factors[1] = sourceError('support', 'tickets failed');
    expect(combineFactors(factors, health)).toMatchObject({ score: 100, coverage: 0.8 });
  });

  it('has no score and an unknown band below 50% coverage', () => {
    const result = combineFactors(all({ nps: null, support: null, engagement: null, adoption: 90, renewal: 90, sentiment: 90 }), health);
    expect(result).toMatchObject({ score: null, band: 'unknown', coverage: 0.4 });
    expect(result.factors.every((f) => f.contribution === null)).toBe(true);
    expect(combineFactors(all({ nps: null, support: null, engagement: 90, adoption: 90, renewal: 90, sentiment: null }), health).score).toBe(90);
  });

  it.each([
    [100, 'healthy'],
    [76, 'healthy'],
    [75, 'attention'],
    [51, 'attention'],
    [50, 'at_risk'],
    [0, 'at_risk'],
  ])('puts %i in the %s band', (score, band) => {
    expect(bandOf(score, health.bands)).toBe(band);
  });
});

describe('apportion (largest remainder)', () => {
  it('rounds to one decimal and keeps the exact total', () => {
    expect(apportion([1 / 3, 1 / 3, 1 / 3], 1, 1)).toEqual([0.4, 0.3, 0.3]);
    expect(apportion([null, 2 / 3, null, 1 / 3], 1, 1)).toEqual([null, 0.7, null, 0.3]);
    expect(sum(apportion([20.04, 20.04, 20.04, 20.04, 20.04], 100, 1))).toBeCloseTo(100, 9);
    expect(sum(apportion([10.26, 10.26, 10.26, 10.26, 9.9], 51, 1))).toBeCloseTo(51, 9);
    // One value 59.5 rounded to a total of 60, and 60.45 to 60: all the slack on one value.
    expect(apportion([59.5], 60, 1)).toEqual([60]);
    expect(apportion([60.45], 60, 1)).toEqual([60]);
    expect(apportion([0.04, 0.04, 0.04, 0.04, 0.04, 0.04, 0.04], 0, 1)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('points a factor costs (the card\'s "Why")', () => {
  it('counts a low-sample NPS by the share it carries, so a perfect NPS from one answer costs nothing', () => {
    // NPS 100 from 1 answer carries 1/5 of its weight (4 of the 74 counted points); engagement 73 and renewal 90 cost the rest.
    const factors = all({ nps: 100, support: 100, engagement: 73, adoption: 100, renewal: 90, sentiment: null }).map((factor) => (factor.key === 'nps' ? { ...factor, confidence: 0.2 } : factor));
    const result = combineFactors(factors, health);
    expect(result.score).toBe(91);
    const lost = Object.fromEntries(result.factors.map((f) => [f.key, f.pointsLost]));
    expect(lost).toEqual({ nps: 0, support: 0, engagement: 7.3, adoption: 0, renewal: 1.4, sentiment: null });
  });

  it('never costs a factor more than the score lacks of 100 (a card scoring 95 read "-5.2 pts")', () => {
    // Engagement 74 alone misses: 20 of 100 points x 26% = 5.2, the exact score 94.8 rounds to 95, which lacks 5.
    const result = combineFactors(all({ nps: 100, support: 100, engagement: 74, adoption: 100, renewal: 100, sentiment: 100 }), health);
    expect(result.score).toBe(95);
    expect(result.factors.find((f) => f.key === 'engagement')?.pointsLost).toBe(5);
  });

  it('adds up to what the score lacks of 100, within rounding (the score\'s half point, a twentieth a factor)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }), { minLength: 6, maxLength: 6 }), fc.integer({ min: 1, max: 5 }), (scores, answers) => {
        const [nps, support, engagement, adoption, renewal, sentiment] = scores;
        const factors = all({ nps: nps ?? null, support: support ?? null, engagement: engagement ?? null, adoption: adoption ?? null, renewal: renewal ?? null, sentiment: sentiment ?? null })
          .map((factor) => (factor.key === 'nps' ? { ...factor, confidence: answers / 5 } : factor));
        const result = combineFactors(factors, health);
        if (result.score === null) return;
        expect(Math.abs(sum(result.factors.map((f) => f.pointsLost ?? null)) - (100 - result.score))).toBeLessThanOrEqual(0.5 + 0.05 * 6 + 1e-9);
        // None costs more than the whole gap (a card scoring 95 read "-5.1 pts").
        for (const f of result.factors) expect(f.pointsLost ?? 0).toBeLessThanOrEqual(100 - result.score);
      }),
    );
  });
});

describe('health on the card', () => {
  it('scores a well-run account healthy and a troubled one at risk', () => {
    // Two NPS answers carry 2/5 of the NPS weight (low sample): 12 of the 100 points have no data.
    expect(buildCardView(healthyCompany(), defaultConfig, at).health).toMatchObject({ band: 'healthy', coverage: 0.88 });
    expect(buildCardView(atRiskCompany(), defaultConfig, at).health).toMatchObject({ band: 'at_risk', coverage: 0.84 });
  });

  it('explains each factor from the facts', () => {
    const factors = buildCardView(atRiskCompany(), defaultConfig, at).health.factors;
    expect(factors.map((f) => f.key)).toEqual(['nps', 'support', 'engagement', 'adoption', 'renewal', 'sentiment']);
    expect(factors.find((f) => f.key === 'support')?.explanation).toBe('2 urgent tickets open, oldest 19 days');
  });

  it('trends against the score in effect 30 days ago', () => {
    const history = { cs_health_score: [change('70', 2), change('88', 29), change('80.0', 31), change('40', 200)] };
    const view = buildCardView(healthyCompany({ history }), defaultConfig, at);
    expect(view.health.trend30d).toBe((view.health.score ?? 0) - 80);
    expect(view.health.history?.map((p) => p.date)).toEqual([dayAt(-31), dayAt(-29), dayAt(-2), dayAt(0)]);
  });

  it('has no trend without a past score', () => {
    expect(buildCardView(healthyCompany(), defaultConfig, at).health.trend30d).toBeNull();
    expect(buildCardView(healthyCompany({ history: { cs_health_score: [change('', 40)] } }), defaultConfig, at).health.trend30d).toBeNull();
  });

  it('has no score for an empty company', () => {
    const view = buildCardView(snapshot(), defaultConfig, at);
    // Only support (no tickets = 100) has data: 20% coverage.
    expect(view.health).toMatchObject({ score: null, band: 'unknown', coverage: 0.2, trend30d: null });
  });
});

describe('score history for the chart', () => {
  /** The definition, written plainly: per day the value of its last change (the first listed on a tie), today's score replacing today's. */
  function reference(points: readonly ScorePoint[], asOf: number, days: number, current: number | null) {
    const byDay = new Map<number, ScorePoint>();
    for (const point of points) {
      if (point.value === null || point.day > asOf || asOf - point.day >= days) continue;
      const known = byDay.get(point.day);
      if (known === undefined || point.at > known.at) byDay.set(point.day, point);
    }
    if (current !== null) byDay.set(asOf, { at: Number.MAX_SAFE_INTEGER, day: asOf, value: current });
    return [...byDay.values()].sort((a, b) => a.day - b.day).map((point) => ({ date: formatDay(point.day), score: point.value ?? 0 }));
  }

  it('keeps one point per day, oldest first, ending with today', () => {
    const asOf = 20_000;
    const point = fc.record({ day: fc.integer({ min: asOf - 200, max: asOf + 3 }), time: fc.integer({ min: 0, max: 3 }), value: fc.option(fc.integer({ min: 0, max: 100 })) });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 30 }), fc.option(fc.integer({ min: 0, max: 100 })), fc.integer({ min: 1, max: 180 }), (raw, current, days) => {
        const points = raw.map(({ day, time, value }) => ({ day, at: day * msPerDay + time, value }));
        expect(healthHistory(points, asOf, days, current)).toEqual(reference(points, asOf, days, current));
      }),
      { numRuns: 1000 },
    );
  });
});
