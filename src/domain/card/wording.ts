// English wording shared by explanations, reasons and warnings (explanations are data;
// the card localises only its own chrome).

/**
 * A count with its noun, in English.
 *
 * @example
 * plural(1, 'day')                  // => '1 day'
 * plural(3, 'reply', 'replies')     // => '3 replies'
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * A share as a whole percentage.
 *
 * @example
 * percent(0.904) // => '90%'
 */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * "today", "1 day ago", "12 days ago".
 *
 * @example
 * daysAgo(0)  // => 'today'
 * daysAgo(12) // => '12 days ago'
 */
export function daysAgo(days: number): string {
  return days <= 0 ? 'today' : `${plural(days, 'day')} ago`;
}
