import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../config/schema.ts';
import { addMonths, formatDay, lastDay, parseDay } from '../parsing/index.ts';
import { readDeals, readDealsWithContract } from './deals.ts';
import { classifyDeals, contractTerms, type DealToClassify } from './renewal-classification.ts';
import { deal, renewalDeal } from '../testing/fixtures.ts';

const day = (text: string) => parseDay(text) ?? 0;
const terms = { endDay: null, termMonths: 12, distanceDays: 60 };

describe('addMonths (@example)', () => {
  it('keeps the day of the month, clamped to the month', () => {
    expect(formatDay(addMonths(day('2026-01-31'), 1))).toBe('2026-02-28');
    expect(formatDay(addMonths(day('2024-02-29'), 12))).toBe('2025-02-28');
    expect(formatDay(addMonths(day('2026-03-15'), -14))).toBe('2025-01-15');
  });
});

describe('classifyDeals: renewal vs expansion', () => {
  it('@example: an upsell before the renewal is expansion, the deal near the contract end the renewal', () => {
    const deals: DealToClassify[] = [
      { id: 'nb', basis: 'new_business', closeDay: day('2025-03-01'), won: true, termMonths: null },
      { id: 'up', basis: 'existing_business', closeDay: day('2025-12-10'), won: false, termMonths: null },
      { id: 'rn', basis: 'existing_business', closeDay: day('2026-02-20'), won: false, termMonths: null },
    ];
    expect(classifyDeals(deals, terms)).toEqual({ kinds: ['new_business', 'expansion', 'renewal'], contractEnd: day('2026-03-01'), contractEndSource: 'deals' });
  });

  it('a won renewal rolls the contract forward one term; the next year\'s deal near the new end is the renewal', () => {
    const deals: DealToClassify[] = [
      { id: 'r2', basis: 'existing_business', closeDay: day('2027-02-25'), won: false, termMonths: null },
      { id: 'nb', basis: 'new_business', closeDay: day('2025-03-01'), won: true, termMonths: null },
      { id: 'r1', basis: 'existing_business', closeDay: day('2026-02-10'), won: true, termMonths: null },
      { id: 'x1', basis: 'existing_business', closeDay: day('2026-07-01'), won: true, termMonths: null },
    ];
    expect(classifyDeals(deals, terms)).toEqual({ kinds: ['renewal', 'new_business', 'renewal', 'expansion'], contractEnd: day('2027-03-01'), contractEndSource: 'deals' });
  });

  it('a contract rolled past 9999-12-31 (a placeholder close date) has no known end', () => {
    const deals: DealToClassify[] = [{ id: 'r1', basis: 'existing_business', closeDay: day('9999-12-31'), won: true, termMonths: null }];
    expect(classifyDeals(deals, terms)).toEqual({ kinds: ['renewal'], contractEnd: null, contractEndSource: null });
    expect(formatDay(lastDay)).toBe('9999-12-31');
  });

  it('a year without any renewal deal moves the end on by whole terms', () => {
    const deals: DealToClassify[] = [
      { id: 'nb', basis: 'new_business', closeDay: day('2023-03-01'), won: true, termMonths: null },
      { id: 'r', basis: 'existing_business', closeDay: day('2026-03-10'), won: false, termMonths: null },
    ];
    expect(classifyDeals(deals, terms).kinds).toEqual(['new_business', 'renewal']);
  });

  it('with no new-business deal the first existing-business deal is the renewal', () => {
    const deals: DealToClassify[] = [
      { id: 'a', basis: 'existing_business', closeDay: day('2026-05-01'), won: false, termMonths: null },
      { id: 'b', basis: 'existing_business', closeDay: day('2026-01-10'), won: false, termMonths: null },
    ];
    expect(classifyDeals(deals, terms)).toEqual({ kinds: ['expansion', 'renewal'], contractEnd: null, contractEndSource: null });
  });

  it('configured renewal pipelines and types are renewals wherever they close; undated existing business stays a renewal (the card warns)', () => {
    const deals: DealToClassify[] = [
      { id: 'nb', basis: 'new_business', closeDay: day('2025-03-01'), won: true, termMonths: null },
      { id: 'p', basis: 'renewal', closeDay: day('2025-08-01'), won: false, termMonths: null },
      { id: 'u', basis: 'existing_business', closeDay: null, won: false, termMonths: null },
      { id: 'o', basis: 'other', closeDay: day('2025-09-01'), won: true, termMonths: null },
    ];
    expect(classifyDeals(deals, terms).kinds).toEqual(['new_business', 'renewal', 'renewal', 'other']);
  });

  it('@example: with the contract end property, its anniversaries are the contract ends (a stale date still names them)', () => {
    const deals: DealToClassify[] = [
      { id: 'won', basis: 'existing_business', closeDay: day('2026-09-20'), won: true, termMonths: null },
      { id: 'up', basis: 'existing_business', closeDay: day('2026-05-01'), won: true, termMonths: null },
      { id: 'old', basis: 'existing_business', closeDay: day('2025-10-15'), won: true, termMonths: null },
    ];
    const result = classifyDeals(deals, { ...terms, endDay: day('2026-10-01') });
    expect(result).toEqual({ kinds: ['renewal', 'expansion', 'renewal'], contractEnd: day('2027-10-01'), contractEndSource: 'company_property' });
  });

  it('anniversaries before the first contract started are no contract end', () => {
    const deals: DealToClassify[] = [
      { id: 'nb', basis: 'new_business', closeDay: day('2026-01-01'), won: true, termMonths: null },
      { id: 'addon', basis: 'existing_business', closeDay: day('2026-02-01'), won: false, termMonths: null },
    ];
    expect(classifyDeals(deals, { ...terms, endDay: day('2027-01-01') }).kinds).toEqual(['new_business', 'expansion']);
  });

  it('a won contract deal with its own term (months) ends that many months later', () => {
    const deals: DealToClassify[] = [
      { id: 'nb', basis: 'new_business', closeDay: day('2024-03-01'), won: true, termMonths: 24 },
      { id: 'early', basis: 'existing_business', closeDay: day('2025-03-01'), won: false, termMonths: null },
      { id: 'rn', basis: 'existing_business', closeDay: day('2026-02-20'), won: false, termMonths: null },
    ];
    expect(classifyDeals(deals, terms).kinds).toEqual(['new_business', 'expansion', 'renewal']);
  });

  it('a won new-business deal alone names the contract end (no renewal deal needed); an open or lost one does not', () => {
    expect(classifyDeals([{ id: 'nb', basis: 'new_business', closeDay: day('2023-09-09'), won: true, termMonths: null }], terms)).toEqual({ kinds: ['new_business'], contractEnd: day('2024-09-09'), contractEndSource: 'deals' });
    expect(classifyDeals([{ id: 'nb', basis: 'new_business', closeDay: day('2026-09-10'), won: true, termMonths: 24 }], terms).contractEnd).toBe(day('2028-09-10'));
    expect(classifyDeals([{ id: 'nb', basis: 'new_business', closeDay: day('2026-09-10'), won: false, termMonths: null }], terms)).toEqual({ kinds: ['new_business'], contractEnd: null, contractEndSource: null });
  });

  it('takes the contract end date property and the configured term and distance', () => {
    const config = parseConfig({ renewal: { contractTermMonths: 24, contractEndDistanceDays: 45 } });
    expect(contractTerms({ contract_end_date: '2026-10-01' }, config.renewal)).toEqual({ endDay: day('2026-10-01'), termMonths: 24, distanceDays: 45 });
    expect(contractTerms({ contract_end_date: 'soon' }, config.renewal).endDay).toBeNull();
  });
});

describe('readDeals classifies HubSpot deals', () => {
  it('marks renewal, expansion and new business, and reports the contract end', () => {
    const records = [
      deal({ id: '1', type: 'newbusiness', stage: 'closedwon', closeInDays: -300, amount: 50000 }),
      deal({ id: '2', type: 'existingbusiness', closeInDays: -20, amount: 10000 }),
      renewalDeal(60, { id: '3', amount: 100000 }),
    ];
    const { deals, contractEnd } = readDealsWithContract(records, defaultConfig.renewal, defaultConfig.handoff, {});
    expect(deals.map((d) => [d.id, d.kind, d.renewal, d.expansion, d.newBusiness])).toEqual([
      ['1', 'new_business', false, false, true],
      ['2', 'expansion', false, true, false],
      ['3', 'renewal', true, false, false],
    ]);
    expect(contractEnd).toBe(addMonths((parseDay(records[0]?.properties.closedate) ?? 0), 12));
  });

  it('deals of a configured renewal type are renewals even far from the contract end', () => {
    const config = parseConfig({ renewal: { dealTypes: ['renewal'] } });
    const deals = readDeals([deal({ type: 'newbusiness', stage: 'closedwon', closeInDays: -30 }), deal({ type: 'renewal', closeInDays: 100 })], config.renewal, config.handoff);
    expect(deals.map((d) => d.kind)).toEqual(['new_business', 'renewal']);
  });
});
