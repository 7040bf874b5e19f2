import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/schema.ts';
import type { CrmRecord } from '../card/snapshot.ts';
import { readContractDeals } from './contract-deals.ts';

describe('readContractDeals', () => {
  it('reads each deal\'s ARR from the record of the version kept when a deal id is sent twice', () => {
    const records: CrmRecord[] = [
      { id: '9', properties: { dealtype: 'newbusiness', dealstage: 'closedwon', closedate: '2026-01-10T12:00:00Z', amount: '1000', hs_arr: '1000' } },
      { id: '5', properties: { dealtype: 'existingbusiness', dealstage: 'contractsent', closedate: '2027-01-10T12:00:00Z', amount: '100', hs_arr: '100' } },
      { id: '5', properties: { dealtype: 'existingbusiness', dealstage: 'closedwon', closedate: '2027-01-10T12:00:00Z', amount: '300', hs_arr: '300' } },
    ];
    for (const sent of [records, [...records].reverse()]) {
      const deals = readContractDeals(sent, defaultConfig, { reporting: 'USD', home: 'USD' });
      expect(deals.map((deal) => [deal.id, deal.won, deal.amount, deal.arrBasis])).toEqual([['5', true, 300, 'hs_arr'], ['9', true, 1000, 'hs_arr']]);
    }
  });
});
