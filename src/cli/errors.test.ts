import { describe, expect, it } from 'vitest';
import { createI18n } from '../app/cards/i18n/format.ts';
import { catalogText } from '../app/cards/i18n/message-error.ts';
import { HubSpotError } from '../usecases/portal.ts';
import { CommandFailure, describeError } from './errors.ts';
import { loadEveryCatalog } from '../app/cards/i18n/messages.ts';

// Formats in several languages: every catalog, as the card and the backend load them.
loadEveryCatalog();

// The sentence on stderr for a HubSpot failure: an address that could not be reached at all is
// named by the URL tried; a slow or cut answer is not (the portal is there).

const english = createI18n('en', 'UTC');
const polish = createI18n('pl', 'UTC');
const url = 'http://127.0.0.1:9';

describe('describeError', () => {
  it('names the URL tried when nothing answered there (refused, no such host), also as the cause of a command failure', () => {
    for (const what of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']) {
      expect(describeError(new HubSpotError({ kind: 'transient', what }), false, english, url)).toBe(
        `HubSpot could not be reached after retries (${what}): nothing answered at ${url}; check HUBSPOT_BASE_URL, and that the portal (or cs-card sandbox) is running there`,
      );
    }
    const wrapped = new CommandFailure(catalogText('hubspot.failure.timeout', { what: 'x' }), { cause: new HubSpotError({ kind: 'transient', what: 'ECONNREFUSED' }) });
    expect(describeError(wrapped, false, polish, url)).toContain(`pod ${url} nic nie odpowiada`);
  });

  it('does not blame the address for an answer that was slow, cut or refused by HubSpot', () => {
    for (const failure of [{ kind: 'transient', what: 'ECONNRESET' }, { kind: 'transient', what: 'HTTP 503' }, { kind: 'unauthorized' }] as const) {
      expect(describeError(new HubSpotError(failure), false, english, url)).not.toContain(url);
    }
  });
});
