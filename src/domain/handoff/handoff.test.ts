import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../config/schema.ts';
import { buildCardView } from '../card/card.ts';
import { churnReasonBodySchema } from '../../app/cards/contract/churn.ts';
import { planChurnReason, suggestedChurnReason } from './churn-reason.ts';
import type { Deal } from '../renewal/deals.ts';
import { contactChoiceLimit, contactChoices } from './handoff-contacts.ts';
import { csmOwnerId, handoffDetail, handoffFieldKeys, handoffFieldLabels, handoffFieldProperties } from './handoff.ts';
import { productProperties } from '../properties.ts';
import { messages } from '../../app/cards/i18n/catalog/en.ts';
import { changeKey, planHandoffChange, type HandoffContext } from './handoff-changes.ts';
import { handoffFormSchema, returnHandoffBodySchema, type HandoffRequest } from '../../app/cards/contract/handoff.ts';
import type { CrmRecord, PropertyValues } from '../card/snapshot.ts';
import { at, deal, healthyCompany, npsAnswer, snapshot } from '../testing/fixtures.ts';
import { testNotes, testOnboarding, testPropertyWords } from '../testing/wording.ts';

// The handoff's form, state machine and idempotency, and the churn reason, as pure functions.

const contacts: CrmRecord[] = [
  { id: '201', properties: { firstname: 'Ana', lastname: 'Silva', email: 'ana@acme.example' } },
  { id: '202', properties: { firstname: null, lastname: null, email: 'ben@acme.example' } },
];
const full = {
  goals: 'Halve onboarding time',
  successCriteria: '80% weekly active agents by day 60',
  championId: '201',
  economicBuyerId: '202',
  promisedScope: 'Two workspaces',
  specialTerms: '',
  risks: 'Stretched IT team',
  goLiveDate: '2026-05-04',
};
const stored = (values: PropertyValues = {}): PropertyValues => ({
  name: 'Acme',
  hubspot_owner_id: '71',
  cs_handoff_goals: full.goals,
  cs_handoff_success_criteria: full.successCriteria,
  cs_handoff_champion_id: '201',
  cs_handoff_economic_buyer_id: '202',
  cs_handoff_go_live_date: full.goLiveDate,
  ...values,
});

function ctx(company: PropertyValues, config = defaultConfig.handoff): HandoffContext {
  return { company, companyName: 'Acme', contacts, config, now: '2026-03-16T09:30:00.000Z', today: '2026-03-16', notes: testNotes, onboarding: testOnboarding };
}

/** Applies a request's written properties, as HubSpot would. */
function apply(company: PropertyValues, request: HandoffRequest): PropertyValues {
  const plan = planHandoffChange(request, ctx(company));
  if (plan.kind !== 'apply') throw new Error(`expected apply, got ${plan.kind}: ${'message' in plan ? plan.message : ''}`);
  return { ...company, ...plan.properties };
}

describe('the handoff state machine', () => {
  it('runs not started -> draft -> submitted -> returned -> resubmitted -> accepted, one version per step', () => {
    let company: PropertyValues = { name: 'Acme', hubspot_owner_id: '71' };
    expect(handoffDetail(company, contacts, defaultConfig.handoff)).toMatchObject({ phase: 'not_started', version: 0, canEdit: true, canSubmit: false });
    company = apply(company, { action: 'save', baseVersion: 0, fields: { goals: 'Halve onboarding time' } });
    expect(handoffDetail(company, contacts, defaultConfig.handoff)).toMatchObject({ status: 'not_started', phase: 'draft', version: 1, completeness: 0.2 });
    company = apply(company, { action: 'submit', baseVersion: 1, fields: full });
    expect(handoffDetail(company, contacts, defaultConfig.handoff)).toMatchObject({ status: 'submitted', version: 2, canEdit: false, canAccept: true, canReturn: true });
    company = apply(company, { action: 'return', baseVersion: 2, comment: '  Add the SSO date  ' });
    expect(handoffDetail(company, contacts, defaultConfig.handoff)).toMatchObject({ status: 'returned', returnComment: 'Add the SSO date', canEdit: true });
    const resubmit = planHandoffChange({ action: 'submit', baseVersion: 3 }, ctx(company));
    expect(resubmit.kind === 'apply' && resubmit.note?.body).toMatch(/^<p><strong>handoff resubmitted<\/strong> \(v4\)/);
    company = apply(company, { action: 'submit', baseVersion: 3 });
    company = apply(company, { action: 'accept', baseVersion: 4 });
    expect(handoffDetail(company, contacts, defaultConfig.handoff)).toMatchObject({ status: 'accepted', version: 5, canEdit: false, canAccept: false, returnComment: null });
  });

  it('offers every contact while the handoff is editable, sorted by name, and only the chosen ones once it is not', () => {
    const more: CrmRecord[] = [...contacts, { id: '203', properties: { firstname: 'aaron', lastname: null, email: null } }, { id: '204', properties: {} }];
    expect(handoffDetail({}, more, defaultConfig.handoff).contacts).toEqual([
      { id: '203', label: 'aaron' },
      { id: '201', label: 'Ana Silva (ana@acme.example)' },
      { id: '202', label: 'ben@acme.example' },
      { id: '204', label: 'Contact 204' },
    ]);
    expect(handoffDetail(stored({ cs_handoff_status: 'accepted' }), more, defaultConfig.handoff).contacts.map((c) => c.id)).toEqual(['201', '202']);
  });

  it('contactChoices keeps the chosen ones, then the most recently engaged, up to the limit (the @example)', () => {
    expect(contactChoices([{ id: '1', properties: {} }, { id: '2', properties: { notes_last_contacted: '2026-03-01T10:00:00Z' } }], { championId: '1', economicBuyerId: '' }, 1)).toEqual({
      chosen: [{ id: '1', properties: {} }],
      leftOut: 1,
    });
    const many = Array.from({ length: 5 }, (_, i) => ({ id: String(10 + i), properties: { notes_last_contacted: i === 4 ? null : `2026-03-0${i + 1}T10:00:00Z` } }));
    expect(contactChoices(many, { championId: '', economicBuyerId: '' }, 2)).toEqual({ chosen: [many[3], many[2]], leftOut: 3 });
    expect(contactChoices(many, { championId: '', economicBuyerId: '' }, 5).leftOut).toBe(0);
  });

  it('keeps the view of a company with 3,000 contacts far below the 1 MB response limit: 50 choices (chosen ones included), the rest counted', () => {
    const contacts: CrmRecord[] = Array.from({ length: 3000 }, (_, i) => ({
      id: String(5_000_000 + i),
      properties: { firstname: `Firstname${i}`, lastname: `Lastname-with-a-long-name-${i}`, email: `person.number.${i}@a-rather-long-company-domain.example`, notes_last_contacted: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString() },
    }));
    const company = snapshot({ contacts, company: { cs_handoff_champion_id: '5000007' }, feedback: contacts.map((c, i) => npsAnswer({ value: i % 11, contactId: c.id, comment: 'A comment of some length that a customer wrote in the survey.' })) });
    const view = buildCardView(company, defaultConfig, at);
    expect(view.handoff.contacts).toHaveLength(contactChoiceLimit);
    expect(view.handoff.contactsLeftOut).toBe(3000 - contactChoiceLimit);
    expect((view.handoff.contacts ?? []).map((c) => c.id)).toContain('5002999');
    expect((view.handoff.contacts ?? []).map((c) => c.id)).toContain('5000007');
    expect(new TextEncoder().encode(JSON.stringify(view)).length).toBeLessThan(100_000);
  });

  it.each([
    ['save', 'submitted', 'The handoff is submitted to CS: CS must return it before sales can edit it'],
    ['submit', 'accepted', 'The handoff is accepted by CS already: there is nothing to submit'],
    ['accept', 'returned', 'Only a submitted handoff can be accepted; this one is returned to sales'],
    ['return', 'not_started', 'Only a submitted handoff can be returned; this one is not submitted yet'],
  ] as const)('refuses %s when the handoff is %s', (action, status, message) => {
    const request: HandoffRequest = action === 'return' ? { action, baseVersion: 4, comment: 'x' } : action === 'accept' ? { action, baseVersion: 4 } : { action, baseVersion: 4, fields: {} };
    expect(planHandoffChange(request, ctx(stored({ cs_handoff_status: status, cs_handoff_version: '4' })))).toEqual({ kind: 'refused', reason: 'state', message });
  });

  it('refuses a submit naming the missing required fields, in the configured order and labels', () => {
    const plan = planHandoffChange({ action: 'submit', baseVersion: 0, fields: { goals: 'x', goLiveDate: '' } }, ctx({}));
    expect(plan).toMatchObject({ kind: 'refused', reason: 'incomplete', missing: ['Success criteria', 'Champion', 'Economic buyer', 'Planned go-live date'] });
    const custom = parseConfig({ handoff: { requiredFields: [{ property: 'cs_handoff_risks', label: 'Risks' }] } }).handoff;
    expect(planHandoffChange({ action: 'submit', baseVersion: 0 }, ctx({}, custom))).toMatchObject({ missing: ['Risks'] });
  });

  it('refuses a champion or economic buyer who is not one of the company\'s contacts', () => {
    expect(planHandoffChange({ action: 'save', baseVersion: 0, fields: { championId: '999' } }, ctx({}))).toEqual({
      kind: 'refused',
      reason: 'foreign_contact',
      message: 'Contact 999 (the champion) is not associated with this company: choose one of the company\'s contacts',
    });
    // Clearing a contact is always allowed.
    expect(planHandoffChange({ action: 'save', baseVersion: 0, fields: { championId: '' } }, ctx({})).kind).toBe('apply');
  });

  it('refuses a change from an older version and keeps the stored content', () => {
    const company = apply({}, { action: 'save', baseVersion: 0, fields: { goals: 'first' } });
    const stale = planHandoffChange({ action: 'save', baseVersion: 0, fields: { goals: 'second' } }, ctx(company));
    expect(stale).toMatchObject({ kind: 'refused', reason: 'conflict' });
    expect(stale.kind === 'refused' && stale.message).toMatch(/it is now at version 1, your form started from version 0/);
  });

  it('recognises a retried request as done and rebuilds the same note, but not a different edit from the same version', () => {
    const request: HandoffRequest = { action: 'submit', baseVersion: 0, fields: full };
    const first = planHandoffChange(request, ctx({}));
    if (first.kind !== 'apply') throw new Error('expected apply');
    const after = { ...stored(), ...first.properties };
    const retry = planHandoffChange(request, ctx(after));
    expect(retry.kind).toBe('replay');
    expect(retry.kind === 'replay' && retry.note).toEqual(first.note);
    expect(planHandoffChange({ ...request, fields: { ...full, risks: 'other' } }, ctx(after)).kind).toBe('refused');
  });

  it('gives every distinct edit its own key (retries are recognised by it)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (a, b) => {
        fc.pre(a.trim() !== b.trim());
        const key = (goals: string) => changeKey({ action: 'save', baseVersion: 3, fields: { goals } });
        expect(key(a)).not.toBe(key(b));
        expect(key(a)).toBe(key(`  ${a} `));
      }),
    );
  });

  it('creates the onboarding tasks for the CS owner when configured, else the company owner', () => {
    const submitted = stored({ cs_handoff_status: 'submitted', cs_handoff_version: '2', cs_csm_owner: '88' });
    const plan = planHandoffChange({ action: 'accept', baseVersion: 2 }, ctx(submitted));
    expect(plan.kind === 'apply' && plan.tasks.map((t) => [t.subject, t.dueDate, t.ownerId])).toEqual([
      ['kickoff Acme', '2026-03-21', '71'],
      ['go-live Acme', '2026-05-04', '71'],
    ]);
    const csOwner = parseConfig({ handoff: { csOwnerProperty: 'cs_csm_owner' } }).handoff;
    const withCsOwner = planHandoffChange({ action: 'accept', baseVersion: 2 }, ctx(submitted, csOwner));
    expect(withCsOwner.kind === 'apply' && withCsOwner.tasks.every((t) => t.ownerId === '88')).toBe(true);
  });

  it('names each form field alike everywhere: the catalog, the default configuration and the properties setup creates', () => {
    for (const key of handoffFieldKeys) expect(handoffFieldLabels[key], key).toBe(messages[`handoff.field.${key}`]);
    const configured = [...defaultConfig.handoff.requiredFields, ...defaultConfig.handoff.optionalFields];
    expect(configured.map((field) => field.label).sort()).toEqual(handoffFieldKeys.map((key) => handoffFieldLabels[key]).sort());
    for (const field of configured) expect(handoffFieldLabels[handoffFieldKeys.find((key) => handoffFieldProperties[key] === field.property) ?? 'goals']).toBe(field.label);
    // Each default field is the card's form field: setup words it as the card does (testPropertyWords names the field's key).
    const labels = new Map(productProperties(defaultConfig, testPropertyWords).map((property) => [property.name, property.label]));
    for (const key of handoffFieldKeys) expect(labels.get(handoffFieldProperties[key])).toBe(`handoff:${key}`);
  });

  it('csmOwnerId: one rule for who receives a task, the configured CSM property, else the company owner (the @example)', () => {
    const config = { ...defaultConfig.handoff, csOwnerProperty: 'cs_csm' };
    expect(csmOwnerId({ hubspot_owner_id: '7', cs_csm: '42' }, config)).toBe('42');
    expect(csmOwnerId({ hubspot_owner_id: '7', cs_csm: '' }, config)).toBe('7');
    expect(csmOwnerId({ hubspot_owner_id: '7', cs_csm: '42' }, defaultConfig.handoff)).toBe('7');
    expect(csmOwnerId({ hubspot_owner_id: 'not-an-id' }, defaultConfig.handoff)).toBeNull();
  });

  it('escapes what sales typed in the note and names the contacts', () => {
    const plan = planHandoffChange({ action: 'submit', baseVersion: 0, fields: { ...full, risks: '<script>alert(1)</script>\nsecond line' } }, ctx({}));
    const body = plan.kind === 'apply' ? (plan.note?.body ?? '') : '';
    expect(body).toContain('&#60;script&#62;alert(1)&#60;/script&#62;<br>second line');
    expect(body).toContain('<strong>championId:</strong> Ana Silva (ana@acme.example) #201');
    expect(body).toContain('<strong>economicBuyerId:</strong> ben@acme.example #202');
    expect(body).toContain('[cs-card:handoff-submit-v1]');
  });
});

describe('the handoff form and step bodies', () => {
  it('accepts real dates, contact ids and bounded text only, saying what to fix', () => {
    expect(handoffFormSchema.safeParse(full).success).toBe(true);
    const issues = (value: unknown) => handoffFormSchema.safeParse(value).error?.issues.map((i) => i.message) ?? [];
    expect(issues({ goLiveDate: '2026-02-29' })).toEqual(['goLiveDate must be a real date written YYYY-MM-DD between 2000 and 2099, or empty to clear it']);
    expect(issues({ goLiveDate: '16/03/2026' })).toHaveLength(1);
    expect(issues({ championId: 'ana@acme.example' })).toEqual(['championId must be a HubSpot contact id (digits), or empty to clear it']);
    expect(issues({ goals: 'x'.repeat(5001) })).toEqual(['goals must be at most 5000 characters']);
    expect(handoffFormSchema.safeParse({ favouriteColour: 'red' }).success).toBe(false);
    expect(returnHandoffBodySchema.safeParse({ baseVersion: 2, comment: ' ' }).error?.issues[0]?.message).toBe('comment is required: tell sales what to complete or correct');
  });
});

describe('the handoff on the card view', () => {
  it('suggests completing the handoff after closed-won new business until it is submitted', () => {
    const won = { deals: [deal({ type: 'newbusiness', stage: 'closedwon', closeInDays: -5 })] };
    // The healthy fixture's handoff is accepted; null makes it not started.
    const view = (company: PropertyValues) => buildCardView(healthyCompany({ ...won, company: { cs_handoff_status: null, ...company } }), defaultConfig, at);
    expect(view({}).actions.map((a) => a.id)).toContain('handoff-complete');
    expect(view({ cs_handoff_status: 'returned' }).actions.find((a) => a.id === 'handoff-complete')?.reason).toMatch(/the handoff was returned by CS/);
    expect(view({ cs_handoff_status: 'submitted' }).actions.map((a) => a.id)).not.toContain('handoff-complete');
    expect(view({}).handoff).toMatchObject({ status: 'not_started', phase: 'not_started', canEdit: true });
  });

  it('asks for the churn reason after a lost renewal, and not once one is recorded', () => {
    const lost = { deals: [deal({ type: 'existingbusiness', stage: 'closedlost', closeInDays: -20 })] };
    expect(buildCardView(healthyCompany(lost), defaultConfig, at).churn).toMatchObject({ needed: true, reason: null });
    const recorded = buildCardView(healthyCompany({ ...lost, company: { cs_churn_reason: 'budget' } }), defaultConfig, at);
    expect(recorded.churn).toMatchObject({ needed: false, reason: 'budget' });
    expect(recorded.actions.map((a) => a.id)).not.toContain('churn-reason');
  });
});

describe('the churn reason', () => {
  it('is suggested from the lost deal\'s closed_lost_reason (the @example of suggestedChurnReason)', () => {
    expect(suggestedChurnReason('Budget cut')).toEqual({ reason: 'budget', comment: 'Budget cut' });
    expect(suggestedChurnReason('Champion left')).toEqual({ reason: null, comment: 'Champion left' });
    expect(suggestedChurnReason(null)).toBeNull();
    expect(suggestedChurnReason('   ')).toBeNull();
    // A dropdown's code or label names the reason, with nothing to add as a comment.
    expect(suggestedChurnReason('product_gap')).toEqual({ reason: 'product_gap', comment: '' });
    expect(suggestedChurnReason('Moved to a competitor')).toEqual({ reason: 'competitor', comment: '' });
    expect(suggestedChurnReason('Acquired by a larger group; switched to their tool')).toMatchObject({ reason: 'out_of_business_or_ma' });
    expect(suggestedChurnReason('Went with a competitor')).toMatchObject({ reason: 'competitor' });
    expect(suggestedChurnReason('Missing SSO integration')).toMatchObject({ reason: 'product_gap' });
    expect(suggestedChurnReason('Low usage, no ROI')).toMatchObject({ reason: 'value_not_realised' });
    expect(suggestedChurnReason('x'.repeat(2_500))?.comment).toHaveLength(2_000);
  });

  it('prefills the card\'s form from the lost renewal\'s closed_lost_reason while a reason is needed', () => {
    const lostDeal = deal({ type: 'existingbusiness', stage: 'closedlost', closeInDays: -20 });
    const withReason = (text: string | null) => ({ ...lostDeal, properties: { ...lostDeal.properties, closed_lost_reason: text } });
    expect(buildCardView(healthyCompany({ deals: [withReason('Budget cut after the merger talks failed')] }), defaultConfig, at).churn).toMatchObject({
      needed: true,
      suggestion: { reason: 'budget', comment: 'Budget cut after the merger talks failed' },
    });
    expect(buildCardView(healthyCompany({ deals: [withReason(null)] }), defaultConfig, at).churn).toMatchObject({ needed: true, suggestion: null });
    // Once a reason is recorded nothing is suggested over it.
    const recorded = buildCardView(healthyCompany({ deals: [withReason('Budget cut')], company: { cs_churn_reason: 'competitor' } }), defaultConfig, at);
    expect(recorded.churn).toMatchObject({ needed: false, reason: 'competitor', suggestion: null });
  });

  const config = defaultConfig.playbooks;
  it('requires a comment for "other" and knows only the listed reasons', () => {
    expect(churnReasonBodySchema.safeParse({ reason: 'other', comment: '  ' }).error?.issues[0]?.message).toBe('comment is required when the reason is "other": say why the customer left');
    expect(churnReasonBodySchema.safeParse({ reason: 'price' }).success).toBe(false);
    expect(churnReasonBodySchema.safeParse({ reason: 'out_of_business_or_ma' }).success).toBe(true);
  });

  const lostDeal: Deal = {
    id: '901', name: 'Renewal 2026', stage: 'closedlost', open: false, won: false, lost: true, kind: 'renewal', renewal: true, newBusiness: false,
    expansion: false, closeDay: 20_520, amount: 12_000, currency: 'EUR', dealAmount: 12_000, dealCurrency: 'EUR', termMonths: 12, probability: null, lostReason: null,
  };

  it('writes the reason once; the same answer again is a retry, a different one is refused', () => {
    const plan = planChurnReason({ reason: 'product_gap', comment: 'No multi-currency' }, { company: {}, lostDeal, config, now: '2026-03-16T09:30:00.000Z', notes: testNotes });
    expect(plan).toMatchObject({ kind: 'apply', properties: { cs_churn_reason: 'product_gap', cs_churn_reason_comment: 'No multi-currency', cs_churn_recorded_at: '2026-03-16T09:30:00.000Z' } });
    const company = plan.kind === 'apply' ? plan.properties : {};
    expect(planChurnReason({ reason: 'product_gap', comment: 'No multi-currency' }, { company, lostDeal, config, now: 'later', notes: testNotes }).kind).toBe('replay');
    expect(planChurnReason({ reason: 'budget' }, { company, lostDeal, config, now: 'later', notes: testNotes })).toMatchObject({ kind: 'refused', code: 'churn_reason_recorded' });
  });

  it('refuses a company with no lost renewal that asks for a reason, writing nothing', () => {
    expect(planChurnReason({ reason: 'budget' }, { company: {}, lostDeal: null, config, now: '2026-03-16T09:30:00.000Z', notes: testNotes })).toEqual({
      kind: 'refused',
      code: 'churn_reason_not_needed',
      message: 'This company has no lost renewal waiting for a churn reason, so nothing was recorded: reload the card',
    });
  });
});
