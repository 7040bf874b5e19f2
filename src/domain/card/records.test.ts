import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../config/schema.ts';
import { actionTask, taskActionId } from '../playbooks/action-tasks.ts';
import { buildCardView } from './card.ts';
import { handoffOf } from '../handoff/handoff.ts';
import { requiredProperties } from './requirements.ts';
import { changedProperties, healthProperties } from '../sync/written-values.ts';
import { at, atRiskCompany, dayAt, snapshot, task } from '../testing/fixtures.ts';
import { testTask, testWritten } from '../testing/wording.ts';

describe('handoff completeness', () => {
  it('lists the missing required fields and the share filled', () => {
    const handoff = handoffOf(
      { cs_handoff_status: 'Submitted', cs_handoff_goals: 'Go live in Q1', cs_handoff_champion_id: '301', cs_handoff_go_live_date: '2026-02-30', cs_handoff_risks: 'Budget' },
      defaultConfig.handoff,
    );
    expect(handoff).toEqual({ status: 'submitted', completeness: 0.4, missing: ['Success criteria', 'Economic buyer', 'Planned go-live date'] });
  });

  it('defaults an empty or unknown status to not_started', () => {
    expect(handoffOf({}, defaultConfig.handoff)).toMatchObject({ status: 'not_started', completeness: 0 });
    expect(handoffOf({ cs_handoff_status: 'done' }, defaultConfig.handoff).status).toBe('not_started');
  });

  it('is complete when nothing is required', () => {
    expect(handoffOf({}, parseConfig({ handoff: { requiredFields: [] } }).handoff)).toMatchObject({ completeness: 1, missing: [] });
  });
});

describe('action tasks', () => {
  const action = { id: 'renewal-save-plan', title: 'Start a renewal save plan', reason: 'Renews in 52 days (2027-01-14) and health is 48 (at risk)', priority: 'high', dueInDays: 7, alreadyTasked: false } as const;

  it('builds a HubSpot task due on the right day, with a recognisable marker', () => {
    const created = actionTask(action, { companyId: '42', ownerId: '9', asOf: '2026-12-28' }, testTask(action));
    expect(created).toMatchObject({ subject: 'Start a renewal save plan', priority: 'HIGH', dueDate: '2027-01-04', ownerId: '9' });
    expect(created.body).toContain(action.reason);
    expect(taskActionId(task({ body: created.body }))).toBe('renewal-save-plan');
    expect(taskActionId(task({ body: `<p>${created.body.replace(/\n/g, '<br>')}</p>` }))).toBe('renewal-save-plan');
  });

  it('reads the marker exactly as the pattern [cs-card:<id>] with an id of [a-z0-9][a-z0-9-]*', () => {
    const pattern = /\[cs-card:([a-z0-9][a-z0-9-]*)\]/;
    const fragment = fc.constantFrom('[cs-card:', ']', 'renewal-save-plan', 'qbr', '-', 'X', ' ', 'a', '9', '[', 'cs-card:', '[cs-card:]');
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 8 }), (parts) => {
        const body = parts.join('');
        expect(taskActionId(task({ body }))).toBe(pattern.exec(body)?.[1] ?? null);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds no action id in an ordinary task', () => {
    expect(taskActionId(task({ body: 'Call Bob about the invoice' }))).toBeNull();
    expect(taskActionId(task({ body: null }))).toBeNull();
  });
});

describe('write-back properties', () => {
  it('maps the view to the owned company properties, clearing unknowns with ""', () => {
    const view = buildCardView(atRiskCompany(), defaultConfig, at);
    const props = healthProperties(view, testWritten);
    expect(props).toMatchObject({
      cs_health_score: String(view.health.score),
      cs_health_band: 'at_risk',
      cs_health_trend_30d: '',
      cs_renewal_date: dayAt(52),
      cs_renewal_amount: '24000',
      cs_company_nps: '-100',
      cs_nps_responses: '1',
      cs_next_action: 'Review the open support tickets with support',
      cs_handoff_status: 'not_started',
    });
    expect(props.cs_health_drivers).toMatch(/^\w[^;]+ \d+\/100: .+; .+; .+$/);
    expect(props).not.toHaveProperty('cs_health_updated_at');
    expect(healthProperties(buildCardView(snapshot(), defaultConfig, at), testWritten)).toMatchObject({ cs_health_score: '', cs_health_drivers: '', cs_company_nps: '', cs_renewal_date: '' });
  });

  it('names the factors costing the most points first', () => {
    // Points lost (the card's Why): engagement 20, adoption 15.5, support 14.3, sentiment 11.9, renewal 9.5; the NPS of
    // -100 from one answer counts for a fifth of its weight (low sample), so it costs 4.8 and is no top driver.
    const view = buildCardView(atRiskCompany(), defaultConfig, at);
    expect(view.health.factors.map((factor) => [factor.key, factor.pointsLost])).toEqual([['nps', 4.8], ['support', 14.3], ['engagement', 20], ['adoption', 15.5], ['renewal', 9.5], ['sentiment', 11.9]]);
    const drivers = healthProperties(view, testWritten).cs_health_drivers;
    expect(drivers?.split('; ').filter((part) => /^\w+ \d+\/100: /.test(part)).map((part) => part.split(' ')[0])).toEqual(['Engagement', 'Adoption', 'Support']);
  });

  it('keeps only what changed, comparing numbers and dates by value', () => {
    const current = { cs_health_score: '72.0', cs_health_band: 'attention', cs_renewal_date: String(Date.UTC(2027, 0, 14)), cs_company_nps: null, cs_next_action: 'Call' };
    const next = { cs_health_score: '72', cs_health_band: 'healthy', cs_renewal_date: '2027-01-14', cs_company_nps: '', cs_next_action: 'Call', cs_nps_responses: '0' };
    expect(changedProperties(current, next)).toEqual({ cs_health_band: 'healthy', cs_nps_responses: '0' });
    expect(changedProperties({ cs_health_score: '72' }, { cs_health_score: '' })).toEqual({ cs_health_score: '' });
    expect(changedProperties({ cs_health_score: '72', cs_renewal_date: '2027-01-14' }, { cs_health_score: '72.0', cs_renewal_date: '2027-01-14T00:00:00Z' })).toBeNull();
  });
});

describe('required properties', () => {
  it('asks for every configured property mapping', () => {
    const config = parseConfig({ adoption: { seatsActiveProperty: 'active_users' }, sentiment: { property: 'pulse' }, renewal: { companyDateProperty: 'renewal_date' } });
    const required = requiredProperties(config);
    expect(required.company).toEqual(expect.arrayContaining(['active_users', 'pulse', 'renewal_date', 'notes_last_contacted', 'cs_handoff_go_live_date', 'cs_health_score']));
    expect(required.companyHistory).toEqual(['pulse', 'cs_health_score', 'cs_health_factors']);
    expect(required.feedback).toEqual(expect.arrayContaining(['hs_value', 'hs_survey_type', 'hs_contact_id', 'hs_submission_timestamp']));
    expect(new Set(required.company).size).toBe(required.company.length);
  });
});
