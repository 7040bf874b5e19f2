import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../config/schema.ts';
import { buildCardView } from '../card/card.ts';
import type { ActionView } from '../../app/cards/contract/view-model.ts';
import type { SourceIssue } from '../card/snapshot.ts';
import { at, atRiskCompany, dayAt, healthyCompany, renewalDeal, type SnapshotParts } from '../testing/fixtures.ts';

// The renewal's rules while the deals could not be read (sandbox with --fault 503@deals): the
// card says "Deals could not be read, so the renewal is not counted", so no action may state
// where the renewal is, and none may fire as if there were no renewal deal.

/** What the card reader raises when HubSpot's deals endpoint fails (hubspot/source-issues.ts unavailableIssue). */
const dealsFailed: SourceIssue = { source: 'deals', kind: 'unavailable', detail: 'HubSpot answered 503 Service Unavailable' };

const cardOf = (base: typeof healthyCompany, parts: SnapshotParts, config = defaultConfig) => buildCardView(base(parts), config, at);
/** The same company with its deals read, and with them failing (nothing read, as the card's reader leaves them). */
const readAndUnread = (base: typeof healthyCompany, parts: SnapshotParts = {}) => ({
  read: cardOf(base, { deals: [], ...parts }),
  unread: cardOf(base, { ...parts, deals: [], issues: [dealsFailed] }),
});
const ids = (actions: ActionView[]) => actions.map((action) => action.id);
const action = (actions: ActionView[], id: string) => actions.find((a) => a.id === id);
/** Every reason, in English, that names the renewal or the contract. */
const renewalWords = (actions: ActionView[]) => actions.map((a) => a.reason).filter((reason) => /renew|contract|overdue|lapsed|due /i.test(reason));

describe('renewal rules while the deals could not be read', () => {
  it('gives an at-risk customer its success plan saying the renewal is unknown, not that it is more than 90 days away (Upland Capital, churned, read with deals failing)', () => {
    // Health at risk (red sentiment, 2 urgent tickets, a detractor, 9 of 50 seats), no contract-end property.
    const { read, unread } = readAndUnread(atRiskCompany);
    // With the deals read and none on record, the plan says the renewal is not within 90 days: true then.
    expect(action(read.actions, 'at-risk-success-plan')?.reasonMessage?.code).toBe('action.at-risk-success-plan.reason');
    expect(unread.health.band).toBe('at_risk');
    expect(action(unread.actions, 'at-risk-success-plan')).toMatchObject({
      priority: 'high',
      dueInDays: 7,
      reason: `Health is ${unread.health.score} (at risk) and the renewal is unknown because the deals could not be read: time to turn it around`,
      reasonMessage: { code: 'action.at-risk-success-plan.reasonDealsUnread', params: { score: unread.health.score } },
    });
    expect(renewalWords(unread.actions)).toEqual([action(unread.actions, 'at-risk-success-plan')?.reason]);
  });

  it('says no contract lapsed when only the contract-end property is read: an open renewal deal may be among the unread deals', () => {
    // contract_end_date 35 days back: with the deals read and none open, the contract lapsed.
    const { read, unread } = readAndUnread(atRiskCompany, { company: { contract_end_date: dayAt(-35) } });
    expect(ids(read.actions)).toEqual(expect.arrayContaining(['renewal-lapsed', 'at-risk-success-plan']));
    expect(action(read.actions, 'at-risk-success-plan')?.reasonMessage?.code).toBe('action.at-risk-success-plan.reasonLapsed');
    expect(ids(unread.actions)).not.toContain('renewal-lapsed');
    expect(action(unread.actions, 'at-risk-success-plan')?.reasonMessage?.code).toBe('action.at-risk-success-plan.reasonDealsUnread');
    expect(unread.actions.map((a) => a.reason).join('\n')).not.toContain('contract ended');
  });

  it.each([
    // [the company, days to the contract's end (company property), the renewal action the read deals give]
    ['an at-risk customer', 52, 'renewal-save-plan', atRiskCompany],
    ['a healthy customer', 75, 'renewal-checkpoint', healthyCompany],
    ['a healthy customer', 20, 'renewal-call', healthyCompany],
  ] as const)('gives %s whose contract ends in %i days no %s: the renewal\'s window rests on the deals', (_kind, days, id, base) => {
    const { read, unread } = readAndUnread(base, { company: { contract_end_date: dayAt(days) } });
    expect(ids(read.actions)).toContain(id);
    expect(ids(unread.actions)).not.toContain(id);
    expect(unread.actions.map((a) => a.reason).join('\n')).not.toMatch(/Renews in/);
  });

  it('escalates no overdue renewal deal and no stale one that was read while other deals could not be (a sync reads the deals in batches)', () => {
    // Renewal deals (deal type 'renewal'): 800 due 40 days ago and still open, 801 open and due in 200 days.
    const config = parseConfig({ renewal: { dealTypes: ['renewal'] } });
    const deals = [renewalDeal(-40, { id: '800', type: 'renewal' }), renewalDeal(200, { id: '801', type: 'renewal' })];
    expect(ids(cardOf(healthyCompany, { deals }, config).actions)).toContain('renewal-stale-deal');
    expect(ids(cardOf(healthyCompany, { deals, issues: [dealsFailed] }, config).actions)).not.toContain('renewal-stale-deal');
    // An open renewal deal 4 days overdue, read, beside a failed batch.
    expect(ids(cardOf(healthyCompany, { deals: [renewalDeal(-4)] }).actions)).toContain('renewal-overdue');
    expect(ids(cardOf(healthyCompany, { deals: [renewalDeal(-4)], issues: [dealsFailed] }).actions)).not.toContain('renewal-overdue');
  });
});
