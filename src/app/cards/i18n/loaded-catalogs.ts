import { messages as en } from './catalog/en.ts';
import type { Catalog, MessageKey } from './catalog/types.ts';
import type { CatalogLocale } from './catalog-locale.ts';

// The catalogs this process formats with (./format.ts reads them here). English is always
// loaded: it is the reference every key is checked against, the English text an error carries
// (./message-error.ts) and the domain's labels. The card, the preview and the backend answer
// each user in that user's language and add the other four at once (./messages.ts
// loadEveryCatalog, static imports: the card's bundle has no dynamic import); the command line
// speaks one language and adds only its catalog (src/cli/locale.ts), so `cs-card … --locale th`
// loads en.ts and th.ts, not the other three. There is no fallback: every catalog has every key
// (./catalog/types.ts), and one that was never added is a mistake, refused where an I18n is made.

const loaded = new Map<CatalogLocale, Catalog>([['en', en]]);

/** Makes a locale's catalog available to ./format.ts (adding it again changes nothing). */
export function addCatalog(locale: CatalogLocale, catalog: Catalog): void {
  loaded.set(locale, catalog);
}

export function isCatalogLoaded(locale: CatalogLocale): boolean {
  return loaded.has(locale);
}

/** A locale's catalog; throws when it was never added (a caller forgot to load it). */
export function loadedCatalog(locale: CatalogLocale): Catalog {
  const catalog = loaded.get(locale);
  if (catalog === undefined) throw new Error(`the ${locale} message catalog is not loaded: add it first (messages.ts loadEveryCatalog, or src/cli/locale.ts)`);
  return catalog;
}

/** Whether a code from outside (the backend's `Message.code`) names a catalog message. */
export function isMessageKey(code: string): code is MessageKey {
  return Object.hasOwn(en, code);
}
