import { z } from 'zod';
import { writeLogLine, type SignatureMode } from '../../server/app.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import type { StateStore } from '../../state/store.ts';
import { parseSyncInterval } from '../../usecases/scheduled-sync.ts';
import { startHealthUpkeep } from '../health-upkeep.ts';
import { loadCliConfig } from '../configuration.ts';
import { UsageError } from '../errors.ts';
import { configForPortal, openPortal, readEnvironment, storeFor, type Environment, type Portal } from '../portal.ts';
import { isAddressInUse } from '../runtime/ports.ts';
import { untilStopped } from '../runtime/signals.ts';

// Request signatures are verified whenever HUBSPOT_CLIENT_SECRET is set. Against the embedded
// sandbox without a secret they are off — loudly — so the local preview can call the server;
// against a real portal the server refuses to start without a secret.
function signatureMode(env: Environment, portal: Portal): SignatureMode {
  if (env.HUBSPOT_CLIENT_SECRET) {
    return {
      mode: 'verify',
      secret: env.HUBSPOT_CLIENT_SECRET,
      ...(env.CS_CARD_PUBLIC_URL ? { publicOrigin: env.CS_CARD_PUBLIC_URL } : {}),
      ...(env.CS_CARD_TRUST_PROXY ? { trustProxy: true } : {}),
    };
  }
  if (portal.kind === 'hubspot') {
    throw new UsageError('HUBSPOT_CLIENT_SECRET is not set: the server cannot verify that requests come from HubSpot; set it to the app\'s client secret');
  }
  process.stderr.write(
    'cs-card: WARNING: request signatures are NOT verified (embedded sandbox, no HUBSPOT_CLIENT_SECRET). Anyone who can reach this port can read the sandbox cards.\n',
  );
  return { mode: 'off' };
}

/** The address as bound: a wildcard address is every interface, not the loopback URL it is reached on from here. */
function whereListening(server: RunningServer): string {
  if (server.address === '0.0.0.0' || server.address === '::') return `${server.url} and every other network interface (CS_CARD_HOST=${server.address})`;
  return server.url;
}

/** A port already taken or an address not on this machine: one sentence, exit 2 as in `start`. */
function listenFailure(error: unknown, env: Environment): unknown {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (isAddressInUse(error)) return new UsageError(`port ${env.PORT} is in use: choose another with PORT, or stop what listens there`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new UsageError(`cannot listen on ${env.CS_CARD_HOST}: CS_CARD_HOST must be an address of this machine, like 127.0.0.1 or 0.0.0.0`);
  return error;
}

const serveFlagsSchema = z.object({ syncEvery: z.string().optional() });

/** --sync-every: "30m", "6h", "1d"; absent: no scheduled sync (webhooks still keep health current). */
function syncInterval(flags: z.infer<typeof serveFlagsSchema>): number | null {
  if (flags.syncEvery === undefined) return null;
  const ms = parseSyncInterval(flags.syncEvery);
  if (ms === null) throw new UsageError(`--sync-every "${flags.syncEvery}" is not an interval: write minutes, hours or days between 5m and 7d, like 30m, 6h or 1d`);
  return ms;
}

export async function serve(rawFlags: unknown): Promise<void> {
  const flags = serveFlagsSchema.parse(rawFlags);
  const syncEveryMs = syncInterval(flags);
  const env = readEnvironment();
  const portal = await openPortal(env);
  let store: StateStore | null = null;
  try {
    const config = await configForPortal(portal, await loadCliConfig());
    const signature = signatureMode(env, portal);
    // Shared by every instance with CS_CARD_DATABASE_URL; the embedded sandbox's lives in memory.
    store = await storeFor(portal);
    const upkeep = await startHealthUpkeep({ portal, config, store, syncEveryMs, log: writeLogLine });
    try {
      const server = await startServer({ card: { gateway: portal.card, config, now: () => new Date() }, signature, webhooks: upkeep.webhooks, portfolio: { gateway: upkeep.portfolio, config, now: () => new Date() }, store }, env.PORT, env.CS_CARD_HOST).catch(
        (error: unknown) => {
          throw listenFailure(error, env);
        },
      );
      // Listening for Ctrl-C before saying it stops the server: a stop right after the banner is not lost.
      const stopped = untilStopped();
      const syncing = syncEveryMs === null ? '' : `, a sync every ${flags.syncEvery ?? ''}`;
      process.stderr.write(
        `cs-card: serving the card backend on ${whereListening(server)} (${portal.kind === 'sandbox' ? 'embedded sandbox portal' : portal.baseUrl}); HubSpot webhooks at /webhooks/hubspot${syncing}; Ctrl-C stops it.\n`,
      );
      await stopped;
      await server.close();
    } finally {
      await upkeep.close();
    }
  } finally {
    await portal.close();
    await store?.close();
  }
}
