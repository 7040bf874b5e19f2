import { Heading, LoadingButton, LoadingSpinner, StatusTag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from './renderer.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardProps } from '../../src/app/cards/components/CardFrame.tsx';
import { TabCard } from '../../src/app/cards/components/TabCard.tsx';
import { createI18n } from '../../src/app/cards/i18n/format.ts';
import { datePlaceholders } from '../../src/app/cards/i18n/icu-message.ts';
import { catalogs, glossaries } from '../../src/app/cards/i18n/messages.ts';
import { IntlMessageFormat } from 'intl-messageformat';
import { cardViewFixture } from './card-fixtures.ts';
import { plainFetch, startStubBackend } from './stub-backend.ts';
import type { StubBackend } from './stub-backend.ts';

interface AstNode { readonly type?: number; readonly value?: unknown; readonly style?: unknown; readonly options?: Readonly<Record<string, { readonly value: readonly AstNode[] }>> }

const ast = (message: string, locale = 'en') => new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst() as readonly AstNode[];
/** The type code the parser gives a `{name, date}` placeholder. */
const dateType = ast('{x, date}')[0]?.type;

/** Each use of a parameter in a message (plural and select branches included): its name, whether it is a `date` placeholder, and its style. */
function parameterUses(message: string, locale: string): { name: string; date: boolean; style: unknown }[] {
  const uses: { name: string; date: boolean; style: unknown }[] = [];
  const walk = (nodes: readonly AstNode[]) => {
    for (const node of nodes) {
      if (typeof node.value === 'string' && node.type !== 0 && node.type !== 7) uses.push({ name: node.value, date: node.type === dateType, style: node.style ?? null });
      for (const option of Object.values(node.options ?? {})) walk(option.value);
    }
  };
  walk(ast(message, locale));
  return uses;
}

/** The ICU arguments a message uses (plural and select branches included), sorted and unique. */
const placeholders = (message: string, locale = 'en'): string[] => [...new Set(parameterUses(message, locale).map((use) => use.name))].sort();

describe('message catalogs', () => {
  const english = catalogs.en;
  const locales = Object.keys(catalogs) as (keyof typeof catalogs)[];

  it('has English, Chinese (zh-CN), Japanese, Polish and Thai', () => {
    expect(locales).toEqual(['en', 'zh-CN', 'ja', 'pl', 'th']);
  });

  it.each(locales)('%s has every message, none empty, with the same placeholders as English', (locale) => {
    const catalog: Record<string, string> = catalogs[locale];
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(english).sort());
    for (const [key, message] of Object.entries(english)) {
      expect(catalog[key]?.trim(), `${locale} ${key}`).toBeTruthy();
      expect(placeholders(catalog[key] ?? '', locale), `${locale} ${key}`).toEqual(placeholders(message));
    }
  });

  it.each(locales)('%s declares the same parameters dates as English, as `{name, date}` (no style) at every use', (locale) => {
    const catalog: Record<string, string> = catalogs[locale];
    for (const [key, message] of Object.entries(english)) {
      const uses = parameterUses(catalog[key] ?? '', locale);
      const dates = [...datePlaceholders(catalog[key] ?? '')].sort();
      expect(dates, `${locale} ${key}: the parameters shown as dates`).toEqual([...datePlaceholders(message)].sort());
      for (const use of uses.filter((u) => dates.includes(u.name))) expect(use, `${locale} ${key}: every use of ${use.name} is {${use.name}, date}`).toEqual({ name: use.name, date: true, style: null });
    }
  });

  it.each(locales)('%s keeps to its glossary: none of the words it rules out appears in a message', (locale) => {
    for (const [term, entry] of Object.entries(glossaries[locale])) {
      for (const avoided of entry.avoid ?? []) {
        const pattern = new RegExp(avoided, 'u');
        for (const [key, message] of Object.entries(catalogs[locale])) {
          expect(pattern.test(message), `${locale} ${key} uses “${avoided}” (glossary: ${term} is “${entry.term}”)`).toBe(false);
        }
      }
    }
  });

  it('counts in Polish with its three plural forms (1 odpowiedź, 2 odpowiedzi, 5 odpowiedzi)', () => {
    const pl = createI18n('pl-PL', 'Europe/Warsaw');
    expect(pl.t('nps.responsesCount', { count: 1 })).toBe('1 odpowiedź');
    expect(pl.t('nps.responsesCount', { count: 2 })).toBe('2 odpowiedzi');
    expect(pl.t('nps.responsesCount', { count: 5 })).toBe('5 odpowiedzi');
    expect(pl.t('compact.moreActions', { count: 1 })).toBe('Jeszcze 1 sugerowane działanie');
    expect(pl.t('compact.moreActions', { count: 3 })).toBe('Jeszcze 3 sugerowane działania');
    expect(pl.t('compact.moreActions', { count: 5 })).toBe('Jeszcze 5 sugerowanych działań');
    expect(createI18n('en-US', 'UTC').t('nps.lowSample.body', { count: 1 })).toMatch(/^Only 1 response:/);
  });
});

describe('formatting for the user and the portal', () => {
  it('formats dates, instants, day counts and money in the user locale and the portal time zone', () => {
    const ja = createI18n('ja-JP', 'Asia/Tokyo');
    expect(ja.t('band.at_risk')).toBe('リスクあり');
    expect(ja.date('2026-05-01')).toBe('2026/05/01');
    expect(ja.dateTime('2026-03-15T13:45:00.000Z')).toBe('2026/03/15 22:45');
    expect(ja.relativeDays(47)).toBe('47 日後');
    const pl = createI18n('pl-PL', 'Europe/Warsaw');
    // Polish groups digits with no-break spaces.
    expect(pl.money(48000, 'EUR')).toBe('48\u00a0000,00\u00a0€');
    expect(pl.days(41)).toBe('41 dni');
    // One calendar per locale: Thai dates are Gregorian everywhere (never 2569 beside 2026).
    expect(createI18n('th-TH', 'Asia/Bangkok').date('2026-05-01')).toBe('1 พ.ค. 2026');
    expect(createI18n('th-TH', 'Asia/Bangkok').dateTime('2026-03-15T13:45:00.000Z')).toContain('2026');
    expect(createI18n('en-GB', 'UTC').dayWithRelative('2026-12-14', '2026-12-11')).toBe('14 Dec 2026 (in 3 days)');
  });

  it('keeps a calendar date on its day in every time zone', () => {
    expect(createI18n('en-US', 'Pacific/Honolulu').date('2026-05-01')).toBe('May 1, 2026');
    expect(createI18n('en-US', 'Pacific/Kiritimati').date('2026-05-01')).toBe('May 1, 2026');
  });

  it('reads epoch-millisecond instants as HubSpot sometimes sends them', () => {
    expect(createI18n('en-US', 'UTC').dateTime('1772409600000')).toBe('Mar 2, 2026, 12:00 AM');
  });

  it('uses English words for a language without a catalog, but that locale\'s formats', () => {
    const pt = createI18n('pt-BR', 'America/Sao_Paulo');
    expect(pt.t('band.healthy')).toBe('Healthy');
    expect(pt.date('2026-05-01')).toBe('1 de mai. de 2026');
  });

  it('takes HubSpot-style tags (lower case, underscores) and picks the catalog by language', () => {
    expect(createI18n('zh-tw', 'UTC').t('band.healthy')).toBe('健康');
    expect(createI18n('pl_PL', 'UTC').locale).toBe('pl-PL');
  });

  it('falls back to English and UTC when the locale or time zone is not valid', () => {
    const i18n = createI18n('not a locale!', 'Mars/Olympus_Mons');
    expect(i18n.locale).toBe('en');
    expect(i18n.timeZone).toBe('UTC');
    expect(i18n.dateTime('2026-03-15T13:45:00.000Z')).toBe('Mar 15, 2026, 1:45 PM');
  });

  it('shows an amount with an unknown currency code rather than failing', () => {
    expect(createI18n('en-US', 'UTC').money(1200, 'XX1')).toBe('1,200 XX1');
    expect(createI18n('en-US', 'UTC').money(1200, null)).toBe('1,200');
  });
});

describe('tab card in the user\'s language', () => {
  let backend: StubBackend;
  beforeAll(async () => {
    backend = await startStubBackend();
  });
  afterAll(() => backend.close());

  async function render(locale: string, timeZone: string, view = cardViewFixture()) {
    backend.reply({ status: 200, body: view });
    const r = createRenderer('crm.record.tab');
    r.mocks.context.user.locale = locale;
    r.mocks.context.portal.timezone = timeZone;
    r.render(<TabCard {...cardProps(r.mocks.context, plainFetch)} baseUrl={backend.baseUrl} />);
    await r.waitFor(() => expect(r.maybeFind(LoadingSpinner)).toBeNull());
    return r;
  }

  it('renders Japanese words, dates and times in the portal time zone', async () => {
    const r = await render('ja-JP', 'Asia/Tokyo');
    expect(r.findByTestId(StatusTag, 'health-band').text).toBe('良好');
    expect(r.findByTestId(Text, 'renewal-date').text).toBe('2026/05/01（47 日後）');
    expect(r.findByTestId(Text, 'as-of').text).toBe('2026/03/15 時点・2026/03/15 22:45 に算出');
    expect(r.findByTestId(LoadingButton, 'create-task-qbr_due').text).toBe('タスクを作成');
  });

  it.each([
    ['zh-CN', 'zh-CN'],
    ['pl-PL', 'pl'],
    ['th-TH', 'th'],
  ] as const)('renders every heading in %s', async (locale, catalog) => {
    const r = await render(locale, 'UTC');
    const headings = r.findAll(Heading).map((h) => h.text);
    const translated = new Set(Object.values(catalogs[catalog]));
    expect(headings.length).toBeGreaterThan(5);
    for (const heading of headings) expect(translated.has(heading ?? ''), String(heading)).toBe(true);
  });

  it.each([
    ['zh-CN', 'zh-CN'],
    ['ja-JP', 'ja'],
    ['pl-PL', 'pl'],
    ['th-TH', 'th'],
  ] as const)('renders a churned customer\'s factor facts under a heading in %s', async (locale, catalog) => {
    const churned = cardViewFixture((v) => {
      v.health = { ...v.health, score: null, band: 'churned', factors: v.health.factors.map((factor) => ({ ...factor, contribution: null })) };
      v.lifecycle = { stage: 'churned', since: '2026-02-10' };
    });
    const r = await render(locale, 'UTC', churned);
    const headings = r.findAll(Heading).map((h) => h.text);
    expect(headings).toContain(catalogs[catalog]['health.factorFacts']);
    expect(headings).not.toContain(catalogs[catalog]['health.factors']);
    expect(r.findByTestId(Text, 'health-no-score').text).toBe(catalogs[catalog]['health.churnedNoScore']);
  });
});
