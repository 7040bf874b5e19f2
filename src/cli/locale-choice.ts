import { catalogLocale } from '../app/cards/i18n/catalog-locale.ts';

// Which language the command line speaks: --locale, else CS_CARD_LOCALE, else the terminal's
// (LC_ALL, LC_MESSAGES, LANG as POSIX writes them: pl_PL.UTF-8), else English. The choice alone,
// without the catalogs: `cs-card --help` makes it before anything else is loaded (./locale.ts
// turns it into the catalog's words and a bad --locale into a usage error).

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
 * The tag a --locale value names, or null when it names no language of the catalogs.
 *
 * @example
 * flagLocale('pl_PL') // 'pl-PL'
 * flagLocale('fr') // null
 */
export function flagLocale(flag: string): string | null {
  const tag = fromPosix(flag);
  const language = tag?.toLowerCase().split('-')[0];
  if (tag === null || language === undefined || catalogLocale(tag) === 'en' && language !== 'en') return null;
  return tag;
}

/**
 * The environment's language: CS_CARD_LOCALE, LC_ALL, LC_MESSAGES, LANG, else English. One that
 * names another language than the catalogs' is kept (English words, its number formats).
 *
 * @example
 * environmentLocale({ LANG: 'pl_PL.UTF-8' }) // 'pl-PL'
 */
export function environmentLocale(env: NodeJS.ProcessEnv): string {
  for (const name of ['CS_CARD_LOCALE', 'LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const tag = fromPosix(env[name]);
    if (tag !== null) return tag;
  }
  return 'en';
}

/** The value of --locale on a command line (`--locale ja` or `--locale=ja`), if given. */
export function localeFlag(argv: readonly string[]): string | undefined {
  const at = argv.findIndex((arg) => arg === '--locale' || arg.startsWith('--locale='));
  if (at < 0) return undefined;
  return argv[at]?.startsWith('--locale=') ? argv[at]?.slice('--locale='.length) : argv[at + 1];
}

/**
 * The language a command line is answered in before (or without) parsing it: its --locale when
 * that names a catalog language, else the environment's (so even a bad --locale is refused in
 * the terminal's language). Help, commander's errors and the command's errors all use it.
 *
 * @example
 * readerLocale(['sync', '--locale', 'ja'], {}) // 'ja'
 * readerLocale(['sync', '--locale', 'xx'], { LANG: 'pl_PL.UTF-8' }) // 'pl-PL'
 */
export function readerLocale(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  const flag = localeFlag(argv);
  return (flag === undefined ? null : flagLocale(flag)) ?? environmentLocale(env);
}
