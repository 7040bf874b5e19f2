import { describe, expect, it } from 'vitest';
import { catalogs } from '../../src/app/cards/i18n/messages.ts';
import type { CatalogLocale } from '../../src/app/cards/i18n/messages.ts';

// Issue 21, "Translations": each locale names a domain concept with its glossary's one word.
// Where the English message names the concept, the translation must use that word (a stem
// where the language inflects it); the words a glossary rules out are kept out by
// card-i18n.test.tsx.
type Translated = Exclude<CatalogLocale, 'en'>;

const concepts: ReadonlyArray<{ concept: string; english: RegExp; word: Readonly<Record<Translated, RegExp>> }> = [
  { concept: 'renewal', english: /\brenew/i, word: { 'zh-CN': /续约/u, ja: /契約更新/u, pl: /odnow/iu, th: /ต่ออายุสัญญา/u } },
  // Revenue churn is money lost, not a customer leaving: Polish and Thai name it so.
  { concept: 'churn', english: /\bchurn/i, word: { 'zh-CN': /流失/u, ja: /解約/u, pl: /odej|odesz|odszed|utrat[ay] przychodu/iu, th: /เลิกใช้บริการ|สูญเสียรายได้/u } },
  { concept: 'health', english: /\bhealth\b/i, word: { 'zh-CN': /健康/u, ja: /ヘルス/u, pl: /kondycj/iu, th: /สุขภาพ/u } },
  { concept: 'promoter', english: /\bpromoter/i, word: { 'zh-CN': /推荐者/u, ja: /推奨者/u, pl: /promotor/iu, th: /ผู้แนะนำต่อ/u } },
  { concept: 'passive', english: /\bpassive/i, word: { 'zh-CN': /被动者/u, ja: /中立者/u, pl: /neutraln/iu, th: /ผู้เป็นกลาง/u } },
  { concept: 'detractor', english: /\bdetractor/i, word: { 'zh-CN': /贬损者/u, ja: /批判者/u, pl: /kryty[kc]/iu, th: /ผู้ไม่พึงพอใจ/u } },
  { concept: 'handoff', english: /\bhandoff/i, word: { 'zh-CN': /交接/u, ja: /引き継/u, pl: /przekaz/iu, th: /ส่งต่อ/u } },
  { concept: 'champion', english: /\bchampion\b/i, word: { 'zh-CN': /内部支持者/u, ja: /社内推進者/u, pl: /champion/iu, th: /ผู้ผลักดันภายใน/u } },
  { concept: 'onboarding', english: /\bonboarding\b/i, word: { 'zh-CN': /客户导入/u, ja: /オンボーディング/u, pl: /wdroż/iu, th: /เริ่มต้นใช้งาน/u } },
];

const translated: readonly Translated[] = ['zh-CN', 'ja', 'pl', 'th'];

describe.each(translated)('%s names each domain concept with its glossary word', (locale) => {
  it.each(concepts.map((c) => [c.concept, c] as const))('%s', (_concept, { english, word }) => {
    const strays: string[] = [];
    for (const [key, message] of Object.entries(catalogs.en)) {
      // Names the configuration's sections (adoption, renewal, playbooks), not the concepts.
      if (key === 'doctor.configured.fix') continue;
      // Command names, property names and config keys (cs-card sync, cs_health_score, renewal.dealTypes) are not words.
      const prose = message.replace(/\b[a-z_]+(?:[._-][a-zA-Z_]+)+\b/g, '').replace(/cs-card \w+/g, '');
      if (!english.test(prose)) continue;
      const own: string = catalogs[locale][key as keyof typeof catalogs.en];
      if (!word[locale].test(own)) strays.push(`${key}: ${own}`);
    }
    expect(strays).toEqual([]);
  });
});
