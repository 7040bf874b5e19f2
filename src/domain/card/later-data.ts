import type { CsConfig } from '../../config/schema.ts';
import { dayZone, formatDay, parseInstant, parseZonedDay, type Day, type DayZone } from '../parsing/index.ts';
import { churnStateProperties } from '../handoff/churn-reason.ts';
import { handoffStateProperties } from '../handoff/handoff.ts';
import type { CompanySnapshot, CrmRecord, PropertyChange } from './snapshot.ts';

// The company as it stood on a past as-of day. HubSpot is read as it is
// now, so a past day's snapshot also holds what happened after that day. Everything dated
// after the as-of day (a day in the portal's time zone) is left out, before any rule runs, so
// the card, the CLI and the sync compute the same past:
// - a record created after the day did not exist: contacts, deals and tickets by `createdate`,
//   survey answers by when they were submitted, tasks by when they were created (`hs_createdate`,
//   not `hs_timestamp`, which is the task's due day);
// - a deal or ticket closed after the day, or a task completed after it, was still open then:
//   it is shown open, in an unknown stage, with its close date as the day it was expected to
//   close (a renewal won next week is an open renewal due next week);
// - a property value written after the day is replaced by the value it had then, read from
//   its history (CSM sentiment, the written health score and factors); a dated value with no
//   history (last contacted, last activity, last QBR) is unknown as of that day; handoff steps
//   (submitted, accepted, returned) and a churn reason recorded after the day had not happened.
// A record or value with no date stays: nothing says it came later. When nothing is dated after
// the day (the as-of day is today) the snapshot is returned as it is, not copied.

/** Records created after the as-of day, by kind. */
export interface LeftOutCreated {
  readonly contacts: number;
  readonly deals: number;
  readonly tickets: number;
  readonly answers: number;
  readonly tasks: number;
}

/** Records closed (deals, tickets) or completed (tasks) after the as-of day, shown open. */
export interface LeftOutClosed {
  readonly deals: number;
  readonly tickets: number;
  readonly tasks: number;
}

/** What a past as-of day left out of the company's snapshot. */
export interface LeftOut {
  readonly created: LeftOutCreated;
  readonly closed: LeftOutClosed;
  /** Property values written after the day (history entries and dated values), replaced by the earlier value or by none. */
  readonly changes: number;
  /** Everything above, added up. */
  readonly count: number;
  /** The latest day (YYYY-MM-DD) among what was left out; null when nothing was. */
  readonly latest: string | null;
}

export interface SnapshotAsOf {
  /** The snapshot as of the day: the input itself when nothing is dated after it. */
  readonly snapshot: CompanySnapshot;
  readonly leftOut: LeftOut;
}

type Settings = Pick<CsConfig, 'timeZone' | 'handoff' | 'adoption' | 'playbooks'>;

/**
 * The company's snapshot as it stood at the end of `asOf` (a day number) in the portal's time
 * zone, and what was left out to make it so (see the rules above). `readAt` (epoch ms), when
 * given, is when the snapshot was read: read on or before the as-of day, it is returned as it is.
 *
 * @example
 * // A ticket opened after 2026-11-20, and one opened before it but closed after it (so open then):
 * snapshotAsOf({ company: { id: '1', properties: {} }, history: {}, contacts: [], deals: [], feedback: [], tasks: [], issues: [], tickets: [
 *   { id: 't', properties: { createdate: '2026-11-25T10:00:00Z' } },
 *   { id: 'u', properties: { createdate: '2026-11-02T10:00:00Z', closed_date: '2026-11-30T12:00:00Z', hs_is_closed: 'true', hs_pipeline_stage: '4' } }] },
 *   asOfDay('2026-11-20'), defaultConfig).snapshot.tickets
 * // => [{ id: 'u', properties: { createdate: '2026-11-02T10:00:00Z', closed_date: null, hs_is_closed: 'false', hs_pipeline_stage: null } }]
 * snapshotAsOf({ company: { id: '1', properties: {} }, history: {}, contacts: [], deals: [], feedback: [], tasks: [], issues: [], tickets: [
 *   { id: 't', properties: { createdate: '2026-11-25T10:00:00Z' } },
 *   { id: 'u', properties: { createdate: '2026-11-02T10:00:00Z', closed_date: '2026-11-30T12:00:00Z', hs_is_closed: 'true', hs_pipeline_stage: '4' } }] },
 *   asOfDay('2026-11-20'), defaultConfig).leftOut
 * // => { created: { contacts: 0, deals: 0, tickets: 1, answers: 0, tasks: 0 }, closed: { deals: 0, tickets: 1, tasks: 0 }, changes: 0, count: 2, latest: '2026-11-30' }
 */
export function snapshotAsOf(snapshot: CompanySnapshot, asOf: Day, config: Settings, readAt?: number): SnapshotAsOf {
  const zone = dayZone(config.timeZone);
  // Read on or before the as-of day (a card or sync as of today): nothing can be dated after it.
  // What still is (a hand-typed future date, HubSpot's clock a little ahead) is read as it always was.
  if (readAt !== undefined && zone.dayOf(readAt) <= asOf) return { snapshot, leftOut: nothingLeftOut };
  const cut = new Cut(asOf, zone);
  const contacts = cut.records(snapshot.contacts, contactAsOf);
  const deals = cut.records(snapshot.deals, dealAsOf);
  const tickets = cut.records(snapshot.tickets, ticketAsOf);
  const feedback = cut.records(snapshot.feedback, answerAsOf);
  const tasks = cut.records(snapshot.tasks, taskAsOf);
  const { history, values } = historyAsOf(snapshot.history, cut);
  const company = companyAsOf(snapshot.company, values, cut, config);
  const leftOut = cut.leftOut();
  if (leftOut.count === 0) return { snapshot, leftOut };
  return {
    snapshot: { ...snapshot, company, history, contacts: contacts ?? snapshot.contacts, deals: deals ?? snapshot.deals, tickets: tickets ?? snapshot.tickets, feedback: feedback ?? snapshot.feedback, tasks: tasks ?? snapshot.tasks },
    leftOut,
  };
}

/** The tally of what is left out, and the one date test every rule uses. Plain counters: a sync runs this for every company, and most leave nothing out. */
class Cut {
  contacts = 0;
  deals = 0;
  tickets = 0;
  answers = 0;
  tasks = 0;
  closedDeals = 0;
  closedTickets = 0;
  closedTasks = 0;
  changes = 0;
  private latest: Day = Number.NEGATIVE_INFINITY;
  /** 'YYYY-MM-DD' of the as-of day: an ISO value whose UTC date sorts before it is not after the day in any time zone (none is more than a day ahead of UTC). */
  private readonly text: string;

  constructor(
    readonly asOf: Day,
    readonly zone: DayZone,
  ) {
    this.text = dayText(asOf);
  }

  /** Whether a date value falls after the as-of day (noting it when it does); a missing or unreadable date is not. */
  after(value: string | null | undefined): boolean {
    if (value == null) return false;
    // Most dates are well before the day: a string comparison settles them without parsing.
    if (value.length >= 10 && value.charCodeAt(4) === 45 && value < this.text) return false;
    const day = parseZonedDay(value, this.zone);
    if (day === null || day <= this.asOf) return false;
    if (day > this.latest) this.latest = day;
    return true;
  }

  /** The records as of the day: null when none changed, else the kept ones, each as it was then. */
  records(records: readonly CrmRecord[], asOf: (record: CrmRecord, cut: Cut) => CrmRecord | null): CrmRecord[] | null {
    let kept: CrmRecord[] | null = null;
    for (let index = 0; index < records.length; index++) {
      const record = records[index] as CrmRecord;
      const then = asOf(record, this);
      if (then === record && kept === null) continue;
      kept ??= records.slice(0, index);
      if (then !== null) kept.push(then);
    }
    return kept;
  }

  leftOut(): LeftOut {
    const count = this.contacts + this.deals + this.tickets + this.answers + this.tasks + this.closedDeals + this.closedTickets + this.closedTasks + this.changes;
    if (count === 0) return nothingLeftOut;
    return {
      created: { contacts: this.contacts, deals: this.deals, tickets: this.tickets, answers: this.answers, tasks: this.tasks },
      closed: { deals: this.closedDeals, tickets: this.closedTickets, tasks: this.closedTasks },
      changes: this.changes,
      count,
      latest: formatDay(this.latest),
    };
  }
}

/** Nothing left out (the as-of day is the day of the read, or nothing is dated after it). */
export const nothingLeftOut: LeftOut = Object.freeze({
  created: Object.freeze({ contacts: 0, deals: 0, tickets: 0, answers: 0, tasks: 0 }),
  closed: Object.freeze({ deals: 0, tickets: 0, tasks: 0 }),
  changes: 0,
  count: 0,
  latest: null,
});

/** formatDay of the as-of day, remembered: a sync asks for the same day for every company. */
let lastDay: Day = Number.NaN;
let lastText = '';
function dayText(day: Day): string {
  if (day !== lastDay) [lastDay, lastText] = [day, formatDay(day)];
  return lastText;
}

/** A contact created after the day is left out; a last-contacted date after it is unknown then. */
function contactAsOf(contact: CrmRecord, cut: Cut): CrmRecord | null {
  const props = contact.properties;
  if (cut.after(props.createdate)) return (cut.contacts++, null);
  if (!cut.after(props.notes_last_contacted)) return contact;
  cut.changes++;
  return { id: contact.id, properties: { ...props, notes_last_contacted: null } };
}

function dealAsOf(deal: CrmRecord, cut: Cut): CrmRecord | null {
  const props = deal.properties;
  if (cut.after(props.createdate)) return (cut.deals++, null);
  if (!isClosed(props.hs_is_closed, props.hs_is_closed_won) || !cut.after(props.closedate)) return deal;
  cut.closedDeals++;
  return { id: deal.id, properties: { ...props, dealstage: null, hs_is_closed: 'false', hs_is_closed_won: 'false', hs_deal_stage_probability: null, closed_lost_reason: null } };
}

function ticketAsOf(ticket: CrmRecord, cut: Cut): CrmRecord | null {
  const props = ticket.properties;
  if (cut.after(props.createdate)) return (cut.tickets++, null);
  if (!cut.after(props.closed_date)) return ticket;
  cut.closedTickets++;
  return { id: ticket.id, properties: { ...props, hs_pipeline_stage: null, hs_is_closed: 'false', closed_date: null } };
}

function answerAsOf(answer: CrmRecord, cut: Cut): CrmRecord | null {
  const props = answer.properties;
  const submitted = props.hs_submission_timestamp ?? props.hs_createdate;
  return cut.after(submitted) ? (cut.answers++, null) : answer;
}

function taskAsOf(task: CrmRecord, cut: Cut): CrmRecord | null {
  const props = task.properties;
  if (cut.after(props.hs_createdate ?? props.createdate)) return (cut.tasks++, null);
  const completed = props.hs_task_status?.trim().toUpperCase() === 'COMPLETED';
  // The day a completed task settled its action (action-tasks.ts reads the same dates).
  if (!completed || !cut.after(props.hs_task_completion_date ?? props.hs_lastmodifieddate ?? props.hs_timestamp)) return task;
  cut.closedTasks++;
  return { id: task.id, properties: { ...props, hs_task_status: 'NOT_STARTED', hs_task_completion_date: null } };
}

function isClosed(closed: string | null | undefined, won: string | null | undefined): boolean {
  return closed?.trim().toLowerCase() === 'true' || won?.trim().toLowerCase() === 'true';
}

/** Each history without its changes after the day; `values` holds, for each property that lost some, the value it had then (null: none yet). */
function historyAsOf(history: CompanySnapshot['history'], cut: Cut): { history: CompanySnapshot['history']; values: Map<string, string | null> | null } {
  let trimmed: Record<string, readonly PropertyChange[]> | null = null;
  let values: Map<string, string | null> | null = null;
  for (const name in history) {
    const changes = history[name] ?? [];
    let later = 0;
    for (let index = 0; index < changes.length; index++) if (cut.after((changes[index] as PropertyChange).timestamp)) later++;
    if (later === 0) continue;
    const kept = changes.filter((change) => !isAfter(change.timestamp, cut));
    cut.changes += later;
    (trimmed ??= { ...history })[name] = kept;
    (values ??= new Map()).set(name, newest(kept)?.value ?? null);
  }
  return { history: trimmed ?? history, values };
}

/** Whether a value is after the day, without noting it again (it was counted already). */
function isAfter(value: string, cut: Cut): boolean {
  const day = parseZonedDay(value, cut.zone);
  return day !== null && day > cut.asOf;
}

/** The newest change (histories are meant to be newest first, but are not trusted to be). */
function newest(changes: readonly PropertyChange[]): PropertyChange | null {
  let found: PropertyChange | null = null;
  for (const change of changes) if (found === null || (parseInstant(change.timestamp) ?? 0) > (parseInstant(found.timestamp) ?? 0)) found = change;
  return found;
}

/** The company's properties as of the day: history values as they were, later dated values unknown, later handoff steps and churn reason undone. */
function companyAsOf(company: CrmRecord, values: Map<string, string | null> | null, cut: Cut, config: Settings): CrmRecord {
  const props = company.properties;
  const { lastActivityProperty } = config.adoption;
  const { qbrProperty, churnReasonProperty } = config.playbooks;
  // The common case first, without allocating: nothing of the company is dated after the day.
  const touched = cut.after(props.notes_last_contacted);
  const activity = cut.after(props[lastActivityProperty]);
  const qbr = cut.after(props[qbrProperty]);
  const submitted = cut.after(props[handoffStateProperties.submittedAt]);
  const accepted = cut.after(props[handoffStateProperties.acceptedAt]);
  const returned = cut.after(props[handoffStateProperties.returnedAt]);
  const churn = cut.after(props[churnStateProperties.recordedAt]);
  if (!touched && !activity && !qbr && !submitted && !accepted && !returned && !churn && values === null) return company;

  const changed: Record<string, string | null> = {};
  const unknown = (name: string) => {
    changed[name] = null;
    cut.changes++;
  };
  if (touched) unknown('notes_last_contacted');
  if (activity) unknown(lastActivityProperty);
  if (qbr) unknown(qbrProperty);
  if (submitted || accepted || returned) {
    // A handoff step after the day had not happened: the status is the latest step on or before it.
    let status: string | null = null;
    let statusAt = Number.NEGATIVE_INFINITY;
    const steps = [
      ['submitted', handoffStateProperties.submittedAt, submitted],
      ['accepted', handoffStateProperties.acceptedAt, accepted],
      ['returned', handoffStateProperties.returnedAt, returned],
    ] as const;
    for (const [step, property, later] of steps) {
      if (later) {
        unknown(property);
        continue;
      }
      const at = parseInstant(props[property]);
      if (at !== null && at > statusAt) [status, statusAt] = [step, at];
    }
    changed[config.handoff.statusProperty] = status ?? 'not_started';
  }
  if (churn) {
    for (const name of [churnStateProperties.comment, churnReasonProperty]) changed[name] = null;
    unknown(churnStateProperties.recordedAt);
  }
  if (values !== null) for (const [name, value] of values) changed[name] = value;
  return { id: company.id, properties: { ...props, ...changed } };
}
