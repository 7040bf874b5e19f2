import type { I18n } from '../../app/cards/i18n/format.ts';
import { syncedHealth, type SyncedHealth } from '../../domain/portfolio/company-picker.ts';
import { dayZone, isTimeZone } from '../../domain/parsing/index.ts';
import type { PickerCompany } from './page-config.ts';

// The picker's and the record summary's words for a company's health. The picker lists the
// health sync last wrote (cs_health_*), while the card beside it computes health live from the
// records: so every figure here says it is the synced one and how old it is, or that sync never
// wrote it. Words from the catalog in the card's language, days in the portal's time zone.

/** The company's synced health seen from `nowMs` in the portal's time zone (i18n's). */
export function healthOf(company: PickerCompany, i18n: I18n, nowMs: number): SyncedHealth {
  return syncedHealth(company, dayZone(isTimeZone(i18n.timeZone) ? i18n.timeZone : 'UTC'), nowMs);
}

function scoreText(score: number | null, i18n: I18n): string {
  return score === null ? '—' : i18n.number(score);
}

/** One option of the company picker: "Acme · 41 · At risk · synced 3 days ago", or "Acme · health not synced yet". */
export function pickerOption(company: PickerCompany, i18n: I18n, nowMs: number): string {
  const health = healthOf(company, i18n, nowMs);
  if (health.kind === 'notSynced') return i18n.t('preview.picker.notSynced', { name: company.name });
  return i18n.t('preview.picker.synced', { name: company.name, score: scoreText(health.score, i18n), band: i18n.t(`band.${health.band}`), days: health.daysAgo ?? -1 });
}

/** The record summary's health lines: the synced score and band, and when sync wrote them (in the portal's time zone). */
export function summaryHealth(company: PickerCompany, i18n: I18n, nowMs: number): { readonly health: string; readonly syncedAt: string } {
  const health = healthOf(company, i18n, nowMs);
  if (health.kind === 'notSynced') return { health: i18n.t('preview.summary.notSynced'), syncedAt: i18n.t('preview.summary.notSynced') };
  return {
    health: i18n.t('preview.summary.healthValue', { score: scoreText(health.score, i18n), band: i18n.t(`band.${health.band}`) }),
    syncedAt: health.writtenAt === null ? '—' : i18n.dateTime(health.writtenAt),
  };
}
