import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../config/schema.ts';
import { buildCardView } from '../card/card.ts';
import { parseIsoDate } from '../parsing/index.ts';
import { readDealsWithContract } from './deals.ts';
import { renewalFacts, renewalWindow } from './renewal.ts';
import { renewalFactor } from './renewal-factor.ts';
import type { CrmRecord, PropertyValues } from '../card/snapshot.ts';
import { AS_OF, at, dayAt, deal, epochAt, renewalDeal, snapshot } from '../testing/fixtures.ts';

const asOf = parseIsoDate(AS_OF) ?? 0;
function facts(deals: CrmRecord[], company: PropertyValues = {}, config = defaultConfig) {
  const read = readDealsWithContract(deals, config.renewal, config.handoff, company);
  return renewalFacts(read.deals, { day: read.contractEnd, source: read.contractEndSource }, company, config, asOf);
}

describe('renewal windows (calendar days from asOf)', () => {
  it.each([
    [-1, 'overdue'],
    [0, 'd30'],
    [30, 'd30'],
    [31, 'd60'],
    [60, 'd60'],
    [61, 'd90'],
    [90, 'd90'],
    [91, 'later'],
  ])('%i days out is %s', (days, window) => {
    expect(renewalWindow(days)).toBe(window);
  });

  it('a renewal deal closing 31 days out is in the d60 window', () => {
    expect(facts([renewalDeal(31)])).toMatchObject({ daysToRenewal: 31, window: 'd60', day: asOf + 31, source: 'renewal_deal' });
  });

  it('an open renewal deal past its close date is overdue and scores 0', () => {
    const result = facts([renewalDeal(-5)]);
    expect(result).toMatchObject({ window: 'overdue', daysToRenewal: -5, overdueOpenDeals: 1 });
    expect(renewalFactor(result, false)).toMatchObject({
      score: 0,
      explanation: `Renewal was due 5 days ago (${dayAt(-5)}) and the renewal deal is still open`,
    });
  });
});

describe('overdue renewals', () => {
  it('a contract end date in the past is overdue too, and says there is no open renewal deal', () => {
    const result = facts([], { contract_end_date: dayAt(-1) });
    expect(result).toMatchObject({ window: 'overdue', daysToRenewal: -1, source: 'company_property', overdueOpenDeals: 0, status: 'none', lapsed: true });
    expect(renewalFactor(result, false)).toMatchObject({ score: 0, explanation: `Contract ended 1 day ago (${dayAt(-1)}) and there is no open renewal deal` });
  });

  it('a customer with only its new-business deal: the renewal is its end, estimated; once past with nothing open, the contract lapsed', () => {
    // Won 400 days ago, a 12-month contract: it ended about 35 days ago and no renewal deal is on record.
    const lapsed = facts([deal({ type: 'newbusiness', stage: 'closedwon', closed: true, won: true, closeInDays: -400, amount: 50_000 })]);
    expect(lapsed).toMatchObject({ window: 'overdue', source: 'contract_term', status: 'none', lapsed: true, amount: 50_000 });
    expect(renewalFactor(lapsed, false).explanation).toMatch(/^Contract ended \d+ days ago/);
    // Won 80 days ago: the renewal is expected at the contract's end, in about 285 days.
    expect(facts([deal({ type: 'newbusiness', stage: 'closedwon', closed: true, won: true, closeInDays: -80 })])).toMatchObject({ window: 'later', source: 'contract_term', status: 'none', lapsed: false });
  });

  it('the earliest open renewal decides: an overdue one wins over a later one, and both are counted', () => {
    expect(facts([renewalDeal(40), renewalDeal(-3), renewalDeal(-1)])).toMatchObject({ window: 'overdue', daysToRenewal: -3, overdueOpenDeals: 2 });
  });

  it('a renewal due today is not overdue', () => {
    expect(facts([renewalDeal(0)])).toMatchObject({ window: 'd30', daysToRenewal: 0, overdueOpenDeals: 0 });
  });
});

describe('which deal is the renewal', () => {
  it('takes the earliest open renewal deal with its amount, currency and stage', () => {
    const view = buildCardView(
      snapshot({
        deals: [
          renewalDeal(200, { amount: '99000' }),
          renewalDeal(45, { id: '9001', amount: '24000.50', currency: 'EUR', stage: 'decisionmakerboughtin' }),
          deal({ type: 'newbusiness', closeInDays: 10, amount: 5000 }),
          deal({ stage: 'closedwon', closeInDays: -320 }),
          deal({ stage: 'closedlost', closeInDays: -200 }),
        ],
      }),
      defaultConfig,
      at,
    );
    expect(view.renewal).toEqual({
      date: dayAt(45),
      daysToRenewal: 45,
      window: 'd60',
      amount: 24000.5,
      currency: 'EUR',
      dealId: '9001',
      stage: 'decisionmakerboughtin',
      source: 'renewal_deal',
      // The renewal won 320 days ago is the first won contract deal; it has no amount.
      customerSince: dayAt(-320),
      lifetimeRevenue: 0,
      lifetimeRevenueCurrency: 'USD',
      status: 'open',
      lastOutcome: { result: 'won', date: dayAt(-320), dealId: expect.any(String) as string },
      staleDeals: [],
      lapsed: false,
    });
  });

  it('ignores closed deals even when only hs_is_closed says so', () => {
    expect(facts([renewalDeal(20, { closed: true, stage: 'custom_closed' })]).source).toBeNull();
  });

  it('reads close dates as dates, datetimes or epoch milliseconds', () => {
    expect(facts([renewalDeal(0, { closedate: dayAt(40) })]).daysToRenewal).toBe(40);
    expect(facts([renewalDeal(0, { closedate: `${dayAt(40)}T23:30:00-02:00` })]).daysToRenewal).toBe(41);
    expect(facts([renewalDeal(0, { closedate: epochAt(40) })]).daysToRenewal).toBe(40);
  });

  it('uses the default currency when the deal has none', () => {
    expect(facts([renewalDeal(40, { currency: null })], {}, parseConfig({ currency: 'GBP' })).currency).toBe('GBP');
  });

  it('recognises renewals by a configured pipeline', () => {
    const config = parseConfig({ renewal: { existingBusinessDealTypes: [], pipelines: ['renewals'] } });
    expect(facts([deal({ type: 'newbusiness', pipeline: 'renewals', closeInDays: 70 })], {}, config).window).toBe('d90');
    expect(facts([renewalDeal(70)], {}, config).window).toBeNull();
  });

  it('falls back to the contract end date company property', () => {
    expect(facts([], { contract_end_date: dayAt(75) })).toMatchObject({ daysToRenewal: 75, window: 'd90', source: 'company_property', dealId: null, currency: 'USD' });
    const config = parseConfig({ renewal: { companyDateProperty: 'renewal_date', companyAmountProperty: 'arr' } });
    expect(facts([], { renewal_date: dayAt(10), arr: '12000' }, config)).toMatchObject({ window: 'd30', amount: 12000 });
  });

  it('reports no renewal data when there is neither', () => {
    const result = facts([deal({ type: 'newbusiness', closeInDays: 10 })], { contract_end_date: 'soon' });
    expect(result).toMatchObject({ day: null, window: null, source: null });
    expect(renewalFactor(result, false)).toMatchObject({ status: 'no_data', score: null });
  });

  it('warns about open renewal deals without a close date', () => {
    const view = buildCardView(snapshot({ deals: [renewalDeal(0, { closedate: 'TBD' })] }), defaultConfig, at);
    expect(view.warnings).toContain('1 open renewal deal ignored: no valid close date');
  });
});

describe('renewal factor: the renewal\'s state, not the calendar', () => {
  const score = (days: number, probability: number | null) =>
    renewalFactor(facts([renewalDeal(days, { probability })]), false).score;

  it('@example: scores the open renewal deal\'s stage probability, the same 200 and 31 days out', () => {
    expect(score(200, 0.6)).toBe(60);
    expect(score(31, 0.6)).toBe(60);
    expect(score(5, 1)).toBe(100);
  });

  it('@example: an overdue open renewal scores 0; a deal without a probability is no data', () => {
    expect(score(-1, 0.9)).toBe(0);
    expect(renewalFactor(facts([renewalDeal(40, { probability: null })]), false)).toMatchObject({ status: 'no_data', score: null });
  });

  it('a won renewal whose contract runs scores 100; no renewal deal yet is no data', () => {
    const renewed = facts([deal({ stage: 'closedwon', closeInDays: -3 })], { contract_end_date: dayAt(-1) });
    expect(renewed).toMatchObject({ status: 'renewed', source: 'contract_term', window: 'later', lapsed: false });
    expect(renewalFactor(renewed, false)).toMatchObject({ score: 100, status: 'ok' });
    expect(renewalFactor(facts([], { contract_end_date: dayAt(120) }), false)).toMatchObject({ status: 'no_data' });
  });

  it('is an error, not zero, when deals could not be read', () => {
    expect(renewalFactor(facts([]), true)).toMatchObject({ status: 'error', score: null });
  });
});

describe('deals closed on the same day', () => {
  it('give the same facts whatever order HubSpot lists them in', () => {
    const sameDay = [
      deal({ id: '2', type: 'newbusiness', stage: 'closedwon', closeInDays: -18, amount: null }),
      deal({ id: '1', stage: 'closedwon', closeInDays: -18, amount: 1 }),
      deal({ id: '3', stage: 'closedlost', closeInDays: -18, amount: 5 }),
      deal({ id: '4', stage: 'closedwon', closeInDays: -18, amount: 7 }),
    ];
    const one = facts(sameDay);
    expect(facts([...sameDay].reverse())).toEqual(one);
    expect(facts([sameDay[1], sameDay[3], sameDay[0], sameDay[2]].filter((d) => d !== undefined))).toEqual(one);
    // A won renewal's outcome before a lost one's on the same day.
    expect(one.lastOutcome?.result).toBe('won');
  });
});
