import { z } from 'zod';
import type { I18n } from '../app/cards/i18n/format.ts';
import { catalogText } from '../app/cards/i18n/message-error.ts';
import { isMessageKey } from '../app/cards/i18n/loaded-catalogs.ts';
import type { CsConfig } from '../config/schema.ts';
import { createSandbox, type Sandbox } from '../sandbox/index.ts';
import { connectPortal, defaultRateLimit, type PortalConnection, type RateLimit } from '../usecases/portal.ts';
import { portalConfig } from '../usecases/portal-settings.ts';
import { openMemoryStore, openStateStore } from '../state/open-store.ts';
import type { StateStore } from '../state/store.ts';
import { defaultLeaseMs, parseLeaseDuration, type SyncStateOptions } from '../state/sync-state.ts';
import { UsageError } from './errors.ts';

// Which HubSpot portal the commands talk to (DESIGN.md "Environment"): a real one when
// HUBSPOT_ACCESS_TOKEN is set, else the embedded sandbox, started in-process on loopback and
// reached through the same SDK and gateway as HubSpot itself. Where each portal's state lives
// (the state store of a real portal; memory for the sandbox, fresh each run) is decided here too.

const blankAsAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const environmentSchema = z.object({
  HUBSPOT_ACCESS_TOKEN: z.preprocess(blankAsAbsent, z.string().trim().optional()),
  HUBSPOT_BASE_URL: z.preprocess(
    blankAsAbsent,
    z.url({ protocol: /^https?$/, error: 'cli.env.baseUrl' }).optional(),
  ),
  HUBSPOT_CLIENT_SECRET: z.preprocess(blankAsAbsent, z.string().optional()),
  PORT: z.preprocess(
    blankAsAbsent,
    z.coerce.number({ error: 'cli.env.port' }).int({ error: 'cli.env.port' }).min(0, { error: 'cli.env.port' }).max(65535, { error: 'cli.env.port' }).default(3000),
  ),
  /** The address `serve` listens on: loopback unless told otherwise (0.0.0.0 in a container behind its TLS proxy). */
  CS_CARD_HOST: z.preprocess(blankAsAbsent, z.string().trim().default('127.0.0.1')),
  /** The public origin HubSpot calls (https://host), when a proxy hides it from the server. */
  CS_CARD_PUBLIC_URL: z.preprocess(
    blankAsAbsent,
    z.url({ protocol: /^https?$/, error: 'cli.env.publicUrl' }).optional(),
  ),
  /** 1: a proxy in front sets X-Forwarded-Proto / -Host, and the signature covers the URL they name. */
  CS_CARD_TRUST_PROXY: z.preprocess(
    blankAsAbsent,
    z
      .enum(['0', '1', 'true', 'false'], { error: 'cli.env.trustProxy' })
      .transform((value) => value === '1' || value === 'true')
      .optional(),
  ),
});

export type Environment = z.infer<typeof environmentSchema>;

/** The environment the commands read; a bad variable is a usage error naming it (the schema's messages are catalog codes). */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const code = parsed.error.issues[0]?.message ?? '';
    throw new UsageError(isMessageKey(code) ? catalogText(code) : catalogText('cli.env.invalid', { detail: code }));
  }
  if (parsed.data.HUBSPOT_BASE_URL && !parsed.data.HUBSPOT_ACCESS_TOKEN) throw new UsageError(catalogText('cli.env.baseUrlWithoutToken'));
  return parsed.data;
}

/** The portal a command talks to, as `connectPortal` gives it, and which one it is. */
export interface Portal extends PortalConnection {
  readonly kind: 'hubspot' | 'sandbox';
  /** For people: "embedded sandbox portal", "portal at https://api.hubapi.com". */
  readonly label: string;
  /** The embedded portal, when no token was given. */
  readonly sandbox: Sandbox | null;
  /** CRM calls made so far (the paced ones; every call the sandbox answered when not paced). */
  readonly apiCalls: () => number;
}

export interface PortalOptions {
  /** Paces portfolio, property and list calls (`cs-card sync --rate-limit`); null: not paced. */
  readonly rateLimit?: RateLimit | null;
  /** The embedded sandbox's demo portfolio size. */
  readonly companies?: number;
}

/** The configuration with the portal's time zone, home currency and sentiment options (read once per process). */
export function configForPortal(portal: Pick<Portal, 'account' | 'properties'>, config: CsConfig): Promise<CsConfig> {
  return portalConfig({ account: portal.account, properties: portal.properties }, config);
}

/** HUBSPOT_ACCESS_TOKEN's portal, or a fresh embedded sandbox (which lives as long as this process). */
export async function openPortal(env: Environment, options: PortalOptions = {}): Promise<Portal> {
  const rateLimit = options.rateLimit === undefined ? defaultRateLimit : options.rateLimit;
  if (env.HUBSPOT_ACCESS_TOKEN) {
    const connection = connectPortal({ accessToken: env.HUBSPOT_ACCESS_TOKEN, ...(env.HUBSPOT_BASE_URL ? { baseUrl: env.HUBSPOT_BASE_URL } : {}), rateLimit });
    return { ...connection, kind: 'hubspot', label: `portal at ${connection.baseUrl}`, sandbox: null, apiCalls: connection.pacedCalls };
  }
  const sandbox = createSandbox(options.companies === undefined ? {} : { companies: options.companies });
  const listening = await sandbox.listen();
  const connection = connectPortal({ accessToken: 'sandbox', baseUrl: listening.url, rateLimit });
  return {
    ...connection,
    kind: 'sandbox',
    key: 'sandbox',
    label: 'embedded sandbox portal',
    sandbox,
    apiCalls: rateLimit === null ? () => sandbox.log.entries.length : connection.pacedCalls,
    close: async () => {
      await connection.close();
      await listening.close();
    },
  };
}

/** The line on stderr that says a command runs against the embedded sandbox portal. */
export function sandboxNotice(i18n: I18n): string {
  return `cs-card: ${i18n.t('cli.sandboxNotice')}\n`;
}

/** How a sync holds its portal's lease: CS_CARD_SYNC_LEASE (e.g. 60s, 2m) is how long a crashed holder blocks the next sync. */
export function syncStateOptions(command: string, env: NodeJS.ProcessEnv = process.env): SyncStateOptions {
  const raw = env.CS_CARD_SYNC_LEASE?.trim();
  if (!raw) return { command, leaseMs: defaultLeaseMs };
  const leaseMs = parseLeaseDuration(raw);
  if (leaseMs === null) throw new UsageError(catalogText('cli.env.syncLease', { value: raw }));
  return { command, leaseMs };
}

/** The state store of a real portal; the sandbox's lives in memory (it is fresh each run). */
export function storeFor(portal: { readonly kind: 'hubspot' | 'sandbox' }, stateDir?: string): Promise<StateStore> {
  return portal.kind === 'sandbox' ? openMemoryStore() : openStateStore(stateDir);
}
