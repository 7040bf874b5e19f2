import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createI18n } from '../app/cards/i18n/format.ts';
import { loadEveryCatalog } from '../app/cards/i18n/messages.ts';
import { parseResponse } from './calls.ts';
import { HubSpotError } from './failures.ts';

describe('an answer HubSpot should never send', () => {
  it('fails the call with words for the reader in their language, and the English detail for the log', async () => {
    await loadEveryCatalog();
    let thrown: unknown;
    try {
      parseResponse(z.object({ results: z.array(z.unknown()) }), { results: 'none' }, 'owners page');
    } catch (error) {
      thrown = error;
    }
    if (!(thrown instanceof HubSpotError)) throw new Error('expected a HubSpotError');
    expect(thrown.failure).toEqual({ kind: 'unreadable', status: 200, detail: 'the owners page came back in an unexpected shape' });
    expect(thrown.message).toBe("HubSpot's answer could not be read (HTTP 200): the owners page came back in an unexpected shape");
    expect(thrown.text).toEqual({ code: 'hubspot.failure.unreadable', params: { status: 200 } });
    const text = thrown.text ?? { code: '', params: {} };
    expect(createI18n('en', 'UTC').message(text)).toBe('HubSpot answered in an unexpected shape (HTTP 200), so the answer was not used');
    expect(createI18n('pl', 'UTC').message(text)).toBe('HubSpot odpowiedział w nieoczekiwanej postaci (HTTP 200), więc odpowiedź nie została użyta');
  });
});
