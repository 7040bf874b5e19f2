import { Alert, ErrorState, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import { createRenderer } from './renderer.ts';
import type { RenderedNode } from '@hubspot/ui-extensions/testing';
import { IntlMessageFormat } from 'intl-messageformat';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardProps } from '../../src/app/cards/components/CardFrame.tsx';
import { TabCard } from '../../src/app/cards/components/TabCard.tsx';
import { addDays, createI18n } from '../../src/app/cards/i18n/format.ts';
import { catalogs } from '../../src/app/cards/i18n/messages.ts';
import type { CatalogLocale } from '../../src/app/cards/i18n/messages.ts';
import type { CardView } from '../../src/app/cards/contract/view-model.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { mswServer } from '../msw.ts';
import { startCardBackend } from './card-backend.ts';
import type { CardBackend } from './card-backend.ts';
import { cardViewFixture } from './card-fixtures.ts';
import { plainFetch, startStubBackend } from './stub-backend.ts';
import type { StubBackend } from './stub-backend.ts';

// Issue 21, "Half English in every other language": the tab card in Chinese, Japanese, Polish
// and Thai, rendered with HubSpot's test utilities from views the real backend builds from the
// sandbox's demo companies (at risk, churned, onboarding), shows none of the English catalog:
// every text the backend produces (actions, reasons, factor explanations, renewal explanations,
// warnings, missing handoff fields) arrives as a code with parameters.
const asOf = '2026-03-15';
const now = () => new Date(`${asOf}T12:00:00.000Z`);

let sandbox: Sandbox;
let backend: CardBackend;
const views: CardView[] = [];

beforeAll(async () => {
  // Sixty cards in a row would meet HubSpot's rate limits; they are not what these tests are about.
  sandbox = createSandbox({ seed: 7, companies: 40, asOf, clock: () => now().getTime(), rateLimit: null });
  sandbox.controls.searchPerSecond = null;
  backend = await startCardBackend(sandbox, now);
  mswServer.use(...sandbox.mswHandlers());
  for (const company of sandbox.store.list('companies')) views.push(await backend.viewOf(company.id));
}, 60_000);
beforeEach(() => {
  mswServer.use(...sandbox.mswHandlers());
  sandbox.controls.clearFaults();
});
afterAll(() => backend.close());



interface AstNode { readonly type: number; readonly value?: unknown; readonly options?: Readonly<Record<string, { readonly value: readonly AstNode[] }>> }

/** The static text of a message (its literal parts, plural and select branches included). */
function literals(message: string): string[] {
  const out: string[] = [];
  const walk = (nodes: readonly AstNode[]) => {
    for (const node of nodes) {
      if (node.type === 0 && typeof node.value === 'string') out.push(node.value);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst() as readonly AstNode[]);
  return out;
}

/** Every English catalog message's static parts long enough to mean something (two words or more), with its key. */
function englishParts(locale: CatalogLocale): { key: string; part: string }[] {
  const own = Object.values(catalogs[locale]).join('\n');
  const parts: { key: string; part: string }[] = [];
  for (const [key, message] of Object.entries(catalogs.en)) {
    for (const literal of literals(message)) {
      const part = literal.trim().replace(/^[\s:·,.;()—–-]+|[\s:·,.;()—–-]+$/gu, '');
      // Two words or more; a part the locale's own catalog also uses (a product name) is not English left over.
      if (/\p{L}+\s+\p{L}+/u.test(part) && part.length >= 8 && !own.includes(part)) parts.push({ key, part });
    }
  }
  return parts;
}

/** Everything a user can read on a rendered card: text nodes and the string props (titles, labels, placeholders, tooltips). */
function readable(node: RenderedNode): string[] {
  if (node.nodeType === 'text') return [node.text];
  const out: string[] = [];
  if (node.nodeType === 'element') {
    // The backend's technical text, in a collapsed "details for admins", may stay English.
    const testId: unknown = node.props.testId;
    if (typeof testId === 'string' && testId.endsWith('admin-details')) return [];
    for (const [name, value] of Object.entries(node.props)) {
      if (name === 'testId' || name === 'href' || name === 'name') continue;
      if (typeof value === 'string') out.push(value);
      else if (typeof value === 'object' && value !== null && 'nodeType' in value) out.push(...readable(value as RenderedNode));
    }
  }
  for (const child of node.childNodes) out.push(...readable(child));
  return out;
}

async function renderTab(companyId: string, locale: string, timeZone: string) {
  const r = createRenderer('crm.record.tab');
  r.mocks.context.crm.objectId = Number(companyId);
  r.mocks.context.crm.objectTypeId = '0-2';
  r.mocks.context.user.locale = locale;
  r.mocks.context.portal.timezone = timeZone;
  r.render(<TabCard {...cardProps(r.mocks.context, backend.fetchFn)} />);
  await r.waitFor(() => expect(r.maybeFind(LoadingSpinner)).toBeNull(), { timeoutInMs: 10_000 });
  const failed = r.maybeFind(ErrorState);
  if (failed) throw new Error(`the card did not load: ${failed.toString()}`);
  return r;
}

const kinds = {
  'at-risk with an overdue renewal': (v: CardView) => v.health.band === 'at_risk' && v.renewal.window === 'overdue',
  'at-risk mid-contract': (v: CardView) => v.health.band === 'at_risk' && v.renewal.window === 'later',
  churned: (v: CardView) => v.lifecycle.stage === 'churned',
  'onboarding with the handoff not started': (v: CardView) => v.lifecycle.stage === 'onboarding' && v.handoff.phase !== 'submitted',
  'onboarding with the handoff submitted': (v: CardView) => v.lifecycle.stage === 'onboarding' && v.handoff.phase === 'submitted',
} as const;

const locales = [
  ['zh-CN', 'zh-CN', 'Asia/Shanghai'],
  ['ja-JP', 'ja', 'Asia/Tokyo'],
  ['pl-PL', 'pl', 'Europe/Warsaw'],
  ['th-TH', 'th', 'Asia/Bangkok'],
] as const;

/** English the view carries for compatibility: none of it may reach a card in another language. */
function englishFields(view: CardView): string[] {
  const texts = [
    ...view.actions.flatMap((action) => [action.title, action.reason]),
    ...view.health.factors.map((factor) => factor.explanation),
  ];
  return texts.filter((text) => /\p{L}+\s+\p{L}+/u.test(text));
}

describe.each(locales)('the tab card in %s, from the real backend', (locale, catalog, timeZone) => {
  it.each(Object.keys(kinds) as (keyof typeof kinds)[])('shows no English on a card %s, and every date with how far it is', async (kind) => {
    const view = views.find(kinds[kind]);
    if (!view) throw new Error(`the demo portfolio has no company ${kind}`);
    const r = await renderTab(view.companyId, locale, timeZone);
    const shown = readable(r.getRootNode()).join('\n');
    const english = englishParts(catalog).filter(({ part }) => shown.includes(part));
    expect(english.map(({ key, part }) => `${key}: “${part}”`)).toEqual([]);
    expect(englishFields(view).filter((text) => shown.includes(text))).toEqual([]);
    // Dates: absolute plus relative (“due 14 Dec (in 3 days)”), one calendar.
    const i18n = createI18n(locale, timeZone);
    for (const action of view.actions) {
      const due = addDays(view.asOf, action.dueInDays);
      expect(r.findByTestId(Text, `due-${action.id}`).text).toContain(i18n.dayWithRelative(due, view.asOf));
    }
    if (view.renewal.date) expect(r.findByTestId(Text, 'renewal-date').text).toBe(i18n.dayWithRelative(view.renewal.date, view.asOf));
    if (catalog === 'th') expect(shown).not.toMatch(/25[0-9]{2}/u);
  });

  it('says which data source failed in the user\'s words (the technical detail only for admins)', async () => {
    const view = views.find(kinds['at-risk mid-contract']);
    if (!view) throw new Error('the demo portfolio has no at-risk company');
    sandbox.controls.injectFault({ kind: '403', objectType: 'feedback_submissions' });
    const r = await renderTab(view.companyId, locale, timeZone);
    expect(r.findByTestId(Alert, 'warnings').props.title).toBe(catalogs[catalog]['warnings.title']);
    const shown = readable(r.getRootNode()).join('\n');
    expect(englishParts(catalog).filter(({ part }) => shown.includes(part)).map(({ key, part }) => `${key}: “${part}”`)).toEqual([]);
  });
});

describe('Polish counts in the rendered card', () => {
  let stub: StubBackend;
  beforeAll(async () => {
    stub = await startStubBackend();
  });
  afterAll(() => stub.close());

  it.each([
    [1, 'Tylko 1 odpowiedź', '1 otwarte zgłoszenie', 'o 1 punkt '],
    [2, 'Tylko 2 odpowiedzi', '2 otwarte zgłoszenia', 'o 2 punkty '],
    [5, 'Tylko 5 odpowiedzi', '5 otwartych zgłoszeń', 'o 5 punktów '],
  ] as const)('uses the plural form for %i', async (count, answers, tickets, points) => {
    stub.reply({
      status: 200,
      body: cardViewFixture((view) => {
        view.nps = { ...view.nps, responses: count, promoters: count, passives: 0, detractors: 0, lowSample: true };
        view.health.factors = view.health.factors.map((factor) =>
          factor.key === 'support' ? { ...factor, explanationMessage: { code: 'factor.support.open', params: { total: count, urgent: 0, high: 0, oldest: -1 } } } : factor,
        );
        view.actions = [
          {
            id: 'health-drop',
            title: 'Find out why health dropped',
            reason: '',
            priority: 'high',
            dueInDays: 3,
            alreadyTasked: false,
            titleMessage: { code: 'action.health-drop.title', params: {} },
            reasonMessage: { code: 'action.health-drop.reason', params: { points: count, from: 80, to: 80 - count } },
          },
        ];
      }),
    });
    const r = createRenderer('crm.record.tab');
    r.mocks.context.user.locale = 'pl-PL';
    r.mocks.context.portal.timezone = 'Europe/Warsaw';
    r.render(<TabCard {...cardProps(r.mocks.context, plainFetch)} baseUrl={stub.baseUrl} />);
    await r.waitFor(() => expect(r.maybeFind(LoadingSpinner)).toBeNull());
    const shown = readable(r.getRootNode()).join('\n');
    expect(shown).toContain(answers);
    expect(shown).toContain(tickets);
    expect(shown).toContain(points);
  });
});
