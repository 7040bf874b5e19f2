import { createI18n } from '../app/cards/i18n/format.ts';
import { loadEveryCatalog } from '../app/cards/i18n/messages.ts';
import type { OnboardingWording } from '../domain/handoff/onboarding-wording.ts';

/**
 * The onboarding tasks' words in the accepting user's language (the card sends its user's
 * locale; English without one): onboarding.* and the card's own handoff field labels, from the
 * message catalog in every language, English included.
 *
 * @example
 * onboardingWording('pl-PL').goLiveSubject('Acme') // => 'Sprawdzenie uruchomienia: Acme'
 */
export function onboardingWording(locale: string | undefined): OnboardingWording {
  // A task is worded in its card user's language, whichever of the five it is.
  loadEveryCatalog();
  const i18n = createI18n(locale, undefined);
  const named = (company: string | null) => ({ named: company === null ? 'no' : 'yes', company: company ?? '' });
  return {
    kickoffSubject: (company) => i18n.t('onboarding.kickoff.subject', named(company)),
    kickoffBody: i18n.t('onboarding.kickoff.body'),
    goLiveSubject: (company) => i18n.t('onboarding.goLive.subject', named(company)),
    goLiveBody: (company, planned) =>
      planned === null ? i18n.t('onboarding.goLive.body', named(company)) : i18n.t('onboarding.goLive.bodyPlanned', { ...named(company), date: planned }),
    fieldLabel: (key) => i18n.t('note.label', { label: i18n.t(`handoff.field.${key}`) }),
    createdBy: i18n.t('onboarding.createdBy'),
  };
}
