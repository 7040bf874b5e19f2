import { beforeAll, describe, expect, it } from 'vitest';
import { catalogLocales } from '../../src/app/cards/i18n/catalog-locale.ts';
import { createI18n } from '../../src/app/cards/i18n/format.ts';
import { datePlaceholders, dayText, formatSource } from '../../src/app/cards/i18n/icu-message.ts';
import { loadEveryCatalog } from '../../src/app/cards/i18n/messages.ts';

// A message parameter is a date only where the message declares it one, `{name, date}`; a value
// shaped like a day (a company named "2027-01-15") is text. The five catalogs declaring the same
// parameters dates: test/app/card-i18n.test.tsx.

beforeAll(loadEveryCatalog);

let key = 0;
const format = (source: string, locale: string, params: Record<string, string | number>) => formatSource(source, locale, params, `icu-message.test ${(key += 1)}`);

describe('a message’s date placeholders', () => {
  it('shows a day as a date only where the message declares it one, `{name, date}`', () => {
    expect(format('{company} renews on {renewal, date}', 'en-GB', { company: '2027-01-15', renewal: '2027-01-15' })).toBe('2027-01-15 renews on 15 Jan 2027');
    expect(format('{company} renews on {renewal, date}', 'ja-JP', { company: '2027-01-15', renewal: '2027-01-15' })).toBe('2027-01-15 renews on 2027/01/15');
  });

  it('finds date placeholders in plural and select branches', () => {
    const source = '{count, plural, one {# answer on {day, date}} other {# answers, latest {day, date}}} by {name}';
    expect([...datePlaceholders(source)]).toEqual(['day']);
    expect(format(source, 'en-US', { count: 2, day: '2026-11-20', name: '2026-11-21' })).toBe('2 answers, latest Nov 20, 2026 by 2026-11-21');
  });

  it('shows a value that is not a day (a dash for a missing one) as it is, rather than failing the message', () => {
    expect(format('since {day, date}', 'en-US', { day: '—' })).toBe('since —');
    expect(format('since {day, date}', 'en-US', { day: 'soon' })).toBe('since soon');
  });

  it('has no date placeholder in a message that declares none', () => {
    expect(datePlaceholders('Renewal {date} · {value}').size).toBe(0);
  });
});

describe('dayText', () => {
  it('keeps a calendar day on its day, in the reader’s locale and the Gregorian calendar', () => {
    expect(dayText('en-US', '2026-05-01')).toBe('May 1, 2026');
    expect(dayText('ja-JP', '2026-05-01')).toBe('2026/05/01');
    expect(dayText('th-TH', '2026-05-01')).toBe('1 พ.ค. 2026');
    expect(dayText('en-US', 'not a day')).toBe('not a day');
  });
});

describe('message parameters that look like days', () => {
  it('shows a company, deal or contact named "2027-01-15" as it is named, beside a real date', () => {
    const en = createI18n('en-US', 'UTC');
    expect(en.t('cli.card.title', { name: '2027-01-15', companyId: '42', asOf: '2026-12-07' })).toBe('2027-01-15 (company 42) as of Dec 7, 2026');
    expect(en.t('note.churn.closed', { deal: '2027-01-15', date: '2026-11-20' })).toBe('2027-01-15 (closed Nov 20, 2026)');
    expect(en.t('churn.lost', { deal: '2027-01-15' })).toBe('The renewal “2027-01-15” was lost. Record why, so the team can learn from it.');
  });

  it.each(catalogLocales)('%s: a text parameter stays verbatim and the declared date is the reader’s date', (locale) => {
    const i18n = createI18n(locale, 'UTC');
    const text = i18n.t('onboarding.goLive.bodyPlanned', { named: 'yes', company: '2027-01-15', date: '2027-02-01' });
    expect(text).toContain('2027-01-15');
    expect(text).toContain(dayText(i18n.locale, '2027-02-01'));
    expect(text).not.toContain(dayText(i18n.locale, '2027-01-15'));
  });

  it('shows a free-text value of that shape as written', () => {
    expect(createI18n('en-US', 'UTC').t('factor.sentiment.unknown', { value: '2027-01-15' })).toBe('CSM sentiment “2027-01-15” is not a recognised value');
    expect(createI18n('en-US', 'UTC').t('cli.setup.failed', { name: '2027-01-15', reason: '2027-01-16' })).not.toMatch(/Jan/);
  });

  it('shows a missing day as a dash', () => {
    expect(createI18n('en-US', 'UTC').t('lifecycle.since', { date: null })).toBe('in this stage since —');
  });
});
