import { createI18n } from '../app/cards/i18n/format.ts';
import { isMessageKey } from '../app/cards/i18n/loaded-catalogs.ts';
import { portalLanguages, type CsConfig, type PortalLanguage } from '../config/schema.ts';
import { explanationText } from '../domain/health/factor.ts';
import { englishListName, type ManagerListKey } from '../domain/portfolio/manager-lists.ts';
import { englishWording, type WrittenWording } from '../domain/sync/written-values.ts';
import { escapeHtml } from '../domain/handoff/note-html.ts';
import { englishNotes, type NoteWording } from '../domain/handoff/note-wording.ts';
import { englishPropertyWords, type OptionSet, type PropertyWords } from '../domain/properties.ts';

// The words the app writes into HubSpot for the whole portal (config `portalLanguage`), from the
// message catalog: what a CS team filters views by and reads in its own language. English keeps
// the domain's own English, byte for byte what the product always wrote. Setup names the
// managers' lists in it too, and the handoff and churn-reason notes are written in it.

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

/**
 * A manager list's names in every catalog language, the portal's own first and each name once:
 * setup finds the lists it made by any of them, so a change of language renames them.
 *
 * @example
 * listNamesInEveryLanguage('atRisk', 'ja')[0] // => 'カスタマーサクセス：解約リスクのある顧客'
 * listNamesInEveryLanguage('atRisk', 'ja').includes('Customer success: at-risk customers') // => true
 */
export function listNamesInEveryLanguage(key: ManagerListKey, language: PortalLanguage): string[] {
  const languages = [language, ...portalLanguages.filter((other) => other !== language)];
  return [...new Set(languages.map((other) => listName(other)(key)))];
}

/**
 * The words of the timeline notes (handoff steps, churn reason) in the portal's language: the
 * card's own words for the handoff fields and churn reasons, the note's own lines from note.*.
 *
 * @example
 * noteWording('pl', 'UTC').lostDeal(null, '7', '2026-11-20') // => 'transakcja 7 (zamknięta 20 lis 2026)'
 */
export function noteWording(language: PortalLanguage, timeZone: string): NoteWording {
  if (language === 'en') return englishNotes;
  const i18n = createI18n(language, timeZone);
  return {
    handoffHeading: (step) => i18n.t('note.handoff.heading', { step }),
    version: (version) => i18n.t('note.version', { version }),
    label: (label) => i18n.t('note.label', { label }),
    fieldLabel: (key) => i18n.t(`handoff.field.${key}`),
    contact: (name, id) => i18n.t('note.contact', { name: name ?? i18n.t('note.contactUnnamed'), id }),
    comment: i18n.t('churn.comment'),
    recordedBy: i18n.t('note.recordedBy'),
    truncated: `<p><strong>${escapeHtml(i18n.t('note.truncated'))}</strong></p>`,
    churnHeading: i18n.t('churn.done'),
    churnReasonLabel: i18n.t('churn.reason'),
    churnReason: (reason) => i18n.t(`churn.reason.${reason}`),
    lostRenewal: i18n.t('note.churn.lostRenewal'),
    lostDeal: (name, id, closed) => {
      const deal = name ?? i18n.t('note.churn.dealId', { id });
      return closed === null ? deal : i18n.t('note.churn.closed', { deal, date: closed });
    },
  };
}

/**
 * The property group's, the properties' and their options' labels in the portal's language (the
 * card's own words for bands, lifecycle stages, churn reasons and handoff fields); descriptions stay English.
 *
 * @example
 * propertyWords('pl').label('healthScore', 'Health score') // => 'Wynik kondycji'
 */
export function propertyWords(language: PortalLanguage): PropertyWords {
  if (language === 'en') return englishPropertyWords;
  const i18n = createI18n(language, 'UTC');
  return {
    groupLabel: i18n.t('property.group'),
    label: (key) => i18n.t(`property.label.${key}`),
    option: (set, value, english) => {
      const key = optionKey(set, value);
      return isMessageKey(key) ? i18n.t(key) : english;
    },
    handoffField: (field, label) => i18n.t('property.handoffField', { label: field === null ? label : i18n.t(`handoff.field.${field}`) }),
  };
}

function optionKey(set: OptionSet, value: string): string {
  switch (set) {
    case 'band':
      return `band.${value}`;
    case 'lifecycle':
      return `lifecycle.${value}`;
    case 'churn':
      return `churn.reason.${value}`;
    case 'handoff':
      return `property.option.handoff.${value}`;
  }
}

/** The wording of a configuration's portal. */
export function portalWording(config: Pick<CsConfig, 'portalLanguage' | 'timeZone'>): WrittenWording {
  return writtenWording(config.portalLanguage, config.timeZone);
}
