import { describe, expect, it } from 'vitest';
import { actionRuleIds, defaultConfig, parseConfig } from '../../config/schema.ts';
import { actionTask } from './action-tasks.ts';
import { buildCardView } from '../card/card.ts';
import type { ActionView } from '../../app/cards/contract/view-model.ts';
import { testTask } from '../testing/wording.ts';
import {
  at,
  atRiskCompany,
  change,
  contact,
  dayAt,
  deal,
  healthyCompany,
  isoAt,
  npsAnswer,
  renewalDeal,
  snapshot,
  task,
  ticket,
  type SnapshotParts,
} from '../testing/fixtures.ts';

const actions = (parts: SnapshotParts, base = healthyCompany, config = defaultConfig) => buildCardView(base(parts), config, at).actions;
const action = (list: ActionView[], id: string) => list.find((a) => a.id === id);
const ids = (list: ActionView[]) => list.map((a) => a.id);

describe('suggested actions (DESIGN.md playbook rules)', () => {
  it('suggests nothing for a well-run account far from renewal', () => {
    expect(actions({})).toEqual([]);
  });

  it('starts a save plan when an unhealthy account renews in 60-90 days, citing the facts', () => {
    const view = buildCardView(atRiskCompany(), defaultConfig, at);
    expect(action(view.actions, 'renewal-save-plan')).toMatchObject({
      id: 'renewal-save-plan',
      title: 'Start a renewal save plan',
      reason: `Renews in 52 days (${dayAt(52)}) and health is ${view.health.score} (at risk)`,
      priority: 'high',
      dueInDays: 7,
      alreadyTasked: false,
    });
  });

  it('starts the renewal conversation for a healthy account renewing in 60-90 days', () => {
    const list = actions({ deals: [renewalDeal(80, { probability: 0.9 })] });
    expect(ids(list)).toEqual(['renewal-checkpoint']);
    expect(action(list, 'renewal-checkpoint')?.priority).toBe('medium');
  });

  it('holds the renewal call inside 30 days, due before the renewal', () => {
    expect(action(actions({ deals: [renewalDeal(3, { probability: 0.9 })] }), 'renewal-call')).toMatchObject({ priority: 'high', dueInDays: 3, reason: `Renews in 3 days (${dayAt(3)})` });
  });

  it('escalates an overdue open renewal', () => {
    expect(action(actions({ deals: [renewalDeal(-4)] }), 'renewal-overdue')).toMatchObject({
      priority: 'high',
      dueInDays: 0,
      reason: `Renewal was due 4 days ago (${dayAt(-4)}) and the renewal deal is still open`,
    });
  });

  it('closes the loop on a recent detractor and asks a recent promoter for a referral', () => {
    const list = actions({ feedback: [npsAnswer({ value: 3, daysAgo: 4 }), npsAnswer({ value: 10, daysAgo: 8 }), npsAnswer({ value: 9, daysAgo: 50 })] });
    expect(action(list, 'nps-close-loop')).toMatchObject({ priority: 'high', reason: `A contact answered NPS 3/10 on ${dayAt(-4)}` });
    expect(action(list, 'nps-referral')).toMatchObject({ priority: 'low', reason: `A contact answered NPS 10/10 on ${dayAt(-8)}` });
  });

  it('asks for feedback when no contact answered, but not when the answers could not be read (no answers on record then proves nothing)', () => {
    expect(ids(actions({ feedback: [] }))).toContain('nps-ask-feedback');
    for (const source of ['feedback', 'contacts'] as const) {
      const list = actions({ feedback: [], issues: [{ source, kind: 'forbidden', detail: 'the app lacks the scope' }] });
      expect(ids(list)).not.toContain('nps-ask-feedback');
    }
  });

  it('asks nothing that rests on a deal not being there while the deals could not be read (sandbox with --fault 503@deals; a sync reads them in batches, some may fail)', () => {
    const dealsFailed = { source: 'deals', kind: 'unavailable', detail: 'HubSpot answered 503 Service Unavailable' } as const;
    // Expansion: 49 of 50 seats and no open upsell on record; unread deals may hold one under way.
    const full = { company: { cs_seats_active: '49', cs_seats_licensed: '50' }, deals: [] };
    expect(ids(actions(full))).toContain('adoption-expansion');
    expect(ids(actions({ ...full, issues: [dealsFailed] }))).not.toContain('adoption-expansion');
    // Churn: a renewal lost 20 days ago was read; the renewal won or opened after it may be among the unread.
    const lost = { deals: [renewalDeal(-20, { stage: 'closedlost' })] };
    expect(ids(actions(lost))).toEqual(expect.arrayContaining(['churn-reason', 'churn-exit-interview']));
    const partly = actions({ ...lost, issues: [dealsFailed] });
    expect(ids(partly)).not.toContain('churn-reason');
    expect(ids(partly)).not.toContain('churn-exit-interview');
    // The handoff rests on a won deal read (a fact), not on one missing: new business won 12 days ago, no handoff submitted.
    const won = { company: { cs_handoff_status: null }, deals: [deal({ type: 'newbusiness', stage: 'closedwon', closeInDays: -12 })], issues: [dealsFailed] };
    expect(action(actions(won), 'handoff-complete')?.reason).toMatch(/^New business won 12 days ago/);
    // Nothing read at all (the card's reader): no churn, no handoff to ask for, no renewal named.
    const none = actions({ deals: [], issues: [dealsFailed] });
    expect(ids(none).filter((id) => /^(churn|handoff|renewal)-/.test(id))).toEqual([]);
  });

  it('withholds the asks a stage or a save plan rules out (referral, expansion, QBR) while the deals could not be read: the stage and the renewal rest on them (sandbox with --fault 503@deals: Falcon Foods, renewing with a save plan, read "Ask the promoter for a referral")', () => {
    const dealsFailed = { source: 'deals', kind: 'unavailable', detail: 'HubSpot answered 503 Service Unavailable' } as const;
    const promoter = { feedback: [npsAnswer({ value: 10, daysAgo: 8 })], company: { cs_last_qbr_date: null } };
    expect(ids(actions(promoter))).toEqual(expect.arrayContaining(['nps-referral', 'qbr-schedule']));
    const unread = actions({ ...promoter, issues: [dealsFailed] });
    expect(ids(unread)).not.toContain('nps-referral');
    expect(ids(unread)).not.toContain('qbr-schedule');
    // The work on the customer's own signals stays: a detractor's loop, a check-in, the tickets.
    const signals = actions({ feedback: [npsAnswer({ value: 3, daysAgo: 4 })], company: { notes_last_contacted: isoAt(-60) }, tickets: [ticket({ priority: 'URGENT', ageDays: 2 })], issues: [dealsFailed] });
    expect(ids(signals)).toEqual(expect.arrayContaining(['nps-close-loop', 'engagement-check-in', 'support-escalation']));
  });

  it('asks why health dropped only when the score is from all the sources it was written from: a source that failed leaves its factor out of today\'s score, not of the past one', () => {
    const history = { cs_health_score: [change('90', 30)] };
    const dropped = actions({ history }, atRiskCompany);
    expect(action(dropped, 'health-drop')?.reason).toMatch(/^Health fell \d+ points in 30 days \(from 90 to \d+\)$/);
    // Tickets could not be read: today's score leaves the support factor out, so the fall is partly the gap.
    const ticketsFailed = { source: 'tickets', kind: 'unavailable', detail: 'HubSpot answered 503 Service Unavailable' } as const;
    expect(ids(actions({ history, issues: [ticketsFailed] }, atRiskCompany))).not.toContain('health-drop');
  });

  it('shows no 30-day trend from a score that leaves out a source it could not read, as it suggests no "Find out why health dropped" (leavesOutUnread): the fall may be the gap', () => {
    const history = { cs_health_score: [change('90', 30)] };
    const read = buildCardView(atRiskCompany({ history }), defaultConfig, at);
    expect(read.health.trend30d).toBe((read.health.score ?? Number.NaN) - 90);
    // Deals could not be read (sandbox with --fault 503@deals: Upland Capital read "Down 16 points in 30 days" beside "Deals (renewal) unavailable").
    const dealsFailed = { source: 'deals', kind: 'unavailable', detail: 'HubSpot answered 503 Service Unavailable' } as const;
    const unread = buildCardView(atRiskCompany({ history, issues: [dealsFailed] }), defaultConfig, at);
    expect(unread.health.factors.find((factor) => factor.key === 'renewal')?.status).toBe('error');
    expect(unread.health.score).not.toBeNull();
    expect(unread.health.trend30d).toBeNull();
    // A source only short of records (malformed, some skipped) still counts: the trend stays.
    const ticketsSkipped = { source: 'tickets', kind: 'malformed', detail: '2 tickets skipped' } as const;
    expect(buildCardView(atRiskCompany({ history, issues: [ticketsSkipped] }), defaultConfig, at).health.trend30d).toBe(read.health.trend30d);
  });

  it('checks in after 45 days without a touch', () => {
    expect(action(actions({ company: { notes_last_contacted: isoAt(-45) } }), 'engagement-check-in')).toMatchObject({ reason: `No CSM touch in 45 days (last ${dayAt(-45)})` });
    expect(action(actions({ company: { notes_last_contacted: isoAt(-44) } }), 'engagement-check-in')).toBeUndefined();
  });

  it('suggests training under 50% seat utilisation and expansion from 95%', () => {
    expect(action(actions({ company: { cs_seats_active: '20', cs_seats_licensed: '50' } }), 'adoption-training')).toMatchObject({ reason: 'Only 20 of 50 seats active (40%)' });
    expect(action(actions({ company: { cs_seats_active: '48', cs_seats_licensed: '50' } }), 'adoption-expansion')).toMatchObject({ reason: '48 of 50 seats active (96%)', priority: 'low' });
  });

  it('does not push expansion on an account at risk', () => {
    expect(action(actions({ company: { cs_seats_active: '50', cs_seats_licensed: '50' } }, atRiskCompany), 'adoption-expansion')).toBeUndefined();
  });

  it('asks for no referral and pitches no expansion beside a save plan (Falcon Foods: a 10/10 promoter and a renewal save plan)', () => {
    // Needs attention (red sentiment, a high ticket), renews in 75 days, a promoter answered 10/10 five days ago, 49 of 50 seats active.
    const saving = (config = defaultConfig) =>
      buildCardView(
        healthyCompany({
          company: { hs_csm_sentiment: 'red', cs_seats_active: '49', cs_seats_licensed: '50' },
          history: { hs_csm_sentiment: [change('red', 10)] },
          deals: [renewalDeal(75, { probability: 0.2 })],
          tickets: [ticket({ priority: 'HIGH', ageDays: 10 })],
          feedback: [npsAnswer({ value: 10, daysAgo: 5 })],
        }),
        config,
        at,
      );
    const view = saving();
    expect(view.health.band).toBe('attention');
    expect(ids(view.actions)).toEqual(['renewal-save-plan']);
    // The save plan is what rules both asks out: with its rule off, the two come back.
    const withoutPlan = saving(parseConfig({ playbooks: { rules: { 'renewal-save-plan': false } } })).actions;
    expect(ids(withoutPlan).sort()).toEqual(['adoption-expansion', 'nps-referral']);
  });

  it('starts an at-risk success plan for an at-risk customer whose contract lapsed, beside the lapsed-contract action', () => {
    // New business won 400 days ago: the 12-month contract ended 35 days ago and no renewal deal is on record.
    const lapsed = (base: typeof healthyCompany) => buildCardView(base({ deals: [deal({ type: 'newbusiness', stage: 'closedwon', closeInDays: -400, amount: 24000 })] }), defaultConfig, at);
    const view = lapsed(atRiskCompany);
    expect(view.renewal).toMatchObject({ window: 'overdue', status: 'none', lapsed: true });
    expect(view.health.band).toBe('at_risk');
    expect(ids(view.actions).slice(0, 2)).toEqual(['renewal-lapsed', 'at-risk-success-plan']);
    expect(action(view.actions, 'at-risk-success-plan')).toMatchObject({
      priority: 'high',
      dueInDays: 7,
      reason: `Health is ${view.health.score} (at risk) and the contract ended with no renewal on record: time to turn it around`,
      reasonMessage: { code: 'action.at-risk-success-plan.reasonLapsed', params: { score: view.health.score } },
    });
    // A healthy customer with the same lapsed contract gets the lapsed-contract action and no plan.
    expect(ids(lapsed(healthyCompany).actions)).toEqual(['renewal-lapsed']);
    // An at-risk customer with an open renewal in 52 days gets the renewal save plan, not this one.
    expect(ids(buildCardView(atRiskCompany(), defaultConfig, at).actions)).not.toContain('at-risk-success-plan');
  });

  it('does not suggest expansion while an expansion deal is open (Meridian Pharma: an upsell closing in 2 days)', () => {
    // A contract won 100 days ago runs 265 more days; "Upsell 20 seats" closes far from its end, so it is expansion.
    const newBusiness = deal({ type: 'newbusiness', stage: 'closedwon', closeInDays: -100, amount: 24000 });
    const full = (upsell: ReturnType<typeof deal>[]) => actions({ company: { cs_seats_active: '49', cs_seats_licensed: '50' }, deals: [newBusiness, ...upsell] });
    expect(ids(full([]))).toEqual(['adoption-expansion']);
    expect(ids(full([deal({ name: 'Upsell 20 seats', closeInDays: 2, amount: 6000 })]))).toEqual([]);
    // A closed upsell is no talk under way.
    expect(ids(full([deal({ name: 'Upsell 10 seats', stage: 'closedlost', closeInDays: -30, amount: 3000 })]))).toEqual(['adoption-expansion']);
  });

  it('escalates urgent tickets (high) and old tickets (medium)', () => {
    expect(action(actions({}, atRiskCompany), 'support-escalation')).toMatchObject({ priority: 'high', reason: '2 urgent tickets open, oldest 19 days' });
    expect(action(actions({ tickets: [ticket({ priority: 'LOW', ageDays: 31 })] }), 'support-escalation')).toMatchObject({
      priority: 'medium',
      reason: '1 ticket open longer than 30 days, oldest 31 days',
    });
  });

  it('asks for the handoff after a recent closed-won new business deal', () => {
    const list = actions({
      company: { cs_handoff_status: null, cs_handoff_goals: 'Cut onboarding time by half' },
      deals: [deal({ type: 'newbusiness', stage: 'closedwon', closeInDays: -12 }), renewalDeal(300)],
    });
    expect(action(list, 'handoff-complete')).toMatchObject({
      priority: 'high',
      reason: `New business won 12 days ago (${dayAt(-12)}) and the handoff is not submitted; missing: Success criteria, Champion, Economic buyer, Planned go-live date`,
    });
    const accepted = actions({ company: { cs_handoff_status: 'accepted' }, deals: [deal({ type: 'newbusiness', stage: 'closedwon', closeInDays: -12 })] });
    expect(action(accepted, 'handoff-complete')).toBeUndefined();
  });

  it('asks for the churn reason of a lost renewal', () => {
    const lost = { deals: [renewalDeal(-20, { stage: 'closedlost' })] };
    expect(action(actions(lost), 'churn-reason')).toMatchObject({ reason: `Renewal lost on ${dayAt(-20)} and no churn reason is recorded` });
    expect(action(actions({ ...lost, company: { cs_churn_reason: 'competitor' } }), 'churn-reason')).toBeUndefined();
  });

  it('schedules a QBR after 90 days without one', () => {
    expect(action(actions({ company: { cs_last_qbr_date: dayAt(-91) } }), 'qbr-schedule')).toMatchObject({ reason: `Last quarterly business review 91 days ago (${dayAt(-91)})` });
    expect(action(actions({ company: { cs_last_qbr_date: null } }), 'qbr-schedule')).toMatchObject({ reason: 'No quarterly business review recorded' });
  });

  it('sorts high priority first, then the soonest due', () => {
    const list = buildCardView(atRiskCompany(), defaultConfig, at).actions;
    const rank = { high: 0, medium: 1, low: 2 };
    const keys = list.map((a) => [rank[a.priority], a.dueInDays] as const);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    expect(ids(list).slice(0, 3)).toEqual(['support-escalation', 'nps-close-loop', 'renewal-save-plan']);
  });

  it('uses ids that are stable across recomputes and documented in the config', () => {
    const first = ids(buildCardView(atRiskCompany(), defaultConfig, at).actions);
    const again = ids(buildCardView(atRiskCompany({ tickets: [ticket({ priority: 'URGENT', ageDays: 2 })] }), defaultConfig, at).actions);
    expect(again).toEqual(first);
    for (const id of first) expect(actionRuleIds).toContain(id);
  });

  it('shows an action whose task is open as tasked, and a completed task as not', () => {
    const savePlan = action(buildCardView(atRiskCompany(), defaultConfig, at).actions, 'renewal-save-plan');
    if (savePlan === undefined) throw new Error('expected a save plan');
    const body = actionTask(savePlan, { companyId: '1', ownerId: null, asOf: at.asOf }, testTask(savePlan)).body;
    const open = buildCardView(atRiskCompany({ tasks: [task({ body, status: 'IN_PROGRESS' })] }), defaultConfig, at).actions;
    const done = buildCardView(atRiskCompany({ tasks: [task({ body, status: 'COMPLETED' })] }), defaultConfig, at).actions;
    expect(action(open, 'renewal-save-plan')?.alreadyTasked).toBe(true);
    expect(action(open, 'support-escalation')?.alreadyTasked).toBe(false);
    expect(action(done, 'renewal-save-plan')?.alreadyTasked).toBe(false);
  });

  it('can switch rules off', () => {
    const config = parseConfig({ playbooks: { rules: { 'renewal-save-plan': false, 'qbr-schedule': false } } });
    const list = buildCardView(atRiskCompany(), config, at).actions;
    expect(ids(list)).not.toContain('renewal-save-plan');
    expect(ids(list)).not.toContain('qbr-schedule');
    expect(ids(list)).toContain('support-escalation');
  });

  it('needs no contacts to suggest a check-in for a never-touched account', () => {
    expect(action(buildCardView(snapshot({ contacts: [contact({})] }), defaultConfig, at).actions, 'engagement-check-in')?.reason).toBe('No CSM touch recorded');
  });
});
