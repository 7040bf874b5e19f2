import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { Client } from '@hubspot/api-client';

export const defaultBaseUrl = 'https://api.hubapi.com';

export interface ClientOptions {
  readonly accessToken: string;
  /** HUBSPOT_BASE_URL: any HubSpot-compatible API (the sandbox, a proxy). */
  readonly baseUrl?: string;
  /** A request that sends or receives nothing for this long is aborted (its socket destroyed). */
  readonly idleTimeoutMs?: number;
  /** Runs around every request of this client, e.g. the client-side rate limiter (./rate-limiter.ts). */
  readonly middleware?: ReadonlyArray<{ pre(context: never): unknown; post(context: never): unknown }>;
}

// The SDK's fetch path cannot be aborted, so a hung request would outlive the card and keep
// the process alive. With an agent the SDK uses node:http instead, and a socket that stays
// idle past the timeout is destroyed: the request fails (and is retried) and nothing lingers.
function destroyOnIdle<T extends http.Agent>(AgentClass: new (options: http.AgentOptions) => T, timeoutMs: number): T {
  const agent = new AgentClass({ keepAlive: true, timeout: timeoutMs });
  const create = agent.createConnection.bind(agent);
  agent.createConnection = (...args: Parameters<http.Agent['createConnection']>): Duplex => {
    const socket = create(...args) as Socket;
    socket.on('timeout', () => socket.destroy(new RequestTimeoutError(timeoutMs)));
    return socket;
  };
  return agent;
}

export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`HubSpot did not answer within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

/**
 * A configured SDK client. Retry and limiter settings of the SDK are process-global (every
 * `new Client()` resets them for all clients), so every client here sets the same ones: one
 * attempt, no SDK limiter — retries and rate limits are handled by ./retry.ts.
 */
export function createHubSpotClient(options: ClientOptions): Client {
  const baseUrl = (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, '');
  const idleTimeoutMs = options.idleTimeoutMs ?? 5_000;
  const httpAgent = baseUrl.startsWith('https:')
    ? destroyOnIdle(https.Agent, idleTimeoutMs)
    : destroyOnIdle(http.Agent, idleTimeoutMs);
  const middleware = options.middleware ? { middleware: [...options.middleware] } : {};
  return new Client({ accessToken: options.accessToken, basePath: baseUrl, numberOfApiCallRetries: 1, httpAgent, ...middleware });
}

export type { Client as HubSpotClient };
