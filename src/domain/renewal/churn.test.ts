import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/schema.ts';
import { parseIsoDate } from '../parsing/index.ts';
import { readDealsWithContract } from './deals.ts';
import { churnedSince, lossIsLastWord } from './churn.ts';
import { renewalFacts } from './renewal.ts';
import type { CrmRecord } from '../card/snapshot.ts';
import { deal } from '../testing/fixtures.ts';

const day = (iso: string) => parseIsoDate(iso) ?? Number.NaN;
const read = (records: CrmRecord[]) => readDealsWithContract(records, defaultConfig.renewal, defaultConfig.handoff, {}).deals;
const newBusinessWon = (closedate: string) => deal({ type: 'newbusiness', stage: 'closedwon', closedate: `${closedate}T00:00:00.000Z` });
const renewal = (stage: string, closedate: string | null) => deal({ type: 'existingbusiness', stage, closedate: closedate === null ? null : `${closedate}T00:00:00.000Z` });
const renewalLost = (closedate: string) => renewal('closedlost', closedate);

describe('churnedSince (the @example): the one churn rule of the card and the book', () => {
  it('is the day the renewal was lost when nothing was won back and no renewal is open', () => {
    const history = [newBusinessWon('2025-10-15'), renewalLost('2026-10-15')];
    expect(churnedSince(read(history), day('2026-11-23'))).toBe(day('2026-10-15'));
    expect(churnedSince(read([...history, newBusinessWon('2026-11-01')]), day('2026-11-23'))).toBeNull();
    expect(churnedSince(read([...history, renewal('contractsent', '2027-10-15')]), day('2026-11-23'))).toBeNull();
    // A won expansion (existing business 109 days past the contract's end) renews nothing; new business won on the day of the loss does.
    expect(churnedSince(read([...history, renewal('closedwon', '2027-02-01')]), day('2027-02-15'))).toBe(day('2026-10-15'));
    expect(churnedSince(read([...history, newBusinessWon('2026-10-15')]), day('2026-11-23'))).toBeNull();
    // renewalFacts says the same.
    const read2 = readDealsWithContract(history, defaultConfig.renewal, defaultConfig.handoff, {});
    expect(renewalFacts(read2.deals, { day: read2.contractEnd, source: read2.contractEndSource }, {}, defaultConfig, day('2026-11-23')).churnedSince).toBe(day('2026-10-15'));
  });
});

describe('lossIsLastWord (the @example): issue 19 "Outcomes", a lost renewal is not the last word', () => {
  // New business won 2025-11-10; its renewal lost on 2026-11-10. Then, within 60 days of that renewal (so a renewal too,
  // renewal-classification.ts), another renewal deal closing 2026-12-20.
  const history = [newBusinessWon('2025-11-10'), renewalLost('2026-11-10')];
  const loss = day('2026-11-10');

  it('with nothing after it, the loss is the last word: churned on it', () => {
    expect(lossIsLastWord(read(history), loss)).toBe(true);
    expect(churnedSince(read(history), day('2027-02-01'))).toBe(loss);
  });

  it('followed by a renewal deal won, lost or open, it is not; the customer churns on the last loss', () => {
    for (const stage of ['closedwon', 'closedlost', 'contractsent']) expect(lossIsLastWord(read([...history, renewal(stage, '2026-12-20')]), loss), stage).toBe(false);
    expect(churnedSince(read([...history, renewal('closedwon', '2026-12-20')]), day('2027-02-01'))).toBeNull();
    expect(churnedSince(read([...history, renewalLost('2026-12-20')]), day('2027-02-01'))).toBe(day('2026-12-20'));
    // Decided after the as-of day: still pending then, so not churned yet either.
    expect(churnedSince(read([...history, renewalLost('2026-12-20')]), day('2026-12-07'))).toBeNull();
  });

  it('a renewal deal open, whatever its close date (before the loss, or none), keeps every loss from being the last word', () => {
    expect(lossIsLastWord(read([...history, renewal('contractsent', '2026-10-01')]), loss)).toBe(false);
    expect(lossIsLastWord(read([...history, renewal('contractsent', null)]), loss)).toBe(false);
  });

  it('new business won after the loss, before the next renewal deal, is a new contract: the loss ended the old one', () => {
    const back = read([...history, newBusinessWon('2026-12-01'), renewalLost('2027-12-01')]);
    expect(lossIsLastWord(back, loss)).toBe(true);
    // Won back meanwhile: not churned; then that contract's renewal lost: churned on that day.
    expect(churnedSince(back, day('2027-01-15'))).toBeNull();
    expect(churnedSince(back, day('2027-12-15'))).toBe(day('2027-12-01'));
  });
});
