// Sorting the handful of items a card sorts (NPS answers, actions, history points). For
// arrays this short, Array#sort's setup costs several times the sort itself, and a card
// view is built for every company of a sync; longer arrays still go to Array#sort.

const shortLength = 16;

/**
 * Sorts in place, stably, and returns the array (like Array#sort with a comparator).
 *
 * @example
 * // stable: the two 2s keep their order
 * sortInPlace([{ n: 3 }, { n: 2, k: 'a' }, { n: 1 }, { n: 2, k: 'b' }], (a, b) => a.n - b.n)
 * // => [{ n: 1 }, { n: 2, k: 'a' }, { n: 2, k: 'b' }, { n: 3 }]
 */
export function sortInPlace<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > shortLength) return items.sort(compare);
  for (let j = 1; j < items.length; j++) {
    const item = items[j] as T;
    let k = j - 1;
    for (; k >= 0 && compare(items[k] as T, item) > 0; k--) items[k + 1] = items[k] as T;
    items[k + 1] = item;
  }
  return items;
}
