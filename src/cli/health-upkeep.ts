import type { CsConfig } from '../config/schema.ts';
import { dayZone, todayIn } from '../domain/parsing/index.ts';
import { watchedProperties } from '../domain/sync/webhook-events.ts';
import type { LogEntry } from '../server/app.ts';
import type { WebhookDeps } from '../server/webhooks.ts';
import type { StateStore } from '../state/store.ts';
import { LiveUpdates } from '../usecases/live-updates.ts';
import { ScheduledSync } from '../usecases/scheduled-sync.ts';
import { runSetup } from '../usecases/setup.ts';
import { runSync, syncCompanies } from '../usecases/sync.ts';
import { SyncStateStore } from '../state/sync-state.ts';
import { syncStateOptions, type Portal } from './portal.ts';

// What `cs-card serve` does besides answering the card: keeping the health properties current.
// Webhook deliveries feed the live updates (debounced batches of affected companies), and with
// --sync-every an incremental sync runs on a schedule. Both write through the portal's
// rate-limited client. The sync state and lease are those of `cs-card sync` in the state store, so the
// scheduled run, one started by hand and those of other instances never run over each other.

export interface HealthUpkeep {
  /** What POST /webhooks/hubspot needs. */
  readonly webhooks: WebhookDeps;
  /** The paced portfolio reads of the same portal (the managers' page reads through them too). */
  readonly portfolio: Portal['portfolio'];
  /** Stops the schedule, runs the pending live-update batch, then releases the portal. */
  close(): Promise<void>;
}

export interface UpkeepOptions {
  /** The portal the server answers the card from: the upkeep writes to the same one, paced. */
  readonly portal: Portal;
  readonly config: CsConfig;
  /** The state store of this server (shared by every instance with PostgreSQL). */
  readonly store: StateStore;
  readonly syncEveryMs: number | null;
  readonly log: (entry: LogEntry) => void;
}

function today(now: Date, timeZone: string): string {
  return todayIn(dayZone(timeZone), now.getTime());
}

export async function startHealthUpkeep(options: UpkeepOptions): Promise<HealthUpkeep> {
  const { config, log } = options;
  const { portal } = options;
  // The sandbox starts without the product's properties, which every write needs.
  if (portal.kind === 'sandbox') await runSetup({ properties: portal.properties, config });
  const deps = { gateway: portal.portfolio, config, now: () => new Date(), apiCalls: portal.apiCalls };
  const live = new LiveUpdates({
    recompute: (ids) => syncCompanies(deps, ids, today(deps.now(), deps.config.timeZone)),
    follow: portal.follow,
    log,
    queue: options.store,
  });
  // Work another instance (or this one, before a restart) queued and did not finish.
  live.resume();
  let schedule: ScheduledSync | null = null;
  if (options.syncEveryMs !== null) {
    const store = new SyncStateStore(options.store, portal.key, syncStateOptions('cs-card serve --sync-every'));
    schedule = new ScheduledSync({ everyMs: options.syncEveryMs, run: (signal) => runSync({ ...deps, store }, { signal }), log });
    schedule.start();
  }
  return {
    webhooks: { watched: watchedProperties(config), accept: (targets) => live.enqueue(targets) },
    portfolio: portal.portfolio,
    close: async () => {
      await schedule?.stop();
      await live.close();
    },
  };
}
