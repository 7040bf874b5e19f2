import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/schema.ts';
import { asOfDay, dayZone } from '../parsing/index.ts';
import { npsFacts } from './nps.ts';
import { AS_OF, isoAt, npsAnswer } from '../testing/fixtures.ts';
import { referenceNpsFacts } from '../testing/nps-reference.ts';

// npsFacts finds a respondent's earlier answer by looking along the answers while they are few
// (a map from then on): on random answers, including more respondents than the look covers,
// repeated contacts, submissions listed twice and ties in time, it gives exactly what the previous
// implementation (nps-reference.ts) gave.

const answer = fc.record({
  value: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 10 }), weight: 4 }, { arbitrary: fc.constantFrom(null, 'n/a', '11', '7.5', ' 9 '), weight: 1 }),
  daysAgo: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: -5, max: 400 })),
  contact: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 25 }).map(String), fc.integer({ min: 1, max: 3 }).map(String)),
  id: fc.integer({ min: 1, max: 60 }).map((n) => `s${n}`),
  sameInstant: fc.boolean(),
});

describe('npsFacts, as before', () => {
  it('matches the previous implementation on random answers', () => {
    const asOf = asOfDay(AS_OF);
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 60, size: 'max' }), fc.constantFrom('UTC', 'America/Los_Angeles'), (answers, zoneName) => {
        const feedback = answers.map((a) =>
          npsAnswer({ value: a.value, contactId: a.contact, id: a.id, ...(a.sameInstant ? { submittedAt: isoAt(-30) } : { daysAgo: a.daysAgo }) }),
        );
        const zone = dayZone(zoneName);
        expect(npsFacts(feedback, defaultConfig.nps, asOf, zone)).toEqual(referenceNpsFacts(feedback, defaultConfig.nps, asOf, zone));
      }),
      { numRuns: 2000 },
    );
  });
});
