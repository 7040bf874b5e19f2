import { setTimeout as wait } from 'node:timers/promises';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { HubSpotGateway } from '../../src/hubspot/gateway.ts';
import type { RetryOptions } from '../../src/hubspot/retry.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { mswServer } from '../msw.ts';

// The sandbox portal behind msw at HubSpot's own address, reached through the real SDK and
// gateway. Retries are real but fast: waits for a 429 window are recorded, and slept only when a
// test asks for it (never HubSpot's ten seconds). The search limit (5 a second) is off unless a
// test turns it on, because recorded-only waits cannot honour it.

export interface TestPortal {
  readonly sandbox: Sandbox;
  readonly gateway: HubSpotGateway;
  /** Every 429 wait the gateway asked for, in ms. */
  readonly waits: number[];
}

/** `clock`: the portal's clock for what the app writes (default: the real one); a test that reads the card as of a fixed day sets it to that day, or what it writes is dated after it. */
export function testPortal(options: { accessToken?: string; idleTimeoutMs?: number; sleep?: boolean; retries?: number; clock?: () => number } = {}): TestPortal {
  const sandbox = createSandbox({ data: 'empty', ...(options.clock === undefined ? {} : { clock: options.clock }) });
  sandbox.controls.searchPerSecond = null;
  mswServer.use(...sandbox.mswHandlers());
  const waits: number[] = [];
  const retry: RetryOptions = {
    retries: options.retries ?? 3,
    minBackoffMs: 1,
    maxBackoffMs: 5,
    sleep: async (ms) => {
      waits.push(ms);
      if (options.sleep) await wait(ms);
    },
  };
  // No idle timeout a busy machine could reach: a test of a hung request sets its own.
  const client = createHubSpotClient({ accessToken: options.accessToken ?? 'pat-test-token', idleTimeoutMs: options.idleTimeoutMs ?? 30_000 });
  return { sandbox, gateway: new HubSpotGateway(client, retry), waits };
}
