import { afterEach } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultConfig, type CsConfig } from '../../src/config/schema.ts';
import { createHubSpotClient, type HubSpotClient } from '../../src/hubspot/client.ts';
import { PortfolioGateway } from '../../src/hubspot/portfolio-gateway.ts';
import { RateLimiter } from '../../src/hubspot/rate-limiter.ts';
import type { RetryOptions } from '../../src/hubspot/retry.ts';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.ts';
import { PropertyGateway } from '../../src/hubspot/properties.ts';
import { runSetup } from '../../src/usecases/setup.ts';
import { runSync, type SyncDeps, type SyncRequest, type SyncSummary } from '../../src/usecases/sync.ts';
import { SqliteStateStore } from '../../src/state/sqlite-store.ts';
import type { StateStore } from '../../src/state/store.ts';
import { SyncStateStore } from '../../src/state/sync-state.ts';
import { mswServer } from '../msw.ts';

// A demo portfolio in the sandbox, behind msw at HubSpot's address, reached through the real SDK,
// the rate limiter middleware and the portfolio gateway, with sync state in a fresh embedded
// state store (SQLite in a temp dir).

export const demoAsOf = '2026-11-20';

/** Retries are real but do not wait: a test never sleeps through backoff or a 429 window. */
export const fastRetry: RetryOptions = { retries: 2, minBackoffMs: 1, maxBackoffMs: 2, sleep: async () => undefined };

export interface PortfolioPortal {
  readonly sandbox: Sandbox;
  readonly client: HubSpotClient;
  readonly gateway: PortfolioGateway;
  readonly limiter: RateLimiter;
  readonly stateDir: string;
  /** The state store the sync keeps its state and lease in. */
  readonly stateStore: StateStore;
  readonly config: CsConfig;
  deps(overrides?: Partial<SyncDeps>): SyncDeps;
  sync(request?: SyncRequest): Promise<SyncSummary>;
  /** The product's properties, as `cs-card setup` makes them. */
  setup(): Promise<void>;
  close(): Promise<void>;
}

export async function portfolioPortal(options: SandboxOptions & { config?: CsConfig; clock?: () => number } = {}): Promise<PortfolioPortal> {
  // The client below does not pace: no portal rate limit either, unless a test asks for one.
  const sandbox = createSandbox({ companies: 300, asOf: demoAsOf, rateLimit: null, ...options });
  sandbox.controls.searchPerSecond = null;
  mswServer.use(...sandbox.mswHandlers());
  // No pacing in tests: the limiter only counts calls and reads the headers.
  const limiter = new RateLimiter({ limit: { max: 1_000_000, intervalMs: 1000 }, searchPerSecond: 1_000_000 });
  const client = createHubSpotClient({ accessToken: 'pat-test-token', idleTimeoutMs: 2_000, middleware: [limiter.middleware()] });
  const gateway = new PortfolioGateway(client, { retry: fastRetry, callBudgetMs: 20_000 });
  const stateDir = await mkdtemp(path.join(tmpdir(), 'cs-card-sync-'));
  const stateStore = await SqliteStateStore.open(stateDir);
  const store = new SyncStateStore(stateStore, 'test');
  const config = options.config ?? defaultConfig;
  const now = () => new Date(options.clock ? options.clock() : Date.now());
  const deps = (overrides: Partial<SyncDeps> = {}): SyncDeps => ({ gateway, config, store, now, apiCalls: () => limiter.calls, ...overrides });
  return {
    sandbox,
    client,
    gateway,
    limiter,
    stateDir,
    stateStore,
    config,
    deps,
    sync: (request = {}) => runSync(deps(), { asOf: demoAsOf, pageSize: 100, ...request }),
    setup: async () => {
      await runSetup({ properties: new PropertyGateway(client, fastRetry), config });
    },
    close: async () => {
      await limiter.stop();
      await stateStore.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** Opens demo portals that close after the test that opened them (call it at the top of a file or a describe). */
export function portalsClosedAfterEach(): (options?: Parameters<typeof portfolioPortal>[0]) => Promise<PortfolioPortal> {
  const open: PortfolioPortal[] = [];
  afterEach(async () => {
    for (const portal of open.splice(0)) await portal.close();
  });
  return async (options) => {
    const portal = await portfolioPortal(options);
    open.push(portal);
    return portal;
  };
}
