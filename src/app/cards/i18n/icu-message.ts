import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageValue } from './catalog-locale.ts';
import { compileMessage, textOnly } from './compiled-message.ts';
import { localeFormatters } from './icu-formatters.ts';

// How a catalog message is filled in (ICU via intl-messageformat). messages.ts formats every
// locale's messages through formatSource; the command line's help and commander's errors
// (src/cli/command-words.ts) format the one catalog of the reader's language with it, without
// loading the other four.
//
// Days: a parameter is shown as a date only where the message declares it one, with ICU's typed
// placeholder `{renewalDate, date}` (no style: every day shows in the one medium style below).
// Never from the value's shape: a company, deal or contact named "2027-01-15", or a text a user
// typed, is shown as it is. intl-messageformat would format a `date` placeholder itself, but
// only from a Date or epoch number, in the runtime's time zone and with its own option sets; so
// the message is compiled with its date placeholders turned into plain ones (read from the
// parsed message, once per message) and the `YYYY-MM-DD` values they get are filled in by
// dayText: the same calendar day in every time zone, in the reader's locale, Gregorian, exactly
// as the card's standalone dates (format.ts `date`). A value that is not a day (a dash for a
// missing one) is shown as it is rather than failing the message.
//
// Speed: a sync words the drivers and the next action of every company with the same few
// messages, so each message is compiled once (by its cache key): a text without placeholders to
// that text, any other to small functions (./compiled-message.ts, the same text as the library,
// every catalog message checked) using Intl formatters shared by the locale's messages
// (./icu-formatters.ts). Measured with `npm run bench` (domain section, CPU time, median of 5
// interleaved runs on the shared 2-core machine): write-back decisions went from ~13,200/s with
// plain intl-messageformat per message to ~30,800/s (Polish and Chinese wording alike). What is
// left of the wording is mostly Intl itself: about 1.2 µs a number and 1.7 µs a plural rule here.

type Element = ReturnType<IntlMessageFormat['getAst']>[number];

const parsed = (source: string): Element[] => new IntlMessageFormat(source, 'en', undefined, { ignoreTag: true }).getAst();

// The type codes intl-messageformat's parser gives `{x}` and `{x, date}`, read from the parser
// itself (its TYPE enum lives in @formatjs/icu-messageformat-parser, which the card's package
// does not declare).
const [plainPlaceholder] = parsed('{x}');
const dateType = parsed('{x, date}')[0]?.type;

/** A message compiled for a locale: its parameters in, its text out (never throws). */
export type MessageFiller = (params: Readonly<Record<string, MessageValue>>) => string;

const compiled = new Map<string, MessageFiller>();

/**
 * An ICU message (`source`) filled in for a locale; `cacheKey` names it for reuse. A message
 * that fails to parse or format shows its source text rather than breaking what shows it.
 * A `{name, date}` placeholder shows its `YYYY-MM-DD` value as a date (dayText); every other
 * parameter as it is.
 *
 * @example
 * formatSource('{count, plural, one {# day} other {# days}}', 'en', { count: 2 }, 'x') // '2 days'
 * formatSource('{company} renews {renewal, date}', 'en-GB', { company: '2027-01-15', renewal: '2027-01-15' }, 'y') // '2027-01-15 renews 15 Jan 2027'
 */
export function formatSource(source: string, intlLocale: string, params: Readonly<Record<string, MessageValue>>, cacheKey: string): string {
  return compiledMessage(source, intlLocale, cacheKey)(params);
}

/**
 * formatSource's message compiled once (under `cacheKey`), for a caller that fills it in often:
 * a sync words every company's drivers and next action with the same few messages.
 *
 * @example
 * compiledMessage('{count, plural, one {# day} other {# days}}', 'en', 'x')({ count: 1 }) // '1 day'
 */
export function compiledMessage(source: string, intlLocale: string, cacheKey: string): MessageFiller {
  let filler = compiled.get(cacheKey);
  if (filler === undefined) {
    filler = compile(source, intlLocale);
    compiled.set(cacheKey, filler);
  }
  return filler;
}

function compile(source: string, intlLocale: string): MessageFiller {
  const sourceText = () => source;
  let format: IntlMessageFormat;
  try {
    // The locale's shared formatters (./icu-formatters.ts), not a memoised cache per message.
    format = new IntlMessageFormat(source, intlLocale, undefined, { ignoreTag: true, formatters: localeFormatters(intlLocale) });
  } catch {
    return sourceText;
  }
  const ast = format.getAst();
  // Text alone (most of the catalog): the same text whatever the parameters, worked out once.
  if (textOnly(ast)) {
    const text = filler(format, intlLocale, source)({});
    return () => text;
  }
  const dates = datesIn(ast);
  const plain = dates.size === 0 ? format : new IntlMessageFormat(withPlainDates(ast), intlLocale, undefined, { formatters: localeFormatters(intlLocale) });
  const filled = filler(plain, intlLocale, source);
  if (dates.size === 0) return filled;
  return (params) => {
    const values = { ...params };
    for (const name of dates) {
      const value = values[name];
      if (typeof value === 'string') values[name] = dayText(intlLocale, value);
    }
    return filled(values);
  };
}

/** The message's own functions (./compiled-message.ts) where it has them, the library where they cannot tell. */
function filler(format: IntlMessageFormat, intlLocale: string, source: string): MessageFiller {
  const library: MessageFiller = (values) => {
    try {
      const out = format.format<string>(values);
      return typeof out === 'string' ? out : String(out);
    } catch {
      return source;
    }
  };
  const compiledFill = compileMessage(format.getAst(), intlLocale, localeFormatters(intlLocale));
  if (compiledFill === null) return library;
  return (values) => {
    try {
      return compiledFill(values);
    } catch {
      // A missing value or an unexpected kind of value: the library's own answer (its text, or the source).
      return library(values);
    }
  };
}

/**
 * The parameters an ICU message declares dates, `{name, date}` (in plural and select branches too).
 *
 * @example
 * datePlaceholders('Renews {renewal, date} ({days, plural, one {# day} other {# days}})') // Set { 'renewal' }
 */
export function datePlaceholders(source: string): ReadonlySet<string> {
  return datesIn(parsed(source));
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar day (`YYYY-MM-DD`) in a locale's medium date style: the same day in every time zone
 * (UTC), in the Gregorian calendar in every locale (Thai included: CRM dates, ISO days in the CLI
 * and HubSpot's own date fields are Gregorian, so one screen never mixes 2569 and 2026). A text
 * that is not a day is returned as it is.
 *
 * @example
 * dayText('en-GB', '2027-01-15') // '15 Jan 2027'
 * dayText('en-GB', '—') // '—'
 */
export function dayText(intlLocale: string, isoDay: string): string {
  const day = new Date(`${isoDay}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return isoDay;
  let format = dayFormats.get(intlLocale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeZone: 'UTC', calendar: 'gregory' });
    dayFormats.set(intlLocale, format);
  }
  return format.format(day);
}

/** Each placeholder, in plural and select branches and tags too, passed through `change`. */
function mapPlaceholders(elements: readonly Element[], change: (element: Element) => Element): Element[] {
  return elements.map((element) => {
    if ('options' in element) {
      const options = Object.fromEntries(Object.entries(element.options).map(([key, option]) => [key, { ...option, value: mapPlaceholders(option.value, change) }]));
      return change({ ...element, options });
    }
    if ('children' in element) return change({ ...element, children: mapPlaceholders(element.children, change) });
    return change(element);
  });
}

function withPlainDates(ast: readonly Element[]): Element[] {
  if (plainPlaceholder === undefined) return [...ast];
  const plain = plainPlaceholder;
  return mapPlaceholders(ast, (element) => (element.type === dateType && 'value' in element ? { ...plain, value: element.value } : element));
}

function datesIn(ast: readonly Element[]): Set<string> {
  const dates = new Set<string>();
  mapPlaceholders(ast, (element) => {
    if (element.type === dateType && 'value' in element) dates.add(element.value);
    return element;
  });
  return dates;
}
