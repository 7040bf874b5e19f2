import { Alert, Button, DateInput, Flex, LoadingButton, LoadingSpinner, Select, StatusTag, Text, TextArea } from '@hubspot/ui-extensions';
import { createRenderer } from '../app/renderer.ts';
import { describe, expect, it } from 'vitest';
import { cardProps } from '../../src/app/cards/components/CardFrame.tsx';
import { TabCard } from '../../src/app/cards/components/TabCard.tsx';
import { catalogs } from '../../src/app/cards/i18n/messages.ts';
import { textOf } from '../app/card-queries.ts';
import { notesOf, seedWonCompany, tasksOf, useHandoffPortal } from './handoff-portal.ts';

// The handoff section of the tab card, driven like a user would, against the real backend on
// loopback (verifying signatures) and the sandbox portal after `cs-card setup`.

const en = catalogs.en;
const wait = { timeoutInMs: 10_000 };
const portal = useHandoffPortal();

async function renderTab(companyId: string, locale = 'en-US') {
  const r = createRenderer('crm.record.tab');
  r.mocks.context.crm.objectId = Number(companyId);
  r.mocks.context.user.locale = locale;
  r.mocks.context.portal.timezone = 'Europe/Berlin';
  r.render(<TabCard {...cardProps(r.mocks.context, portal.backend.fetchFn)} />);
  await r.waitFor(() => expect(r.maybeFind(LoadingSpinner)).toBeNull(), wait);
  await r.waitFor(() => expect(r.maybeFindByTestId(StatusTag, 'handoff-status')).not.toBeNull(), wait);
  return r;
}
type Rendered = Awaited<ReturnType<typeof renderTab>>;

/** `trigger`'s declared argument type is the handler itself; at run time it passes the value on. */
type Trigger = (event: 'onChange', value: unknown) => void;

function change(node: { trigger: unknown }, value: unknown) {
  (node.trigger as Trigger)('onChange', value);
}

function type(r: Rendered, name: string, value: string) {
  change(r.find(TextArea, { name }), value);
}

function choose(r: Rendered, name: string, value: string) {
  change(r.find(Select, { name }), value);
}

function click(r: Rendered, testId: string) {
  r.findByTestId(LoadingButton, testId).trigger('onClick');
}

async function settled(r: Rendered) {
  await r.waitFor(() => expect(r.findAll(LoadingButton).some((button) => button.props.loading === true)).toBe(false), wait);
}

function status(r: Rendered): string {
  return r.findByTestId(StatusTag, 'handoff-status').text ?? '';
}

function fillEverything(r: Rendered, contactIds: readonly string[]) {
  type(r, 'goals', 'Automate month-end close');
  type(r, 'successCriteria', 'Close in 3 days by June');
  choose(r, 'championId', contactIds[0] ?? '');
  choose(r, 'economicBuyerId', contactIds[1] ?? '');
  type(r, 'risks', 'ERP migration running in parallel');
  change(r.find(DateInput, { name: 'goLiveDate' }), { year: 2026, month: 4, date: 11, formattedDate: '2026-05-11' });
}

describe('the handoff on the tab card', () => {
  it('takes sales from draft to submitted and CS to accepted, with the note and the onboarding tasks', async () => {
    const { companyId, contactIds } = seedWonCompany(portal.sandbox, 'Marten Finance');
    const r = await renderTab(companyId);
    expect(status(r)).toBe(en['handoff.phase.not_started']);
    // The new-business deal was won and no handoff is submitted: the playbook asks for it.
    expect(r.maybeFindByTestId(LoadingButton, 'create-task-handoff-complete')).not.toBeNull();
    expect(r.find(Select, { name: 'championId' }).props.options.map((o) => o.label)).toEqual(['Not chosen', 'Ana Silva (ana@marten-finance.example)', 'Ben Okafor (ben@marten-finance.example)']);

    type(r, 'goals', 'Automate month-end close');
    click(r, 'handoff-save');
    await settled(r);
    expect(status(r)).toBe(en['handoff.phase.draft']);
    expect(r.findByTestId(Text, 'handoff-missing').text).toBe('Missing: Success criteria, Champion, Economic buyer, Planned go-live date');
    expect(r.findByTestId(Text, 'handoff-completeness').text).toBe('20% of the required fields filled');

    fillEverything(r, contactIds);
    click(r, 'handoff-submit');
    await settled(r);
    expect(status(r)).toBe(en['handoff.phase.submitted']);
    expect(r.findByTestId(Alert, 'handoff-done').props.title).toBe(en['handoff.done.submit']);
    await r.waitFor(() => expect(r.maybeFindByTestId(LoadingButton, 'create-task-handoff-complete')).toBeNull(), wait);

    click(r, 'handoff-accept');
    await settled(r);
    expect(status(r)).toBe(en['handoff.phase.accepted']);
    expect(r.findByTestId(Alert, 'handoff-done').props.title).toBe(en['handoff.done.accept']);
    expect(notesOf(portal.sandbox, companyId).map((n) => /Handoff (\w+)/.exec(n)?.[1]).sort()).toEqual(['accepted', 'submitted']);
    expect(tasksOf(portal.sandbox, companyId).map((t) => t.hs_task_subject).sort()).toEqual(['Go-live check with Marten Finance', 'Onboarding kickoff with Marten Finance']);

    // Reopening the record shows the accepted handoff, read from HubSpot.
    const again = await renderTab(companyId);
    expect(status(again)).toBe(en['handoff.phase.accepted']);
    const summary = textOf(again.findByTestId(Flex, 'handoff-summary'));
    expect(summary).toContain('Automate month-end close');
    expect(summary).toContain('Ana Silva (ana@marten-finance.example)');
    expect(again.maybeFind(TextArea, { name: 'goals' })).toBeNull();
  });

  it('sends the accepting user\'s locale: a Polish CSM\'s onboarding tasks are in Polish', async () => {
    const { companyId, contactIds } = seedWonCompany(portal.sandbox, 'Kruk Logistyka');
    const sales = await renderTab(companyId);
    fillEverything(sales, contactIds);
    click(sales, 'handoff-submit');
    await settled(sales);

    const csm = await renderTab(companyId, 'pl-PL');
    click(csm, 'handoff-accept');
    await settled(csm);
    expect(status(csm)).toBe(catalogs.pl['handoff.phase.accepted']);
    expect(tasksOf(portal.sandbox, companyId).map((t) => t.hs_task_subject).sort()).toEqual(['Spotkanie otwierające wdrożenie: Kruk Logistyka', 'Sprawdzenie uruchomienia: Kruk Logistyka']);
  });

  it('shows sales the comment CS returned the handoff with', async () => {
    const { companyId, contactIds } = seedWonCompany(portal.sandbox, 'Pipit Insurance');
    const sales = await renderTab(companyId);
    fillEverything(sales, contactIds);
    click(sales, 'handoff-submit');
    await settled(sales);

    const csm = await renderTab(companyId);
    type(csm, 'returnComment', 'Success criteria need a number we can measure.');
    click(csm, 'handoff-return');
    await settled(csm);
    expect(status(csm)).toBe(en['handoff.phase.returned']);

    const salesAgain = await renderTab(companyId);
    expect(status(salesAgain)).toBe(en['handoff.phase.returned']);
    expect(salesAgain.findByTestId(Text, 'handoff-return-comment').text).toBe('Success criteria need a number we can measure.');
    // Sales can edit again.
    expect(salesAgain.maybeFindByTestId(LoadingButton, 'handoff-submit')).not.toBeNull();
  });

  it('refuses a submit with required fields missing and names them', async () => {
    const { companyId } = seedWonCompany(portal.sandbox, 'Wren Robotics');
    const r = await renderTab(companyId);
    type(r, 'goals', 'Ship the first robot fleet');
    // Submit stays disabled, naming what is missing, until the required fields are filled.
    expect(r.findByTestId(LoadingButton, 'handoff-submit').props.disabled).toBe(true);
    expect(r.findByTestId(Text, 'handoff-submit-blocked').text).toBe('To submit, fill in: Success criteria, Champion, Economic buyer, Planned go-live date');
    expect(r.find(TextArea, { name: 'successCriteria' }).props.required).toBe(true);
    click(r, 'handoff-submit');
    await settled(r);
    const alert = r.findByTestId(Alert, 'handoff-failed');
    expect(alert.props.title).toBe(en['handoff.failed.title']);
    // The fields the backend found missing, in the user's words (not its English sentence for admins).
    expect(textOf(alert)).toContain('To submit, fill in: Success criteria, Champion, Economic buyer, Planned go-live date');
    expect(textOf(alert)).not.toContain('required fields are missing');
    expect(status(r)).toBe(en['handoff.phase.not_started']);
    // What was typed is still there.
    expect(r.find(TextArea, { name: 'goals' }).props.value).toBe('Ship the first robot fleet');

    // In Polish, the same refusal names the fields in Polish (the catalog's form labels).
    const polish = await renderTab(companyId, 'pl-PL');
    click(polish, 'handoff-submit');
    await settled(polish);
    const polishAlert = textOf(polish.findByTestId(Alert, 'handoff-failed'));
    expect(polishAlert).toContain('Aby przekazać, uzupełnij: Cele klienta, Kryteria sukcesu, Champion, Decydent budżetowy, Planowana data uruchomienia');
    expect(polishAlert).not.toMatch(/Success criteria|required fields/);
  });

  it('refuses a contact of another company', async () => {
    const { companyId } = seedWonCompany(portal.sandbox, 'Siskin Books');
    const other = seedWonCompany(portal.sandbox, 'Linnet Paper');
    const r = await renderTab(companyId);
    // A stale or tampered option: the backend, not the card, decides whose contact it is.
    choose(r, 'championId', other.contactIds[0] ?? '');
    click(r, 'handoff-save');
    await settled(r);
    expect(textOf(r.findByTestId(Alert, 'handoff-failed'))).toContain(`Contact ${other.contactIds[0] ?? ''} (the champion) is not associated with this company`);
    expect(portal.sandbox.store.get('companies', companyId)?.properties.cs_handoff_champion_id ?? null).toBeNull();
  });

  it('gives the second of two editors a conflict and loses nothing', async () => {
    const { companyId } = seedWonCompany(portal.sandbox, 'Bunting Hotels');
    const first = await renderTab(companyId);
    const second = await renderTab(companyId);
    type(first, 'goals', 'Goals as sales wrote them');
    type(second, 'goals', 'Goals as a colleague wrote them');

    click(first, 'handoff-save');
    await settled(first);
    click(second, 'handoff-save');
    await settled(second);

    const conflict = second.findByTestId(Alert, 'handoff-failed');
    expect(conflict.props.title).toBe(en['handoff.conflict.title']);
    expect(textOf(conflict)).toContain(en['handoff.conflict.body']);
    // The colleague's text is still in their form; the first save is what HubSpot holds.
    expect(second.find(TextArea, { name: 'goals' }).props.value).toBe('Goals as a colleague wrote them');
    expect(portal.sandbox.store.get('companies', companyId)?.properties.cs_handoff_goals).toBe('Goals as sales wrote them');

    // Loading the current version shows what was stored.
    second.findByTestId(Button, 'handoff-reload').trigger('onClick');
    await second.waitFor(() => expect(second.find(TextArea, { name: 'goals' }).props.value).toBe('Goals as sales wrote them'), wait);
  });

  it('does not create a second note when the submit is sent again', async () => {
    const { companyId, contactIds } = seedWonCompany(portal.sandbox, 'Shrike Security');
    const r = await renderTab(companyId);
    fillEverything(r, contactIds);
    // A double click sends the same submit twice, from the same version: the second is
    // recognised as a retry of the first, answered as done, and adds nothing.
    click(r, 'handoff-submit');
    click(r, 'handoff-submit');
    await settled(r);
    expect(status(r)).toBe(en['handoff.phase.submitted']);
    expect(r.maybeFindByTestId(Alert, 'handoff-failed')).toBeNull();
    expect(notesOf(portal.sandbox, companyId)).toHaveLength(1);
  });
});

describe('the churn reason on the tab card', () => {
  it('says from the catalog that nothing was recorded when the lost renewal is gone by the time the CSM records a reason', async () => {
    const { companyId } = seedWonCompany(portal.sandbox, 'Siskin Dairy', { lostRenewal: true });
    const r = await renderTab(companyId);
    choose(r, 'churnReason', 'budget');
    // Meanwhile sales reopens the renewal: nothing asks for a reason any more.
    for (const dealId of portal.sandbox.store.associations('companies', companyId, 'deals')) {
      const deal = portal.sandbox.store.get('deals', dealId);
      if (deal?.properties.dealstage === 'closedlost') portal.sandbox.store.archive('deals', dealId);
    }
    click(r, 'churn-record');
    await settled(r);
    await r.waitFor(() => expect(r.maybeFindByTestId(Alert, 'churn-failed')).not.toBeNull(), wait);
    expect(textOf(r.findByTestId(Alert, 'churn-failed'))).toContain(en['churn.notNeeded']);
    expect(portal.sandbox.store.get('companies', companyId)?.properties.cs_churn_reason ?? null).toBeNull();
  });

  it('starts the form from the lost deal\'s closed_lost_reason, which the CSM can change before recording', async () => {
    const { companyId } = seedWonCompany(portal.sandbox, 'Plover Freight', { lostRenewal: true, lostReason: 'Budget cut by the new CFO' });
    const r = await renderTab(companyId);
    expect(r.find(Select, { name: 'churnReason' }).props.value).toBe('budget');
    expect(r.find(TextArea, { name: 'churnComment' }).props.value).toBe('Budget cut by the new CFO');
    expect(textOf(r.findByTestId(Text, 'churn-prefilled'))).toBe(en['churn.prefilled']);

    choose(r, 'churnReason', 'competitor');
    type(r, 'churnComment', 'Budget cut by the new CFO; moved to a cheaper tool');
    click(r, 'churn-record');
    await settled(r);
    await r.waitFor(() => expect(r.maybeFind(Select, { name: 'churnReason' })).toBeNull(), wait);
    expect(portal.sandbox.store.get('companies', companyId)?.properties).toMatchObject({ cs_churn_reason: 'competitor', cs_churn_reason_comment: 'Budget cut by the new CFO; moved to a cheaper tool' });
  });

  it('leaves the form empty when the lost deal gives no reason', async () => {
    const { companyId } = seedWonCompany(portal.sandbox, 'Avocet Labs', { lostRenewal: true });
    const r = await renderTab(companyId);
    expect(r.find(Select, { name: 'churnReason' }).props.value).toBe('');
    expect(r.find(TextArea, { name: 'churnComment' }).props.value).toBe('');
    expect(r.maybeFindByTestId(Text, 'churn-prefilled')).toBeNull();
  });

  it('asks after a lost renewal, records the reason and the note, and the action goes away', async () => {
    const { companyId } = seedWonCompany(portal.sandbox, 'Tanager Studios', { lostRenewal: true });
    const r = await renderTab(companyId);
    expect(r.maybeFindByTestId(LoadingButton, 'create-task-churn-reason')).not.toBeNull();
    expect(r.find(Select, { name: 'churnReason' }).props.options.map((o) => o.value)).toEqual(['competitor', 'value_not_realised', 'budget', 'out_of_business_or_ma', 'product_gap', 'other']);

    choose(r, 'churnReason', 'other');
    click(r, 'churn-record');
    await settled(r);
    expect(textOf(r.findByTestId(Alert, 'churn-failed'))).toContain('comment is required when the reason is "other"');

    choose(r, 'churnReason', 'product_gap');
    type(r, 'churnComment', 'Needed multi-currency invoicing');
    click(r, 'churn-record');
    await settled(r);
    await r.waitFor(() => expect(r.maybeFindByTestId(LoadingButton, 'create-task-churn-reason')).toBeNull(), wait);
    expect(r.maybeFind(Select, { name: 'churnReason' })).toBeNull();
    expect(textOf(r.findByTestId(Flex, 'churn-recorded'))).toContain('Churn reason: Product gap');
    expect(portal.sandbox.store.get('companies', companyId)?.properties).toMatchObject({ cs_churn_reason: 'product_gap', cs_churn_reason_comment: 'Needed multi-currency invoicing' });
    expect(notesOf(portal.sandbox, companyId).filter((n) => n.includes('Churn reason recorded') && n.includes('Product gap'))).toHaveLength(1);
  });
});
