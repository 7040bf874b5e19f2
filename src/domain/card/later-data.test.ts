import { describe, expect, it } from 'vitest';
import { defaultConfig, type CsConfig } from '../../config/schema.ts';
import { asOfDay } from '../parsing/index.ts';
import { buildCardView } from './card.ts';
import { snapshotAsOf, type LeftOut } from './later-data.ts';
import { leftOutMessages, leftOutWarnings } from './left-out-messages.ts';
import { AS_OF, at, change, contact, deal, healthyCompany, isoAt, npsAnswer, record, renewalDeal, snapshot, ticket } from '../testing/fixtures.ts';

// A past as-of day is a true view of that day: what is dated after it is left out of every
// figure, and the view says what and how much.

const day = asOfDay;
const nothing: LeftOut = { created: { contacts: 0, deals: 0, tickets: 0, answers: 0, tasks: 0 }, closed: { deals: 0, tickets: 0, tasks: 0 }, changes: 0, count: 0, latest: null };

describe('snapshotAsOf', () => {
  it('leaves out a ticket opened after the day and shows a deal won after it as open (the rule\'s @example)', () => {
    const read = snapshot({
      tickets: [{ id: 't', properties: { createdate: '2026-11-25T10:00:00Z' } }],
      deals: [{ id: 'd', properties: { createdate: '2026-01-05T09:00:00Z', closedate: '2026-11-30T12:00:00Z', dealstage: 'closedwon', hs_is_closed: 'true', hs_is_closed_won: 'true' } }],
    });
    const { snapshot: then, leftOut } = snapshotAsOf(read, day('2026-11-20'), defaultConfig);
    expect(then.tickets).toEqual([]);
    expect(then.deals).toEqual([
      { id: 'd', properties: { createdate: '2026-01-05T09:00:00Z', closedate: '2026-11-30T12:00:00Z', dealstage: null, hs_is_closed: 'false', hs_is_closed_won: 'false', hs_deal_stage_probability: null, closed_lost_reason: null } },
    ]);
    expect(leftOut).toEqual({ created: { ...nothing.created, tickets: 1 }, closed: { ...nothing.closed, deals: 1 }, changes: 0, count: 2, latest: '2026-11-30' });
  });

  it('returns the snapshot itself when nothing is dated after the day, records of the day included', () => {
    const read = healthyCompany({ tickets: [ticket({ createdate: `${AS_OF}T23:59:00Z` })], tasks: [record({ hs_createdate: isoAt(0), hs_task_status: 'COMPLETED', hs_task_completion_date: isoAt(0) })] });
    const result = snapshotAsOf(read, day(AS_OF), defaultConfig);
    expect(result.snapshot).toBe(read);
    expect(result.leftOut).toEqual(nothing);
  });

  it('takes a snapshot read on the as-of day as it is: a card as of today reads a future-dated value as it always did', () => {
    const read = snapshot({ tickets: [ticket({ priority: 'URGENT', createdate: isoAt(2) })] });
    expect(snapshotAsOf(read, day(AS_OF), defaultConfig, Date.parse(at.generatedAt))).toEqual({ snapshot: read, leftOut: nothing });
    expect(snapshotAsOf(read, day(AS_OF), defaultConfig).leftOut.count).toBe(1);
    expect(buildCardView(read, defaultConfig, at).support.openTickets).toBe(1);
  });

  it('reads days in the portal\'s time zone: 02:00 UTC on the 21st is still the 20th in Los Angeles', () => {
    const read = snapshot({ tickets: [ticket({ createdate: '2026-11-21T02:00:00Z' })] });
    expect(snapshotAsOf(read, day('2026-11-20'), defaultConfig).leftOut.count).toBe(1);
    expect(snapshotAsOf(read, day('2026-11-20'), { ...defaultConfig, timeZone: 'America/Los_Angeles' }).leftOut.count).toBe(0);
  });

  it('keeps what has no date, and reads epoch-millisecond dates', () => {
    const undated = ticket({ createdate: null });
    const later = ticket({ createdate: String(Date.parse('2026-12-01T00:00:00Z')) });
    const { snapshot: then, leftOut } = snapshotAsOf(snapshot({ tickets: [undated, later] }), day('2026-11-20'), defaultConfig);
    expect(then.tickets).toEqual([undated]);
    expect(leftOut.latest).toBe('2026-12-01');
  });

  it('reopens a ticket closed after the day and a task completed after it; leaves out contacts, answers and tasks created after it', () => {
    const old = contact({ lastContactedDaysAgo: 2 });
    const read = snapshot({
      contacts: [old, record({ createdate: isoAt(1) })],
      tickets: [{ id: 't', properties: { createdate: isoAt(-30), closed_date: isoAt(2), hs_is_closed: 'true', hs_pipeline_stage: '4' } }],
      feedback: [npsAnswer({ value: 9, daysAgo: -1 }), npsAnswer({ value: 3, daysAgo: 3 })],
      tasks: [
        record({ hs_createdate: isoAt(-10), hs_task_status: 'COMPLETED', hs_task_completion_date: isoAt(1) }, 'k'),
        record({ hs_createdate: isoAt(3), hs_task_status: 'NOT_STARTED' }),
      ],
    });
    const { snapshot: then, leftOut } = snapshotAsOf(read, day(AS_OF), defaultConfig);
    expect(then.contacts).toEqual([old]);
    expect(then.tickets[0]?.properties).toMatchObject({ hs_is_closed: 'false', closed_date: null, hs_pipeline_stage: null });
    expect(then.feedback.map((answer) => answer.properties.hs_value)).toEqual(['3']);
    expect(then.tasks).toEqual([{ id: 'k', properties: { hs_createdate: isoAt(-10), hs_task_status: 'NOT_STARTED', hs_task_completion_date: null } }]);
    expect(leftOut).toMatchObject({ created: { contacts: 1, deals: 0, tickets: 0, answers: 1, tasks: 1 }, closed: { deals: 0, tickets: 1, tasks: 1 }, count: 5 });
  });

  it('gives history properties the value they had on the day; a later last-contacted date is unknown then; later handoff steps had not happened', () => {
    const read = snapshot({
      company: {
        hs_csm_sentiment: 'red',
        notes_last_contacted: isoAt(2),
        cs_handoff_status: 'accepted',
        cs_handoff_submitted_at: isoAt(-5),
        cs_handoff_accepted_at: isoAt(1),
      },
      history: { hs_csm_sentiment: [change('red', -2), change('green', 30)], cs_health_score: [change('40', -1), change('71', 10)] },
    });
    const { snapshot: then, leftOut } = snapshotAsOf(read, day(AS_OF), defaultConfig);
    expect(then.company.properties).toMatchObject({ hs_csm_sentiment: 'green', cs_health_score: '71', notes_last_contacted: null, cs_handoff_status: 'submitted', cs_handoff_accepted_at: null });
    expect(then.history).toEqual({ hs_csm_sentiment: [change('green', 30)], cs_health_score: [change('71', 10)] });
    expect(leftOut).toMatchObject({ changes: 4, count: 4 });
  });
  it('a handoff returned after the day was still submitted then (dates in any shape HubSpot sends); a churn reason recorded after it was not recorded yet', () => {
    const read = snapshot({
      company: {
        cs_handoff_status: 'returned',
        cs_handoff_submitted_at: String(Date.parse(isoAt(-3))),
        cs_handoff_returned_at: isoAt(2),
        cs_churn_reason: 'budget',
        cs_churn_recorded_at: isoAt(1),
      },
    });
    const { snapshot: then, leftOut } = snapshotAsOf(read, day(AS_OF), defaultConfig);
    expect(then.company.properties).toMatchObject({ cs_handoff_status: 'submitted', cs_handoff_returned_at: null, [defaultConfig.playbooks.churnReasonProperty]: null, cs_churn_recorded_at: null });
    expect(leftOut.changes).toBe(2);
  });
});

describe('a card as of a past day', () => {
  const config: CsConfig = defaultConfig;

  it('counts nothing dated after the day: a ticket opened later, a renewal won later, an answer given later, and says so', () => {
    const past = '2026-11-01';
    const read = healthyCompany({
      tickets: [ticket({ priority: 'URGENT', createdate: isoAt(-5) }), ticket({ priority: 'HIGH', createdate: isoAt(-40) })],
      deals: [renewalDeal(-10, { stage: 'closedwon', closed: true, won: true }), deal({ closeInDays: 300, name: 'Next renewal' })],
    });
    const today = buildCardView(read, config, at);
    const then = buildCardView(read, config, { ...at, asOf: past });

    expect(today.support.openTickets).toBe(2);
    expect(then.support).toMatchObject({ openTickets: 1, openHighPriority: 1 });
    // Won on 2026-11-13, so on 2026-11-01 the renewal was open and due in 12 days.
    expect(then.renewal).toMatchObject({ date: '2026-11-13', daysToRenewal: 12, window: 'd30', stage: null });
    expect(then.leftOut).toMatchObject({ created: { tickets: 1 }, closed: { deals: 1 } });
    expect(then.warningMessages?.slice(0, 3)).toEqual([
      { code: 'warning.asOf.leftOut', params: { asOf: past, count: then.leftOut?.count ?? -1, latest: then.leftOut?.latest ?? '' } },
      { code: 'warning.asOf.created', params: { asOf: past, kind: 'tickets', count: 1 } },
      { code: 'warning.asOf.closed', params: { asOf: past, kind: 'deals', count: 1 } },
    ]);
    expect(then.warnings[0]).toMatch(/^Data dated after 2026-11-01 is left out \(\d+ records and values, the latest on 2026-11-\d\d\): this card shows the company as it stood on 2026-11-01$/);
    expect(today.leftOut).toBeUndefined();
    expect(today.warnings).toEqual([]);
  });

  it('settles an action only with a task completed by the day: before, the task was still open', () => {
    const read = healthyCompany({
      company: { cs_last_qbr_date: null },
      tasks: [record({ hs_task_body: 'Book the QBR [cs-card:qbr-schedule]', hs_task_status: 'COMPLETED', hs_createdate: isoAt(-20), hs_task_completion_date: isoAt(-2) })],
    });
    expect(buildCardView(read, config, at).actions.map((action) => action.id)).not.toContain('qbr-schedule');
    const before = buildCardView(read, config, { ...at, asOf: '2026-11-10' });
    expect(before.actions.find((action) => action.id === 'qbr-schedule')).toMatchObject({ alreadyTasked: true });
    expect(before.leftOut?.closed.tasks).toBe(1);
  });
});

describe('a card as of a day after the read', () => {
  it("says the day is to come in the portal's time zone: the read's day there, not UTC's, is the last one known", () => {
    const read = healthyCompany({ deals: [renewalDeal(40)] });
    // Read at 03:00 UTC on the 24th: still the 23rd in Los Angeles, where the 24th is a day to come.
    const generatedAt = '2026-11-24T03:00:00.000Z';
    const losAngeles: CsConfig = { ...defaultConfig, timeZone: 'America/Los_Angeles' };
    const next = buildCardView(read, losAngeles, { asOf: '2026-11-24', generatedAt });
    expect(next.warningMessages?.[0]).toEqual({ code: 'warning.asOf.future', params: { asOf: '2026-11-24', readOn: '2026-11-23' } });
    expect(next.warnings[0]).toBe('2026-11-24 is after the day this data was read (2026-11-23): days and windows count from 2026-11-24, but the data is as read, and nothing after 2026-11-23 is known');
    // Nothing dated after the read can be left out, and the renewal counts from the day asked for: it
    // closes at midnight UTC on 2027-01-02, which is 2027-01-01 in Los Angeles, 38 days after the 24th.
    expect(next.leftOut).toBeUndefined();
    expect(next.renewal).toMatchObject({ date: '2027-01-01', daysToRenewal: 38 });
    expect(buildCardView(read, defaultConfig, { asOf: '2026-11-24', generatedAt }).warnings).toEqual([]);
    expect(buildCardView(read, losAngeles, { asOf: '2026-11-23', generatedAt }).warnings).toEqual([]);
  });
});

describe('leftOutMessages', () => {
  it('says the headline, then each kind left out (the rule\'s @example)', () => {
    const leftOut: LeftOut = { created: { contacts: 0, deals: 0, tickets: 1, answers: 0, tasks: 0 }, closed: { deals: 1, tickets: 0, tasks: 0 }, changes: 0, count: 2, latest: '2026-11-30' };
    expect(leftOutMessages(leftOut, '2026-11-20')).toEqual([
      { code: 'warning.asOf.leftOut', params: { asOf: '2026-11-20', count: 2, latest: '2026-11-30' } },
      { code: 'warning.asOf.created', params: { asOf: '2026-11-20', kind: 'tickets', count: 1 } },
      { code: 'warning.asOf.closed', params: { asOf: '2026-11-20', kind: 'deals', count: 1 } },
    ]);
    expect(leftOutWarnings(leftOut, '2026-11-20')).toEqual([
      'Data dated after 2026-11-20 is left out (2 records and values, the latest on 2026-11-30): this card shows the company as it stood on 2026-11-20',
      '1 ticket created after 2026-11-20: not counted',
      '1 deal closed after 2026-11-20: counted as still open, as on that day',
    ]);
    expect(leftOutMessages(nothing, '2026-11-20')).toEqual([]);
  });
});
