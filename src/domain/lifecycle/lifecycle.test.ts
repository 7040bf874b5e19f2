import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/schema.ts';
import { buildCardView } from '../card/card.ts';
import { asOfArb, configArb, snapshotArb } from '../testing/arbitraries.ts';
import { at, dayAt, deal, renewalDeal, snapshot, type SnapshotParts } from '../testing/fixtures.ts';

// Issue 19 "Stages" and "Outcomes", worked examples on hand-made HubSpot-shaped records (as of
// AS_OF, 2026-11-23): renewing is an open renewal within 90 days or overdue; a contract that
// ended with no renewal deal on record is flagged lapsed (with its action), not "renewing".

const card = (parts: SnapshotParts) => buildCardView(snapshot(parts), defaultConfig, at);
const actionIds = (parts: SnapshotParts) => card(parts).actions.map((action) => action.id);
const wonNewBusiness = (closeInDays: number) => deal({ type: 'newbusiness', stage: 'closedwon', closeInDays, amount: 50_000 });
/** A won renewal (existing business closing at the contract's end). */
const wonRenewal = (closeInDays: number) => deal({ stage: 'closedwon', closeInDays, amount: 50_000 });

describe('a contract that ended with no renewal deal on record (lapsed) is not renewing', () => {
  it('new business won 765 days ago, a 12-month term, nothing since: lapsed ~400 days ago; active since onboarding ended (the @example)', () => {
    const parts = { deals: [wonNewBusiness(-765)] };
    const view = card(parts);
    expect(view.renewal).toMatchObject({ status: 'none', source: 'contract_term', window: 'overdue', lapsed: true });
    expect(view.lifecycle).toEqual({ stage: 'active', since: dayAt(-765 + 90) });
    expect(actionIds(parts)).toContain('renewal-lapsed');
  });

  it('a renewal won 400 days ago and nothing open since: lapsed, active since that renewal (never the dead window\'s start)', () => {
    const parts = { deals: [wonNewBusiness(-765), wonRenewal(-400)] };
    const view = card(parts);
    expect(view.renewal).toMatchObject({ status: 'none', lapsed: true, lastOutcome: { result: 'won', date: dayAt(-400) } });
    expect(view.lifecycle).toEqual({ stage: 'active', since: dayAt(-400) });
    expect(actionIds(parts)).toContain('renewal-lapsed');
  });

  it('the contract end property a month past, no deal at all: active with no date to state (nothing says when it began)', () => {
    const parts = { company: { contract_end_date: dayAt(-30) } };
    const view = card(parts);
    expect(view.renewal).toMatchObject({ source: 'company_property', lapsed: true });
    expect(view.lifecycle).toEqual({ stage: 'active', since: null });
    expect(actionIds(parts)).toContain('renewal-lapsed');
  });

  it('the day after the contract\'s end with nothing open it lapses; on the end day itself it is still renewing', () => {
    expect(card({ company: { contract_end_date: dayAt(-1) } }).lifecycle.stage).toBe('active');
    expect(card({ company: { contract_end_date: dayAt(0) } }).lifecycle).toEqual({ stage: 'renewing', since: dayAt(-90) });
  });

  it('an open renewal deal opened for the lapsed contract makes it renewing again, overdue, since its window opened', () => {
    const view = card({ deals: [wonNewBusiness(-765), renewalDeal(-400)] });
    expect(view.renewal).toMatchObject({ status: 'open', window: 'overdue', lapsed: false });
    expect(view.lifecycle).toEqual({ stage: 'renewing', since: dayAt(-490) });
  });

  it('an open renewal deal without a close date, the contract ended: an open renewal, overdue, so renewing (not lapsed)', () => {
    const view = card({ company: { contract_end_date: dayAt(-10) }, deals: [renewalDeal(0, { closedate: null })] });
    expect(view.renewal).toMatchObject({ window: 'overdue', lapsed: false });
    expect(view.lifecycle).toEqual({ stage: 'renewing', since: dayAt(-100) });
  });
});

describe('a renewal still ahead within 90 days is renewing, with or without its deal', () => {
  it('an open renewal deal 31 days out: renewing since the window opened 59 days ago', () => {
    expect(card({ deals: [renewalDeal(31)] }).lifecycle).toEqual({ stage: 'renewing', since: dayAt(-59) });
  });

  it('estimated from the contract end (new business won 300 days ago, ends in ~65 days), no deal yet: renewing, the renewal is due', () => {
    const view = card({ deals: [wonNewBusiness(-300)] });
    expect(view.renewal).toMatchObject({ status: 'none', source: 'contract_term', lapsed: false });
    const days = view.renewal.daysToRenewal ?? expect.fail('no renewal date');
    expect(days).toBeGreaterThan(60);
    expect(days).toBeLessThanOrEqual(90);
    expect(view.lifecycle).toEqual({ stage: 'renewing', since: dayAt(days - 90) });
  });

  it('from the contract end property 45 days out, no deal: renewing since 45 days ago; 91 days out: active', () => {
    expect(card({ company: { contract_end_date: dayAt(45) } }).lifecycle).toEqual({ stage: 'renewing', since: dayAt(-45) });
    expect(card({ company: { contract_end_date: dayAt(91) } }).lifecycle.stage).toBe('active');
  });
});

describe('lifecycle invariants over arbitrary HubSpot data and configs', () => {
  it('never renewing with a lapsed contract or outside the horizon; never a date after the as-of day', () => {
    const snapshotAndAsOf = asOfArb.chain((asOf) => fc.tuple(fc.constant(asOf), snapshotArb(asOf)));
    fc.assert(
      fc.property(snapshotAndAsOf, configArb, ([asOf, read], config) => {
        const view = buildCardView(read, config, { asOf, generatedAt: `${asOf}T12:00:00.000Z` });
        if (view.renewal.lapsed) expect(view.lifecycle.stage).not.toBe('renewing');
        if (view.lifecycle.stage === 'renewing') expect(view.renewal.daysToRenewal ?? Infinity).toBeLessThanOrEqual(config.renewal.horizonDays);
        if (view.lifecycle.since !== null) expect(view.lifecycle.since <= asOf).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
