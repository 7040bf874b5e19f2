import type { Formatters } from 'intl-messageformat';

// The Intl formatters every compiled message of one locale shares (intl-messageformat's
// documented `formatters` option). Its own default builds a cache per message whose getters
// JSON.stringify their arguments on every call (fast-memoize): a plural with `#` paid that twice
// per placeholder, about a fifth of a sync's write-back time in a profile. Here the cache keys
// are what intl-messageformat passes, read from its formatToParts: the locale the message was
// compiled with, and for number and date formats the style object of the placeholder (from the
// parsed message or the message's merged formats, the same object on every call) or none; for
// plural rules the plural type. A locale or style never seen here is still honoured: it gets
// its own formatter (cached by the style object, which lives as long as its message does).

const byLocale = new Map<string, Formatters>();

/** The shared formatters of a locale (`intlLocale`, exactly as the messages are compiled with it). */
export function localeFormatters(intlLocale: string): Formatters {
  let formatters = byLocale.get(intlLocale);
  if (formatters === undefined) {
    formatters = formattersFor(intlLocale);
    byLocale.set(intlLocale, formatters);
  }
  return formatters;
}

function formattersFor(locale: string): Formatters {
  const plainNumber = new Intl.NumberFormat(locale);
  const numbers = new WeakMap<object, Intl.NumberFormat>();
  const dates = new WeakMap<object, Intl.DateTimeFormat>();
  const plurals = new Map<Intl.PluralRuleType | undefined, Intl.PluralRules>();
  return {
    getNumberFormat: (locales, formatjsOptions) => {
      // formatjs' own type of the options (a newer edition's, e.g. trailingZeroDisplay 'stripToMinimum'): what its default passes to Intl too.
      const options = formatjsOptions as Intl.NumberFormatOptions | undefined;
      if (locales !== locale) return new Intl.NumberFormat(locales, options);
      if (options === undefined) return plainNumber;
      let format = numbers.get(options);
      if (format === undefined) {
        format = new Intl.NumberFormat(locale, options);
        numbers.set(options, format);
      }
      return format;
    },
    getDateTimeFormat: (locales, options) => {
      if (locales !== locale || options === undefined) return new Intl.DateTimeFormat(locales, options);
      let format = dates.get(options);
      if (format === undefined) {
        format = new Intl.DateTimeFormat(locale, options);
        dates.set(options, format);
      }
      return format;
    },
    getPluralRules: (locales, options) => {
      if (locales !== locale || !onlyType(options)) return new Intl.PluralRules(locales, options);
      const type = options?.type;
      let rules = plurals.get(type);
      if (rules === undefined) {
        rules = new Intl.PluralRules(locale, type === undefined ? undefined : { type });
        plurals.set(type, rules);
      }
      return rules;
    },
  };
}

/** Whether plural rules' options are at most a type (what intl-messageformat passes: `{ type }`). */
function onlyType(options: Intl.PluralRulesOptions | undefined): boolean {
  for (const name in options) if (name !== 'type') return false;
  return true;
}
