import { msPerDay } from '../contract/days.ts';
import type { Message } from '../contract/message.ts';
import type { MessageKey } from './catalog/types.ts';
import { catalogLocale, type CatalogLocale, type MessageValue } from './catalog-locale.ts';
import { compiledMessage, dayText, type MessageFiller } from './icu-message.ts';
import { isMessageKey, loadedCatalog } from './loaded-catalogs.ts';

/** Words from the user's catalog; numbers, dates and money in the user's locale and the portal's time zone. */
export interface I18n {
  /** The BCP 47 tag Intl formats with. */
  readonly locale: string;
  readonly timeZone: string;
  /** The catalog the words come from. */
  readonly catalog: CatalogLocale;
  /**
   * A catalog message in the user's language. Parameters follow `Message`'s conventions: a
   * `YYYY-MM-DD` string is shown as a date where the message declares it one (`{name, date}`,
   * ./icu-message.ts; never because a value looks like a day), a number named `amount` (or
   * `…Amount`) beside a `currency` as money, other values as they are (plural rules see numbers).
   */
  t(key: MessageKey, params?: Readonly<Record<string, MessageValue | null>>): string;
  /** Facts side by side on one line ("82 / 100 · Healthy"), joined the way the language writes them (the catalog's `list.partSeparator`). */
  parts(texts: readonly string[]): string;
  /** A message the backend sent (code + params); its English `fallback` when the code is not in the catalog. */
  message(message: Message, fallback?: string): string;
  /** A calendar date (`YYYY-MM-DD`): the same day in every time zone. */
  date(isoDate: string): string;
  /** An instant (ISO 8601 or epoch milliseconds), shown in the portal's time zone. */
  dateTime(instant: string): string;
  number(value: number): string;
  /** A share from 0 to 1. */
  percent(share: number): string;
  money(amount: number, currency: string | null): string;
  /** With an explicit sign, for changes: +5, −3, 0. */
  signed(value: number): string;
  /** "in 45 days", "yesterday". */
  relativeDays(days: number): string;
  /** A duration: "12 days". */
  days(count: number): string;
  /** A day with how far it is from `asOf`: "14 Dec 2026 (in 3 days)". */
  dayWithRelative(isoDate: string, asOf: string): string;
}

export { catalogLocale } from './catalog-locale.ts';

const FALLBACK_LOCALE = 'en';
const FALLBACK_TIME_ZONE = 'UTC';
const noParams: Readonly<Record<string, MessageValue>> = {};

/**
 * The words and formats of a user's locale. Its catalog must be loaded (./loaded-catalogs.ts:
 * English always; the card and the backend load all five, the command line its reader's).
 */
export function createI18n(userLocale: string | undefined, timeZone: string | undefined): I18n {
  const locale = intlLocale(userLocale);
  const zone = validTimeZone(timeZone);
  const catalog = catalogLocale(locale);
  const words = loadedCatalog(catalog);
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  // One calendar for every locale, the Gregorian one, as for days (./icu-message.ts dayText says why).
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone, calendar: 'gregory' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const date = (isoDate: string) => dayText(locale, isoDate);
  const money = (amount: number, currency: string | null) => formatMoney(locale, amount, currency);
  // Each message this I18n fills in, by key: a sync fills in the same few for every company.
  const fillers = new Map<MessageKey, MessageFiller>();
  const t = (key: MessageKey, params: Readonly<Record<string, MessageValue | null>> = noParams) => {
    let fill = fillers.get(key);
    if (fill === undefined) {
      fill = compiledMessage(words[key], locale, `${locale}\u0000${catalog}\u0000${key}`);
      fillers.set(key, fill);
    }
    return fill(displayParams(params, money));
  };
  return {
    locale,
    timeZone: zone,
    catalog,
    t,
    parts: (texts) => texts.join(t('list.partSeparator')),
    message: (m, fallback) => (isMessageKey(m.code) ? t(m.code, m.params) : (fallback ?? m.code)),
    date,
    dateTime: (instant) => {
      const at = new Date(/^\d+$/.test(instant) ? Number(instant) : instant);
      return Number.isNaN(at.getTime()) ? instant : dateTimeFormat.format(at);
    },
    number: (value) => numberFormat.format(value),
    percent: (share) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share),
    money,
    signed: (value) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value),
    relativeDays: (days) => relative.format(days, 'day'),
    days: (count) => new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(count),
    dayWithRelative: (isoDate, asOf) => {
      const days = daysBetween(asOf, isoDate);
      return days === null ? date(isoDate) : t('date.withRelative', { date: isoDate, relative: relative.format(days, 'day') });
    },
  };
}

/**
 * Message parameters as the user reads them: amounts as money, a missing value as a dash. Days are
 * not guessed here from their shape: a company, deal or contact named "2027-01-15", or a value a
 * user typed (a bad --as-of), is text and shown as it is. Only a placeholder the message declares
 * a date (`{renewalDate, date}`) shows its `YYYY-MM-DD` value as a date (./icu-message.ts
 * formatSource): the message knows which of its parameters are days; the value cannot tell.
 * ICU's typed syntax rather than a naming convention (like `amount` for money): it is standard,
 * translators and tools see it, the declaration sits beside the text that shows the day, and a
 * test (test/app/card-i18n.test.tsx) keeps the five catalogs declaring the same parameters.
 */
function displayParams(params: Readonly<Record<string, MessageValue | null>>, money: (amount: number, currency: string | null) => string): Readonly<Record<string, MessageValue>> {
  const currency = typeof params.currency === 'string' ? params.currency : null;
  // Most parameters are shown as they are: then they are passed on as they are, not copied.
  if (shownAsTheyAre(params, currency)) return params;
  const out: Record<string, MessageValue> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === null) out[name] = '—';
    else if (typeof value === 'number' && isMoney(name, currency)) out[name] = money(value, currency);
    else out[name] = value;
  }
  return out;
}

function shownAsTheyAre(params: Readonly<Record<string, MessageValue | null>>, currency: string | null): params is Readonly<Record<string, MessageValue>> {
  for (const name in params) {
    const value = params[name];
    if (value === null || (typeof value === 'number' && isMoney(name, currency))) return false;
  }
  return true;
}

/** A number named `amount` (or `…Amount`) beside a `currency` is money. */
function isMoney(name: string, currency: string | null): currency is string {
  return currency !== null && (name === 'amount' || name.endsWith('Amount'));
}

/** Calendar days from `from` to `to` (both `YYYY-MM-DD`), or null when either is not a day. */
export function daysBetween(from: string, to: string): number | null {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Number.isNaN(a) || Number.isNaN(b) ? null : Math.round((b - a) / msPerDay);
}

/** The day `days` after `isoDate` (`YYYY-MM-DD`). */
export function addDays(isoDate: string, days: number): string {
  const at = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(at) ? isoDate : new Date(at + days * msPerDay).toISOString().slice(0, 10);
}

function intlLocale(userLocale: string | undefined): string {
  if (!userLocale) return FALLBACK_LOCALE;
  try {
    // HubSpot sends tags like "en-us" or "pt_BR"; Intl wants "en-US".
    const [canonical] = Intl.getCanonicalLocales(userLocale.replace(/_/g, '-'));
    return canonical ?? FALLBACK_LOCALE;
  } catch {
    return FALLBACK_LOCALE;
  }
}

function validTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return FALLBACK_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return FALLBACK_TIME_ZONE;
  }
}

function formatMoney(locale: string, amount: number, currency: string | null): string {
  if (currency) {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
    } catch {
      // A currency code Intl does not know: still show the amount and the code.
    }
  }
  const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(amount);
  return currency ? `${plain} ${currency}` : plain;
}
