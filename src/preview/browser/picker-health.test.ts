import { describe, expect, it } from 'vitest';
import { createI18n } from '../../app/cards/i18n/format.ts';
import { catalogs, loadEveryCatalog } from '../../app/cards/i18n/messages.ts';
import { portfolioCompany } from '../../domain/portfolio/company-picker.ts';
import type { PickerCompany } from './page-config.ts';
import { pickerOption, summaryHealth } from './picker-health.ts';

// Formats in several languages: every catalog, as the card and the backend load them.
loadEveryCatalog();

// The picker lists the health sync last wrote while the card beside it computes health live:
// the two may differ, so every figure the picker shows says it is the synced one and how old it
// is, and a company sync never wrote says so instead of showing "unknown".

const now = Date.parse('2026-12-07T09:00:00Z');
const en = createI18n('en', 'UTC');

function company(properties: Record<string, string>): PickerCompany {
  return portfolioCompany({ id: '101', properties: { name: 'Acme', ...properties } });
}

const written = company({ cs_health_score: '41', cs_health_band: 'at_risk', cs_health_updated_at: '2026-12-04T02:00:00Z' });
const never = company({});

describe('the company picker\'s options', () => {
  it('label the score and band as synced, with how many days ago', () => {
    expect(pickerOption(written, en, now)).toBe('Acme · 41 · At risk · synced 3 days ago');
    expect(pickerOption(company({ cs_health_band: 'healthy', cs_health_score: '80', cs_health_updated_at: '2026-12-07T01:00:00Z' }), en, now)).toBe('Acme · 80 · Healthy · synced today');
    expect(pickerOption(company({ cs_health_band: 'attention', cs_health_score: '60', cs_health_updated_at: '2026-12-06T01:00:00Z' }), en, now)).toBe('Acme · 60 · Needs attention · synced yesterday');
  });

  it('say a company sync never wrote is not synced yet, with no band or score', () => {
    expect(pickerOption(never, en, now)).toBe('Acme · health not synced yet');
  });

  it('say when a band was written without a readable time', () => {
    expect(pickerOption(company({ cs_health_band: 'healthy' }), en, now)).toBe('Acme · — · Healthy · synced, date unknown');
  });

  it('count days in the portal\'s time zone', () => {
    const lateUtc = company({ cs_health_band: 'healthy', cs_health_score: '80', cs_health_updated_at: '2026-12-06T23:30:00Z' });
    expect(pickerOption(lateUtc, createI18n('en', 'UTC'), Date.parse('2026-12-07T07:00:00Z'))).toContain('synced yesterday');
    expect(pickerOption(lateUtc, createI18n('en', 'America/Los_Angeles'), Date.parse('2026-12-07T07:00:00Z'))).toContain('synced today');
  });

  it('speak the card\'s language in every locale, with the catalog\'s band names', () => {
    expect(pickerOption(written, createI18n('ja', 'Asia/Tokyo'), now)).toBe('Acme・41・リスクあり・3 日前に同期');
    expect(pickerOption(written, createI18n('pl', 'Europe/Warsaw'), now)).toBe('Acme · 41 · Ryzyko odejścia · zsynchronizowano 3 dni temu');
    expect(pickerOption(never, createI18n('zh-CN', 'Asia/Shanghai'), now)).toBe('Acme · 健康度尚未同步');
    for (const locale of ['en', 'zh-CN', 'ja', 'pl', 'th'] as const) {
      const i18n = createI18n(locale, 'UTC');
      expect(pickerOption(written, i18n, now)).toContain(catalogs[locale]['band.at_risk']);
      expect(pickerOption(never, i18n, now)).toBe(catalogs[locale]['preview.picker.notSynced'].replace('{name}', 'Acme'));
      expect(i18n.t('preview.picker.note')).not.toBe('');
    }
  });
});

describe('the record summary beside the card', () => {
  it('shows the synced health and the time sync wrote it, in the portal\'s time zone', () => {
    expect(summaryHealth(written, createI18n('en', 'America/New_York'), now)).toEqual({ health: '41 · At risk', syncedAt: 'Dec 3, 2026, 9:00 PM' });
  });

  it('says not synced yet when sync never wrote the company', () => {
    expect(summaryHealth(never, en, now)).toEqual({ health: 'Not synced yet', syncedAt: 'Not synced yet' });
  });
});
