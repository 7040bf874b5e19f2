import type { CsConfig } from '../../config/schema.ts';
import { message, type Message } from '../../app/cards/contract/message.ts';
import { healthAsOfNoteCode } from '../../app/cards/contract/portfolio.ts';
import { snapshotAsOf, type LeftOut } from '../card/later-data.ts';
import { futureAsOfMessages, leftOutMessages } from '../card/left-out-messages.ts';
import type { CrmRecord } from '../card/snapshot.ts';
import { dayZone, formatDay, type Day } from '../parsing/index.ts';

// The managers' book (portfolio-book.ts) as of a past day. HubSpot is read as it is now, so
// the card's one as-of rule (card/later-data.ts) is applied to each customer company and its
// deals before any portfolio rule runs: a deal created after the day is left out, a deal closed
// after it counts as open (a renewal won next week is a renewal due next week), a churn reason
// recorded after it was not recorded yet. What the rule cannot take back is said instead
// (bookAsOfMessages): the values the book reads that HubSpot keeps no dated history of here —
// deal amounts, types and pipelines, the companies' contract end dates and terms, and which
// companies are customers (their lifecycle stage) — are today's. The managers' page also shows
// health and renewals, which are what sync last wrote, and says that too (pageAsOfMessages).

/** A company and its deals as they stood on the as-of day, and what was left out to make them so. */
export interface BookRecordsAsOf {
  readonly company: CrmRecord;
  readonly deals: readonly CrmRecord[];
  readonly leftOut: LeftOut;
}

const none: readonly CrmRecord[] = [];
const noHistory = {};

/**
 * A book company and its deals as of the end of `asOf` in the portal's time zone (card/later-data.ts); `readAt` (epoch ms): when they were read.
 *
 * @example
 * // As of 2026-11-01, read on 2026-12-07: the renewal won on 2026-11-10 was still open, the upsell created on 2026-11-20 did not exist.
 * ((then) => [then.deals.map((deal) => [deal.id, deal.properties.hs_is_closed]), then.leftOut.created.deals, then.leftOut.closed.deals])(bookRecordsAsOf({ id: '1', properties: {} }, [
 *   { id: '12', properties: { createdate: '2026-09-01T10:00:00Z', closedate: '2026-11-10T12:00:00Z', dealstage: 'closedwon', hs_is_closed: 'true', hs_is_closed_won: 'true' } },
 *   { id: '13', properties: { createdate: '2026-11-20T10:00:00Z', closedate: '2027-01-10T12:00:00Z', dealstage: 'contractsent', hs_is_closed: 'false' } },
 * ], parseIsoDate('2026-11-01'), defaultConfig, Date.parse('2026-12-07T09:00:00Z'))) // => [[['12', 'false']], 1, 1]
 */
export function bookRecordsAsOf(company: CrmRecord, deals: readonly CrmRecord[], asOf: Day, config: Pick<CsConfig, 'timeZone' | 'handoff' | 'adoption' | 'playbooks'>, readAt: number): BookRecordsAsOf {
  const { snapshot, leftOut } = snapshotAsOf({ company, history: noHistory, contacts: none, deals, tickets: none, feedback: none, tasks: none, issues: [] }, asOf, config, readAt);
  return { company: snapshot.company, deals: snapshot.deals, leftOut };
}

/**
 * What two companies' as-of cuts left out, added up.
 *
 * @example
 * addLeftOut({ created: { contacts: 0, deals: 1, tickets: 0, answers: 0, tasks: 0 }, closed: { deals: 0, tickets: 0, tasks: 0 }, changes: 0, count: 1, latest: '2026-11-20' },
 *   { created: { contacts: 0, deals: 0, tickets: 0, answers: 0, tasks: 0 }, closed: { deals: 2, tickets: 0, tasks: 0 }, changes: 1, count: 3, latest: '2026-11-30' })
 * // => { created: { contacts: 0, deals: 1, tickets: 0, answers: 0, tasks: 0 }, closed: { deals: 2, tickets: 0, tasks: 0 }, changes: 1, count: 4, latest: '2026-11-30' }
 */
export function addLeftOut(a: LeftOut, b: LeftOut): LeftOut {
  if (b.count === 0) return a;
  if (a.count === 0) return b;
  return {
    created: {
      contacts: a.created.contacts + b.created.contacts,
      deals: a.created.deals + b.created.deals,
      tickets: a.created.tickets + b.created.tickets,
      answers: a.created.answers + b.created.answers,
      tasks: a.created.tasks + b.created.tasks,
    },
    closed: { deals: a.closed.deals + b.closed.deals, tickets: a.closed.tickets + b.closed.tickets, tasks: a.closed.tasks + b.closed.tasks },
    changes: a.changes + b.changes,
    count: a.count + b.count,
    latest: a.latest === null || (b.latest !== null && b.latest > a.latest) ? b.latest : a.latest,
  };
}

/**
 * What a report as of a past day says about its figures (catalog messages): what was left out (a headline, then one line per
 * kind), then the values that are today's. None when the as-of day is the day the book was read (today); a day after it
 * is said to be one (the card's warning: the data is as read).
 *
 * @example
 * bookAsOfMessages({ created: { contacts: 0, deals: 0, tickets: 0, answers: 0, tasks: 0 }, closed: { deals: 2, tickets: 0, tasks: 0 }, changes: 0, count: 2, latest: '2026-11-20' }, parseIsoDate('2026-11-01'), Date.parse('2026-12-07T09:00:00Z'), defaultConfig)
 * // => [{ code: 'report.asOf.leftOut', params: { asOf: '2026-11-01', count: 2, latest: '2026-11-20' } }, { code: 'warning.asOf.closed', params: { asOf: '2026-11-01', kind: 'deals', count: 2 } }, { code: 'report.asOf.currentValues', params: { asOf: '2026-11-01' } }]
 * bookAsOfMessages({ created: { contacts: 0, deals: 0, tickets: 0, answers: 0, tasks: 0 }, closed: { deals: 0, tickets: 0, tasks: 0 }, changes: 0, count: 0, latest: null }, parseIsoDate('2026-12-07'), Date.parse('2026-12-07T09:00:00Z'), defaultConfig) // => []
 * bookAsOfMessages({ created: { contacts: 0, deals: 0, tickets: 0, answers: 0, tasks: 0 }, closed: { deals: 0, tickets: 0, tasks: 0 }, changes: 0, count: 0, latest: null }, parseIsoDate('2027-01-15'), Date.parse('2026-12-07T09:00:00Z'), defaultConfig)
 * // => [{ code: 'warning.asOf.future', params: { asOf: '2027-01-15', readOn: '2026-12-07' } }]
 */
export function bookAsOfMessages(leftOut: LeftOut, asOf: Day, readAt: number, config: Pick<CsConfig, 'timeZone'>): Message[] {
  const readOn = dayZone(config.timeZone).dayOf(readAt);
  if (readOn < asOf) return futureAsOfMessages(formatDay(asOf), formatDay(readOn));
  if (readOn === asOf) return [];
  const day = formatDay(asOf);
  const messages: Message[] = [];
  if (leftOut.count > 0 && leftOut.latest !== null) {
    // The card's lines for each kind of record (their headline speaks of one company: the report has its own).
    messages.push(message('report.asOf.leftOut', { asOf: day, count: leftOut.count, latest: leftOut.latest }), ...leftOutMessages(leftOut, day).slice(1));
  }
  messages.push(message('report.asOf.currentValues', { asOf: day }));
  return messages;
}

/**
 * What the managers' page as of a past day says about its figures: the report's notes (bookAsOfMessages), then that
 * health bands and scores, renewal dates and renewal amounts are the values sync last wrote (the page's bands and
 * renewals at risk read them, and they are not taken back). None when the as-of day is the day the book was read.
 *
 * @example
 * pageAsOfMessages({ created: { contacts: 0, deals: 0, tickets: 0, answers: 0, tasks: 0 }, closed: { deals: 0, tickets: 0, tasks: 0 }, changes: 0, count: 0, latest: null }, parseIsoDate('2026-11-01'), Date.parse('2026-12-07T09:00:00Z'), defaultConfig)
 * // => [{ code: 'report.asOf.currentValues', params: { asOf: '2026-11-01' } }, { code: 'portfolio.asOf.syncedValues', params: { asOf: '2026-11-01' } }]
 * pageAsOfMessages({ created: { contacts: 0, deals: 0, tickets: 0, answers: 0, tasks: 0 }, closed: { deals: 0, tickets: 0, tasks: 0 }, changes: 0, count: 0, latest: null }, parseIsoDate('2026-12-07'), Date.parse('2026-12-07T09:00:00Z'), defaultConfig) // => []
 */
export function pageAsOfMessages(leftOut: LeftOut, asOf: Day, readAt: number, config: Pick<CsConfig, 'timeZone'>): Message[] {
  const notes = bookAsOfMessages(leftOut, asOf, readAt, config);
  return notes.length === 0 ? [] : [...notes, message(healthAsOfNoteCode, { asOf: formatDay(asOf) })];
}
