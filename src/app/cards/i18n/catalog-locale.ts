// Which catalog a locale reads (./icu-message.ts fills a message in). Loads nothing: the
// command line chooses its language with it at every start (src/cli/locale-choice.ts), and
// loads that language's catalog alone (src/cli/catalog-modules.ts) when it has words to show.

/** The locales the catalog has (one file each in ./catalog/): the card's, the command line's and the portal's languages. */
export const catalogLocales = ['en', 'zh-CN', 'ja', 'pl', 'th'] as const;
export type CatalogLocale = (typeof catalogLocales)[number];

/** A value an ICU argument takes: numbers stay numbers so plural rules can see them. */
export type MessageValue = string | number;

/**
 * The catalog for a locale: by language, English when there is none for it.
 *
 * @example
 * catalogLocale('pl-PL') // 'pl'
 * catalogLocale('pt-BR') // 'en'
 */
export function catalogLocale(locale: string): CatalogLocale {
  const language = locale.toLowerCase().split('-')[0];
  switch (language) {
    case 'zh':
      return 'zh-CN';
    case 'ja':
    case 'pl':
    case 'th':
      return language;
    default:
      return 'en';
  }
}
