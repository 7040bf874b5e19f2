import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/schema.ts';
import { buildCardView } from '../card/card.ts';
import { parseIsoDate } from '../parsing/index.ts';
import { factorChangesSince, formatFactorScores, parseFactorScores } from './factor-history.ts';
import { writebackFor } from '../sync/write-rules.ts';
import { productProperties } from '../properties.ts';
import type { FactorView } from '../../app/cards/contract/view-model.ts';
import { at, atRiskCompany, change, deal, healthyCompany, isoAt } from '../testing/fixtures.ts';
import { testPropertyWords, testWritten } from '../testing/wording.ts';

// cs_health_factors: the factor scores behind each written score, so that its property history
// says which factors moved the score (the card's "what changed in 30 days").

type Factor = Pick<FactorView, 'key' | 'score' | 'status'>;
const ok = (key: string, score: number): Factor => ({ key, score, status: 'ok' });
const asOf = parseIsoDate('2026-12-07') ?? 0;
const written = (value: string | null, timestamp: string) => ({ value, timestamp });

describe('formatFactorScores / parseFactorScores', () => {
  it('writes counted factors as key:score and the others as "-" (the @example)', () => {
    expect(formatFactorScores([ok('nps', 40), { key: 'support', score: null, status: 'no_data' }, { key: 'sentiment', score: 30, status: 'stale' }])).toBe('nps:40;support:-;sentiment:-');
  });

  it('reads back exactly what it writes, for every score 0-100 and no-score', () => {
    const factors: Factor[] = [ok('nps', 0), ok('support', 100), { key: 'engagement', score: null, status: 'error' }, ok('adoption', 7), ok('renewal', 55), ok('sentiment', 99)];
    const reading = parseFactorScores(formatFactorScores(factors));
    expect(reading).toEqual({ kind: 'scores', scores: new Map([['nps', 0], ['support', 100], ['engagement', null], ['adoption', 7], ['renewal', 55], ['sentiment', 99]]) });
    for (let score = 0; score <= 100; score++) expect(parseFactorScores(formatFactorScores([ok('nps', score)]))).toEqual({ kind: 'scores', scores: new Map([['nps', score]]) });
  });

  it('stays far under HubSpot\'s 65,536 characters for a text property', () => {
    const all = ['nps', 'support', 'engagement', 'adoption', 'renewal', 'sentiment'].map((key) => ok(key, 100));
    expect(formatFactorScores(all).length).toBeLessThan(100);
  });

  it('treats no value as empty and tolerates spaces a hand edit adds', () => {
    expect(parseFactorScores(null)).toEqual({ kind: 'empty' });
    expect(parseFactorScores('  ')).toEqual({ kind: 'empty' });
    expect(parseFactorScores(' nps : 40 ; support:- ')).toEqual({ kind: 'scores', scores: new Map([['nps', 40], ['support', null]]) });
  });

  it('reports a malformed or hand-edited value with what is wrong, never guessing a score', () => {
    const problem = (raw: string) => {
      const reading = parseFactorScores(raw);
      return reading.kind === 'malformed' ? reading.problem : `read as ${reading.kind}`;
    };
    expect(problem('nps:40;support:high')).toBe('the score of "support" is "high", not a whole number from 0 to 100 or -');
    expect(problem('nps:40;support:101')).toMatch(/"101", not a whole number/);
    expect(problem('nps:4.5')).toMatch(/"4.5", not a whole number/);
    expect(problem('nps:-3')).toMatch(/"-3", not a whole number/);
    expect(problem('nps:040')).toMatch(/"040", not a whole number/);
    expect(problem('nps:')).toMatch(/"", not a whole number/);
    expect(problem('NPS 40, support 80')).toBe('"NPS 40, support 80" is not a key:score pair');
    expect(problem('{"nps":40}')).toBe('"{"nps"" is not a factor key');
    expect(problem('nps:40;;support:80')).toBe('"" is not a key:score pair');
    expect(problem('nps:40;nps:50')).toBe('the factor "nps" appears twice');
    expect(problem(`nps:${'9'.repeat(3000)}`)).toMatch(/more than the 2000/);
  });
});

describe('factorChangesSince', () => {
  const now = [ok('nps', 40), ok('support', 65), ok('adoption', 75)];

  it('compares with the value in force 30 days ago: the factors that moved 10 points or more, largest move first (the @example)', () => {
    const history = [written('nps:40;support:65;adoption:75', '2026-12-06T03:00:00Z'), written('nps:80;support:70;adoption:50', '2026-11-01T03:00:00Z')];
    expect(factorChangesSince(now, history, { asOf, days: 30, threshold: 10 })).toEqual({
      kind: 'changes',
      factorChanges: { since: '2026-11-07', threshold: 10, changes: [{ key: 'nps', from: 80, to: 40 }, { key: 'adoption', from: 50, to: 75 }] },
    });
  });

  it('takes the newest value written on or before the reference day, whatever the order of the history', () => {
    const history = [
      written('nps:70;support:65;adoption:75', '2026-11-05T10:00:00Z'),
      written('nps:40;support:65;adoption:75', '2026-11-20T10:00:00Z'), // after the reference day: not in force then
      written('nps:10;support:65;adoption:75', '2026-10-01T10:00:00Z'),
      written('nps:55;support:65;adoption:75', '2026-11-07T23:00:00Z'), // late on the reference day: in force at its end
    ];
    expect(factorChangesSince(now, history, { asOf, days: 30, threshold: 10 })).toMatchObject({ factorChanges: { changes: [{ key: 'nps', from: 55, to: 40 }] } });
  });

  it('honours the threshold: a move just under it is no change, and equal moves keep the factors\' order', () => {
    const history = [written('nps:49;support:55;adoption:85', '2026-11-01T00:00:00Z')];
    expect(factorChangesSince(now, history, { asOf, days: 30, threshold: 10 })).toMatchObject({ factorChanges: { changes: [{ key: 'support', from: 55, to: 65 }, { key: 'adoption', from: 85, to: 75 }] } });
    expect(factorChangesSince(now, history, { asOf, days: 30, threshold: 11 })).toMatchObject({ factorChanges: { changes: [] } });
  });

  it('leaves out a factor that gained or lost its data, and keys the current model no longer has', () => {
    const current = [ok('nps', 40), { key: 'support', score: null, status: 'no_data' } as Factor, { key: 'sentiment', score: 90, status: 'stale' } as Factor, ok('adoption', 75)];
    const history = [written('nps:-;support:90;sentiment:10;adoption:75;legacy:0', '2026-11-01T00:00:00Z')];
    expect(factorChangesSince(current, history, { asOf, days: 30, threshold: 10 })).toMatchObject({ factorChanges: { changes: [] } });
  });

  it('is null when no value was in force that long ago (a younger history, a cleared value, or none)', () => {
    expect(factorChangesSince(now, [written('nps:80;support:70;adoption:50', '2026-11-20T00:00:00Z')], { asOf, days: 30, threshold: 10 })).toEqual({ kind: 'changes', factorChanges: null });
    expect(factorChangesSince(now, [written('', '2026-11-01T00:00:00Z'), written('nps:80', '2026-10-01T00:00:00Z')], { asOf, days: 30, threshold: 10 })).toEqual({ kind: 'changes', factorChanges: null });
    expect(factorChangesSince(now, undefined, { asOf, days: 30, threshold: 10 })).toEqual({ kind: 'changes', factorChanges: null });
  });

  it('says the value in force cannot be read rather than guessing, and ignores unreadable values that are not in force', () => {
    const edited = [written('nps:40;support:65', '2026-12-01T00:00:00Z'), written('nps: about 80', '2026-11-02T09:00:00Z'), written('bad', '2026-10-01T00:00:00Z')];
    expect(factorChangesSince(now, edited, { asOf, days: 30, threshold: 10 })).toEqual({ kind: 'unreadable', writtenOn: '2026-11-02', problem: 'the score of "nps" is "about 80", not a whole number from 0 to 100 or -' });
    const older = [written('nps:80;support:65;adoption:75', '2026-11-02T09:00:00Z'), written('bad', '2026-10-01T00:00:00Z')];
    expect(factorChangesSince(now, older, { asOf, days: 30, threshold: 10 })).toMatchObject({ kind: 'changes', factorChanges: { changes: [{ key: 'nps' }] } });
  });

  it('skips history entries without a readable timestamp', () => {
    expect(factorChangesSince(now, [written('nps:80', 'yesterday')], { asOf, days: 30, threshold: 10 })).toEqual({ kind: 'changes', factorChanges: null });
  });
});

describe('the card and the sync', () => {
  it('shows on the card which factors moved since 30 days ago, with the default threshold of 10 points', () => {
    const company = atRiskCompany({ history: { cs_health_factors: [change('nps:95;support:90;engagement:85;adoption:80;renewal:70;sentiment:100', 40)] } });
    const view = buildCardView(company, defaultConfig, at);
    const changes = view.health.factorChanges;
    expect(changes?.since).toBe('2026-10-24');
    expect(changes?.threshold).toBe(10);
    expect(changes?.changes.length).toBeGreaterThan(0);
    for (const moved of changes?.changes ?? []) {
      const factor = view.health.factors.find((candidate) => candidate.key === moved.key);
      expect(moved.to).toBe(factor?.score);
      expect(Math.abs((moved.to ?? 0) - (moved.from ?? 0))).toBeGreaterThanOrEqual(10);
    }
    expect(changes?.changes.map((moved) => Math.abs((moved.to ?? 0) - (moved.from ?? 0)))).toEqual(
      [...(changes?.changes ?? [])].map((moved) => Math.abs((moved.to ?? 0) - (moved.from ?? 0))).sort((a, b) => b - a),
    );
    expect(view.warnings).toEqual([]);
  });

  it('shows no factor moving for a churned customer or a prospect, who have no score (demo: Upland Capital, churned, read "NPS 48 → 0" under "the customer has left")', () => {
    const factors = { cs_health_factors: [change('nps:95;support:90;engagement:85;adoption:80;renewal:70;sentiment:100', 40)] };
    // Won a year's contract 375 days ago, lost its renewal 10 days ago, nothing open: churned.
    const churned = atRiskCompany({
      history: factors,
      deals: [deal({ type: 'newbusiness', stage: 'closedwon', closeInDays: -375, amount: 24000 }), deal({ stage: 'closedlost', closeInDays: -10, amount: 24000 })],
    });
    const churnedView = buildCardView(churned, defaultConfig, at);
    expect(churnedView.lifecycle.stage).toBe('churned');
    expect(churnedView.health).toMatchObject({ score: null, band: 'churned', trend30d: null });
    expect(churnedView.health.factorChanges).toBeUndefined();
    // The same company, scored, does show its moves.
    expect(buildCardView(atRiskCompany({ history: factors }), defaultConfig, at).health.factorChanges?.changes.length).toBeGreaterThan(0);
    const prospect = atRiskCompany({ history: factors, company: { lifecyclestage: 'lead' }, deals: [] });
    const prospectView = buildCardView(prospect, defaultConfig, at);
    expect(prospectView.lifecycle.stage).toBe('prospect');
    expect(prospectView.health.factorChanges).toBeUndefined();
    expect(prospectView.warnings).toEqual([]);
  });

  it('takes the threshold from the configuration', () => {
    const company = healthyCompany({ history: { cs_health_factors: [change('nps:0;support:0;engagement:0;adoption:0;renewal:0;sentiment:0', 40)] } });
    const view = buildCardView(company, { ...defaultConfig, health: { ...defaultConfig.health, factorChangePoints: 100 } }, at);
    expect(view.health.factorChanges).toMatchObject({ threshold: 100 });
  });

  it('says "no history yet" (null) for a company scored for the first time', () => {
    expect(buildCardView(healthyCompany(), defaultConfig, at).health.factorChanges).toBeNull();
  });

  it('warns, in words and as a catalog message, when the value in force 30 days ago was edited into something unreadable', () => {
    const company = healthyCompany({ history: { cs_health_factors: [{ value: 'great!', timestamp: isoAt(-35) }] } });
    const view = buildCardView(company, defaultConfig, at);
    expect(view.health.factorChanges).toBeUndefined();
    expect(view.warnings).toEqual([expect.stringContaining('cs_health_factors as written on 2026-10-19 cannot be read')]);
    expect(view.warningMessages).toEqual([{ code: 'warning.factorHistoryUnreadable', params: { date: '2026-10-19', property: 'cs_health_factors' } }]);
  });

  it('writes cs_health_factors with the health, and nothing when it did not change', () => {
    const company = healthyCompany();
    const first = writebackFor(company, defaultConfig, at, testWritten);
    const value = first.kind === 'write' ? first.properties.cs_health_factors : undefined;
    expect(value).toMatch(/^nps:(\d+|-);support:(\d+|-);engagement:(\d+|-);adoption:(\d+|-);renewal:(\d+|-);sentiment:(\d+|-)$/);
    expect(parseFactorScores(value).kind).toBe('scores');
    const written = first.kind === 'write' ? first.properties : {};
    expect(writebackFor({ ...company, company: { ...company.company, properties: { ...company.company.properties, ...written } } }, defaultConfig, at, testWritten)).toEqual({ kind: 'unchanged' });
    // A hand edit is put right by the next sync.
    const edited = writebackFor({ ...company, company: { ...company.company, properties: { ...company.company.properties, ...written, cs_health_factors: 'nps:1' } } }, defaultConfig, at, testWritten);
    expect(edited).toEqual({ kind: 'write', properties: { cs_health_factors: value, cs_health_updated_at: at.generatedAt } });
  });

  it('is a product property setup creates: a single-line text in the customer_success group', () => {
    expect(productProperties(defaultConfig, testPropertyWords).find((property) => property.name === 'cs_health_factors')).toMatchObject({ type: 'string', fieldType: 'text', groupName: 'customer_success' });
  });
});
