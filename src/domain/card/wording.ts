// English wording shared by explanations, reasons and warnings (explanations are data;
// the card localises only its own chrome).

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** "today", "1 day ago", "12 days ago". */
export function daysAgo(days: number): string {
  return days <= 0 ? 'today' : `${plural(days, 'day')} ago`;
}
