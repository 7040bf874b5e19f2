import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.ts';
import { cliLocale, errorI18n } from './locale.ts';
import { environmentLocale, flagLocale, localeFlag, readerLocale } from './locale-choice.ts';

describe('the command line\'s language', () => {
  it('reads --locale, then CS_CARD_LOCALE, LC_ALL, LC_MESSAGES and LANG as POSIX writes them', () => {
    expect(flagLocale('pl_PL')).toBe('pl-PL');
    expect(flagLocale('zh-CN')).toBe('zh-CN');
    expect(flagLocale('fr')).toBeNull();
    expect(flagLocale('not a locale!')).toBeNull();
    expect(environmentLocale({ LANG: 'pl_PL.UTF-8' })).toBe('pl-PL');
    expect(environmentLocale({ LANG: 'pl_PL.UTF-8', LC_MESSAGES: 'ja_JP.UTF-8' })).toBe('ja-JP');
    expect(environmentLocale({ LC_ALL: 'C', LANG: 'th_TH' })).toBe('th-TH');
    expect(environmentLocale({ CS_CARD_LOCALE: 'ja', LC_ALL: 'pl_PL' })).toBe('ja');
    expect(environmentLocale({})).toBe('en');
  });

  it('finds --locale anywhere on the command line, in both spellings', () => {
    expect(localeFlag(['sync', '--locale', 'ja', '--full'])).toBe('ja');
    expect(localeFlag(['--help', '--locale=pl'])).toBe('pl');
    expect(localeFlag(['sync', '--locale'])).toBeUndefined();
    expect(localeFlag(['sync'])).toBeUndefined();
  });

  it('answers a command line before parsing it in the --locale language, or the terminal\'s when --locale names none', async () => {
    expect(readerLocale(['sync', '--locale', 'ja'], { LANG: 'pl_PL.UTF-8' })).toBe('ja');
    expect(readerLocale(['sync', '--locale', 'xx'], { LANG: 'pl_PL.UTF-8' })).toBe('pl-PL');
    expect((await errorI18n(['sync', '--locale', 'xx'], { LANG: 'pl_PL.UTF-8' })).catalog).toBe('pl');
  });

  it('refuses a --locale in no catalog language as a usage error, in the terminal\'s language', () => {
    expect(cliLocale('ja', { LANG: 'pl_PL.UTF-8' })).toBe('ja');
    expect(cliLocale(undefined, { LANG: 'de_DE.UTF-8' })).toBe('de-DE');
    expect(() => cliLocale('de', {})).toThrow(UsageError);
  });
});
