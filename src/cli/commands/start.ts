import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import type { CsConfig } from '../../config/schema.ts';
import type { PortfolioCompany, PortfolioSummary } from '../../domain/portfolio-summary.ts';
import { createHubSpotClient, defaultBaseUrl, type HubSpotClient } from '../../hubspot/client.ts';
import { HubSpotGateway } from '../../hubspot/gateway.ts';
import { PortfolioGateway } from '../../hubspot/portfolio-gateway.ts';
import { PropertyGateway } from '../../hubspot/properties.ts';
import { readPreviewProject } from '../../preview/project.ts';
import { startPreview } from '../../preview/server.ts';
import { createSandbox, DEFAULT_DEMO_COMPANIES, type Sandbox } from '../../sandbox/index.ts';
import type { LogEntry } from '../../server/app.ts';
import { startServer } from '../../server/start.ts';
import { companyProperties, portfolioSummary, readPortfolio } from '../../usecases/portfolio-summary.ts';
import { runSetup } from '../../usecases/setup.ts';
import { runSync, type SyncProgress } from '../../usecases/sync.ts';
import { SyncStateStore } from '../../usecases/sync-state.ts';
import { loadCliConfig } from '../configuration.ts';
import { UsageError } from '../errors.ts';
import { readEnvironment, type Environment } from '../portal.ts';
import { portfolioReport } from '../portfolio-report.ts';

// `npm start`: the whole product on one machine. Without HUBSPOT_ACCESS_TOKEN it starts the
// embedded sandbox portal with a demo portfolio, creates the properties and scores every
// customer (setup + full sync), then serves the card backend and the local preview and prints
// the manager's summary. With a token it reads that portal and writes nothing unless --write.

export interface ProductOptions {
  readonly env: Environment;
  readonly config: CsConfig;
  /** Backend port; 0 picks a free one. */
  readonly port: number;
  readonly previewPort: number;
  /** When false, a busy port falls back to a free one instead of failing. */
  readonly portsAreExplicit: boolean;
  /** Against a real portal: run setup and a full sync (writes the cs_* properties). */
  readonly write: boolean;
  /** Size of the sandbox's demo portfolio. */
  readonly companies: number;
  /** Where progress lines go (stderr for the CLI). */
  readonly progress: (line: string) => void;
  /** Progress may rewrite its line in place (stderr is a terminal). */
  readonly interactive?: boolean;
  /** Stops a start in progress: the step under way ends early and everything started is closed. */
  readonly signal?: AbortSignal;
}

export interface RunningProduct {
  readonly previewUrl: string;
  readonly backendUrl: string;
  readonly portalLabel: string;
  readonly summary: PortfolioSummary;
  readonly companies: readonly PortfolioCompany[];
  /** The embedded portal, when no token was given. */
  readonly sandbox: Sandbox | null;
  close(): Promise<void>;
}

interface OpenPortal {
  readonly label: string;
  readonly kind: 'sandbox' | 'hubspot';
  readonly sandbox: Sandbox | null;
  readonly gateway: HubSpotGateway;
  readonly portfolio: PortfolioGateway;
  readonly properties: PropertyGateway;
  readonly close: () => Promise<void>;
}

function gatewaysOf(client: HubSpotClient) {
  return { gateway: new HubSpotGateway(client), portfolio: new PortfolioGateway(client), properties: new PropertyGateway(client) };
}

async function openProductPortal(options: ProductOptions): Promise<OpenPortal> {
  const { env } = options;
  if (env.HUBSPOT_ACCESS_TOKEN) {
    const baseUrl = env.HUBSPOT_BASE_URL ?? defaultBaseUrl;
    const client = createHubSpotClient({ accessToken: env.HUBSPOT_ACCESS_TOKEN, baseUrl });
    const label = `portal at ${baseUrl}${options.write ? '' : ' (read-only)'}`;
    return { label, kind: 'hubspot', sandbox: null, ...gatewaysOf(client), close: async () => undefined };
  }
  const sandbox = createSandbox({ companies: options.companies });
  const listening = await sandbox.listen();
  const client = createHubSpotClient({ accessToken: 'sandbox', baseUrl: listening.url });
  return {
    label: 'embedded sandbox portal',
    kind: 'sandbox',
    sandbox,
    ...gatewaysOf(client),
    close: () => listening.close(),
  };
}

function syncProgressLine(progress: SyncProgress): string {
  const of = progress.total === null ? '' : ` of ${progress.total}`;
  return `  scored ${progress.done}${of} companies, ${progress.written} written, ${progress.skipped} skipped`;
}

/** Sync's progress: one line rewritten in place on a terminal, a line per quarter otherwise. */
function syncProgressReporter(write: (line: string) => void, interactive: boolean): (progress: SyncProgress) => void {
  let lastQuarter = -1;
  return (progress) => {
    if (interactive) {
      process.stderr.write(`\r${syncProgressLine(progress)}`);
      return;
    }
    const quarter = progress.total ? Math.floor((4 * progress.done) / progress.total) : lastQuarter + 1;
    if (quarter > lastQuarter) write(syncProgressLine(progress));
    lastQuarter = quarter;
  };
}

/** The sandbox portal lives as long as this process: so does its sync state. */
async function sandboxSyncStore(): Promise<{ store: SyncStateStore; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cs-card-sandbox-'));
  return { store: new SyncStateStore(dir, 'sandbox'), remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes the product's properties and health into the portal: setup, then a full sync. */
async function preparePortal(portal: OpenPortal, options: ProductOptions, step: Step): Promise<void> {
  if (portal.kind !== 'sandbox') throw new UsageError('--write is not available yet: run `cs-card setup` and `cs-card sync --full`, then `npm start` without --write');
  const setup = await step('properties (setup)', () => runSetup({ properties: portal.properties, config: options.config }));
  for (const failure of setup.failed) options.progress(`  property ${failure.name} could not be set up: ${failure.reason}`);
  const { store, remove } = await sandboxSyncStore();
  try {
    const interactive = Boolean(options.interactive);
    const summary = await step('full sync', () =>
      runSync(
        { gateway: portal.portfolio, config: options.config, store, now: () => new Date(), apiCalls: () => 0 },
        { full: true, onProgress: syncProgressReporter(options.progress, interactive), ...(options.signal ? { signal: options.signal } : {}) },
      ).finally(() => interactive && process.stderr.write('\n')),
    );
    options.progress(`  ${summary.scanned} companies scored, ${summary.written} written, ${summary.skipped} skipped`);
  } finally {
    await remove();
  }
}

/** Listens on `port`, or on a free port when that one is taken and the user did not ask for it. */
async function listenOn<T>(port: number, portsAreExplicit: boolean, listen: (port: number) => Promise<T>): Promise<T> {
  try {
    return await listen(port);
  } catch (error) {
    const busy = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    if (!busy) throw error;
    if (portsAreExplicit || port === 0) throw new UsageError(`port ${port} is in use: choose another with --port / --preview-port or PORT`);
    return listen(0);
  }
}

function backendLog(progress: (line: string) => void) {
  return (entry: LogEntry) => {
    if (entry.level === 'error') progress(`backend: ${entry.method} ${entry.route} failed (${entry.status}): ${entry.error}`);
  };
}

type Step = <T>(label: string, run: () => Promise<T>) => Promise<T>;

/** Runs the steps of a start, each reported with its time; none begins once a stop was asked for. */
function stepper(progress: (line: string) => void, signal: AbortSignal | undefined): Step {
  return async (label, run) => {
    signal?.throwIfAborted();
    const started = performance.now();
    const result = await run();
    signal?.throwIfAborted();
    progress(`✓ ${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return result;
  };
}

/** Starts everything, in order; whatever started is closed again if a later step fails. */
export async function startProduct(options: ProductOptions): Promise<RunningProduct> {
  const { progress, config } = options;
  const step = stepper(progress, options.signal);
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closeOne of closers.splice(0).reverse()) await closeOne();
  };
  try {
    const portal = await step('portal', () => openProductPortal(options));
    closers.push(portal.close);
    if (portal.kind === 'sandbox' || options.write) await preparePortal(portal, options, step);

    // HubSpot signs every hubspot.fetch call with the app's client secret; locally the preview
    // signs with this one, so the backend verifies signatures exactly as in production.
    const secret = options.env.HUBSPOT_CLIENT_SECRET ?? randomBytes(32).toString('base64url');
    const card = { gateway: portal.gateway, config, now: () => new Date() };
    const backend = await step('card backend', () =>
      listenOn(options.port, options.portsAreExplicit, (port) => startServer({ card, signature: { mode: 'verify', secret }, log: backendLog(progress) }, port, '127.0.0.1')),
    );
    closers.push(backend.close);

    const deps = { gateway: portal.portfolio, config };
    const asOf = new Date().toISOString().slice(0, 10);
    const { companies, summary } = await step('portfolio summary', () => portfolioSummary(deps, asOf));
    const project = await readPreviewProject();
    const preview = await step('preview', () =>
      listenOn(options.previewPort, options.portsAreExplicit, (port) =>
        startPreview(
          {
            project,
            data: { companies: () => readPortfolio(deps), companyProperties: (id, names) => companyProperties(deps, id, names) },
            backend: { url: backend.url, secret },
            page: {
              appId: 1,
              portalLabel: portal.label,
              portal: { id: 1, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone },
              user: { id: 1, email: 'csm@example.com', firstName: 'Casey', lastName: 'Morgan' },
            },
          },
          port,
        ),
      ),
    );
    closers.push(preview.close);
    return { previewUrl: preview.url, backendUrl: backend.url, portalLabel: portal.label, summary, companies, sandbox: portal.sandbox, close };
  } catch (error) {
    await close();
    throw error;
  }
}

const startFlagsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).optional(),
  previewPort: z.coerce.number().int().min(0).max(65535).optional(),
  companies: z.coerce.number().int().min(1).max(20_000).default(DEFAULT_DEMO_COMPANIES),
  write: z.boolean().default(false),
});

/** Aborted by the first Ctrl-C (SIGINT) or SIGTERM, whether still starting or already serving. */
function stopSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort(new StartStopped());
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}

class StartStopped extends Error {
  constructor() {
    super('stopped before the product was ready');
  }
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
}

async function start(rawFlags: unknown): Promise<void> {
  const flags = startFlagsSchema.safeParse(rawFlags);
  if (!flags.success) throw new UsageError(`bad option: ${flags.error.issues.map((issue) => `--${issue.path.join('.')} ${issue.message}`).join('; ')}`);
  const env = readEnvironment();
  if (flags.data.write && !env.HUBSPOT_ACCESS_TOKEN) throw new UsageError('--write only applies to a real portal: set HUBSPOT_ACCESS_TOKEN, or drop --write to use the sandbox');
  const started = performance.now();
  const signal = stopSignal();
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const config = await loadCliConfig();
  const explicitPort = flags.data.port !== undefined || Boolean(process.env.PORT?.trim());
  const port = flags.data.port ?? env.PORT;
  const product = await startProduct({
    signal,
    env,
    config,
    port,
    previewPort: flags.data.previewPort ?? (port === 0 ? 0 : port + 1),
    portsAreExplicit: explicitPort || flags.data.previewPort !== undefined,
    write: flags.data.write,
    companies: flags.data.companies,
    progress,
    interactive: process.stderr.isTTY,
  }).catch((error: unknown) => {
    if (signal.aborted) return null;
    throw error;
  });
  if (product === null) {
    process.stderr.write('Stopped.\n');
    return;
  }
  const riskiest = product.companies[0];
  process.stdout.write(`\n${portfolioReport(product.summary, config.currency)}\n\n`);
  process.stdout.write(`Preview:  ${product.previewUrl}/${riskiest ? `?company=${riskiest.id}` : ''}   (the card for any company, riskiest first)\n`);
  process.stdout.write(`Backend:  ${product.backendUrl}   (${product.portalLabel})\n`);
  process.stdout.write(`Ready in ${((performance.now() - started) / 1000).toFixed(1)} s. Ctrl-C stops everything.\n`);
  await untilAborted(signal);
  process.stderr.write('Stopping…\n');
  await product.close();
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Run the whole product: the sandbox portal (or HUBSPOT_ACCESS_TOKEN\'s portal), the card backend and a local preview of the card.')
    .option('--port <port>', 'card backend port (default PORT or 3000; a busy default falls back to a free port)')
    .option('--preview-port <port>', 'preview page port (default: backend port + 1)')
    .option('--companies <n>', 'size of the sandbox demo portfolio', String(DEFAULT_DEMO_COMPANIES))
    .option('--write', 'with HUBSPOT_ACCESS_TOKEN: create the properties and run a full sync (writes cs_* properties to that portal)')
    .action(start);
}
