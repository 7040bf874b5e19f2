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
  return remembered(byLocale, intlLocale, () => formattersFor(intlLocale));
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
      return remembered(numbers, options, () => new Intl.NumberFormat(locale, options));
    },
    getDateTimeFormat: (locales, options) => {
      if (locales !== locale || options === undefined) return new Intl.DateTimeFormat(locales, options);
      return remembered(dates, options, () => new Intl.DateTimeFormat(locale, options));
    },
    getPluralRules: (locales, options) => {
      if (locales !== locale || !onlyType(options)) return new Intl.PluralRules(locales, options);
      const type = options?.type;
      return remembered(plurals, type, () => new Intl.PluralRules(locale, type === undefined ? undefined : { type }));
    },
  };
}

/** The value kept under `key`, made and kept the first time it is asked for. */
function remembered<K, V>(cache: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/** Whether plural rules' options are at most a type (what intl-messageformat passes: `{ type }`). */
function onlyType(options: Intl.PluralRulesOptions | undefined): boolean {
  for (const name in options) if (name !== 'type') return false;
  return true;
}
