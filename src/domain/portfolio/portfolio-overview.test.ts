import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../parsing/index.ts';
import type { BookCompany } from './portfolio-book.ts';
import { portfolioOverview } from './portfolio-overview.ts';
import type { Period } from './renewal-period.ts';

// The overview says what it does not know (issue "Trust first"): a customer without a known ARR is
// counted apart in its band, never summed as a known 0; a renewal at risk's amount is its renewal
// amount, else its ARR in force (said), else unknown (counted, left out of the total).

const day = (iso: string) => parseIsoDate(iso) ?? Number.NaN;
const asOf = day('2026-12-07');
const q4: Period = { start: day('2026-10-01'), end: asOf };

function booked(id: string, values: Partial<BookCompany>): BookCompany {
  return {
    id, name: `Company ${id}`, ownerId: null, band: 'healthy', score: 90, healthWritten: true, renewalDate: null, renewalAmount: null, renewalLapsed: false,
    currency: 'USD', customer: true, arr: 0, arrInferred: false, arrUnknown: false, churnedOn: null, churnReason: null, churnedArr: 0, churnedArrInferred: false, rows: [], ...values,
  };
}
const noContract = (id: string, band: BookCompany['band']) => booked(id, { band, score: null, currency: null, arrUnknown: true });
const overviewOf = (companies: readonly BookCompany[]) => portfolioOverview(companies, { asOf, churnPeriod: q4, reporting: 'USD' });

describe('customers whose ARR is not known', () => {
  // Like the demo portfolio: 5 customers with no contract deal, unscored (Unknown), and 2 healthy ones worth 120,000, 1 without a known ARR.
  const book = [
    ...['1', '2', '3', '4', '5'].map((id) => noContract(id, 'unknown')),
    booked('6', { arr: 70_000 }),
    booked('7', { arr: 50_000 }),
    noContract('8', 'healthy'),
  ];
  const overview = overviewOf(book);

  it('are counted per band and in all, beside the ARR of those whose ARR is known, never in it', () => {
    expect(overview.bands.map((line) => [line.band, line.customers, line.arr, line.arrUnknown])).toEqual([
      ['at_risk', 0, [], 0],
      ['attention', 0, [], 0],
      ['healthy', 3, [{ currency: 'USD', amount: 120_000 }], 1],
      ['unknown', 5, [], 5],
      ['churned', 0, [], 0],
    ]);
    expect([overview.customers, overview.arr, overview.arrUnknown]).toEqual([8, [{ currency: 'USD', amount: 120_000 }], 6]);
  });
});

describe('the amounts of the renewals at risk', () => {
  const renewing = (id: string, values: Partial<BookCompany>) => booked(id, { band: 'at_risk', score: 20, renewalDate: '2027-01-10', ...values });
  const overview = overviewOf([
    renewing('1', { renewalAmount: 30_000, arr: 24_000 }),
    // No renewal amount written: its ARR in force, said so.
    renewing('2', { arr: 18_000 }),
    // Neither: unknown, left out of the total (not a 0).
    renewing('3', { currency: null, arrUnknown: true }),
    // A renewal amount with no currency to put it in (no contract deal): not added either.
    renewing('4', { renewalAmount: 5_000, currency: null, arrUnknown: true }),
  ]);

  it('are the renewal amount, else the ARR in force (marked), else unknown; the total adds only what is known, and counts the rest', () => {
    expect(overview.renewalsAtRisk.map((r) => [r.companyId, r.amount, r.amountSource])).toEqual([
      ['1', 30_000, 'renewal'],
      ['2', 18_000, 'arr'],
      ['4', 5_000, 'renewal'],
      ['3', null, undefined],
    ]);
    expect([overview.arrAtRisk, overview.atRiskFromArr, overview.atRiskAmountUnknown]).toEqual([[{ currency: 'USD', amount: 48_000 }], 1, 2]);
  });

  it('keep, on any book, every customer without a known ARR out of the ARR totals, and every renewal at risk either in the total or counted as unknown', () => {
    const row = fc.record({
      band: fc.constantFrom('healthy', 'attention', 'at_risk', 'unknown') as fc.Arbitrary<BookCompany['band']>,
      currency: fc.constantFrom('USD', 'EUR', null),
      arr: fc.integer({ min: 1, max: 1_000_000 }),
      arrUnknown: fc.boolean(),
      renewalAmount: fc.option(fc.integer({ min: 1, max: 1_000_000 })),
      days: fc.option(fc.integer({ min: -100, max: 120 })),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const companies = rows.map((r, index) => booked(String(index + 1), {
          band: r.band, currency: r.currency, arrUnknown: r.arrUnknown || r.currency === null, arr: r.arrUnknown || r.currency === null ? 0 : r.arr, renewalAmount: r.renewalAmount,
          renewalDate: r.days === null ? null : new Date(Date.UTC(2026, 11, 7 + r.days)).toISOString().slice(0, 10),
        }));
        const view = overviewOf(companies);
        const unknown = companies.filter((company) => company.arrUnknown).length;
        expect(view.arrUnknown).toBe(unknown);
        expect(view.bands.reduce((sum, line) => sum + (line.arrUnknown ?? 0), 0)).toBe(unknown);
        for (const line of view.bands) expect(line.arrUnknown ?? 0).toBeLessThanOrEqual(line.customers);
        const known = view.renewalsAtRisk.filter((r) => r.amount !== null && r.currency !== null);
        expect((view.atRiskAmountUnknown ?? 0) + known.length).toBe(view.renewalsAtRisk.length);
        expect(view.atRiskFromArr).toBe(view.renewalsAtRisk.filter((r) => r.amountSource === 'arr').length);
        for (const currency of ['USD', 'EUR']) {
          const total = view.arrAtRisk.find((m) => m.currency === currency)?.amount ?? 0;
          expect(total).toBe(known.filter((r) => r.currency === currency).reduce((sum, r) => sum + (r.amount ?? 0), 0));
        }
      }),
    );
  });
});
