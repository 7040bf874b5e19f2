import { Alert, Button, ErrorState, Flex, LoadingButton, LoadingSpinner, ProgressBar, StatisticsItem, StatusTag, TableRow, Text } from '@hubspot/ui-extensions';
import { CrmActionLink } from '@hubspot/ui-extensions/crm';
import { createRenderer } from './renderer.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardProps } from '../../src/app/cards/components/CardFrame.tsx';
import { CompactCard } from '../../src/app/cards/components/CompactCard.tsx';
import { TabCard } from '../../src/app/cards/components/TabCard.tsx';
import { createI18n } from '../../src/app/cards/i18n/format.ts';
import { catalogs } from '../../src/app/cards/i18n/messages.ts';
import type { ActionView, CardView, HealthBand } from '../../src/app/cards/contract/view-model.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { mswServer } from '../msw.ts';
import { startCardBackend } from './card-backend.ts';
import type { CardBackend } from './card-backend.ts';
import { textOf } from './card-queries.ts';

// The cards against the real backend (on loopback, verifying HubSpot signatures) whose HubSpot
// API is the sandbox portal, answered through msw. Companies of each band come from the demo
// portfolio; the one with no data is seeded bare.
const asOf = '2026-03-15';
const now = () => new Date(`${asOf}T12:00:00.000Z`);
const en = catalogs.en;

let sandbox: Sandbox;
let backend: CardBackend;
let noDataId: string;
const byBand = new Map<HealthBand, CardView>();
const untaskedTop: CardView[] = [];

beforeAll(async () => {
  sandbox = createSandbox({ seed: 7, companies: 12, asOf, clock: () => now().getTime() });
  // Many cards in a row would meet HubSpot's 5 searches a second; rate limits are not what these tests are about.
  sandbox.controls.searchPerSecond = null;
  noDataId = sandbox.store.create('companies', { name: 'Blank Slate Ltd', domain: 'blank-slate.example' }).id;
  backend = await startCardBackend(sandbox, now);
  mswServer.use(...sandbox.mswHandlers());
  for (const company of sandbox.store.list('companies')) {
    const view = await backend.viewOf(company.id);
    if (!byBand.has(view.health.band)) byBand.set(view.health.band, view);
    if (view.actions[0] && !view.actions[0].alreadyTasked) untaskedTop.push(view);
  }
});
beforeEach(() => {
  mswServer.use(...sandbox.mswHandlers());
  sandbox.controls.clearFaults();
});
afterAll(() => backend.close());


/** The current view of the portfolio's first company in a band. */
async function companyOf(band: Exclude<HealthBand, 'unknown'>): Promise<CardView> {
  const view = byBand.get(band);
  if (!view) throw new Error(`the demo portfolio has no ${band} company: grow it or change the seed`);
  return backend.viewOf(view.companyId);
}

/** A company whose top action has no task yet, a different one at each call (creating tasks changes them). */
function takeUntaskedTop(): { view: CardView; action: ActionView } {
  const view = untaskedTop.shift();
  const action = view?.actions[0];
  if (!view || !action) throw new Error('the demo portfolio has too few companies with an untasked top action');
  return { view, action };
}

type Location = 'crm.record.tab' | 'crm.record.sidebar' | 'crm.preview';

async function renderCard(location: Location, companyId: string, user: { locale?: string; timeZone?: string } = {}) {
  const r = createRenderer(location);
  r.mocks.context.crm.objectId = Number(companyId);
  r.mocks.context.crm.objectTypeId = '0-2';
  r.mocks.context.user.locale = user.locale ?? 'en-US';
  r.mocks.context.portal.timezone = user.timeZone ?? 'Europe/Berlin';
  const props = cardProps(r.mocks.context, backend.fetchFn);
  if (location === 'crm.record.tab') r.render(<TabCard {...props} />);
  else r.render(<CompactCard {...props} fullCard={location === 'crm.preview' ? { objectId: Number(companyId), objectTypeId: '0-2' } : undefined} />);
  await r.waitFor(() => expect(r.maybeFind(LoadingSpinner)).toBeNull(), { timeoutInMs: 10_000 });
  return r;
}

type Rendered = Awaited<ReturnType<typeof renderCard>>;

/** What every location shows of a company's health and renewal, checked against the backend's own view. */
function expectHealthAndRenewal(r: Rendered, view: CardView) {
  expect(r.maybeFind(ErrorState)).toBeNull();
  expect(r.findByTestId(StatusTag, 'health-band').text).toBe(en[`band.${view.health.band}`]);
  if (view.health.score === null) expect(r.maybeFindByTestId(ProgressBar, 'health-score')).toBeNull();
  else expect(r.findByTestId(ProgressBar, 'health-score').props.value).toBe(view.health.score);
  // A lapsed contract (ended, no renewal deal on record) is not an overdue renewal.
  if (view.renewal.window) expect(r.findByTestId(StatusTag, 'renewal-window').text).toBe(view.renewal.lapsed === true ? en['renewal.none.title'] : en[`window.${view.renewal.window}`]);
  else expect(r.maybeFindByTestId(StatusTag, 'renewal-window')).toBeNull();
}

describe('tab card with the real backend and the sandbox portal', () => {
  it.each(['healthy', 'attention', 'at_risk'] as const)('shows a %s company as the backend computed it', async (band) => {
    const view = await companyOf(band);
    const r = await renderCard('crm.record.tab', view.companyId);
    expectHealthAndRenewal(r, view);
    const english = createI18n('en-US', 'UTC');
    for (const factor of view.health.factors) {
      expect(factor.explanationMessage).toBeDefined();
      if (factor.explanationMessage) expect(textOf(r.findByTestId(TableRow, `factor-${factor.key}`))).toContain(english.message(factor.explanationMessage));
    }
    const shown = view.actions.map((action) => `action-${action.id}`);
    expect(r.findAll(Flex).map((node) => node.props.testId).filter((id) => id?.startsWith('action-'))).toEqual(shown);
    expect(r.findByTestId(StatisticsItem, 'support-open').props.number).toBe(String(view.support.openTickets));
  });

  it('shows a company with no data as unknown, with no renewal on record and no NPS answers', async () => {
    const view = await backend.viewOf(noDataId);
    const r = await renderCard('crm.record.tab', noDataId);
    expect(view.health.band).toBe('unknown');
    expectHealthAndRenewal(r, view);
    expect(textOf(r.findByTestId(Flex, 'renewal-none'))).toContain('No renewal on record');
    expect(r.findByTestId(Text, 'nps-none').text).toContain('No NPS answers');
    expect(r.findByTestId(StatisticsItem, 'support-oldest').props.number).toBe('None open');
  });

  it('explains a backend error, then loads the card on retry', async () => {
    const view = await companyOf('healthy');
    sandbox.controls.injectFault({ kind: '503', objectType: 'companies', times: 1 });
    const r = createRenderer('crm.record.tab');
    r.mocks.context.crm.objectId = Number(view.companyId);
    r.render(<TabCard {...cardProps(r.mocks.context, backend.fetchFn)} />);
    await r.waitFor(() => expect(r.find(ErrorState).props.title).toBe(en['error.title']), { timeoutInMs: 10_000 });
    expect(textOf(r.find(ErrorState))).toContain('(HTTP 503)');

    r.find(ErrorState).find(Button).trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'health-band').text).toBe(en['band.healthy']), { timeoutInMs: 10_000 });
  });

  it('shows the backend\'s warning when a data source is missing', async () => {
    const view = await companyOf('attention');
    sandbox.controls.injectFault({ kind: '403', objectType: 'feedback_submissions' });
    const degraded = await backend.viewOf(view.companyId);
    expect(degraded.warnings.length).toBeGreaterThan(0);
    const r = await renderCard('crm.record.tab', view.companyId);
    const warnings = r.findByTestId(Alert, 'warnings');
    expect(warnings.props.title).toBe(en['warnings.title']);
    // In the user's words, with the backend's technical text for admins.
    const english = createI18n('en-US', 'UTC');
    for (const warning of degraded.warningMessages ?? []) expect(textOf(warnings)).toContain(english.message(warning));
    for (const warning of degraded.warnings) expect(textOf(warnings)).toContain(warning);
  });

  it('creates the HubSpot task from an action, and the card then shows the action as tasked', async () => {
    const { view, action } = takeUntaskedTop();
    const r = await renderCard('crm.record.tab', view.companyId);
    r.findByTestId(LoadingButton, `create-task-${action.id}`).trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(StatusTag, `tasked-${action.id}`).text).toBe(en['actions.created']), { timeoutInMs: 10_000 });
    expect(r.find(Alert, { variant: 'success' }).props.title).toBe(en['actions.createdAlert.title']);

    const tasks = sandbox.store.associations('companies', view.companyId, 'tasks').map((id) => sandbox.store.get('tasks', id));
    expect(tasks.map((task) => task?.properties.hs_task_subject)).toContain(action.title);

    // A fresh card (the CSM reloads the record) gets the action from the backend as tasked.
    const reloaded = await renderCard('crm.record.tab', view.companyId);
    expect(reloaded.findByTestId(StatusTag, `tasked-${action.id}`).text).toBe(en['actions.tasked']);
    expect(reloaded.maybeFindByTestId(LoadingButton, `create-task-${action.id}`)).toBeNull();
  });

  it('speaks Japanese with dates in the portal time zone', async () => {
    const view = await companyOf('healthy');
    const r = await renderCard('crm.record.tab', view.companyId, { locale: 'ja-JP', timeZone: 'Asia/Tokyo' });
    expect(r.findByTestId(StatusTag, 'health-band').text).toBe('良好');
    expect(r.findByTestId(Text, 'as-of').text).toBe(`2026/03/15 時点・2026/03/15 21:00 に算出`);
    if (view.renewal.date) expect(r.findByTestId(Text, 'renewal-date').text?.startsWith(view.renewal.date.replaceAll('-', '/'))).toBe(true);
  });

  it('creates a task in Japanese from a Japanese card', async () => {
    const { view, action } = takeUntaskedTop();
    const r = await renderCard('crm.record.tab', view.companyId, { locale: 'ja-JP', timeZone: 'Asia/Tokyo' });
    r.findByTestId(LoadingButton, `create-task-${action.id}`).trigger('onClick');
    await r.waitFor(() => expect(r.maybeFindByTestId(StatusTag, `tasked-${action.id}`)).not.toBeNull(), { timeoutInMs: 10_000 });
    const tasks = sandbox.store.associations('companies', view.companyId, 'tasks').map((id) => sandbox.store.get('tasks', id));
    const japanese = createI18n('ja-JP', 'Asia/Tokyo');
    const title = japanese.message(action.titleMessage ?? { code: 'missing', params: {} });
    expect(title).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    const task = tasks.find((candidate) => candidate?.properties.hs_task_subject === title);
    expect(task, `a task titled ${title}`).toBeDefined();
    expect(task?.properties.hs_task_body).toContain(japanese.message(action.reasonMessage ?? { code: 'missing', params: {} }));
    expect(task?.properties.hs_task_body).toContain(`[cs-card:${action.id}]`);
  });
});

describe.each(['crm.record.sidebar', 'crm.preview'] as const)('%s card with the real backend and the sandbox portal', (location) => {
  it.each(['healthy', 'at_risk'] as const)('shows a %s company: health, renewal, NPS and the top action', async (band) => {
    const view = await companyOf(band);
    const r = await renderCard(location, view.companyId);
    expectHealthAndRenewal(r, view);
    if (view.nps.responses > 0) expect(r.findByTestId(StatisticsItem, 'nps-responses').props.number).toBe(String(view.nps.responses));
    else expect(r.findByTestId(Text, 'nps-none').text).toContain('No NPS answers');
    const [top] = view.actions;
    expect(r.findAll(Flex).map((node) => node.props.testId).filter((id) => id?.startsWith('action-'))).toEqual(top ? [`action-${top.id}`] : []);
    expect(r.maybeFind(CrmActionLink) !== null).toBe(location === 'crm.preview');
  });

  it('shows a company with no data as unknown, with no renewal on record', async () => {
    const r = await renderCard(location, noDataId);
    expect(r.findByTestId(StatusTag, 'health-band').text).toBe(en['band.unknown']);
    expect(r.maybeFindByTestId(ProgressBar, 'health-score')).toBeNull();
    expect(textOf(r.findByTestId(Flex, 'renewal-none'))).toContain('No renewal on record');
  });

  it('creates the top action\'s task', async () => {
    const { view, action: top } = takeUntaskedTop();
    const r = await renderCard(location, view.companyId);
    r.findByTestId(LoadingButton, `create-task-${top.id}`).trigger('onClick');
    await r.waitFor(() => expect(r.maybeFindByTestId(StatusTag, `tasked-${top.id}`)).not.toBeNull(), { timeoutInMs: 10_000 });
    const tasks = sandbox.store.associations('companies', view.companyId, 'tasks').map((id) => sandbox.store.get('tasks', id));
    expect(tasks.map((task) => task?.properties.hs_task_subject)).toContain(top.title);
  });
});
