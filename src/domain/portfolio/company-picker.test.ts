import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portfolioCompany, rankByRisk, syncedHealth, type PortfolioCompany } from './company-picker.ts';
import { dayZone } from '../parsing/index.ts';
import type { CrmRecord } from '../card/snapshot.ts';
import { asOfArb, valueArb } from '../testing/arbitraries.ts';

// The preview's company picker: the synced health as HubSpot returns it, riskiest first. (The
// managers' figures, ported from the old portfolio summary, are tested in portfolio-book.test.ts.)

function company(id: string, properties: CrmRecord['properties']): PortfolioCompany {
  return portfolioCompany({ id, properties });
}

describe('portfolioCompany: the synced health as HubSpot returns it', () => {
  it('reads score, band, renewal date and amount from their string values', () => {
    expect(
      company('101', { name: 'Acme', domain: 'acme.example', cs_health_score: '42', cs_health_band: 'at_risk', cs_renewal_date: '2026-12-31', cs_renewal_amount: '48000.50' }),
    ).toEqual({ id: '101', name: 'Acme', domain: 'acme.example', score: 42, band: 'at_risk', renewalDate: '2026-12-31', renewalAmount: 48000.5, stage: null, stageSince: null, synced: true, healthWrittenAt: null });
  });

  it('takes epoch-millisecond and datetime renewal dates as their UTC day', () => {
    expect(company('1', { cs_renewal_date: String(Date.UTC(2027, 0, 15)) }).renewalDate).toBe('2027-01-15');
    expect(company('1', { cs_renewal_date: '2027-01-15T00:00:00.000Z' }).renewalDate).toBe('2027-01-15');
  });

  it('treats a company never synced, or with values it cannot read, as unknown with no renewal', () => {
    expect(company('7', { name: null, cs_health_score: '', cs_health_band: 'purple', cs_renewal_date: '2024-02-30', cs_renewal_amount: '-5' })).toEqual({
      id: '7', name: 'Company 7', domain: null, score: null, band: 'unknown', renewalDate: null, renewalAmount: null, stage: null, stageSince: null, synced: true, healthWrittenAt: null,
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

describe('rankByRisk: the preview\'s company picker order', () => {
  it('puts at-risk first (lowest score first), then attention, unknown and healthy', () => {
    expect(rankByRisk([core, bolt, dune, echo, acme]).map((c) => c.name)).toEqual(['Acme', 'Echo', 'Bolt', 'Dune', 'Core']);
  });

  it('breaks score ties by the sooner renewal', () => {
    const soon = company('10', { name: 'Soon', cs_health_score: '30', cs_health_band: 'at_risk', cs_renewal_date: '2026-11-30' });
    expect(rankByRisk([acme, soon]).map((c) => c.name)).toEqual(['Soon', 'Acme']);
  });
});

describe('syncedHealth: what the picker says about health it did not compute', () => {
  const now = Date.parse('2026-12-07T09:00:00Z');
  const utc = dayZone('UTC');

  it('says a company sync never wrote is not synced, whatever else it has', () => {
    const never = company('1', { name: 'Acme', cs_renewal_date: '2027-01-15' });
    expect(never.synced).toBe(false);
    expect(syncedHealth(never, utc, now)).toEqual({ kind: 'notSynced' });
  });

  it('gives the written score and band with when sync wrote them, in HubSpot\'s datetime forms', () => {
    const iso = company('2', { cs_health_score: '41', cs_health_band: 'at_risk', cs_health_updated_at: '2026-12-04T02:00:00Z' });
    expect(iso.healthWrittenAt).toBe('2026-12-04T02:00:00.000Z');
    expect(syncedHealth(iso, utc, now)).toEqual({ kind: 'synced', score: 41, band: 'at_risk', writtenAt: '2026-12-04T02:00:00.000Z', daysAgo: 3 });
    const epoch = company('3', { cs_health_band: 'healthy', cs_health_updated_at: String(Date.parse('2026-12-07T01:00:00Z')) });
    expect(syncedHealth(epoch, utc, now)).toMatchObject({ band: 'healthy', writtenAt: '2026-12-07T01:00:00.000Z', daysAgo: 0 });
  });

  it('counts days in the portal\'s time zone, not UTC', () => {
    const late = company('4', { cs_health_band: 'attention', cs_health_updated_at: '2026-12-06T23:30:00Z' });
    expect(syncedHealth(late, utc, Date.parse('2026-12-07T07:00:00Z'))).toMatchObject({ daysAgo: 1 });
    expect(syncedHealth(late, dayZone('America/Los_Angeles'), Date.parse('2026-12-07T07:00:00Z'))).toMatchObject({ daysAgo: 0 });
    expect(syncedHealth(late, dayZone('Asia/Tokyo'), Date.parse('2026-12-07T16:00:00Z'))).toMatchObject({ daysAgo: 1 });
  });

  it('says when is unknown for a band written without a readable stamp, and never counts a stamp ahead of the clock as the future', () => {
    expect(syncedHealth(company('5', { cs_health_band: 'healthy', cs_health_updated_at: 'soon' }), utc, now)).toEqual({ kind: 'synced', score: null, band: 'healthy', writtenAt: null, daysAgo: null });
    expect(syncedHealth(company('6', { cs_health_band: 'healthy', cs_health_updated_at: '2026-12-09T00:00:00Z' }), utc, now)).toMatchObject({ daysAgo: 0 });
  });
});
