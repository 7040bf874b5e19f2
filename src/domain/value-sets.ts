// Configured value lists (deal types, stages, survey types...) matched case-insensitively.
// Lower-cased once per configuration object, not once per card: a sync builds thousands.

const sets = new WeakMap<readonly string[], ReadonlySet<string>>();
const maps = new WeakMap<Readonly<Record<string, number>>, ReadonlyMap<string, number>>();

export function lowerSet(values: readonly string[]): ReadonlySet<string> {
  let set = sets.get(values);
  if (set === undefined) {
    set = new Set(values.map((value) => value.trim().toLowerCase()));
    sets.set(values, set);
  }
  return set;
}

export function lowerMap(values: Readonly<Record<string, number>>): ReadonlyMap<string, number> {
  let map = maps.get(values);
  if (map === undefined) {
    map = new Map(Object.entries(values).map(([key, value]) => [key.trim().toLowerCase(), value]));
    maps.set(values, map);
  }
  return map;
}
