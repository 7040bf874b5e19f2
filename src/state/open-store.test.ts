import { describe, expect, it } from 'vitest';
import { createI18n } from '../app/cards/i18n/format.ts';
import { errorText } from '../app/cards/i18n/message-error.ts';
import { exitCodeOf } from '../cli/errors.ts';
import { databaseUrl, StoreConfigError } from './open-store.ts';
import { loadEveryCatalog } from '../app/cards/i18n/messages.ts';

// Formats in several languages: every catalog, as the card and the backend load them.
loadEveryCatalog();

function refusal(value: string): StoreConfigError {
  try {
    databaseUrl({ CS_CARD_DATABASE_URL: value });
  } catch (error) {
    if (error instanceof StoreConfigError) return error;
    throw error;
  }
  throw new Error(`${value} was accepted`);
}

describe('CS_CARD_DATABASE_URL', () => {
  it('is no store at all when unset or blank, and the URL itself when it is a postgres:// URL', () => {
    expect(databaseUrl({})).toBeNull();
    expect(databaseUrl({ CS_CARD_DATABASE_URL: '  ' })).toBeNull();
    expect(databaseUrl({ CS_CARD_DATABASE_URL: 'postgresql://cs:secret@127.0.0.1:5432/cs' })).toBe('postgresql://cs:secret@127.0.0.1:5432/cs');
  });

  it("refuses another scheme with a usage error (exit code 2) in the reader's language", () => {
    const error = refusal('mysql://cs@127.0.0.1/cs');
    expect(exitCodeOf(error)).toBe(2);
    expect(error.message).toBe('CS_CARD_DATABASE_URL must be a postgres:// URL, got mysql://…; unset it for the embedded SQLite store');
    expect(errorText(error, createI18n('en', 'UTC'))).toBe(error.message);
    expect(errorText(error, createI18n('pl', 'UTC'))).toBe('CS_CARD_DATABASE_URL musi być adresem postgres://, a jest mysql://…; usuń tę zmienną, aby używać wbudowanej bazy SQLite');
  });

  it('refuses a value that is no URL, in Japanese too', () => {
    const error = refusal('//127.0.0.1:5432/cs');
    expect(errorText(error, createI18n('ja', 'UTC'))).toContain('CS_CARD_DATABASE_URL が URL ではありません');
    expect(errorText(error, createI18n('ja', 'UTC'))).not.toContain('unset');
  });
});
