import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/schema.ts';
import type { CrmRecord } from '../card/snapshot.ts';
import { readDealsWithContract } from './deals.ts';

const read = (records: readonly CrmRecord[]) => readDealsWithContract(records, defaultConfig.renewal, defaultConfig.handoff, {});

describe('readDealsWithContract: one version of a deal id sent twice', () => {
  const versions: CrmRecord[] = [
    { id: '1', properties: { dealtype: 'existingbusiness', closedate: '1999-12-14T00:00:00.000Z', hs_is_closed_won: 'true' } },
    { id: '1', properties: { dealtype: 'existingbusiness', closedate: '1999-12-14T00:00:00.000Z' } },
    { id: '1', properties: { dealtype: 'existingbusiness', dealstage: 'closedlost', closedate: '1999-11-01T00:00:00.000Z' } },
    { id: '2', properties: { dealtype: 'newbusiness', dealstage: 'closedwon', closedate: '1999-01-10T00:00:00.000Z', amount: '100' } },
    { id: '2', properties: { dealtype: 'newbusiness', dealstage: 'closedwon', closedate: '1999-01-10T00:00:00.000Z', amount: '90' } },
  ];

  it('keeps the won version, then the lost, then the earliest, whatever the order the deals came in', () => {
    fc.assert(fc.property(fc.shuffledSubarray(versions, { minLength: versions.length }), (sent) => {
      const { deals, contractEnd } = read(sent);
      expect(deals.map((deal) => [deal.id, deal.won, deal.amount])).toEqual([['1', true, null], ['2', true, 90]]);
      expect(contractEnd).toBe(read(versions).contractEnd);
    }));
  });

  it('returns deals with distinct ids as they came', () => {
    const distinct: CrmRecord[] = [{ id: '9', properties: { dealtype: 'newbusiness' } }, { id: '3', properties: { dealtype: 'newbusiness' } }];
    expect(read(distinct).deals.map((deal) => deal.id)).toEqual(['9', '3']);
  });
});
