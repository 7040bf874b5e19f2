// Configured value lists (deal types, stages, survey types...) matched case-insensitively.
// Built once per configuration object, not once per card: a sync builds thousands.

/** Case-insensitive membership in a configured list of values (trimmed, compared lower-cased). */
export interface KeySet {
  readonly size: number;
  /** Whether the (already trimmed) text is one of the values, ignoring case. */
  has(text: string | null): boolean;
}

const keySets = new WeakMap<readonly string[], KeySet>();
const maps = new WeakMap<Readonly<Record<string, number>>, ReadonlyMap<string, number>>();

/**
 * A configured value list matched case-insensitively (its values trimmed; the text looked up is trimmed by the caller), built once per list.
 *
 * @example
 * keySet([' Renewal', 'existingbusiness']).has('RENEWAL') // => true
 */
export function keySet(values: readonly string[]): KeySet {
  let set = keySets.get(values);
  if (set === undefined) {
    set = buildKeySet(values);
    keySets.set(values, set);
  }
  return set;
}

// A portal has a handful of distinct stages, types and priorities, seen over and over (this
// runs for every deal, ticket and survey answer): each text's answer is kept, up to a bound,
// so a text is lower-cased and looked up once, not on every record.
function buildKeySet(values: readonly string[]): KeySet {
  const lower = new Set<string>();
  for (const value of values) lower.add(value.trim().toLowerCase());
  const answers = new Map<string, boolean>();
  // The last text asked about and its answer: records of a company mostly repeat the same value
  // (every survey answer's type, most tickets' stage), and a comparison is cheaper than a lookup.
  let lastText: string | null = null;
  let lastFound = false;
  return {
    size: lower.size,
    has: (text) => {
      if (text === null) return false;
      if (text === lastText) return lastFound;
      let found = answers.get(text);
      if (found === undefined) {
        found = lower.has(text.toLowerCase());
        if (answers.size < rememberedTexts) answers.set(text, found);
      }
      lastText = text;
      lastFound = found;
      return found;
    },
  };
}

const rememberedTexts = 256;

/**
 * A configured value -> number table keyed by lower-cased, trimmed text, built once per table.
 *
 * @example
 * lowerMap({ ' Green ': 100 }).get('green') // => 100
 */
export function lowerMap(values: Readonly<Record<string, number>>): ReadonlyMap<string, number> {
  let map = maps.get(values);
  if (map === undefined) {
    map = new Map(Object.entries(values).map(([key, value]) => [key.trim().toLowerCase(), value]));
    maps.set(values, map);
  }
  return map;
}
