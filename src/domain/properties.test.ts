import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionRuleIds, defaultConfig } from '../config/schema.ts';
import { buildCardView } from './card/card.ts';
import { formatDay, parseDay, parseIsoDate } from './parsing/index.ts';
import { writebackFor } from './sync/write-rules.ts';
import { npsFacts } from './nps/nps.ts';
import type { CrmRecord } from './card/snapshot.ts';
import { supportFacts, supportFactor } from './health/support.ts';
import { actionMarker } from './playbooks/action-tasks.ts';
import { cardViewSchema, type CardView } from '../app/cards/contract/view-model.ts';
import { changedProperties, healthProperties } from './sync/written-values.ts';
import { asOfArb, configArb, snapshotArb, valueArb } from './testing/arbitraries.ts';
import { testWritten } from './testing/wording.ts';

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
        const { lifecycle } = view(asOf, snapshot, config);
        // A churned customer never shows a health band, and only a churned one shows "churned".
        expect(health.band === 'churned').toBe(lifecycle.stage === 'churned');
        if (health.score === null) {
          expect(health.band).toBe(lifecycle.stage === 'churned' ? 'churned' : 'unknown');
          // No score: no factor contributes to one or costs points against one.
          for (const factor of health.factors) expect([factor.contribution, factor.pointsLost ?? null]).toEqual([null, null]);
          return;
        }
        expect(health.score).toBeGreaterThanOrEqual(0);
        expect(health.score).toBeLessThanOrEqual(100);
        // Contributions are rounded to one decimal so that they add up to the score exactly
        // (up to floating-point noise), not merely within half a point.
        const sum = health.factors.reduce((total, f) => total + (f.contribution ?? 0), 0);
        expect(Math.abs(sum - health.score)).toBeLessThan(1e-6);
        for (const factor of health.factors) {
          if (factor.contribution !== null) expect(Math.round(factor.contribution * 10)).toBeCloseTo(factor.contribution * 10, 6);
          // Only counted factors contribute: excluded ones (no data, stale, failed source) show null.
          expect(factor.contribution === null).toBe(factor.status !== 'ok' || factor.score === null);
          // Exact: a factor scoring 0 gives 0, and none gives more than its (effective) weight.
          if (factor.score === 0 && factor.contribution !== null) expect(factor.contribution).toBe(0);
          if (factor.contribution !== null) expect(factor.contribution).toBeLessThanOrEqual(factor.effectiveWeight ?? -1);
          if (factor.contribution !== null && health.coverage === 1) expect(factor.contribution).toBeLessThanOrEqual(factor.weight + 1e-9);
        }
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

  it('writes back exactly what the card shows, though the sync evaluates health without building the card', () => {
    fc.assert(
      fc.property(snapshotAndAsOf, configArb, ([asOf, snapshot], config) => {
        const generatedAt = `${asOf}T12:00:00.000Z`;
        const clean = { ...snapshot, issues: [] };
        const writeback = writebackFor(clean, config, { asOf, generatedAt }, testWritten);
        const shown = changedProperties(clean.company.properties, healthProperties(view(asOf, clean, config), testWritten));
        if (shown === null) expect(writeback).toEqual({ kind: 'unchanged' });
        else expect(writeback).toEqual({ kind: 'write', properties: { ...shown, cs_health_updated_at: generatedAt } });
      }),
      run,
    );
  });

  it('writes back nothing a second time: applying the changes leaves no change', () => {
    fc.assert(
      fc.property(snapshotAndAsOf, fc.dictionary(fc.constantFrom('cs_health_score', 'cs_renewal_date', 'cs_company_nps'), valueArb('2026-01-01')), ([asOf, snapshot], current) => {
        const next = healthProperties(view(asOf, snapshot), testWritten);
        const written = { ...current, ...changedProperties(current, next) };
        expect(changedProperties(written, next)).toBeNull();
      }),
      run,
    );
  });
});

describe('suggested actions over garbage input', () => {
  const priorityRank = { high: 0, medium: 1, low: 2 } as const;

  it('have known, unique ids, are sorted by priority (then value at stake and due date), and are due today or later', () => {
    fc.assert(
      fc.property(snapshotAndAsOf, configArb, ([asOf, snapshot], config) => {
        const { actions } = view(asOf, snapshot, config);
        const ids = actions.map((a) => a.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const action of actions) {
          expect(actionRuleIds).toContain(action.id);
          expect(config.playbooks.rules[action.id as (typeof actionRuleIds)[number]]).toBe(true);
          expect(action.reason.length).toBeGreaterThan(0);
          expect(Number.isInteger(action.dueInDays) && action.dueInDays >= 0).toBe(true);
        }
        for (let i = 1; i < actions.length; i++) {
          const [a, b] = [actions[i - 1], actions[i]];
          if (a === undefined || b === undefined) continue;
          expect(priorityRank[a.priority] - priorityRank[b.priority]).toBeLessThanOrEqual(0);
        }
      }),
      run,
    );
  });

  it('show as tasked exactly the suggestions whose task is still open', () => {
    fc.assert(
      fc.property(snapshotAndAsOf, fc.subarray([...actionRuleIds]), fc.subarray([...actionRuleIds]), ([asOf, snapshot], open, completed) => {
        const tasks = [
          ...open.map((id, i) => ({ id: `open-${i}`, properties: { hs_task_status: 'NOT_STARTED', hs_task_body: `Follow up. ${actionMarker(id)}` } })),
          ...completed.map((id, i) => ({ id: `done-${i}`, properties: { hs_task_status: 'COMPLETED', hs_task_body: actionMarker(id) } })),
        ];
        const { actions } = view(asOf, { ...snapshot, tasks });
        for (const action of actions) expect(action.alreadyTasked).toBe(open.includes(action.id as (typeof actionRuleIds)[number]));
      }),
      run,
    );
  });

  it('are the same whatever order HubSpot lists the records in', () => {
    fc.assert(
      fc.property(snapshotAndAsOf, fc.integer(), ([asOf, snapshot], seed) => {
        const shuffled = { ...snapshot, contacts: shuffle(snapshot.contacts, seed), deals: shuffle(snapshot.deals, seed), tickets: shuffle(snapshot.tickets, seed), feedback: shuffle(snapshot.feedback, seed), tasks: shuffle(snapshot.tasks, seed) };
        const before = view(asOf, snapshot);
        const after = view(asOf, shuffled);
        expect(after.actions).toEqual(before.actions);
        expect(after.nps).toEqual(before.nps);
        expect(after.health.score).toBe(before.health.score);
      }),
      run,
    );
  });
});

/** A deterministic permutation (reversal and rotation) of a list. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const reversed = seed % 2 === 0 ? [...items].reverse() : [...items];
  const shift = items.length === 0 ? 0 : Math.abs(seed) % items.length;
  return [...reversed.slice(shift), ...reversed.slice(0, shift)];
}

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
