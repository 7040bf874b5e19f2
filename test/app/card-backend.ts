import { BACKEND_URL } from '../../src/app/cards/backend.ts';
import { cardViewSchema, type CardView } from '../../src/app/cards/contract/view-model.ts';
import type { CardFetch } from '../../src/app/cards/data/cardApi.ts';
import { defaultConfig } from '../../src/config/schema.ts';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { HubSpotGateway } from '../../src/hubspot/gateway.ts';
import type { RetryOptions } from '../../src/hubspot/retry.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { signRequest } from '../../src/server/signature.ts';
import { startServer } from '../../src/server/start.ts';
import type { RunningServer } from '../../src/server/start.ts';

const secret = 'card-test-client-secret';

// No backoff in tests: a HubSpot fault fails at once instead of sleeping.
const noRetries: RetryOptions = { retries: 0, minBackoffMs: 0, maxBackoffMs: 0, sleep: async () => undefined };

export interface CardBackend {
  /** What the card gets instead of hubspot.fetch. */
  readonly fetchFn: CardFetch;
  readonly server: RunningServer;
  /** The view the backend sends for a company, read the way the card reads it. */
  viewOf(companyId: string): Promise<CardView>;
  close(): Promise<void>;
}

/**
 * The real backend on loopback, verifying signatures as in production, whose HubSpot calls go to
 * https://api.hubapi.com and are answered by the sandbox (install `sandbox.mswHandlers()` in
 * each test: the global msw server drops handlers after every test).
 */
/** `snapshotReuseMs` is 0 by default: these tests change the portal between two loads of a card. */
export async function startCardBackend(sandbox: Sandbox, now: () => Date, snapshotReuseMs = 0): Promise<CardBackend> {
  const gateway = new HubSpotGateway(createHubSpotClient({ accessToken: 'sandbox-token' }), noRetries);
  const server = await startServer(
    {
      card: { gateway, config: defaultConfig, now },
      signature: { mode: 'verify', secret, publicOrigin: BACKEND_URL },
      log: () => undefined,
      snapshotReuseMs,
    },
    0,
    '127.0.0.1',
  );
  const fetchFn = hubspotProxy(server.url, now);
  const viewOf = async (companyId: string): Promise<CardView> => {
    const response = await fetchFn(`https://cs-card.example.com/api/companies/${companyId}/card`, { method: 'GET' });
    return cardViewSchema.parse(await response.json());
  };
  return { fetchFn, server, viewOf, close: () => server.close() };
}

/**
 * What HubSpot does with hubspot.fetch: JSON-encodes the body, signs the request (v3) for the
 * URL the card named, and sends it to the backend, here reached on loopback.
 */
function hubspotProxy(backendUrl: string, now: () => Date): CardFetch {
  return (url, options = {}) => {
    const method = options.method ?? 'GET';
    const body = options.body === undefined ? '' : JSON.stringify(options.body);
    const timestamp = String(now().getTime());
    const called = new URL(url);
    return fetch(`${backendUrl}${called.pathname}${called.search}`, {
      method,
      body: body === '' ? undefined : body,
      headers: {
        'content-type': 'application/json',
        'x-hubspot-request-timestamp': timestamp,
        'x-hubspot-signature-v3': signRequest(secret, method, url, body, timestamp),
      },
    });
  };
}
