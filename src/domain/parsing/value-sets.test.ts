import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keySet, lowerMap } from './value-sets.ts';

// Configured value lists match case-insensitively: "equal ignoring case", nothing looser.

describe('keySet', () => {
  it('matches any spelling of a configured value, and nothing else', () => {
    const types = keySet(['NPS', ' existingBusiness ']);
    for (const text of ['NPS', 'nps', 'Nps', 'existingbusiness', 'EXISTINGBUSINESS', 'ExistingBusiness']) expect(types.has(text)).toBe(true);
    for (const text of [null, '', 'CSAT', 'nps ', 'existing business', 'existingbusinesses']) expect(types.has(text)).toBe(false);
    expect(types.size).toBe(2);
  });

  it('agrees with comparing lower-cased values, for any text including non-ASCII', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'B', 'ß', 'S', 's', 'İ', 'i', 'ǅ', 'Σ', 'ς', 'σ', '1', '-'), maxLength: 4 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 4 }), word, (values, text) => {
        const expected = values.some((value) => value.trim().toLowerCase() === text.toLowerCase());
        expect(keySet(values).has(text)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('builds each configured list once', () => {
    const values = ['closedwon'];
    expect(keySet(values)).toBe(keySet(values));
  });
});

describe('lowerMap', () => {
  it('looks values up by their lower-cased, trimmed key', () => {
    const map = lowerMap({ Green: 100, ' RED ': 0 });
    expect(map.get('green')).toBe(100);
    expect(map.get('red')).toBe(0);
    expect(map.get('Green')).toBeUndefined();
  });
});
