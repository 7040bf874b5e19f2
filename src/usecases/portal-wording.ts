import { createI18n } from '../app/cards/i18n/format.ts';
import { isMessageKey } from '../app/cards/i18n/loaded-catalogs.ts';
import { portalLanguages, type CsConfig, type PortalLanguage } from '../config/schema.ts';
import { explanationText } from '../domain/health/factor.ts';
import type { ManagerListKey } from '../domain/portfolio/manager-lists.ts';
import type { WrittenWording } from '../domain/sync/written-values.ts';
import { escapeHtml } from '../domain/handoff/note-html.ts';
import type { NoteWording } from '../domain/handoff/note-wording.ts';
import type { OptionSet, PropertyWords } from '../domain/properties.ts';
import type { HandoffFieldKey } from '../domain/handoff/handoff.ts';

// The words the app writes into HubSpot for the whole portal (config `portalLanguage`), from the
// message catalog, the one home of these words in every language, English included: what a CS
// team filters views by and reads in its own language, the card's own words. Setup names the
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
  const i18n = createI18n(language, timeZone);
  return {
    driver: (factor) => {
      const labelKey = `factor.${factor.key}`;
      const explanation = factor.explanationMessage;
      return i18n.t('written.driver', {
        factor: isMessageKey(labelKey) ? i18n.t(labelKey) : factor.label,
        score: factor.score,
        // A factor without a catalog message (none should be) keeps the domain's explanation; it is
        // worded only then, not for every driver a sync writes.
        explanation: explanation !== undefined && isMessageKey(explanation.code) ? i18n.t(explanation.code, explanation.params) : explanationText(factor.explanation),
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
 * The property group's, the properties' and their options' labels and the properties'
 * descriptions in the portal's language (the card's own words for bands, lifecycle stages, churn
 * reasons and handoff fields).
 *
 * @example
 * propertyWords('pl').label('healthScore') // => 'Wynik kondycji'
 * propertyWords('en').option('lifecycle', 'active') // => 'Active customer'
 */
export function propertyWords(language: PortalLanguage): PropertyWords {
  const i18n = createI18n(language, 'UTC');
  // A card's form field is named as the card names it; a field the configuration adds keeps its label as typed.
  const fieldLabel = (field: HandoffFieldKey | null, label: string) => (field === null ? label : i18n.t(`handoff.field.${field}`));
  return {
    groupLabel: i18n.t('property.group'),
    label: (key) => i18n.t(`property.label.${key}`),
    option: (set, value) => {
      const key = optionKey(set, value);
      // Every option the domain defines has its catalog label (a test checks each language).
      return isMessageKey(key) ? i18n.t(key) : value;
    },
    description: (key) => i18n.t(`property.description.${key}`),
    handoffField: (field, label) => i18n.t('property.handoffField', { label: fieldLabel(field, label) }),
    handoffFieldDescription: (field, label, contactId) => i18n.t(contactId ? 'property.description.handoffContact' : 'property.description.handoffField', { label: fieldLabel(field, label) }),
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
