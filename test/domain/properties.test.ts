import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.ts';
import { buildCardView } from '../../src/domain/card.ts';
import { formatDay, parseDay, parseIsoDate } from '../../src/domain/dates.ts';
import { npsFacts } from '../../src/domain/nps.ts';
import type { CrmRecord } from '../../src/domain/snapshot.ts';
import { supportFacts, supportFactor } from '../../src/domain/support.ts';
import { cardViewSchema, type CardView } from '../../src/domain/view-model.ts';
import { changedProperties, healthProperties } from '../../src/domain/writeback.ts';
import { asOfArb, configArb, snapshotArb, valueArb } from './arbitraries.ts';

// Invariants over arbitrary, mostly garbage, HubSpot data and arbitrary valid configs.

const snapshotAndAsOf = asOfArb.chain((asOf) => fc.tuple(fc.constant(asOf), snapshotArb(asOf)));
const run = { numRuns: 400 };

function nonFiniteNumbers(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => nonFiniteNumbers(item, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => nonFiniteNumbers(v, `${path}.${k}`));
  return [];
}

function view(asOf: string, snapshot: Parameters<typeof buildCardView>[0], config = defaultConfig): CardView {
  return buildCardView(snapshot, config, { asOf, generatedAt: `${asOf}T12:00:00.000Z` });
}

describe('card view over garbage input', () => {
  it('never throws, always matches the view-model schema and holds no NaN or Infinity', () => {
    fc.assert(
      fc.property(snapshotAndAsOf, configArb, ([asOf, snapshot], config) => {
        const card = view(asOf, snapshot, config);
        expect(cardViewSchema.safeParse(card).error).toBeUndefined();
        expect(nonFiniteNumbers(card)).toEqual([]);
      }),
      run,
    );
  });

  it('keeps scores within 0..100 and contributions adding up to the score', () => {
    fc.assert(
      fc.property(snapshotAndAsOf, configArb, ([asOf, snapshot], config) => {
        const { health } = view(asOf, snapshot, config);
        for (const factor of health.factors) {
          if (factor.score !== null) expect(factor.score).toBeGreaterThanOrEqual(0);
          if (factor.score !== null) expect(factor.score).toBeLessThanOrEqual(100);
        }
        if (health.score === null) {
          expect(health.band).toBe('unknown');
          return;
        }
        expect(health.score).toBeGreaterThanOrEqual(0);
        expect(health.score).toBeLessThanOrEqual(100);
        const sum = health.factors.reduce((total, f) => total + (f.contribution ?? 0), 0);
        expect(Math.abs(sum - health.score)).toBeLessThanOrEqual(0.5);
        expect(health.coverage).toBeGreaterThanOrEqual(config.health.minCoverage);
      }),
      run,
    );
  });

  it('puts the score between the lowest and highest counted factor score', () => {
    fc.assert(
      fc.property(snapshotAndAsOf, ([asOf, snapshot]) => {
        const { health } = view(asOf, snapshot);
        const counted = health.factors.filter((f) => f.contribution !== null && f.weight > 0).map((f) => f.score ?? 0);
        if (health.score === null || counted.length === 0) return;
        expect(health.score).toBeGreaterThanOrEqual(Math.min(...counted));
        expect(health.score).toBeLessThanOrEqual(Math.max(...counted));
      }),
      run,
    );
  });

  it('writes back nothing a second time: applying the changes leaves no change', () => {
    fc.assert(
      fc.property(snapshotAndAsOf, fc.dictionary(fc.constantFrom('cs_health_score', 'cs_renewal_date', 'cs_company_nps'), valueArb('2026-01-01')), ([asOf, snapshot], current) => {
        const next = healthProperties(view(asOf, snapshot));
        const written = { ...current, ...changedProperties(current, next) };
        expect(changedProperties(written, next)).toEqual({});
      }),
      run,
    );
  });
});

describe('monotonicity', () => {
  it('adding a detractor never raises NPS', () => {
    fc.assert(
      fc.property(snapshotAndAsOf, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 179 }), ([asOf, snapshot], value, daysAgo) => {
        const day = parseIsoDate(asOf) ?? 0;
        const before = npsFacts(snapshot.feedback, defaultConfig.nps, day);
        const detractor: CrmRecord = {
          id: 'new-detractor',
          properties: { hs_survey_type: 'NPS', hs_value: String(value), hs_contact_id: 'new-contact', hs_submission_timestamp: `${formatDay(day - daysAgo)}T09:00:00Z` },
        };
        const after = npsFacts([...snapshot.feedback, detractor], defaultConfig.nps, day);
        expect(after.responses).toBe(before.responses + 1);
        expect(after.score).not.toBeNull();
        if (before.score !== null) expect(after.score ?? 101).toBeLessThanOrEqual(before.score);
      }),
      run,
    );
  });

  it('adding an open urgent ticket never raises the support factor', () => {
    fc.assert(
      fc.property(snapshotAndAsOf, fc.integer({ min: -10, max: 400 }), ([asOf, snapshot], ageDays) => {
        const day = parseIsoDate(asOf) ?? 0;
        const score = (tickets: readonly CrmRecord[]) => supportFactor(supportFacts(tickets, defaultConfig.support, day), defaultConfig.support, false).score ?? -1;
        const urgent: CrmRecord = { id: 'urgent', properties: { hs_ticket_priority: 'URGENT', hs_pipeline_stage: '1', createdate: formatDay(day - ageDays) } };
        expect(score([...snapshot.tickets, urgent])).toBeLessThanOrEqual(score(snapshot.tickets));
      }),
      run,
    );
  });
});

describe('date parsing', () => {
  it('never throws and yields a whole day or null', () => {
    fc.assert(
      fc.property(valueArb('2026-11-23'), (value) => {
        const day = parseDay(value);
        if (day !== null) {
          expect(Number.isInteger(day)).toBe(true);
          expect(formatDay(day)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every real calendar date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 2_900_000 }), (day) => {
        expect(parseIsoDate(formatDay(day))).toBe(day);
      }),
    );
  });
});
