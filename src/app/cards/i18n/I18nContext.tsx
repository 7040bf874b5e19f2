import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import { createI18n } from './format.ts';
import type { I18n } from './format.ts';
import { loadEveryCatalog } from './messages.ts';

// The card (and the portfolio page, the preview) shows each user's language: all five catalogs.
loadEveryCatalog();

const I18nContext = createContext<I18n>(createI18n(undefined, undefined));

export function I18nProvider({ locale, timeZone, children }: { locale?: string; timeZone?: string; children: ReactNode }) {
  const i18n = useMemo(() => createI18n(locale, timeZone), [locale, timeZone]);
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
