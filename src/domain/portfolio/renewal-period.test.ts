import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig, type CsConfig } from '../../config/schema.ts';
import { parseIsoDate } from '../parsing/index.ts';
import { readDeals } from '../renewal/deals.ts';
import { checkPeriod, periodSchema, renewalPeriod, type Period, type RenewalPeriod } from './renewal-period.ts';
import type { CrmRecord } from '../card/snapshot.ts';
import { asOfArb, configArb, snapshotArb } from '../testing/arbitraries.ts';
import { deal } from '../testing/fixtures.ts';

// Worked examples over Q1 2026, from HubSpot-shaped deal records (string values, nulls,
// epoch-ms strings, offsets, impossible dates), then properties over garbage deals.

const day = (iso: string) => parseIsoDate(iso) ?? Number.NaN;
const q1: Period = { start: day('2026-01-01'), end: day('2026-03-31') };

const renewal = 'existingbusiness';
const newBusiness = 'newbusiness';
const won = (type: string | null, closedate: string | null, amount: string | number | null, currency?: string | null): CrmRecord =>
  deal({ type, stage: 'closedwon', closedate, amount, currency });
const lost = (type: string, closedate: string | null, amount: string | number | null): CrmRecord => deal({ type, stage: 'closedlost', closedate, amount });
const open = (closedate: string | null, amount: string | number | null): CrmRecord => deal({ type: renewal, stage: 'contractsent', closedate, amount });

// These examples are about the period rules, not about telling renewals from expansion
// (renewal-classification.test.ts): every existing-business deal here is a renewal.
const defaultConfig: CsConfig = parseConfig({ renewal: { dealTypes: ['existingbusiness'] } });

function periodOf(records: readonly CrmRecord[], period = q1, config: CsConfig = defaultConfig): RenewalPeriod {
  return renewalPeriod('42', readDeals(records, config.renewal, config.handoff), period, config.currency);
}

const quiet = { underContract: false, dueForRenewal: false, renewed: false, churned: false, amountDue: 0, amountRenewed: 0, startArr: 0, expansion: 0, contraction: 0, churnedArr: 0, otherCurrency: false };

describe('a company in a period, from its deals', () => {
  it('renewed with an upsell: due the ARR in force, renewed the new contract, the rise is expansion', () => {
    const records = [won(newBusiness, '2025-02-10T09:30:00+01:00', '100000'), won(renewal, '2026-02-10', '120000')];
    expect(periodOf(records)).toEqual({
      ...quiet,
      companyId: '42',
      underContract: true,
      dueForRenewal: true,
      renewed: true,
      amountDue: 100000,
      amountRenewed: 120000,
      startArr: 100000,
      expansion: 20000,
    });
  });

  it('renewed at a discount: the fall is contraction (ARR from a renewal won before, sent as epoch ms)', () => {
    const records = [won(newBusiness, '2024-03-01', '45000'), won(renewal, String(Date.UTC(2025, 2, 1, 10)), '50000'), won(renewal, '2026-03-01T00:00:00.000Z', '40000.50')];
    expect(periodOf(records)).toMatchObject({ underContract: true, renewed: true, amountDue: 50000, amountRenewed: 40000.5, startArr: 50000, expansion: 0, contraction: 9999.5 });
  });

  it('churned: the renewal was lost and nothing is in force at the end; its start ARR is churned', () => {
    const records = [won(newBusiness, '2025-03-15', '30000'), lost(renewal, '2026-03-15T23:30:00-02:00', '30000')];
    expect(periodOf(records)).toMatchObject({ underContract: true, dueForRenewal: true, renewed: false, churned: true, amountDue: 30000, startArr: 30000, churnedArr: 30000, contraction: 0 });
  });

  it('a renewal still open is due, neither renewed nor churned, and the ARR holds', () => {
    const records = [won(newBusiness, '2025-03-20', 8000), open('2026-03-20', 9000)];
    expect(periodOf(records)).toMatchObject({ underContract: true, dueForRenewal: true, renewed: false, churned: false, amountDue: 8000, amountRenewed: 0, startArr: 8000, expansion: 0, contraction: 0 });
  });

  it('a customer whose renewal falls after the period only brings its start ARR', () => {
    expect(periodOf([won(newBusiness, '2025-06-30', '12000'), open('2026-06-30', '12000')])).toEqual({ ...quiet, companyId: '42', underContract: true, startArr: 12000 });
  });

  it('a customer signed in the period is not in the start population', () => {
    expect(periodOf([won(newBusiness, '2026-01-15', '5000')])).toEqual({ ...quiet, companyId: '42' });
  });

  it('a customer lost before the period is not under contract', () => {
    expect(periodOf([won(newBusiness, '2024-12-01', '5000'), lost(renewal, '2025-12-01', '5000')])).toEqual({ ...quiet, companyId: '42' });
  });

  it('a renewal due with no earlier contract deal implies a contract: start ARR is what was put up for renewal', () => {
    expect(periodOf([won(renewal, '2026-02-01', '10000')])).toMatchObject({ underContract: true, dueForRenewal: true, renewed: true, startArr: 10000, amountDue: 10000, amountRenewed: 10000, expansion: 0 });
    expect(periodOf([lost(renewal, '2026-02-01', '10000')])).toMatchObject({ underContract: true, churned: true, startArr: 10000, amountDue: 10000, churnedArr: 10000 });
  });

  it('a lost renewal re-opened and won in the period is renewed, compared with the contract it renews', () => {
    const records = [won(newBusiness, '2025-01-10', 100), lost(renewal, '2026-01-10', 100), won(renewal, '2026-01-20', 80)];
    expect(periodOf(records)).toMatchObject({ renewed: true, churned: false, amountDue: 100, amountRenewed: 80, contraction: 20 });
  });

  it('a customer won back with new business after a lost renewal did not churn, and did not renew', () => {
    const records = [won(newBusiness, '2025-01-10', 100), lost(renewal, '2026-01-10', 100), won(newBusiness, '2026-02-20', 60)];
    expect(periodOf(records)).toMatchObject({ underContract: true, dueForRenewal: true, renewed: false, churned: false, churnedArr: 0, startArr: 100, contraction: 40 });
  });

  it('the last decided renewal in the period decides: renewed then lost is churned', () => {
    const records = [won(newBusiness, '2025-01-05', 100), won(renewal, '2026-01-05', 110), lost(renewal, '2026-03-05', 110)];
    expect(periodOf(records)).toMatchObject({ renewed: false, churned: true, amountRenewed: 0, churnedArr: 100, expansion: 0 });
  });

  it('won new business adds to the contract (cross-sell); a won renewal restates it', () => {
    const crossSold = [won(newBusiness, '2025-01-10', 100), won(newBusiness, '2025-06-10', 20)];
    expect(periodOf(crossSold)).toMatchObject({ underContract: true, startArr: 120 });
    expect(periodOf([...crossSold, won(newBusiness, '2026-02-01', 30)])).toMatchObject({ startArr: 120, expansion: 30, dueForRenewal: false });
    expect(periodOf([...crossSold, won(renewal, '2025-12-01', 125)])).toMatchObject({ startArr: 125 });
  });

  it('a lost new-business deal ends no contract; renewal deals won the same day add up (split deals)', () => {
    expect(periodOf([won(newBusiness, '2025-01-10', 100), lost(newBusiness, '2025-09-01', 500)])).toMatchObject({ underContract: true, startArr: 100 });
    const split = [won(newBusiness, '2025-01-10', 100), won(renewal, '2026-01-10', 70), won(renewal, '2026-01-10T18:00:00Z', 50)];
    expect(periodOf(split)).toMatchObject({ renewed: true, amountDue: 100, amountRenewed: 120, expansion: 20 });
  });

  it('on one day a won renewal beats a lost one', () => {
    const records = [won(newBusiness, '2025-01-10', 100), lost(renewal, '2026-01-10', 100), won(renewal, '2026-01-10', 90)];
    expect(periodOf(records)).toMatchObject({ renewed: true, churned: false, amountRenewed: 90, contraction: 10 });
  });

  it('counts the period days inclusively, in UTC', () => {
    const base = won(newBusiness, '2025-01-01', 100);
    expect(periodOf([base, won(renewal, '2026-01-01T00:00:00Z', 100)]).dueForRenewal).toBe(true);
    expect(periodOf([base, won(renewal, '2026-03-31T23:59:59.999Z', 100)]).dueForRenewal).toBe(true);
    expect(periodOf([base, won(renewal, '2026-04-01T00:30:00+01:00', 100)]).dueForRenewal).toBe(true); // 2026-03-31 in UTC
    expect(periodOf([base, won(renewal, '2026-04-01T00:00:00Z', 100)]).dueForRenewal).toBe(false);
    expect(periodOf([base, won(renewal, '2025-12-31T23:59:59Z', 100)]).dueForRenewal).toBe(false);
    const oneDay = { start: day('2026-02-10'), end: day('2026-02-10') };
    expect(periodOf([base, won(renewal, '2026-02-10', 100)], oneDay)).toMatchObject({ dueForRenewal: true, renewed: true });
  });

  it('ignores deals without a real close date and deals that are not contract deals', () => {
    const records = [
      won(newBusiness, '2025-02-01', 100),
      lost(renewal, '2026-02-30', 100),
      lost(renewal, null, 100),
      lost(renewal, 'next week', 100),
      won('addon', '2026-02-01', 900),
      won(null, '2026-02-01', 900),
    ];
    expect(periodOf(records)).toEqual({ ...quiet, companyId: '42', underContract: true, startArr: 100 });
  });

  it('counts missing, negative and unreadable amounts as 0', () => {
    expect(periodOf([won(newBusiness, '2025-02-01', null), won(renewal, '2026-02-01', '-500')])).toMatchObject({ renewed: true, startArr: 0, amountDue: 0, amountRenewed: 0, expansion: 0 });
    expect(periodOf([won(newBusiness, '2025-02-01', 'NaN'), won(renewal, '2026-02-01', '1,000')])).toMatchObject({ startArr: 0, amountRenewed: 0 });
    expect(periodOf([won(newBusiness, '2025-02-01', '1e400'), lost(renewal, '2026-02-01', 'Infinity')])).toMatchObject({ churned: true, startArr: 0, churnedArr: 0 });
  });

  it('counts a deal sent twice once, whatever the order', () => {
    const first = won(newBusiness, '2025-02-01', 100);
    const second = won(renewal, '2026-02-01', 70);
    const split = won(renewal, '2026-02-01', 50);
    const once = periodOf([first, second, split]);
    expect(once).toMatchObject({ amountRenewed: 120, expansion: 20 });
    expect(periodOf([split, second, first, second, split, first])).toEqual(once);
  });

  it('keeps one version of a deal id sent twice with different values, whatever the order: the won one', () => {
    const base = won(newBusiness, '2025-02-01', 100);
    const signed = { ...won(renewal, '2026-02-01', 110), id: '7' };
    const stale = { ...lost(renewal, '2026-01-15', 100), id: '7' };
    expect(periodOf([base, signed, stale])).toMatchObject({ renewed: true, churned: false, amountRenewed: 110, expansion: 10 });
    expect(periodOf([stale, base, signed])).toEqual(periodOf([base, signed, stale]));
  });

  describe('currencies', () => {
    it('a deal without a currency is in the reporting currency, and currency codes ignore case', () => {
      expect(periodOf([won(newBusiness, '2025-02-01', 100, null), won(renewal, '2026-02-01', 110, 'usd')])).toMatchObject({ otherCurrency: false, startArr: 100, expansion: 10 });
    });

    it('leaves the amounts of a company out when one that feeds them is in another currency, and still counts the customer', () => {
      const records = [won(newBusiness, '2025-02-01', 100, 'USD'), won(renewal, '2026-02-01', 95, 'EUR')];
      expect(periodOf(records)).toEqual({ ...quiet, companyId: '42', underContract: true, dueForRenewal: true, renewed: true, otherCurrency: true });
    });

    it('uses the configured reporting currency', () => {
      const records = [won(newBusiness, '2025-02-01', 100, 'EUR'), won(renewal, '2026-02-01', 95, 'EUR')];
      expect(periodOf(records, q1, { ...defaultConfig, currency: 'EUR' })).toMatchObject({ otherCurrency: false, contraction: 5 });
      expect(periodOf(records)).toMatchObject({ otherCurrency: true, contraction: 0, startArr: 0 });
    });

    it('ignores the currency of deals whose amounts no longer count (a contract restated since)', () => {
      const records = [won(newBusiness, '2023-02-01', 100, 'GBP'), won(renewal, '2025-02-01', 100, 'USD'), won(renewal, '2026-02-01', 100, 'USD')];
      expect(periodOf(records)).toMatchObject({ otherCurrency: false, startArr: 100 });
    });
  });
});

describe('the period', () => {
  it('reads { start, end } written YYYY-MM-DD, both days inclusive', () => {
    expect(periodSchema.parse({ start: '2026-01-01', end: '2026-03-31' })).toEqual(q1);
    expect(periodSchema.parse({ start: '2026-02-10', end: '2026-02-10' })).toEqual({ start: day('2026-02-10'), end: day('2026-02-10') });
  });

  it.each([
    [{ start: '2026-04-01', end: '2026-03-31' }, 'end (2026-03-31) must not be before start (2026-04-01)'],
    [{ start: '2026-02-30', end: '2026-03-31' }, 'start must be a real date written YYYY-MM-DD, like 2026-01-01; got "2026-02-30"'],
    [{ start: '2026-01-01', end: '2026-03-31T00:00:00Z' }, 'end must be a real date'],
    [{ start: '2026-01-01' }, 'end must be a date written YYYY-MM-DD'],
    [{ start: '2026-01-01', end: '2026-03-31', until: 'x' }, 'until'],
  ])('rejects %j, saying what to fix', (input, message) => {
    const result = periodSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('; ')).toContain(message);
  });

  it('is checked before anything is derived: a clear RangeError for a backwards or fractional period', () => {
    expect(checkPeriod(q1)).toBe(q1);
    expect(() => renewalPeriod('1', [], { start: q1.end, end: q1.start }, 'USD')).toThrow(new RangeError('The period starts (2026-03-31) after it ends (2026-01-01)'));
    expect(() => checkPeriod({ start: 0.5, end: 3 })).toThrow(/whole days/);
    expect(() => checkPeriod({ start: Number.NaN, end: 3 })).toThrow(RangeError);
  });
});

describe('a company period over any deals', () => {
  const periodArb = (asOf: string) =>
    fc.tuple(fc.integer({ min: -150, max: 150 }), fc.integer({ min: 0, max: 400 })).map(([offset, length]): Period => {
      const start = day(asOf) + offset;
      return { start, end: start + length };
    });
  const caseArb = fc.tuple(asOfArb, configArb).chain(([asOf, config]) => fc.record({ config: fc.constant(config), deals: snapshotArb(asOf).map((s) => s.deals), period: periodArb(asOf) }));

  it('never throws, yields only finite non-negative amounts, and keeps the outcomes consistent', () => {
    fc.assert(
      fc.property(caseArb, ({ config, deals, period }) => {
        const result = periodOf(deals, period, config);
        for (const value of Object.values(result)) if (typeof value === 'number') expect(Number.isFinite(value) && value >= 0).toBe(true);
        if (result.renewed) expect(result.dueForRenewal).toBe(true);
        if (result.churned) expect(result.dueForRenewal && !result.renewed).toBe(true);
        if (!result.renewed) expect(result.amountRenewed).toBe(0);
        if (!result.underContract) expect([result.startArr, result.expansion, result.contraction, result.churnedArr]).toEqual([0, 0, 0, 0]);
        expect(result.expansion === 0 || result.contraction === 0).toBe(true);
        expect(result.churnedArr).toBe(result.churned && result.underContract ? result.startArr : 0);
        expect(result.contraction).toBeLessThanOrEqual(result.startArr);
        if (result.otherCurrency) expect([result.startArr, result.amountDue, result.amountRenewed, result.expansion]).toEqual([0, 0, 0, 0]);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order of the deals, nor on a deal sent twice', () => {
    const arb = caseArb.chain((c) =>
      fc.record({ c: fc.constant(c), shuffled: fc.shuffledSubarray([...c.deals], { minLength: c.deals.length, maxLength: c.deals.length }), again: fc.subarray([...c.deals]) }),
    );
    fc.assert(
      fc.property(arb, ({ c, shuffled, again }) => {
        expect(periodOf([...shuffled, ...again], c.period, c.config)).toEqual(periodOf(c.deals, c.period, c.config));
      }),
      { numRuns: 300 },
    );
  });

  it('finds a renewal due in two adjacent periods together exactly when it is due in one of them', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 200 }), ({ config, deals, period }, length) => {
        const next = { start: period.end + 1, end: period.end + length };
        const whole = { start: period.start, end: next.end };
        const [a, b, both] = [period, next, whole].map((p) => periodOf(deals, p, config));
        if (a && b && both) expect(both.dueForRenewal).toBe(a.dueForRenewal || b.dueForRenewal);
      }),
      { numRuns: 200 },
    );
  });
});
