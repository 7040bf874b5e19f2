import { catalogs, fillMessage } from './messages.ts';
import type { Catalog, CatalogLocale, MessageKey } from './messages.ts';

/** Words from the user's catalog; numbers, dates and money in the user's locale and the portal's time zone. */
export interface I18n {
  /** The BCP 47 tag Intl formats with. */
  readonly locale: string;
  readonly timeZone: string;
  t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string;
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
}

const FALLBACK_LOCALE = 'en';
const FALLBACK_TIME_ZONE = 'UTC';

export function createI18n(userLocale: string | undefined, timeZone: string | undefined): I18n {
  const locale = intlLocale(userLocale);
  const zone = validTimeZone(timeZone);
  const catalog: Catalog = catalogs[catalogLocale(locale)];
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    locale,
    timeZone: zone,
    t: (key, params) => fillMessage(catalog[key], params),
    date: (isoDate) => {
      const day = new Date(`${isoDate}T00:00:00Z`);
      return Number.isNaN(day.getTime()) ? isoDate : dateFormat.format(day);
    },
    dateTime: (instant) => {
      const at = new Date(/^\d+$/.test(instant) ? Number(instant) : instant);
      return Number.isNaN(at.getTime()) ? instant : dateTimeFormat.format(at);
    },
    number: (value) => numberFormat.format(value),
    percent: (share) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share),
    money: (amount, currency) => formatMoney(locale, amount, currency),
    signed: (value) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value),
    relativeDays: (days) => relative.format(days, 'day'),
    days: (count) => new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(count),
  };
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

/** The catalog for a locale: by language, English when there is none for it. */
export function catalogLocale(locale: string): CatalogLocale {
  const language = locale.toLowerCase().split('-')[0];
  switch (language) {
    case 'zh':
      return 'zh-CN';
    case 'ja':
    case 'pl':
    case 'th':
      return language;
    default:
      return 'en';
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
