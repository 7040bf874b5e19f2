import type { Catalog, Glossary } from '../app/cards/i18n/catalog/types.ts';
import type { CatalogLocale } from '../app/cards/i18n/catalog-locale.ts';

// One language's catalog module, imported only when the command line has words to show in it
// (help and usage errors: ./command-words.ts; a command's output and errors: ./locale.ts). The
// command line speaks one language, so it never loads the other catalogs (the card, which
// answers every user, imports all five statically: src/app/cards/i18n/messages.ts).

/** A catalog file: its messages, its glossary and (Thai) the loanwords a word segmenter cuts. */
export interface CatalogModule {
  readonly messages: Catalog;
  readonly glossary: Glossary;
  readonly loanwords?: readonly string[];
}

const loaders: Readonly<Record<CatalogLocale, () => Promise<CatalogModule>>> = {
  en: () => import('../app/cards/i18n/catalog/en.ts'),
  'zh-CN': () => import('../app/cards/i18n/catalog/zh-CN.ts'),
  ja: () => import('../app/cards/i18n/catalog/ja.ts'),
  pl: () => import('../app/cards/i18n/catalog/pl.ts'),
  th: () => import('../app/cards/i18n/catalog/th.ts'),
};

/** Imports one language's catalog file. */
export function catalogModule(locale: CatalogLocale): Promise<CatalogModule> {
  return loaders[locale]();
}
