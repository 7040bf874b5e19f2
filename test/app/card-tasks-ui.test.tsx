import { Alert, Flex, LoadingButton, StatusTag } from '@hubspot/ui-extensions';
import { createRenderer } from './renderer.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardProps } from '../../src/app/cards/components/CardFrame.tsx';
import { TabCard } from '../../src/app/cards/components/TabCard.tsx';
import { cardViewFixture } from './card-fixtures.ts';
import { textOf } from './card-queries.ts';
import { plainFetch, startStubBackend } from './stub-backend.ts';
import type { StubBackend, StubReply } from './stub-backend.ts';

// The create-task button's states against a loopback stand-in backend (the real backend and
// sandbox are exercised in card-backend.test.tsx).
let backend: StubBackend;
beforeAll(async () => {
  backend = await startStubBackend();
});
afterAll(() => backend.close());

async function readyCard(...taskReplies: StubReply[]) {
  backend.reply({ status: 200, body: cardViewFixture() }, ...taskReplies);
  const r = createRenderer('crm.record.tab');
  r.mocks.context.crm.objectId = 9001;
  r.render(<TabCard {...cardProps(r.mocks.context, plainFetch)} baseUrl={backend.baseUrl} />);
  await r.waitFor(() => expect(r.findByTestId(LoadingButton, 'create-task-qbr_due')).toBeTruthy());
  backend.requests.length = 0;
  return r;
}

const receipt = (created: boolean): StubReply => ({ status: created ? 201 : 200, body: { taskId: '7001', actionId: 'qbr_due', created } });

describe('tab card: creating a task from a suggested action', () => {
  it('shows the button loading, then a success alert and "Task created" instead of the button', async () => {
    const r = await readyCard(receipt(true));
    r.findByTestId(LoadingButton, 'create-task-qbr_due').trigger('onClick');
    expect(r.findByTestId(LoadingButton, 'create-task-qbr_due').props.loading).toBe(true);

    await r.waitFor(() => expect(r.maybeFindByTestId(LoadingButton, 'create-task-qbr_due')).toBeNull());
    // The view's day goes along, so the backend looks for the action the CSM saw.
    expect(backend.requests).toEqual([{ method: 'POST', url: '/api/companies/9001/actions/qbr_due/task', body: '{"asOf":"2026-03-15","locale":"en"}' }]);
    const alert = r.find(Alert, { variant: 'success' });
    expect(alert.props.title).toBe('Task created');
    expect(textOf(alert)).toBe('“Schedule a QBR” is now a task on this company.');
    expect(r.findByTestId(StatusTag, 'tasked-qbr_due').text).toBe('Task created');
  });

  it('says so when the task was already open and nothing new was created', async () => {
    const r = await readyCard(receipt(false));
    r.findByTestId(LoadingButton, 'create-task-qbr_due').trigger('onClick');
    await r.waitFor(() => expect(r.find(Alert, { variant: 'info' }).props.title).toBe('Task already open'));
    expect(r.findByTestId(StatusTag, 'tasked-qbr_due').text).toBe('Task already open');
  });

  it('shows an error alert on failure and keeps the button so the CSM can try again', async () => {
    const r = await readyCard({ status: 502, body: { error: { code: 'hubspot_unavailable', message: 'HubSpot refused the task.' } } }, receipt(true));
    r.findByTestId(LoadingButton, 'create-task-qbr_due').trigger('onClick');
    await r.waitFor(() => expect(r.find(Alert, { variant: 'danger' }).props.title).toBe('Couldn’t create the task'));
    expect(textOf(r.find(Alert, { variant: 'danger' }))).toContain('HTTP 502 (hubspot_unavailable): HubSpot refused the task.');
    expect(r.findByTestId(LoadingButton, 'create-task-qbr_due').props.loading).toBe(false);

    r.findByTestId(LoadingButton, 'create-task-qbr_due').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'tasked-qbr_due').text).toBe('Task created'));
    expect(r.maybeFind(Alert, { variant: 'danger' })).toBeNull();
  });

  it('sends one request when the button is clicked twice', async () => {
    const r = await readyCard(receipt(true));
    const button = r.findByTestId(LoadingButton, 'create-task-qbr_due');
    button.trigger('onClick');
    button.trigger('onClick');
    await r.waitFor(() => expect(r.maybeFindByTestId(StatusTag, 'tasked-qbr_due')).not.toBeNull());
    expect(backend.requests).toHaveLength(1);
  });

  it('shows an action the view says is already tasked as tasked, with no button', async () => {
    const r = await readyCard();
    expect(r.maybeFindByTestId(LoadingButton, 'create-task-promoter_reference')).toBeNull();
    expect(textOf(r.findByTestId(Flex, 'action-promoter_reference'))).toContain('Task already open');
  });
});
