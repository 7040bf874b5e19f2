import { glossary as enGlossary, messages as en } from './catalog/en.ts';
import { glossary as jaGlossary, messages as ja } from './catalog/ja.ts';
import { glossary as plGlossary, messages as pl } from './catalog/pl.ts';
import { glossary as thGlossary, messages as th } from './catalog/th.ts';
import { glossary as zhCNGlossary, messages as zhCN } from './catalog/zh-CN.ts';
import type { Catalog, Glossary, MessageKey } from './catalog/types.ts';
import { catalogLocales, type CatalogLocale, type MessageValue } from './catalog-locale.ts';
import { formatSource } from './icu-message.ts';
import { addCatalog } from './loaded-catalogs.ts';

// The message catalog: one file per locale in ./catalog/, ICU message syntax, formatted with
// formatjs' intl-messageformat (plural and select rules from the platform's Intl.PluralRules).
// Every catalog, statically imported: what the card (its bundle has no dynamic import), the
// preview and the backend load, as they answer each user in that user's language. The command
// line loads only its reader's catalog (./loaded-catalogs.ts, src/cli/locale.ts).

export type { Catalog, Glossary, GlossaryEntry, GlossaryTerm, MessageKey } from './catalog/types.ts';

export const catalogs = { en, 'zh-CN': zhCN, ja, pl, th } as const satisfies Record<CatalogLocale, Catalog>;
export type { CatalogLocale } from './catalog-locale.ts';

export const glossaries: Readonly<Record<CatalogLocale, Glossary>> = { en: enGlossary, 'zh-CN': zhCNGlossary, ja: jaGlossary, pl: plGlossary, th: thGlossary };

export type { MessageValue } from './catalog-locale.ts';

export { isMessageKey } from './loaded-catalogs.ts';

/** Makes all five catalogs available to ./format.ts's createI18n: every user's language. */
export function loadEveryCatalog(): void {
  for (const locale of catalogLocales) addCatalog(locale, catalogs[locale]);
}

/**
 * One catalog message filled in for a locale (`intlLocale` is the Intl tag the plural rules
 * use, e.g. `pl-PL`). A message that fails to parse or format shows its source text rather
 * than breaking the card.
 *
 * @example
 * formatMessage('pl', 'pl-PL', 'nps.lowSample.body', { count: 2 }) // 'Tylko 2 odpowiedzi: …'
 */
export function formatMessage(locale: CatalogLocale, intlLocale: string, key: MessageKey, params: Readonly<Record<string, MessageValue>> = {}): string {
  return formatSource(catalogs[locale][key], intlLocale, params, `${intlLocale}\u0000${locale}\u0000${key}`);
}
