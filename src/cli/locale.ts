import { createI18n, type I18n } from '../app/cards/i18n/format.ts';
import { catalogs } from '../app/cards/i18n/messages.ts';
import { catalogText } from '../app/cards/i18n/message-error.ts';
import { UsageError } from './errors.ts';
import { environmentLocale, flagLocale, readerLocale } from './locale-choice.ts';

// The language of the command line's texts (chosen in ./locale-choice.ts): words come from the
// message catalog, as the card's do; numbers and dates in that locale's formats.

const supported = Object.keys(catalogs).join(', ');

/**
 * The command's locale tag. An explicit --locale must name one of the catalogs' languages;
 * an environment variable that names another language falls back to English.
 *
 * @example
 * cliLocale(undefined, { LANG: 'pl_PL.UTF-8' }) // 'pl-PL'
 * cliLocale('ja', {}) // 'ja'
 */
export function cliLocale(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag === undefined) return environmentLocale(env);
  const tag = flagLocale(flag);
  if (tag === null) throw new UsageError(catalogText('cli.error.locale', { value: flag, supported }));
  return tag;
}

/** The catalog's words for a command, with dates and numbers as its locale writes them. */
export function cliI18n(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): I18n {
  return createI18n(cliLocale(flag, env), 'UTC');
}

/**
 * The language a command's error is told in: its --locale when that names a catalog language,
 * else the environment's (so even a bad --locale is refused in the terminal's language).
 *
 * @example
 * errorI18n(['sync', '--locale', 'ja'], {}).catalog // 'ja'
 */
export function errorI18n(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): I18n {
  return createI18n(readerLocale(argv, env), 'UTC');
}
