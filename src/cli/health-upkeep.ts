import type { CsConfig } from '../config/schema.ts';
import { dayZone, todayIn } from '../domain/dates.ts';
import { watchedProperties } from '../domain/webhook-events.ts';
import { createHubSpotClient } from '../hubspot/client.ts';
import { PortfolioGateway } from '../hubspot/portfolio-gateway.ts';
import { PropertyGateway } from '../hubspot/properties.ts';
import { defaultRateLimit, RateLimiter } from '../hubspot/rate-limiter.ts';
import { companiesOfRecords } from '../hubspot/webhook-targets.ts';
import type { LogEntry } from '../server/app.ts';
import type { WebhookDeps } from '../server/webhooks.ts';
import type { StateStore } from '../state/store.ts';
import { LiveUpdates } from '../usecases/live-updates.ts';
import { ScheduledSync } from '../usecases/scheduled-sync.ts';
import { runSetup } from '../usecases/setup.ts';
import { runSync, syncCompanies } from '../usecases/sync.ts';
import { SyncStateStore } from '../usecases/sync-state.ts';
import { openWritePortal, type WritePortal } from './commands/setup.ts';
import { syncStateOptions } from './commands/sync.ts';
import type { Environment, Portal } from './portal.ts';

// What `cs-card serve` does besides answering the card: keeping the health properties current.
// Webhook deliveries feed the live updates (debounced batches of affected companies), and with
// --sync-every an incremental sync runs on a schedule. Both write through one rate-limited
// client. The sync state and lease are those of `cs-card sync` in the state store, so the
// scheduled run, one started by hand and those of other instances never run over each other.

export interface HealthUpkeep {
  /** What POST /webhooks/hubspot needs. */
  readonly webhooks: WebhookDeps;
  /** The paced portfolio reads of the same portal (the managers' page reads through them too). */
  readonly portfolio: PortfolioGateway;
  /** Stops the schedule, runs the pending live-update batch, then releases the portal. */
  close(): Promise<void>;
}

export interface UpkeepOptions {
  readonly env: Environment;
  /** The portal the server answers the card from: the upkeep writes to the same one. */
  readonly portal: Portal;
  readonly config: CsConfig;
  /** The state store of this server (shared by every instance with PostgreSQL). */
  readonly store: StateStore;
  readonly syncEveryMs: number | null;
  readonly log: (entry: LogEntry) => void;
}

type Writer = Pick<WritePortal, 'key' | 'limiter' | 'portfolio' | 'close'>;

/** A client of the server's own portal: the embedded sandbox is the one already serving the card. */
async function writerFor(options: UpkeepOptions): Promise<Writer> {
  if (options.portal.kind === 'hubspot') return openWritePortal(options.env, defaultRateLimit);
  const limiter = new RateLimiter({ limit: defaultRateLimit });
  const client = createHubSpotClient({ accessToken: 'sandbox', baseUrl: options.portal.baseUrl, middleware: [limiter.middleware()] });
  // The sandbox starts without the product's properties, which every write needs.
  await runSetup({ properties: new PropertyGateway(client), config: options.config });
  return { key: 'sandbox', limiter, portfolio: new PortfolioGateway(client), close: () => limiter.stop() };
}

function today(now: Date, timeZone: string): string {
  return todayIn(dayZone(timeZone), now.getTime());
}

export async function startHealthUpkeep(options: UpkeepOptions): Promise<HealthUpkeep> {
  const { config, log } = options;
  const writer = await writerFor(options);
  const deps = { gateway: writer.portfolio, config, now: () => new Date(), apiCalls: () => writer.limiter.calls };
  const live = new LiveUpdates({
    recompute: (ids) => syncCompanies(deps, ids, today(deps.now(), deps.config.timeZone)),
    follow: (records) => companiesOfRecords(writer.portfolio, records),
    log,
    queue: options.store,
  });
  // Work another instance (or this one, before a restart) queued and did not finish.
  live.resume();
  let schedule: ScheduledSync | null = null;
  if (options.syncEveryMs !== null) {
    const store = new SyncStateStore(options.store, writer.key, syncStateOptions('cs-card serve --sync-every'));
    schedule = new ScheduledSync({ everyMs: options.syncEveryMs, run: (signal) => runSync({ ...deps, store }, { signal }), log });
    schedule.start();
  }
  return {
    webhooks: { watched: watchedProperties(config), accept: (targets) => live.enqueue(targets) },
    portfolio: writer.portfolio,
    close: async () => {
      await schedule?.stop();
      await live.close();
      await writer.close();
    },
  };
}
