import { message, type Message } from '../../app/cards/contract/message.ts';
import type { LeftOut, LeftOutCreated } from './later-data.ts';
import { plural } from './wording.ts';

// What a past as-of day left out (later-data.ts), said, as catalog messages (and their English), headline first;
// and what a day after the read cannot show.

/**
 * The warnings a past as-of day adds to the card: a headline, then one line per kind of record
 * or value left out. None when nothing was.
 *
 * @example
 * leftOutMessages({ created: { contacts: 0, deals: 0, tickets: 1, answers: 0, tasks: 0 }, closed: { deals: 1, tickets: 0, tasks: 0 }, changes: 0, count: 2, latest: '2026-11-30' }, '2026-11-20')
 * // => [{ code: 'warning.asOf.leftOut', params: { asOf: '2026-11-20', count: 2, latest: '2026-11-30' } },
 * //     { code: 'warning.asOf.created', params: { asOf: '2026-11-20', kind: 'tickets', count: 1 } },
 * //     { code: 'warning.asOf.closed', params: { asOf: '2026-11-20', kind: 'deals', count: 1 } }]
 */
export function leftOutMessages(leftOut: LeftOut, asOf: string): Message[] {
  if (leftOut.count === 0 || leftOut.latest === null) return [];
  const messages = [message('warning.asOf.leftOut', { asOf, count: leftOut.count, latest: leftOut.latest })];
  for (const kind of createdKinds) if (leftOut.created[kind] > 0) messages.push(message('warning.asOf.created', { asOf, kind, count: leftOut.created[kind] }));
  for (const kind of closedKinds) if (leftOut.closed[kind] > 0) messages.push(message('warning.asOf.closed', { asOf, kind, count: leftOut.closed[kind] }));
  if (leftOut.changes > 0) messages.push(message('warning.asOf.changed', { asOf, count: leftOut.changes }));
  return messages;
}

/**
 * The same warnings in English, in the same order (the view model's `warnings`).
 *
 * @example
 * leftOutWarnings({ created: { contacts: 0, deals: 0, tickets: 0, answers: 3, tasks: 0 }, closed: { deals: 0, tickets: 0, tasks: 0 }, changes: 0, count: 3, latest: '2026-11-22' }, '2026-11-20')
 * // => ['Data dated after 2026-11-20 is left out (3 records and values, the latest on 2026-11-22): this card shows the company as it stood on 2026-11-20',
 * //     '3 survey answers submitted after 2026-11-20: not counted']
 */
export function leftOutWarnings(leftOut: LeftOut, asOf: string): string[] {
  if (leftOut.count === 0 || leftOut.latest === null) return [];
  const warnings = [`Data dated after ${asOf} is left out (${plural(leftOut.count, 'record or value', 'records and values')}, the latest on ${leftOut.latest}): this card shows the company as it stood on ${asOf}`];
  for (const kind of createdKinds) if (leftOut.created[kind] > 0) warnings.push(`${plural(leftOut.created[kind], createdNames[kind])} ${kind === 'answers' ? 'submitted' : 'created'} after ${asOf}: not counted`);
  for (const kind of closedKinds) {
    if (leftOut.closed[kind] > 0) warnings.push(`${plural(leftOut.closed[kind], createdNames[kind])} ${kind === 'tasks' ? 'completed' : 'closed'} after ${asOf}: counted as still open, as on that day`);
  }
  if (leftOut.changes > 0) warnings.push(`${plural(leftOut.changes, 'property value')} written after ${asOf}: the value before is used, or none when none is on record`);
  return warnings;
}

const createdKinds = ['contacts', 'deals', 'tickets', 'answers', 'tasks'] as const;
const closedKinds = ['deals', 'tickets', 'tasks'] as const;
const createdNames: Readonly<Record<keyof LeftOutCreated, string>> = { contacts: 'contact', deals: 'deal', tickets: 'ticket', answers: 'survey answer', tasks: 'task' };

/**
 * The warning an as-of day after the day the data was read (`readOn`, in the portal's time zone) adds: the
 * card counts days from a day to come, over data as it was read. None otherwise, or when the read day is unknown.
 *
 * @example
 * futureAsOfMessages('2027-01-15', '2026-12-07') // => [{ code: 'warning.asOf.future', params: { asOf: '2027-01-15', readOn: '2026-12-07' } }]
 * futureAsOfMessages('2026-12-07', '2026-12-07') // => []
 */
export function futureAsOfMessages(asOf: string, readOn: string | null): Message[] {
  return readOn !== null && asOf > readOn ? [message('warning.asOf.future', { asOf, readOn })] : [];
}

/**
 * The same warning in English (the view model's `warnings`).
 *
 * @example
 * futureAsOfWarnings('2027-01-15', '2026-12-07') // => ['2027-01-15 is after the day this data was read (2026-12-07): days and windows count from 2027-01-15, but the data is as read, and nothing after 2026-12-07 is known']
 */
export function futureAsOfWarnings(asOf: string, readOn: string | null): string[] {
  return readOn !== null && asOf > readOn ? [`${asOf} is after the day this data was read (${readOn}): days and windows count from ${asOf}, but the data is as read, and nothing after ${readOn} is known`] : [];
}
