import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig, portalLanguages } from '../config/schema.ts';
import type { FactorOutcome } from '../domain/health/health.ts';
import { writebackFor } from '../domain/sync/write-rules.ts';
import { healthDrivers, healthProperties } from '../domain/sync/written-values.ts';
import { at, atRiskCompany } from '../domain/testing/fixtures.ts';
import { managerListKeys } from '../domain/portfolio/manager-lists.ts';
import { planChurnReason } from '../domain/handoff/churn-reason.ts';
import { handoffEffects } from '../domain/handoff/handoff-timeline.ts';
import { maxNoteLength } from '../domain/handoff/note-html.ts';
import { parseIsoDate } from '../domain/parsing/index.ts';
import type { Deal } from '../domain/renewal/deals.ts';
import { messages as en } from '../app/cards/i18n/catalog/en.ts';
import { messages as pl } from '../app/cards/i18n/catalog/pl.ts';
import { loadEveryCatalog } from '../app/cards/i18n/messages.ts';
import { groupFor, productProperties, propertyLabelKeys } from '../domain/properties.ts';
import { onboardingWording } from './onboarding-wording.ts';
import { listName, noteWording, portalWording, propertyWords, writtenWording } from './portal-wording.ts';

// Formats in several languages: every catalog, as the card and the backend load them.
loadEveryCatalog();

// The texts a sync writes into HubSpot in the portal's language (config portalLanguage).

const factors: FactorOutcome[] = [
  {
    key: 'support',
    label: 'Support',
    score: 64,
    weight: 20,
    contribution: 12.8,
    pointsLost: 7.2,
    status: 'ok',
    explanation: '2 tickets open (1 urgent), oldest 19 days',
    explanationMessage: { code: 'factor.support.open', params: { total: 2, urgent: 1, high: 0, oldest: 19 } },
  },
  {
    key: 'renewal',
    label: 'Renewal',
    score: 40,
    weight: 10,
    contribution: 4,
    pointsLost: 6,
    status: 'ok',
    explanation: 'Renews in 38 days (2027-01-14); no renewal deal yet',
    explanationMessage: { code: 'factor.renewal.progress', params: { days: 38, date: '2027-01-14', progress: 'none' } },
  },
];

const renewalCall = { title: 'Hold the renewal call', titleMessage: { code: 'action.renewal-call.title', params: {} } };

describe('the health drivers and next action in the portal\'s language', () => {
  it('writes English from the en catalog: the card\'s words', () => {
    expect(healthDrivers(factors, writtenWording('en', 'UTC'))).toBe('Support 64/100: 2 tickets open, 1 urgent, oldest 19 days; Renewal 40/100: Renews in 38 days (Jan 14, 2027); no renewal deal yet');
    expect(writtenWording('en', 'UTC').nextAction(renewalCall)).toBe('Hold the renewal call');
  });

  it('writes Polish', () => {
    const polish = writtenWording('pl', 'Europe/Warsaw');
    expect(healthDrivers(factors, polish)).toBe(
      'Wsparcie 64/100: 2 otwarte zgłoszenia, pilne: 1, najstarsze otwarte od 19 dni; Odnowienie 40/100: Odnowienie za 38 dni (14 sty 2027); nie ma jeszcze transakcji odnowienia',
    );
    expect(polish.nextAction(renewalCall)).toBe('Przeprowadź rozmowę o odnowieniu');
  });

  it('writes Japanese', () => {
    const japanese = writtenWording('ja', 'Asia/Tokyo');
    expect(healthDrivers(factors, japanese)).toBe(
      'サポート 64/100：未解決のチケット 2 件、緊急 1 件、最も古いものは 19 日経過 / 契約更新 40/100：38 日後に契約更新（2027/01/14）。契約更新の取引はまだありません',
    );
    expect(japanese.nextAction(renewalCall)).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('writes Simplified Chinese', () => {
    expect(healthDrivers(factors, writtenWording('zh-CN', 'Asia/Shanghai'))).toBe(
      '客户支持 64/100：2 个工单未关闭，其中 1 个紧急，最早的已有 19 天未关闭；续约 40/100：38 天后续约（2027年1月14日）；尚无续约交易',
    );
  });

  it('writes Thai, with Gregorian years', () => {
    expect(healthDrivers(factors, writtenWording('th', 'Asia/Bangkok'))).toBe(
      'ซัพพอร์ต 64/100: มีทิกเก็ตเปิดอยู่ 2 รายการ เร่งด่วน 1 รายการ โดยทิกเก็ตที่เก่าที่สุดเปิดมา 19 วัน; การต่ออายุสัญญา 40/100: ต่ออายุสัญญาในอีก 38 วัน (14 ม.ค. 2027); ยังไม่มีดีลต่ออายุสัญญา',
    );
  });

  it('falls back to the English of a factor or action that carries no catalog message', () => {
    const { explanationMessage: _omitted, ...bare } = factors[0] as FactorOutcome;
    expect(healthDrivers([bare], writtenWording('pl', 'UTC'))).toBe('Wsparcie 64/100: 2 tickets open (1 urgent), oldest 19 days');
    expect(writtenWording('pl', 'UTC').nextAction({ title: 'Call the customer' })).toBe('Call the customer');
  });

  it('takes its language from the configuration', () => {
    expect(portalWording(defaultConfig).nextAction(renewalCall)).toBe('Hold the renewal call');
    expect(portalWording(parseConfig({ portalLanguage: 'pl' })).nextAction(renewalCall)).toBe('Przeprowadź rozmowę o odnowieniu');
  });
});

describe('the write diff in the portal\'s language', () => {
  const sync = (language: (typeof portalLanguages)[number], properties: Record<string, string> = {}) => {
    const company = atRiskCompany();
    const config = parseConfig({ portalLanguage: language });
    return writebackFor({ ...company, company: { ...company.company, properties: { ...company.company.properties, ...properties } } }, config, at, portalWording(config));
  };

  it('writes every language once, then nothing while it stays; English as without a language', () => {
    for (const language of portalLanguages) {
      const first = sync(language);
      if (first.kind !== 'write') throw new Error(`expected a write in ${language}`);
      expect(sync(language, first.properties)).toEqual({ kind: 'unchanged' });
    }
  });

  it('rewrites an English portal\'s drivers once where they changed (a release before ranked a one-answer NPS by its full weight and said only "low sample"), then nothing', () => {
    const current = sync('en');
    if (current.kind !== 'write') throw new Error('expected a write');
    // The NPS of one answer counts for a fifth of its weight: it costs less than engagement and adoption, as on the card.
    expect(current.properties.cs_health_drivers).toMatch(/^Engagement 16\/100: /);
    const written = 'NPS 0/100: NPS -100 from 1 response in the last 180 days: 0 promoters, 0 passives, 1 detractor (low sample); Engagement 16/100: Last touch 70 days ago; 0 of 2 contacts engaged in the last 90 days; Adoption 35/100: 9 of 50 seats active (18%); last product activity 35 days ago';
    const before = { properties: { ...current.properties, cs_health_drivers: written } };
    const once = sync('en', before.properties);
    expect(once.kind === 'write' && Object.keys(once.properties).sort()).toEqual(['cs_health_drivers', 'cs_health_updated_at']);
    expect(sync('en', { ...before.properties, ...(once.kind === 'write' ? once.properties : {}) })).toEqual({ kind: 'unchanged' });
  });

  it('rewrites only the drivers and the next action (and the stamp) when the language changes', () => {
    const english = sync('en');
    if (english.kind !== 'write') throw new Error('expected a write');
    const polish = sync('pl', english.properties);
    expect(polish.kind === 'write' && Object.keys(polish.properties).sort()).toEqual(['cs_health_drivers', 'cs_health_updated_at', 'cs_next_action']);
    expect(polish.kind === 'write' && polish.properties.cs_next_action).toBe('Przejrzyj otwarte zgłoszenia z zespołem wsparcia');
  });

  it('words the same values healthProperties gives for a view', () => {
    const polish = writtenWording('pl', 'UTC');
    const written = healthProperties({ health: { score: 40, band: 'at_risk', trend30d: null, factors }, renewal: { date: null, amount: null, customerSince: null, lifetimeRevenue: null }, nps: { score: null, responses: 0 }, actions: [renewalCall], handoff: { status: 'not_started' }, lifecycle: { stage: 'active', since: null } }, polish);
    expect(written.cs_health_drivers).toBe(healthDrivers(factors, polish));
    expect(written.cs_next_action).toBe('Przeprowadź rozmowę o odnowieniu');
  });
});

describe('the manager lists\' names in the portal\'s language', () => {
  it('are the English names as before in English, and four distinct names in each language', () => {
    expect(managerListKeys.map(listName('en'))).toEqual(['Customer success: at-risk customers', 'Customer success: renewing in 90 days, not healthy', 'Customer success: detractors (company NPS below 0)', 'Customer success: churned in the last 90 days']);
    for (const language of portalLanguages) expect(new Set(managerListKeys.map(listName(language))).size).toBe(4);
    expect(listName('pl')('churned')).toBe('Customer success: klienci, którzy odeszli w ostatnich 90 dniach');
    expect(listName('ja')('atRisk')).toBe('カスタマーサクセス：解約リスクのある顧客');
    expect(listName('zh-CN')('detractors')).toBe('客户成功：贬损者（公司 NPS 低于 0）');
    expect(listName('th')('renewingNotHealthy')).toBe('Customer Success: ลูกค้าที่จะต่ออายุสัญญาภายใน 90 วันแต่สุขภาพไม่ดี');
  });
});

describe('the handoff and churn-reason notes in the portal\'s language', () => {
  const timeline = (language: (typeof portalLanguages)[number], after: Record<string, string> = {}) =>
    handoffEffects(
      'return',
      'submitted',
      { company: {}, companyName: 'Acme', contacts: [{ id: '301', properties: { firstname: 'Ana', lastname: 'Silva' } }], config: defaultConfig.handoff, today: '2026-12-07', notes: noteWording(language, 'UTC'), onboarding: onboardingWording(undefined) },
      3,
      { cs_handoff_goals: 'Go live', cs_handoff_champion_id: '301', cs_handoff_return_comment: 'Add the <budget>', ...after },
    ).note?.body ?? '';
  const churn = (language: (typeof portalLanguages)[number]) => {
    const plan = planChurnReason({ reason: 'budget', comment: 'Too pricey' }, { company: {}, lostDeal: { id: '7', name: null, closeDay: parseIsoDate('2026-11-20') } as Deal, config: defaultConfig.playbooks, now: '2026-12-07T10:00:00Z', notes: noteWording(language, 'UTC') });
    return plan.kind === 'apply' ? plan.note.body : '';
  };

  it('writes English from the en catalog', () => {
    expect(timeline('en')).toContain('<p><strong>Handoff returned to sales</strong> (version 3)</p><p><strong>Comment:</strong> Add the &#60;budget&#62;</p><p><strong>Customer goals:</strong> Go live</p>');
    expect(churn('en')).toBe(
      '<p><strong>Churn reason recorded</strong></p><p><strong>Churn reason:</strong> Budget</p><p><strong>Comment:</strong> Too pricey</p><p><strong>Lost renewal:</strong> deal 7 (closed Nov 20, 2026)</p><p>Recorded by the customer-success card. [cs-card:churn-reason-recorded]</p>',
    );
  });

  it('writes Polish', () => {
    expect(timeline('pl')).toContain('<p><strong>Przekazanie klienta zwrócone do sprzedaży</strong> (wersja 3)</p><p><strong>Komentarz:</strong> Add the &#60;budget&#62;</p><p><strong>Cele klienta:</strong> Go live</p>');
    expect(timeline('pl')).toContain('<p><strong>Champion:</strong> Ana Silva (ID kontaktu 301)</p>');
    expect(churn('pl')).toBe(
      '<p><strong>Zapisano powód odejścia</strong></p><p><strong>Powód odejścia:</strong> Budżet</p><p><strong>Komentarz:</strong> Too pricey</p><p><strong>Utracone odnowienie:</strong> transakcja 7 (zamknięta 20 lis 2026)</p><p>Zapisane przez kartę customer success. [cs-card:churn-reason-recorded]</p>',
    );
  });

  it('writes Japanese and Chinese without a space beside full-width punctuation', () => {
    expect(timeline('ja')).toContain('<p><strong>引き継ぎを営業に差し戻し</strong>（バージョン 3）</p><p><strong>コメント：</strong>Add the &#60;budget&#62;</p>');
    expect(churn('zh-CN')).toContain('<p><strong>续约失败的交易：</strong>交易 7（2026年11月20日关闭）</p>');
    expect(churn('ja')).toMatch(/カスタマーサクセスカードが記録しました。\[cs-card:churn-reason-recorded\]<\/p>$/);
  });

  it('writes Thai', () => {
    expect(churn('th')).toContain('<p><strong>ดีลต่ออายุสัญญาที่ไม่สำเร็จ:</strong> ดีล 7 (ปิดเมื่อ 20 พ.ย. 2026)</p>');
  });

  it('says in the portal\'s language where a note too long for HubSpot was cut, keeping the marker', () => {
    for (const language of portalLanguages) {
      const body = timeline(language, { cs_handoff_risks: 'ทั้ง'.repeat(20_000) });
      expect(body.length).toBeLessThanOrEqual(maxNoteLength);
      expect(body).toContain(noteWording(language, 'UTC').truncated);
      expect(body.endsWith('[cs-card:handoff-return-v3]</p>')).toBe(true);
    }
  });
});

describe('the property group, labels and options setup writes, in the portal\'s language', () => {
  it('are the en catalog\'s in English: the card\'s words for every label and option', () => {
    const english = productProperties(defaultConfig, propertyWords('en'));
    const byName = new Map(english.map((property) => [property.name, property]));
    expect(groupFor(propertyWords('en'))).toEqual({ name: 'customer_success', label: en['property.group'], displayOrder: -1 });
    propertyLabelKeys.forEach((key) => expect(english.some((property) => property.label === en[`property.label.${key}`]), key).toBe(true));
    expect(byName.get('cs_handoff_goals')?.label).toBe('Handoff: Customer goals');
    // The card's words: 'Active customer' (was 'Active'), 'Out of business, merger or acquisition' (was 'Went out of business, …').
    expect(byName.get('cs_lifecycle_stage')?.options.map((option) => option.label)).toEqual(['Prospect', 'Onboarding', 'Active customer', 'Renewing', 'Churned']);
    expect(byName.get('cs_churn_reason')?.options.map((option) => option.label)).toEqual(['Moved to a competitor', 'Value not realised', 'Budget', 'Out of business, merger or acquisition', 'Product gap', 'Other']);
    expect(byName.get('cs_handoff_status')?.options.map((option) => option.label)).toEqual(['Not started', 'Submitted to CS', 'Accepted by CS', 'Returned to sales']);
    propertyLabelKeys.forEach((key) => expect(english.some((property) => property.description === en[`property.description.${key}`]), key).toBe(true));
    expect(byName.get('cs_handoff_goals')?.description).toBe('Sales-to-CS handoff: Customer goals.');
    expect(byName.get('cs_handoff_champion_id')?.description).toBe('Sales-to-CS handoff: Champion (HubSpot contact id).');
  });

  it('give every option a catalog label in each language (never the bare value)', () => {
    for (const language of portalLanguages) {
      for (const property of productProperties(defaultConfig, propertyWords(language))) {
        for (const option of property.options) expect(option.label, `${language} ${property.name} ${option.value}`).not.toBe(option.value);
      }
    }
  });

  it('are Polish with portalLanguage pl: group, labels, handoff fields and every option', () => {
    const polish = productProperties(defaultConfig, propertyWords('pl'));
    const byName = new Map(polish.map((property) => [property.name, property]));
    expect(propertyWords('pl').groupLabel).toBe('Customer success');
    expect(byName.get('cs_health_score')?.label).toBe('Wynik kondycji');
    expect(byName.get('cs_handoff_goals')?.label).toBe('Przekazanie klienta: Cele klienta');
    expect(byName.get('cs_health_band')?.options.map((option) => option.label)).toEqual(['Dobra kondycja', 'Wymaga uwagi', 'Ryzyko odejścia', 'Kondycja nieznana', pl['band.churned']]);
    expect(byName.get('cs_handoff_status')?.options.map((option) => option.label)).toEqual(['Nie rozpoczęto', 'Przekazane do CS', 'Przyjęte przez CS', 'Zwrócone do sprzedaży']);
    expect(byName.get('cs_health_score')?.description).toBe('Kondycja klienta w skali 0–100, z ważonych czynników karty customer success. Puste, gdy danych jest za mało.');
    expect(byName.get('cs_handoff_economic_buyer_id')?.description).toBe('Przekazanie klienta od sprzedaży do CS: Decydent budżetowy (ID kontaktu w HubSpot).');
    // Same properties, types and option values as in English: only the words differ.
    const strip = (list: typeof polish) => list.map(({ name, type, fieldType, groupName, displayOrder, options }) => ({ name, type, fieldType, groupName, displayOrder, values: options.map((o) => o.value) }));
    expect(strip(polish)).toEqual(strip(productProperties(defaultConfig, propertyWords('en'))));
  });

  it('keep a handoff field label the configuration gives as typed', () => {
    const config = parseConfig({ handoff: { requiredFields: [{ property: 'cs_handoff_goals', label: 'Cele biznesowe' }] } });
    const goals = productProperties(config, propertyWords('pl')).find((property) => property.name === 'cs_handoff_goals');
    expect(goals?.label).toBe('Przekazanie klienta: Cele biznesowe');
    expect(goals?.description).toBe('Przekazanie klienta od sprzedaży do CS: Cele biznesowe.');
  });

  it('have every label, description and option in each language, none left English by accident', () => {
    for (const language of portalLanguages.filter((l) => l !== 'en')) {
      const words = productProperties(defaultConfig, propertyWords(language));
      const english = productProperties(defaultConfig, propertyWords('en'));
      words.forEach((property, index) => {
        expect(property.label, `${language} ${property.name}`).not.toBe(english[index]?.label);
        expect(property.description, `${language} ${property.name}`).not.toBe(english[index]?.description);
      });
      expect(groupFor(propertyWords(language)).name).toBe('customer_success');
    }
  });
});
