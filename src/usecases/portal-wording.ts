import { createI18n } from '../app/cards/i18n/format.ts';
import { isMessageKey } from '../app/cards/i18n/messages.ts';
import type { CsConfig, PortalLanguage } from '../config/schema.ts';
import { explanationText } from '../domain/health/factor.ts';
import { englishListName, type ManagerListKey } from '../domain/portfolio/manager-lists.ts';
import { englishWording, type WrittenWording } from '../domain/sync/written-values.ts';

// The words the app writes into HubSpot for the whole portal (config `portalLanguage`), from the
// message catalog: what a CS team filters views by and reads in its own language. English keeps
// the domain's own English, byte for byte what the product always wrote. Setup names the
// managers' lists in it too.

/**
 * How a sync words cs_health_drivers and cs_next_action in the portal's language: each factor's
 * catalog name and `explanationMessage`, each action's `titleMessage` (the card's words for
 * them), dates in the portal's time zone.
 *
 * @example
 * writtenWording('pl', 'Europe/Warsaw').nextAction({ title: 'Hold the renewal call', titleMessage: { code: 'action.renewal-call.title', params: {} } })
 * // => 'Przeprowadź rozmowę o odnowieniu'
 */
export function writtenWording(language: PortalLanguage, timeZone: string): WrittenWording {
  if (language === 'en') return englishWording;
  const i18n = createI18n(language, timeZone);
  return {
    driver: (factor) => {
      const labelKey = `factor.${factor.key}`;
      return i18n.t('written.driver', {
        factor: isMessageKey(labelKey) ? i18n.t(labelKey) : factor.label,
        score: factor.score,
        // A code this catalog does not know (none should be) falls back to the English.
        explanation: factor.explanationMessage ? i18n.message(factor.explanationMessage, explanationText(factor.explanation)) : explanationText(factor.explanation),
      });
    },
    driverSeparator: i18n.t('list.clauseSeparator'),
    nextAction: (action) => (action.titleMessage ? i18n.message(action.titleMessage, action.title) : action.title),
  };
}

/**
 * The names of the manager lists in the portal's language.
 *
 * @example
 * listName('pl')('atRisk') // => 'Customer success: klienci z ryzykiem odejścia'
 */
export function listName(language: PortalLanguage): (key: ManagerListKey) => string {
  if (language === 'en') return englishListName;
  const i18n = createI18n(language, 'UTC');
  return (key) => i18n.t(`setup.list.${key}`);
}

/** The wording of a configuration's portal. */
export function portalWording(config: Pick<CsConfig, 'portalLanguage' | 'timeZone'>): WrittenWording {
  return writtenWording(config.portalLanguage, config.timeZone);
}
