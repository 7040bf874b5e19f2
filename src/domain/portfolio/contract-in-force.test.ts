import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/schema.ts';
import { formatDay, parseIsoDate, type Day } from '../parsing/index.ts';
import type { CrmRecord, PropertyValues } from '../card/snapshot.ts';
import { buildCardView } from '../card/card.ts';
import { deal, snapshot } from '../testing/fixtures.ts';
import { readCompanyContract, readContractDeals } from './contract-deals.ts';
import { contractInForce } from './contract-in-force.ts';
import { bookCompany, bookReports, type BookCompany } from './portfolio-book.ts';
import { portfolioOverview } from './portfolio-overview.ts';
import { bookRecordsAsOf } from './book-as-of.ts';
import { customerOn } from './customer.ts';
import type { Period } from './renewal-period.ts';

// One rule for the contract in force (contract-in-force.ts), read by the book (ARR in force on the
// as-of day) and by the period report (ARR at a period's start and end): HubSpot-shaped deals,
// figures worked by hand in the comments, then the book and the report compared day by day.

const day = (iso: string): Day => parseIsoDate(iso) ?? Number.NaN;
const won = (type: string, closedate: string, amount: number) => deal({ type, stage: 'closedwon', closedate: `${closedate}T12:00:00Z`, amount });
const lost = (closedate: string, amount: number) => deal({ type: 'existingbusiness', stage: 'closedlost', closedate: `${closedate}T12:00:00Z`, amount });
const open = (closedate: string, amount: number) => deal({ type: 'existingbusiness', stage: 'contractsent', closedate: `${closedate}T12:00:00Z`, amount });
const contract = (records: readonly CrmRecord[], company: PropertyValues = {}) => readContractDeals(records, defaultConfig, { reporting: 'USD', home: null }, company);

/** The company in the book as of `asOf`, with its row of the period from `from` to `asOf`. */
function booked(records: readonly CrmRecord[], asOf: Day, from: Day = asOf, company: PropertyValues = {}): BookCompany {
  return bookCompany({ id: '1', properties: { name: 'Acme', ...company } }, readCompanyContract(records, defaultConfig, { reporting: 'USD', home: null }, company), { asOf, periods: [{ start: from, end: asOf }], currency: 'USD', churnReasonProperty: 'cs_churn_reason' });
}

describe('the contract an open renewal deal implies', () => {
  // Acme's only deal: its renewal of 30,000, open, closing 2027-01-14 (existing business, no
  // contract end date). renewal-classification.ts reads it as the renewal of a contract ending on
  // 2027-01-14; a renewal only falls due on a running contract, so that contract is in force, and
  // the one figure of its value is what is up for renewal: 30,000, inferred.
  const onlyOpen = [open('2027-01-14', 30_000)];

  it('is in force before its close day, on it, and after it while the renewal stays open (overdue), inferred', () => {
    for (const iso of ['2026-10-01', '2027-01-13', '2027-01-14', '2027-03-01']) {
      expect(contractInForce(contract(onlyOpen), day(iso), 'USD'), iso).toEqual({ inForce: true, arr: 30_000, otherCurrency: false, inferred: true });
    }
  });

  it('won, becomes the contract it signed (no longer inferred); lost, ends (churn, the ARR it took the inferred 30,000)', () => {
    expect(contractInForce(contract([won('existingbusiness', '2027-01-14', 33_000)]), day('2027-02-01'), 'USD')).toEqual({ inForce: true, arr: 33_000, otherCurrency: false, inferred: false });
    const gone = booked([lost('2027-01-14', 30_000)], day('2027-02-01'), day('2027-01-01'));
    expect([gone.arr, gone.arrInferred, gone.churnedOn, gone.churnedArr]).toEqual([0, false, '2027-01-14', 30_000]);
  });

  it('is not inferred when a decided contract deal comes before it: won new business is the contract', () => {
    const records = [won('newbusiness', '2026-01-14', 24_000), open('2027-01-14', 30_000)];
    expect(contractInForce(contract(records), day('2026-12-07'), 'USD')).toEqual({ inForce: true, arr: 24_000, otherCurrency: false, inferred: false });
    // ... and before that new business nothing was in force (a prospect, not a customer).
    expect(contractInForce(contract(records), day('2025-12-07'), 'USD').inForce).toBe(false);
  });

  it('new business won after the open renewal adds to the inferred contract, which stays marked inferred', () => {
    // Upsell sold as new business on 2027-02-01 while the 2027-01-14 renewal is still open: 30,000 + 5,000.
    const records = [open('2027-01-14', 30_000), won('newbusiness', '2027-02-01', 5_000)];
    expect(contractInForce(contract(records), day('2027-02-15'), 'USD')).toEqual({ inForce: true, arr: 35_000, otherCurrency: false, inferred: true });
  });

  it('shows in the book as ARR in force, counted as inferred by the overview', () => {
    const acme = booked(onlyOpen, day('2026-12-07'), day('2026-10-01'));
    expect([acme.arr, acme.arrInferred, acme.churnedOn]).toEqual([30_000, true, null]);
    const overview = portfolioOverview([acme], { asOf: day('2026-12-07'), churnPeriod: { start: day('2026-10-01'), end: day('2026-12-07') }, reporting: 'USD' });
    expect([overview.arr, overview.arrInferred]).toEqual([[{ currency: 'USD', amount: 30_000 }], 1]);
  });

  it('shows in the period report as start and end ARR, counted as inferred, whether or not the renewal falls in the period', () => {
    const q4: Period = { start: day('2026-10-01'), end: day('2026-12-31') };
    const [report] = bookReports([booked(onlyOpen, day('2026-12-31'), q4.start)], [q4], 'USD');
    // Not due in Q4 (it closes in January): a customer all quarter at 30,000, no movement.
    expect(report).toMatchObject({ customers: { atStart: 1, atEnd: 1, new: 0, churned: 0 }, renewals: { due: 0 }, arr: { start: 30_000, end: 30_000, new: 0, expansion: 0 }, arrInferred: 1 });
    const q1: Period = { start: day('2027-01-01'), end: day('2027-03-31') };
    const [due] = bookReports([booked(onlyOpen, day('2027-03-31'), q1.start)], [q1], 'USD');
    // Due in Q1 and still open: due 30,000, not renewed, not churned, ARR held.
    expect(due).toMatchObject({ customers: { atStart: 1, atEnd: 1 }, renewals: { due: 1, open: 1, dueValue: 30_000 }, arr: { start: 30_000, end: 30_000 }, arrInferred: 1 });
  });
});

describe('an expansion deal and the contract in force (expansion is never a renewal and never churn: lifecycle.ts)', () => {
  const card = (records: readonly CrmRecord[], asOf: string) => buildCardView(snapshot({ deals: [...records] }), defaultConfig, { asOf, generatedAt: `${asOf}T09:00:00Z` });

  // 1. Globex: new business won 2025-10-15 at 10,000 (a contract to 2026-10-15), its renewal lost on
  // 2026-10-15, then 5,000 of existing business won on 2027-02-01, 109 days after the contract's end:
  // not a renewal but an expansion (renewal-classification.ts). Churned since the loss: the contract
  // ended then, and an expansion renews nothing, so none is in force after it — in the book, the
  // report and the card alike.
  const churnedThenExpansion = [won('newbusiness', '2025-10-15', 10_000), lost('2026-10-15', 10_000), won('existingbusiness', '2027-02-01', 5_000)];

  it('1. after a lost renewal, a won expansion brings no contract back: churned since the loss everywhere', () => {
    expect(contract(churnedThenExpansion).map((d) => d.kind)).toEqual(['new_business', 'renewal', 'expansion']);
    const globex = booked(churnedThenExpansion, day('2027-02-15'), day('2027-01-01'));
    expect([globex.churnedOn, globex.arr, globex.arrInferred]).toEqual(['2026-10-15', 0, false]);
    expect(contractInForce(contract(churnedThenExpansion), day('2027-02-15'), 'USD').inForce).toBe(false);
    const [report] = bookReports([globex], [{ start: day('2027-01-01'), end: day('2027-02-15') }], 'USD');
    expect(report).toMatchObject({ customers: { atStart: 0, atEnd: 0, new: 0 }, arr: { start: 0, end: 0, new: 0 } });
    expect(card(churnedThenExpansion, '2027-02-15').lifecycle).toEqual({ stage: 'churned', since: '2026-10-15' });
    // Over the year of the loss: 10,000 churned, nothing new after it.
    const [year] = bookReports([booked(churnedThenExpansion, day('2027-03-31'), day('2026-07-01'))], [{ start: day('2026-07-01'), end: day('2027-03-31') }], 'USD');
    expect(year).toMatchObject({ customers: { atStart: 1, atEnd: 0, new: 0, churned: 1 }, arr: { start: 10_000, churned: 10_000, end: 0, new: 0 } });
  });

  it('new business won on the day of the loss is a new contract, as a won renewal that day would be: not churned anywhere', () => {
    const rewon = [won('newbusiness', '2025-10-15', 10_000), lost('2026-10-15', 10_000), won('newbusiness', '2026-10-15', 8_000)];
    const company = booked(rewon, day('2026-12-07'), day('2026-10-01'));
    expect([company.churnedOn, company.arr]).toEqual([null, 8_000]);
    expect(bookReports([company], [{ start: day('2026-10-01'), end: day('2026-12-07') }], 'USD')[0]).toMatchObject({ customers: { churned: 0, atEnd: 1 }, arr: { end: 8_000 } });
    expect(card(rewon, '2026-12-07').lifecycle.stage).not.toBe('churned');
  });

  // 2. Initech: contract_end_date 2027-01-14, no new business on record; 5,000 of existing business
  // won on 2026-06-30, far from the contract's end (an expansion), and the renewal of 30,000 open,
  // closing 2027-01-10. An expansion is not the contract: the renewal still implies the contract it
  // renews, worth what is up for renewal (30,000) when it falls due; the 5,000 sold on 2026-06-30 is
  // part of it, so before then the contract was worth 25,000 (contract-in-force.ts impliedContract).
  const initech = { contract_end_date: '2027-01-14' };
  const expansionBeforeRenewal = [won('existingbusiness', '2026-06-30', 5_000), open('2027-01-10', 30_000)];

  it('2. a won expansion before the first renewal does not stop the contract that renewal implies', () => {
    expect(contract(expansionBeforeRenewal, initech).map((d) => d.kind)).toEqual(['expansion', 'renewal']);
    expect(contractInForce(contract(expansionBeforeRenewal, initech), day('2026-05-01'), 'USD')).toEqual({ inForce: true, arr: 25_000, otherCurrency: false, inferred: true });
    expect(contractInForce(contract(expansionBeforeRenewal, initech), day('2026-12-07'), 'USD')).toEqual({ inForce: true, arr: 30_000, otherCurrency: false, inferred: true });
    const q2 = booked(expansionBeforeRenewal, day('2026-06-30'), day('2026-04-01'), initech);
    expect([q2.arr, q2.arrInferred, q2.churnedOn]).toEqual([30_000, true, null]);
    const [report] = bookReports([q2], [{ start: day('2026-04-01'), end: day('2026-06-30') }], 'USD');
    expect(report).toMatchObject({ customers: { atStart: 1, atEnd: 1, new: 0 }, arr: { start: 25_000, expansion: 5_000, end: 30_000 }, arrInferred: 1 });
  });

  it('3. the churned ARR known only from the lost renewal is marked inferred, in the book and in the churned table', () => {
    const onlyLost = booked([lost('2026-11-10', 36_000)], day('2026-12-07'), day('2026-10-01'));
    expect([onlyLost.churnedArr, onlyLost.churnedArrInferred]).toEqual([36_000, true]);
    const signed = { ...booked([won('newbusiness', '2025-11-10', 36_000), lost('2026-11-10', 36_000)], day('2026-12-07'), day('2026-10-01')), id: '2' };
    expect([signed.churnedArr, signed.churnedArrInferred]).toEqual([36_000, false]);
    const overview = portfolioOverview([onlyLost, signed], { asOf: day('2026-12-07'), churnPeriod: { start: day('2026-10-01'), end: day('2026-12-07') }, reporting: 'USD' });
    expect(overview.churned.map((row) => [row.companyId, row.arr, row.arrInferred])).toEqual([['1', 36_000, true], ['2', 36_000, false]]);
  });
});

describe('a lost renewal followed by another renewal deal (issue 19: not churn unless that one is lost too)', () => {
  const card = (records: readonly CrmRecord[], asOf: string) => buildCardView(snapshot({ deals: [...records] }), defaultConfig, { asOf, generatedAt: `${asOf}T09:00:00Z` });
  // Hooli: new business won 2025-11-10 at 10,000; its renewal lost on 2026-11-10; a new renewal deal of
  // 9,000 open since, closing 2026-12-20 (within 60 days of the lost one: a renewal, renewal-classification.ts). The loss was not the last word: no churn (the card, the book and the
  // report alike), and the contract it was due on stays in force (10,000, from the won deal: not inferred)
  // while the renewal is open, as with any overdue renewal. A customer in the book and at the report's end.
  const reopened = [won('newbusiness', '2025-11-10', 10_000), lost('2026-11-10', 10_000), open('2026-12-20', 9_000)];
  const q4: Period = { start: day('2026-10-01'), end: day('2026-12-07') };

  it('the book counts a customer at the ARR in force; the report a customer at the end, its renewal open, no churn', () => {
    const hooli = booked(reopened, day('2026-12-07'), q4.start);
    expect([hooli.customer, hooli.arr, hooli.arrInferred, hooli.churnedOn]).toEqual([true, 10_000, false, null]);
    const overview = portfolioOverview([hooli], { asOf: day('2026-12-07'), churnPeriod: q4, reporting: 'USD' });
    expect([overview.customers, overview.churned]).toEqual([1, []]);
    const [report] = bookReports([hooli], [q4], 'USD');
    expect(report).toMatchObject({ customers: { atStart: 1, atEnd: 1, new: 0, churned: 0 }, renewals: { due: 1, renewed: 0, lost: 0, open: 1 }, arr: { start: 10_000, end: 10_000, churned: 0 }, logoChurnRate: 0 });
    expect(card(reopened, '2026-12-07').lifecycle.stage).not.toBe('churned');
  });

  it('won later: renewed then, never churned; lost too: churned on the second loss, with the ARR in force until then', () => {
    const renewed = [won('newbusiness', '2025-11-10', 10_000), lost('2026-11-10', 10_000), won('existingbusiness', '2026-12-20', 9_000)];
    expect(booked(renewed, day('2027-02-01')).arr).toBe(9_000);
    // Q4 up to 2026-12-07 read once the renewal was won: the loss was not the last word, the renewal still open then.
    const [q4report] = bookReports([booked(renewed, day('2026-12-07'), q4.start)], [q4], 'USD');
    expect(q4report).toMatchObject({ customers: { atStart: 1, atEnd: 1, churned: 0 }, renewals: { lost: 0, open: 1 }, arr: { end: 10_000 } });
    const [through] = bookReports([booked(renewed, day('2027-02-01'), q4.start)], [{ start: q4.start, end: day('2027-02-01') }], 'USD');
    expect(through).toMatchObject({ customers: { atStart: 1, atEnd: 1, churned: 0 }, renewals: { due: 1, renewed: 1, lost: 0 }, arr: { start: 10_000, end: 9_000, contraction: 1_000 } });
    const twice = [won('newbusiness', '2025-11-10', 10_000), lost('2026-11-10', 10_000), lost('2026-12-20', 9_000)];
    const gone = booked(twice, day('2027-02-01'), day('2026-12-08'));
    expect([gone.customer, gone.churnedOn, gone.churnedArr, gone.arr]).toEqual([false, '2026-12-20', 10_000, 0]);
    const [q1] = bookReports([gone], [{ start: day('2026-12-08'), end: day('2027-02-01') }], 'USD');
    expect(q1).toMatchObject({ customers: { atStart: 1, atEnd: 0, churned: 1 }, arr: { start: 10_000, churned: 10_000 } });
    expect(card(twice, '2027-02-01').lifecycle).toEqual({ stage: 'churned', since: '2026-12-20' });
  });

  it('a later renewal known only from a version of a deal readDeals dropped (one id sent twice) does not undo the loss', () => {
    // Deal 9 sent twice: won as an upsell on 2026-06-30 (kept: the won version) and lost as a renewal on 2026-12-20 (dropped: the walk never sees it).
    const twice = [won('newbusiness', '2025-11-10', 10_000), lost('2026-11-10', 10_000), { ...won('existingbusiness', '2026-06-30', 5_000), id: '9' }, { ...lost('2026-12-20', 9_000), id: '9' }];
    expect(contractInForce(contract(twice), day('2026-12-07'), 'USD').inForce).toBe(false);
  });

  it('a company with no contract deal on record is a customer by HubSpot\'s word, in the book and the report alike', () => {
    expect(customerOn([], day('2026-12-07'), 'USD')).toBe(true);
    const plain = booked([], day('2026-12-07'), q4.start);
    expect(plain.customer).toBe(true);
    expect(bookReports([plain], [q4], 'USD')[0]).toMatchObject({ customers: { atStart: 1, atEnd: 1, new: 0, churned: 0 }, logoChurnRate: null });
  });
});

describe('the book and the period report agree on the ARR in force and the customers', () => {
  // The same company read by the book as of day D and by the report of a period ending on D,
  // whatever day the period starts: the book's ARR in force is the report's end ARR.
  const cases: ReadonlyArray<readonly [string, readonly CrmRecord[], PropertyValues?]> = [
    ['only an open renewal', [open('2027-01-14', 30_000)]],
    ['only a won renewal', [won('existingbusiness', '2026-11-10', 32_000)]],
    ['only a lost renewal', [lost('2026-11-10', 36_000)]],
    ['new business, then its renewal open', [won('newbusiness', '2026-01-14', 24_000), open('2027-01-14', 30_000)]],
    ['new business, renewed with an upsell', [won('newbusiness', '2025-11-15', 24_000), won('existingbusiness', '2026-11-10', 30_000)]],
    ['new business, renewal lost', [won('newbusiness', '2025-12-01', 10_000), lost('2026-12-01', 10_000)]],
    ['an open renewal, then new business', [open('2027-01-14', 30_000), won('newbusiness', '2027-02-01', 5_000)]],
    ['a renewal lost, then an expansion won (churned)', [won('newbusiness', '2025-11-10', 10_000), lost('2026-11-10', 10_000), won('existingbusiness', '2027-02-01', 5_000)]],
    ['a renewal lost and new business won the same day', [won('newbusiness', '2025-11-10', 10_000), lost('2026-11-10', 10_000), won('newbusiness', '2026-11-10', 8_000)]],
    ['an expansion won, then the first renewal open', [won('existingbusiness', '2026-06-30', 5_000), open('2027-01-14', 30_000)], { contract_end_date: '2027-01-14' }],
    ['an expansion won, then the first renewal lost (churned)', [won('existingbusiness', '2026-06-30', 5_000), lost('2027-01-14', 30_000)], { contract_end_date: '2027-01-14' }],
    ['a renewal lost, then a new renewal open (not churn)', [won('newbusiness', '2025-11-10', 10_000), lost('2026-11-10', 10_000), open('2026-12-20', 9_000)]],
    ['a renewal lost, then a new renewal won (not churn)', [won('newbusiness', '2025-11-10', 10_000), lost('2026-11-10', 10_000), won('existingbusiness', '2026-12-20', 9_000)]],
    ['a renewal lost, then a new renewal lost too (churned on the second)', [won('newbusiness', '2025-11-10', 10_000), lost('2026-11-10', 10_000), lost('2026-12-20', 9_000)]],
    ['no contract deal on record', []],
  ];
  const customersOf = (company: BookCompany, asOf: Day) => portfolioOverview([company], { asOf, churnPeriod: { start: asOf, end: asOf }, reporting: 'USD' }).customers;
  const days = ['2026-06-30', '2026-11-09', '2026-11-10', '2026-12-07', '2027-01-13', '2027-01-14', '2027-02-15'];
  const starts = ['2025-01-01', '2026-10-01', '2026-11-10', '2027-01-01', '2027-01-14'];

  for (const [name, records, properties = {}] of cases) it(`${name}: on every day, for every period start`, () => {
    for (const end of days) {
      for (const start of starts.filter((iso) => iso <= end)) {
        const company = booked(records, day(end), day(start), properties);
        const [report] = bookReports([company], [{ start: day(start), end: day(end) }], 'USD');
        const where = `${start} – ${end}`;
        expect(report?.arr.end, where).toBe(company.arr);
        expect(report?.customers.atEnd, where).toBe(customersOf(company, day(end)));
        expect(company.arrInferred ? 1 : 0, where).toBeLessThanOrEqual(report?.arrInferred ?? 0);
      }
    }
  });

  // Churned companies included: a churned company (renewal/churn.ts churnedSince, the card's lifecycle rule) has no
  // contract in force in the walk either (an expansion after the loss brings none back). With a contract end
  // date, existing business far from it is expansion, before or after the first renewal.
  const iso = (n: number) => formatDay(day('2025-01-01') + n);
  const dealArb = fc.record({
    type: fc.constantFrom('newbusiness', 'existingbusiness'),
    stage: fc.constantFrom('closedwon', 'closedlost', 'contractsent'),
    // Often the same few days, so deals decided on one day meet.
    on: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(300, 365, 665)),
    amount: fc.integer({ min: 0, max: 100_000 }),
  });

  it('for any single-currency deals, any day and any period start, churned companies included', () => {
    fc.assert(
      fc.property(fc.array(dealArb, { maxLength: 6 }), fc.option(fc.integer({ min: 0, max: 1000 })), fc.integer({ min: 0, max: 1100 }), fc.integer({ min: 0, max: 1100 }), (specs, endOn, a, b) => {
        const records = specs.map((spec) => deal({ type: spec.type, stage: spec.stage, closedate: `${iso(spec.on)}T12:00:00Z`, amount: spec.amount }));
        const [start, end] = [Math.min(a, b), Math.max(a, b)].map((n) => day('2025-01-01') + n) as [Day, Day];
        const company = booked(records, end, start, endOn === null ? {} : { contract_end_date: iso(endOn) });
        const [report] = bookReports([company], [{ start, end }], 'USD');
        expect(report?.arr.end).toBe(company.arr);
        // One rule for the customers (customer.ts customerOn): the book's on the day are the report's at the end.
        expect(report?.customers.atEnd).toBe(customersOf(company, end));
        if (company.churnedOn !== null) expect(report?.customers.atEnd).toBe(0);
        // A churn the report counts is the book's, on a day of the period.
        if (report?.customers.churned === 1) expect(company.churnedOn !== null && day(company.churnedOn) >= start && day(company.churnedOn) <= end).toBe(true);
        if (company.arrInferred) expect(report?.arrInferred).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  // The card's lifecycle (lifecycle.ts, from renewal/churn.ts churnedSince) says churned exactly when the book does, on
  // the deals as they stood on the as-of day (book-as-of.ts, the card's as-of rule): then no contract is in force.
  it('for any deals and any day, the card is churned exactly when the book is, and then no contract is in force', () => {
    fc.assert(
      fc.property(fc.array(dealArb, { maxLength: 6 }), fc.option(fc.integer({ min: 0, max: 1000 })), fc.integer({ min: 0, max: 1100 }), (specs, endOn, n) => {
        const records = specs.map((spec) => deal({ type: spec.type, stage: spec.stage, closedate: `${iso(spec.on)}T12:00:00Z`, amount: spec.amount }));
        const properties: PropertyValues = { lifecyclestage: 'customer', ...(endOn === null ? {} : { contract_end_date: iso(endOn) }) };
        const asOf = day('2025-01-01') + n;
        const then = bookRecordsAsOf({ id: '1', properties }, records, asOf, defaultConfig, Date.parse(`${iso(n)}T18:00:00Z`));
        const company = booked(then.deals, asOf, asOf, properties);
        const view = buildCardView(snapshot({ company: properties, deals: records }), defaultConfig, { asOf: iso(n), generatedAt: `${iso(n)}T18:00:00Z` });
        expect(view.lifecycle.stage === 'churned' ? view.lifecycle.since : null).toBe(company.churnedOn);
        if (company.churnedOn !== null) expect(contractInForce(contract(then.deals, properties), asOf, 'USD').inForce).toBe(false);
        // Not churned and with a contract on record by then: a customer (the book counts it as the report would).
        if (company.churnedOn === null && contractInForce(contract(then.deals, properties), asOf, 'USD').inForce) expect(company.customer).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
