import { glossary as enGlossary, messages as en } from './catalog/en.ts';
import { glossary as jaGlossary, messages as ja } from './catalog/ja.ts';
import { glossary as plGlossary, messages as pl } from './catalog/pl.ts';
import { glossary as thGlossary, messages as th } from './catalog/th.ts';
import { glossary as zhCNGlossary, messages as zhCN } from './catalog/zh-CN.ts';
import type { Catalog, Glossary, MessageKey } from './catalog/types.ts';
import type { MessageValue } from './catalog-locale.ts';
import { formatSource } from './icu-message.ts';

// The message catalog: one file per locale in ./catalog/, ICU message syntax, formatted with
// formatjs' intl-messageformat (plural and select rules from the platform's Intl.PluralRules).
// The card, the backend (task titles and bodies, notes) and the CLI all format through here.

export type { Catalog, Glossary, GlossaryEntry, GlossaryTerm, MessageKey } from './catalog/types.ts';

export const catalogs = { en, 'zh-CN': zhCN, ja, pl, th } as const satisfies Record<string, Catalog>;
export type CatalogLocale = keyof typeof catalogs;

export const glossaries: Readonly<Record<CatalogLocale, Glossary>> = { en: enGlossary, 'zh-CN': zhCNGlossary, ja: jaGlossary, pl: plGlossary, th: thGlossary };

export type { MessageValue } from './catalog-locale.ts';

/** Whether a code from outside (the backend's `Message.code`) names a catalog message. */
export function isMessageKey(code: string): code is MessageKey {
  return Object.hasOwn(en, code);
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
