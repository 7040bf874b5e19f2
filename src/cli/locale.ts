import { catalogLocale, catalogLocales, type CatalogLocale } from '../app/cards/i18n/catalog-locale.ts';
import { createI18n, type I18n } from '../app/cards/i18n/format.ts';
import { addCatalog, isCatalogLoaded } from '../app/cards/i18n/loaded-catalogs.ts';
import { catalogText } from '../app/cards/i18n/message-error.ts';
import { catalogModule } from './catalog-modules.ts';
import { UsageError } from './errors.ts';
import { environmentLocale, flagLocale, readerLocale } from './locale-choice.ts';

// The language of the command line's texts (chosen in ./locale-choice.ts): words come from the
// message catalog, as the card's do; numbers and dates in that locale's formats. Only that
// language's catalog is loaded (with English, which errors and the domain's labels always carry).

const supported = catalogLocales.join(', ');

/**
 * Loads one language's catalog for ./format.ts's createI18n: the reader's (below), or the
 * portal's language that sync and setup write in (./configuration.ts).
 */
export async function loadCatalog(catalog: CatalogLocale): Promise<void> {
  if (!isCatalogLoaded(catalog)) addCatalog(catalog, (await catalogModule(catalog)).messages);
}

/** The I18n of a locale, its catalog loaded first. */
async function loadedI18n(locale: string): Promise<I18n> {
  await loadCatalog(catalogLocale(locale));
  return createI18n(locale, 'UTC');
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
  if (flag === undefined) return environmentLocale(env);
  const tag = flagLocale(flag);
  if (tag === null) throw new UsageError(catalogText('cli.error.locale', { value: flag, supported }));
  return tag;
}

/** The catalog's words for a command, with dates and numbers as its locale writes them. */
export async function cliI18n(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<I18n> {
  return loadedI18n(cliLocale(flag, env));
}

/**
 * The language a command's error is told in: its --locale when that names a catalog language,
 * else the environment's (so even a bad --locale is refused in the terminal's language).
 *
 * @example
 * (await errorI18n(['sync', '--locale', 'ja'], {})).catalog // 'ja'
 */
export async function errorI18n(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<I18n> {
  return loadedI18n(readerLocale(argv, env));
}
