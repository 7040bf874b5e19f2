import { describe, expect, it } from 'vitest';
import { latestDecisions, type DecisionFacts } from './decisions.ts';

// The one search for the latest decisions (decisions.ts): the card's last renewal outcome and the churn rule read it.

const renewal = (id: string, closeDay: number | null, outcome: 'won' | 'lost' | 'open'): DecisionFacts => ({ id, kind: 'renewal', won: outcome === 'won', lost: outcome === 'lost', closeDay });

describe('latestDecisions', () => {
  it('on one day, a won renewal outranks a lost one, then the later id, in any order', () => {
    const deals = [renewal('7', 10, 'lost'), renewal('3', 10, 'won'), renewal('2', 10, 'won'), renewal('9', 4, 'won')];
    for (const order of [deals, [...deals].reverse()]) expect(latestDecisions(order, 10)).toEqual({ outcome: deals[1], wonContract: deals[1] });
  });

  it('passes over open and undated deals and those decided after the as-of day', () => {
    const deals = [renewal('1', 5, 'lost'), renewal('2', 8, 'open'), renewal('3', null, 'won'), renewal('4', 12, 'won')];
    expect(latestDecisions(deals, 10)).toEqual({ outcome: deals[0], wonContract: null });
  });
});
