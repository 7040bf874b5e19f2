import { catalogLocale, createI18n, type I18n } from '../app/cards/i18n/format.ts';
import { catalogs } from '../app/cards/i18n/messages.ts';
import { catalogText } from '../app/cards/i18n/message-error.ts';
import { UsageError } from './errors.ts';

// The language of the command line's texts: --locale, else CS_CARD_LOCALE, else the terminal's
// (LC_ALL, LC_MESSAGES, LANG as POSIX writes them: pl_PL.UTF-8), else English. Words come from
// the message catalog, as the card's do; numbers and dates in that locale's formats.

const supported = Object.keys(catalogs).join(', ');

/** A POSIX locale (pl_PL.UTF-8, ja_JP, C) as a BCP 47 tag, or null when it names no language. */
function fromPosix(raw: string | undefined): string | null {
  const value = raw?.trim().replace(/[.@].*$/, '').replace(/_/g, '-');
  if (!value || value === 'C' || value === 'POSIX') return null;
  try {
    return Intl.getCanonicalLocales(value)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The command's locale tag. An explicit --locale must name one of the catalogs' languages;
 * an environment variable that names another language falls back to English.
 *
 * @example
 * cliLocale(undefined, { LANG: 'pl_PL.UTF-8' }) // 'pl-PL'
 * cliLocale('ja', {}) // 'ja'
 */
export function cliLocale(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag !== undefined) {
    const tag = fromPosix(flag);
    const language = tag?.toLowerCase().split('-')[0];
    if (tag === null || language === undefined || catalogLocale(tag) === 'en' && language !== 'en') {
      throw new UsageError(catalogText('cli.error.locale', { value: flag, supported }));
    }
    return tag;
  }
  for (const name of ['CS_CARD_LOCALE', 'LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const tag = fromPosix(env[name]);
    if (tag !== null) return tag;
  }
  return 'en';
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
  const at = argv.findIndex((arg) => arg === '--locale' || arg.startsWith('--locale='));
  const flag = at < 0 ? undefined : argv[at]?.startsWith('--locale=') ? argv[at]?.slice('--locale='.length) : argv[at + 1];
  try {
    return cliI18n(flag, env);
  } catch {
    return cliI18n(undefined, env);
  }
}
