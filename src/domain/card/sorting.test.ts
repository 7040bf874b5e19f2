import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortInPlace } from './sorting.ts';

describe('sortInPlace', () => {
  it('sorts exactly like the stable Array#sort, short or long, and returns the same array', () => {
    const item = fc.record({ key: fc.integer({ min: 0, max: 5 }), tag: fc.nat() });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), (items) => {
        const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
        const copy = [...items];
        const sorted = sortInPlace(copy, byKey);
        expect(sorted).toBe(copy);
        expect(sorted).toEqual([...items].sort(byKey)); // equal keys keep their order
      }),
      { numRuns: 1000 },
    );
  });
});
