import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portfolioCompany, rankByRisk, summarizePortfolio, type PortfolioCompany } from '../../src/domain/portfolio-summary.ts';
import type { CrmRecord } from '../../src/domain/snapshot.ts';
import { asOfArb, valueArb } from './arbitraries.ts';

const asOf = '2026-11-23';

function company(id: string, properties: CrmRecord['properties']): PortfolioCompany {
  return portfolioCompany({ id, properties });
}

describe('portfolioCompany: the synced health as HubSpot returns it', () => {
  it('reads score, band, renewal date and amount from their string values', () => {
    expect(
      company('101', { name: 'Acme', domain: 'acme.example', cs_health_score: '42', cs_health_band: 'at_risk', cs_renewal_date: '2026-12-31', cs_renewal_amount: '48000.50' }),
    ).toEqual({ id: '101', name: 'Acme', domain: 'acme.example', score: 42, band: 'at_risk', renewalDate: '2026-12-31', renewalAmount: 48000.5, stage: null, stageSince: null, synced: true });
  });

  it('takes epoch-millisecond and datetime renewal dates as their UTC day', () => {
    expect(company('1', { cs_renewal_date: String(Date.UTC(2027, 0, 15)) }).renewalDate).toBe('2027-01-15');
    expect(company('1', { cs_renewal_date: '2027-01-15T00:00:00.000Z' }).renewalDate).toBe('2027-01-15');
  });

  it('treats a company never synced, or with values it cannot read, as unknown with no renewal', () => {
    expect(company('7', { name: null, cs_health_score: '', cs_health_band: 'purple', cs_renewal_date: '2024-02-30', cs_renewal_amount: '-5' })).toEqual({
      id: '7', name: 'Company 7', domain: null, score: null, band: 'unknown', renewalDate: null, renewalAmount: null, stage: null, stageSince: null, synced: true,
    });
  });

  it('never throws and always yields a valid band and a 0-100 score or null, whatever HubSpot sends', () => {
    fc.assert(
      fc.property(asOfArb.chain((day) => fc.record({ score: valueArb(day), band: valueArb(day), date: valueArb(day), amount: valueArb(day) })), (v) => {
        const parsed = company('5', { cs_health_score: v.score, cs_health_band: v.band, cs_renewal_date: v.date, cs_renewal_amount: v.amount });
        expect(['healthy', 'attention', 'at_risk', 'unknown']).toContain(parsed.band);
        if (parsed.score !== null) expect(parsed.score >= 0 && parsed.score <= 100 && Number.isInteger(parsed.score)).toBe(true);
        if (parsed.renewalAmount !== null) expect(Number.isFinite(parsed.renewalAmount) && parsed.renewalAmount >= 0).toBe(true);
      }),
    );
  });
});

const acme = company('1', { name: 'Acme', cs_health_score: '30', cs_health_band: 'at_risk', cs_renewal_date: '2026-12-01', cs_renewal_amount: '50000' });
const bolt = company('2', { name: 'Bolt', cs_health_score: '62', cs_health_band: 'attention', cs_renewal_date: '2027-01-20', cs_renewal_amount: '20000' });
const core = company('3', { name: 'Core', cs_health_score: '88', cs_health_band: 'healthy', cs_renewal_date: '2026-12-10', cs_renewal_amount: '90000' });
const dune = company('4', { name: 'Dune', cs_health_band: 'unknown', cs_renewal_date: '2026-11-20', cs_renewal_amount: '7000' });
const echo = company('5', { name: 'Echo', cs_health_score: '45', cs_health_band: 'at_risk', cs_renewal_date: '2027-06-01', cs_renewal_amount: '10000' });

describe('summarizePortfolio: the manager\'s view', () => {
  const summary = summarizePortfolio([acme, bolt, core, dune, echo], asOf);

  it('counts customers and adds up ARR per band', () => {
    expect(summary.customers).toBe(5);
    expect(summary.arr).toBe(177_000);
    expect(summary.bands).toEqual({
      at_risk: { customers: 2, arr: 60_000 },
      attention: { customers: 1, arr: 20_000 },
      healthy: { customers: 1, arr: 90_000 },
      unknown: { customers: 1, arr: 7_000 },
    });
  });

  it('lists renewals overdue or due within 90 days on accounts that are not healthy, largest value first', () => {
    // Priority follows value: the most at stake first, then the soonest.
    expect(summary.renewalsAtRisk.map((r) => [r.name, r.daysToRenewal])).toEqual([
      ['Acme', 8],
      ['Bolt', 58],
      ['Dune', -3],
    ]);
    expect(summary.arrAtRisk).toBe(77_000);
  });

  it('counts churned customers apart from the bands, with the day they churned, and never as a renewal at risk', () => {
    const gone = company('6', { name: 'Gone', cs_health_band: 'churned', cs_lifecycle_stage: 'churned', cs_lifecycle_since: '2026-10-02', cs_renewal_date: '2026-11-30', cs_renewal_amount: '5000' });
    const result = summarizePortfolio([acme, gone], asOf);
    expect(result.customers).toBe(1);
    expect(result.churned).toEqual([{ id: '6', name: 'Gone', since: '2026-10-02' }]);
    expect(Object.keys(result.bands)).toEqual(['healthy', 'attention', 'at_risk', 'unknown']);
    expect(result.renewalsAtRisk.map((r) => r.name)).toEqual(['Acme']);
  });

  it('says so when health was never written to the portal', () => {
    expect(summarizePortfolio([company('1', { name: 'New' }), company('2', {})], asOf).neverSynced).toBe(true);
    expect(summary.neverSynced).toBe(false);
  });

  it('counts the 90th day in and the 91st out', () => {
    const at = (date: string) => company('9', { cs_health_band: 'attention', cs_renewal_date: date });
    expect(summarizePortfolio([at('2027-02-21')], asOf).renewalsAtRisk).toHaveLength(1);
    expect(summarizePortfolio([at('2027-02-22')], asOf).renewalsAtRisk).toHaveLength(0);
  });

  it('keeps every customer in exactly one band, and the bands\' ARR adds up to the total', () => {
    const companyArb = fc.record({
      id: fc.integer({ min: 1, max: 1e9 }).map(String),
      band: fc.constantFrom('healthy', 'attention', 'at_risk', 'unknown', 'junk', null),
      amount: fc.option(fc.integer({ min: 0, max: 5_000_000 }).map(String)),
      days: fc.integer({ min: -400, max: 400 }),
    });
    fc.assert(
      fc.property(fc.array(companyArb, { maxLength: 60 }), (rows) => {
        const companies = rows.map((row) =>
          company(row.id, { cs_health_band: row.band, cs_renewal_amount: row.amount, cs_renewal_date: new Date(Date.UTC(2026, 10, 23 + row.days)).toISOString().slice(0, 10) }),
        );
        const result = summarizePortfolio(companies, asOf);
        const bands = Object.values(result.bands);
        expect(bands.reduce((sum, band) => sum + band.customers, 0)).toBe(companies.length);
        expect(bands.reduce((sum, band) => sum + band.arr, 0)).toBeCloseTo(result.arr, 6);
        for (const renewal of result.renewalsAtRisk) {
          expect(renewal.band).not.toBe('healthy');
          expect(renewal.daysToRenewal).toBeLessThanOrEqual(90);
        }
      }),
    );
  });

  it('refuses an as-of date that is not YYYY-MM-DD', () => {
    expect(() => summarizePortfolio([], '23/11/2026')).toThrow(/YYYY-MM-DD/);
  });
});

describe('rankByRisk: the preview\'s company picker order', () => {
  it('puts at-risk first (lowest score first), then attention, unknown and healthy', () => {
    expect(rankByRisk([core, bolt, dune, echo, acme]).map((c) => c.name)).toEqual(['Acme', 'Echo', 'Bolt', 'Dune', 'Core']);
  });

  it('breaks score ties by the sooner renewal', () => {
    const soon = company('10', { name: 'Soon', cs_health_score: '30', cs_health_band: 'at_risk', cs_renewal_date: '2026-11-30' });
    expect(rankByRisk([acme, soon]).map((c) => c.name)).toEqual(['Soon', 'Acme']);
  });
});
