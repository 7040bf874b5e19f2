import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/schema.ts';
import { buildCardView } from '../card/card.ts';
import { parseIsoDate } from '../parsing/index.ts';
import { npsFacts, npsFactor, npsScore } from './nps.ts';
import { createI18n } from '../../app/cards/i18n/format.ts';
import { loadEveryCatalog } from '../../app/cards/i18n/messages.ts';
import type { CrmRecord } from '../card/snapshot.ts';
import { asOfArb, snapshotArb } from '../testing/arbitraries.ts';
import { AS_OF, at, deal, epochAt, npsAnswer, npsAnswers, snapshot } from '../testing/fixtures.ts';

const asOf = parseIsoDate(AS_OF) ?? 0;
const facts = (feedback: CrmRecord[]) => npsFacts(feedback, defaultConfig.nps, asOf);

describe('company NPS (DOMAIN.md: %promoters - %detractors)', () => {
  it('70% promoters and 10% detractors give 60', () => {
    const result = facts([...npsAnswers(7, 9), ...npsAnswers(2, 8), ...npsAnswers(1, 4)]);
    expect(result).toMatchObject({ score: 60, responses: 10, promoters: 7, passives: 2, detractors: 1, lowSample: false });
  });

  it('passives only give 0, not the average rating', () => {
    expect(facts(npsAnswers(6, 8)).score).toBe(0);
  });

  it('runs from -100 (all detractors) to 100 (all promoters)', () => {
    expect(facts(npsAnswers(5, 0)).score).toBe(-100);
    expect(facts(npsAnswers(5, 10)).score).toBe(100);
  });

  it('rounds to a whole number: 1 promoter in 3 is 33', () => {
    expect(facts([...npsAnswers(1, 10), ...npsAnswers(2, 7)]).score).toBe(33);
    expect(npsScore(0, 1, 3)).toBe(-33);
    expect(npsScore(1, 0, 8)).toBe(13); // 12.5 rounds away from zero
    expect(npsScore(0, 1, 8)).toBe(-13);
  });

  it('counts a contact who answered three times once, with the latest answer', () => {
    const answers = [
      npsAnswer({ value: 2, contactId: '501', daysAgo: 100 }),
      npsAnswer({ value: 10, contactId: '501', daysAgo: 3 }),
      npsAnswer({ value: 5, contactId: '501', daysAgo: 40 }),
    ];
    expect(facts(answers)).toMatchObject({ score: 100, responses: 1, promoters: 1, detractors: 0, lowSample: true });
  });

  it('finds the same respondents however many submissions of other surveys surround the NPS answers', () => {
    // Padding the feedback with CSAT submissions, which never count, must change nothing.
    const csat = Array.from({ length: 40 }, () => npsAnswer({ value: 3, surveyType: 'CSAT' }));
    fc.assert(
      fc.property(asOfArb.chain((asOf) => fc.tuple(fc.constant(asOf), snapshotArb(asOf))), ([asOf, company]) => {
        const day = parseIsoDate(asOf) ?? 0;
        const few = npsFacts(company.feedback, defaultConfig.nps, day);
        expect(few.answers.length).toBeLessThanOrEqual(company.feedback.length);
        expect(npsFacts([...csat.slice(0, 20), ...company.feedback, ...csat.slice(20)], defaultConfig.nps, day)).toEqual(few);
      }),
      { numRuns: 300 },
    );
  });

  it('treats each submission without a contact id as its own respondent', () => {
    expect(facts([npsAnswer({ value: 9, contactId: null }), npsAnswer({ value: 9, contactId: '' })]).responses).toBe(2);
  });

  it('counts only answers inside the 180-day window and never future ones', () => {
    const result = facts([
      npsAnswer({ value: 10, daysAgo: 0 }),
      npsAnswer({ value: 10, daysAgo: 179 }),
      npsAnswer({ value: 0, daysAgo: 180 }),
      npsAnswer({ value: 0, daysAgo: -2 }),
    ]);
    expect(result.responses).toBe(2);
    expect(result.score).toBe(100);
  });

  it('counts only NPS surveys, case-insensitively', () => {
    const result = facts([npsAnswer({ value: 9, surveyType: 'nps' }), npsAnswer({ value: 2, surveyType: 'CSAT' }), npsAnswer({ value: 1, surveyType: 'CES' })]);
    expect(result).toMatchObject({ responses: 1, score: 100 });
  });

  it('ignores and reports answers outside 0-10 or not numbers', () => {
    const result = facts([npsAnswer({ value: 11 }), npsAnswer({ value: '-1' }), npsAnswer({ value: '8.5' }), npsAnswer({ value: 'ten' }), npsAnswer({ value: null }), npsAnswer({ value: ' 7 ' })]);
    expect(result.responses).toBe(1);
    expect(result.ignored).toEqual({ outOfRange: 3, notANumber: 2, undated: 0 });
  });

  it('reads epoch-millisecond submission timestamps', () => {
    expect(facts([npsAnswer({ value: 9, submittedAt: epochAt(-12) })]).responses).toBe(1);
  });

  it('flags fewer than 5 responses as a low sample', () => {
    expect(facts(npsAnswers(4, 9)).lowSample).toBe(true);
    expect(facts(npsAnswers(5, 9)).lowSample).toBe(false);
  });

  it('maps NPS onto the 0..100 factor scale', () => {
    expect(npsFactor(facts(npsAnswers(5, 10)), false, 5).score).toBe(100);
    expect(npsFactor(facts([...npsAnswers(7, 9), ...npsAnswers(2, 8), ...npsAnswers(1, 4)]), false, 5)).toMatchObject({ score: 80, status: 'ok' });
    expect(npsFactor(facts(npsAnswers(5, 0)), false, 5).score).toBe(0);
    expect(npsFactor(facts([]), false, 5)).toMatchObject({ score: null, status: 'no_data', explanation: 'No NPS answers in the last 180 days' });
  });

  it('says in every language how much of its weight a low sample counts for, as the English explanation does', () => {
    loadEveryCatalog();
    // One answer of 10: NPS 100, counted at 1/5 of the NPS weight (the card shows "weight 20" beside it).
    const one = npsFactor(facts(npsAnswers(1, 10)), false, 5);
    expect(one.confidence).toBe(0.2);
    expect(one.explanation).toMatch(/\(low sample: counts for 20% of its weight\)$/);
    const worded = (locale: 'en' | 'pl' | 'zh-CN' | 'ja' | 'th') => createI18n(locale, 'UTC').message(one.explanationMessage ?? expect.fail('no message'));
    expect(worded('en')).toBe(one.explanation);
    expect([worded('pl'), worded('zh-CN'), worded('ja'), worded('th')].every((text) => text.includes('20%'))).toBe(true);
    // Five answers and more: full weight, no note.
    expect(createI18n('en', 'UTC').message(npsFactor(facts(npsAnswers(5, 10)), false, 5).explanationMessage ?? expect.fail('no message'))).not.toMatch(/low sample/);
  });

  it('on a card with no score at all (churned, or a prospect) a low sample is said as one, never as a share of a weight nothing is weighed by', () => {
    loadEveryCatalog();
    // Upland Capital (demo): renewal lost 24 days ago, one detractor; "No health score: the customer has left" above
    // "NPS -100 from 1 response ... (low sample: counts for 20% of its weight)".
    const newBusiness = deal({ type: 'newbusiness', stage: 'closedwon', closeInDays: -400 });
    const lost = deal({ type: 'existingbusiness', stage: 'closedlost', closeInDays: -24 });
    const churned = buildCardView(snapshot({ deals: [newBusiness, lost], feedback: npsAnswers(1, 0) }), defaultConfig, at);
    expect(churned.lifecycle.stage).toBe('churned');
    const factor = churned.health.factors.find((candidate) => candidate.key === 'nps') ?? expect.fail('no NPS factor');
    expect(factor.explanation).toBe('NPS -100 from 1 response in the last 180 days: 0 promoters, 0 passives, 1 detractor (low sample)');
    const message = factor.explanationMessage ?? expect.fail('no message');
    expect(createI18n('en', 'UTC').message(message)).toBe(factor.explanation);
    expect(createI18n('pl', 'UTC').message(message)).toMatch(/\(mała próba\)$/);
    expect(createI18n('ja', 'UTC').message(message)).toMatch(/（サンプル不足）$/);
    expect(createI18n('zh-CN', 'UTC').message(message)).toMatch(/（样本量小）$/);
    expect(createI18n('th', 'UTC').message(message)).toMatch(/\(กลุ่มตัวอย่างน้อย\)$/);
    // The same answer on a customer that is scored keeps its share of the weight.
    const scored = buildCardView(snapshot({ deals: [newBusiness], feedback: npsAnswers(1, 0) }), defaultConfig, at);
    expect(scored.health.factors.find((candidate) => candidate.key === 'nps')?.explanation).toMatch(/\(low sample: counts for 20% of its weight\)$/);
  });

  it('shows the latest answer with its comment on the card, and the ignored answers as a warning', () => {
    const view = buildCardView(
      snapshot({
        feedback: [
          npsAnswer({ value: 6, contactId: '77', daysAgo: 2, comment: 'Slow support lately' }),
          npsAnswer({ value: 9, daysAgo: 30 }),
          npsAnswer({ value: 12, daysAgo: 3 }),
          npsAnswer({ value: 15, daysAgo: 4 }),
        ],
      }),
      defaultConfig,
      at,
    );
    expect(view.nps.latest).toEqual({ value: 6, comment: 'Slow support lately', submittedAt: expect.stringMatching(/^2026-11-21T/), contactId: '77' });
    expect(view.nps).toMatchObject({ score: 0, responses: 2, windowDays: 180, lowSample: true });
    expect(view.warnings).toContain('2 NPS answers ignored: value outside 0-10');
  });
});
