import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageValue } from './catalog-locale.ts';

// How a catalog message is filled in (ICU via intl-messageformat). messages.ts formats every
// locale's messages through formatSource; the command line's help and commander's errors
// (src/cli/command-words.ts) format the one catalog of the reader's language with it, without
// loading the other four.

const compiled = new Map<string, IntlMessageFormat>();

/**
 * An ICU message (`source`) filled in for a locale; `cacheKey` names it for reuse. A message
 * that fails to parse or format shows its source text rather than breaking what shows it.
 *
 * @example
 * formatSource('{count, plural, one {# day} other {# days}}', 'en', { count: 2 }, 'x') // '2 days'
 */
export function formatSource(source: string, intlLocale: string, params: Readonly<Record<string, MessageValue>>, cacheKey: string): string {
  let format = compiled.get(cacheKey);
  try {
    if (format === undefined) {
      format = new IntlMessageFormat(source, intlLocale, undefined, { ignoreTag: true });
      compiled.set(cacheKey, format);
    }
    const out = format.format<string>(params);
    return typeof out === 'string' ? out : String(out);
  } catch {
    return source;
  }
}
