import { z } from 'zod';
import type { I18n } from '../../app/cards/i18n/format.ts';
import { catalogText } from '../../app/cards/i18n/message-error.ts';
import { writeLogLine, type SignatureMode } from '../../server/app.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import type { StateStore } from '../../state/store.ts';
import { parseSyncInterval } from '../../usecases/scheduled-sync.ts';
import { startHealthUpkeep } from '../health-upkeep.ts';
import { loadCliConfig } from '../configuration.ts';
import { UsageError } from '../errors.ts';
import { cliI18n } from '../locale.ts';
import { configForPortal, openPortal, readEnvironment, storeFor, type Environment, type Portal } from '../portal.ts';
import { isAddressInUse } from '../runtime/ports.ts';
import { untilStopped } from '../runtime/signals.ts';

// Request signatures are verified whenever HUBSPOT_CLIENT_SECRET is set. Against the embedded
// sandbox without a secret they are off — loudly — so the local preview can call the server;
// against a real portal the server refuses to start without a secret.
function signatureMode(env: Environment, portal: Portal, i18n: I18n): SignatureMode {
  if (env.HUBSPOT_CLIENT_SECRET) {
    return {
      mode: 'verify',
      secret: env.HUBSPOT_CLIENT_SECRET,
      ...(env.CS_CARD_PUBLIC_URL ? { publicOrigin: env.CS_CARD_PUBLIC_URL } : {}),
      ...(env.CS_CARD_TRUST_PROXY ? { trustProxy: true } : {}),
    };
  }
  if (portal.kind === 'hubspot') {
    throw new UsageError(catalogText('cli.serve.noSecret'));
  }
  process.stderr.write(`cs-card: ${i18n.t('cli.serve.unsigned')}\n`);
  return { mode: 'off' };
}

/** The address as bound: a wildcard address is every interface, not the loopback URL it is reached on from here. */
function whereListening(server: RunningServer, i18n: I18n): string {
  if (server.address === '0.0.0.0' || server.address === '::') return i18n.t('cli.serve.everyInterface', { url: server.url, host: server.address });
  return server.url;
}

/** A port already taken or an address not on this machine: one sentence, exit 2 as in `start`. */
function listenFailure(error: unknown, env: Environment): unknown {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (isAddressInUse(error)) return new UsageError(catalogText('cli.serve.portInUse', { port: String(env.PORT) }));
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new UsageError(catalogText('cli.serve.badHost', { host: env.CS_CARD_HOST }));
  return error;
}

const serveFlagsSchema = z.object({ syncEvery: z.string().optional(), locale: z.string().optional() });

/** --sync-every: "30m", "6h", "1d"; absent: no scheduled sync (webhooks still keep health current). */
function syncInterval(flags: z.infer<typeof serveFlagsSchema>): number | null {
  if (flags.syncEvery === undefined) return null;
  const ms = parseSyncInterval(flags.syncEvery);
  if (ms === null) throw new UsageError(catalogText('cli.serve.badInterval', { value: flags.syncEvery }));
  return ms;
}

export async function serve(rawFlags: unknown): Promise<void> {
  const flags = serveFlagsSchema.parse(rawFlags);
  const i18n = await cliI18n(flags.locale);
  const syncEveryMs = syncInterval(flags);
  const env = readEnvironment();
  const portal = await openPortal(env);
  let store: StateStore | null = null;
  try {
    const config = await configForPortal(portal, await loadCliConfig());
    const signature = signatureMode(env, portal, i18n);
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
      const banner = { where: whereListening(server, i18n), portal: portal.kind === 'sandbox' ? 'sandbox' : portal.baseUrl, every: syncEveryMs === null ? 'none' : (flags.syncEvery ?? '') };
      process.stderr.write(`cs-card: ${i18n.t('cli.serve.banner', banner)}\n`);
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
