import type { I18n } from '../../app/cards/i18n/format.ts';
import type { MessageKey } from '../../app/cards/i18n/messages.ts';
import type { CardLocation } from './worker-globals.ts';

// The preview's own words (its controls, the record page around the card) come from the message
// catalog in the page's language, as the card's do: HubSpot's own names for where a card sits.

const locationKeys: Readonly<Record<CardLocation, MessageKey>> = {
  'crm.record.tab': 'preview.location.recordTab',
  'crm.record.sidebar': 'preview.location.recordSidebar',
  'crm.preview': 'preview.location.recordPreview',
  'helpdesk.sidebar': 'preview.location.helpdeskSidebar',
  pages: 'preview.location.appPage',
};

/** Where HubSpot draws a card, in the reader's language: "Record tab", "レコードのタブ". */
export function locationName(i18n: I18n, location: CardLocation): string {
  return i18n.t(locationKeys[location]);
}

/** Each language by its own name, so a reader finds theirs whatever language the page is in. */
export const localeNames: Readonly<Record<string, string>> = { en: 'English', 'zh-CN': '简体中文', ja: '日本語', pl: 'Polski', th: 'ไทย' };

/** The company's name, or its record id when it has none on record. */
export function companyTitle(i18n: I18n, name: string | undefined, companyId: string): string {
  return name ?? (companyId ? i18n.t('preview.company', { companyId }) : '—');
}
