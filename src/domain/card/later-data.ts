import { asOfDay, formatDay, parseDay, type Day } from '../parsing/index.ts';
import type { CompanySnapshot, CrmRecord } from './snapshot.ts';

// A card computed as of a past day reads the portal as it is today: records created and values
// recorded after that day are there too. This finds them, so the shells can say so rather than
// show a past card as if the portal had stood still.

/** Data dated after the as-of day: how many records and recorded values, and the latest day. */
export interface LaterData {
  readonly count: number;
  /** YYYY-MM-DD, or null when there is none. */
  readonly latest: string | null;
}

/** The dates a record carries that say when it came to be. */
const recordDates = ['createdate', 'hs_createdate', 'hs_submission_timestamp', 'hs_timestamp'] as const;

function recordDay(record: CrmRecord): Day | null {
  for (const name of recordDates) {
    const day = parseDay(record.properties[name]);
    if (day !== null) return day;
  }
  return null;
}

/**
 * The records (contacts, deals, tickets, survey answers, tasks) and property changes in a
 * company's snapshot dated after `asOf` (YYYY-MM-DD), plus its last-contacted date.
 *
 * @example
 * laterData({ company: { id: '1', properties: {} }, history: {}, contacts: [], deals: [], tickets: [{ id: 't', properties: { createdate: '2026-11-25T10:00:00Z' } }], feedback: [], tasks: [], issues: [] }, '2026-11-20')
 * // { count: 1, latest: '2026-11-25' }
 */
export function laterData(snapshot: CompanySnapshot, asOf: string): LaterData {
  const limit = asOfDay(asOf);
  let count = 0;
  let latest: Day | null = null;
  const see = (day: Day | null) => {
    if (day === null || day <= limit) return;
    count += 1;
    if (latest === null || day > latest) latest = day;
  };
  for (const records of [snapshot.contacts, snapshot.deals, snapshot.tickets, snapshot.feedback, snapshot.tasks]) {
    for (const record of records) see(recordDay(record));
  }
  for (const changes of Object.values(snapshot.history)) for (const change of changes) see(parseDay(change.timestamp));
  see(parseDay(snapshot.company.properties.notes_last_contacted));
  return { count, latest: latest === null ? null : formatDay(latest) };
}
