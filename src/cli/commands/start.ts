import { randomBytes } from 'node:crypto';
import { createI18n, type I18n } from '../../app/cards/i18n/format.ts';
import type { MessageKey } from '../../app/cards/i18n/messages.ts';
import { catalogText } from '../../app/cards/i18n/message-error.ts';
import type { CsConfig } from '../../config/schema.ts';
import type { PortfolioCompany } from '../../domain/portfolio/company-picker.ts';
import { dayZone, parseIsoDate, todayIn } from '../../domain/parsing/index.ts';
import { readPreviewProject } from '../../preview/project.ts';
import { startPreviewServer } from '../../preview/server.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import type { LogEntry } from '../../server/app.ts';
import { startServer } from '../../server/start.ts';
import { portfolioPage, type PortfolioPage } from '../../usecases/portfolio-book.ts';
import { companyProperties, readPortfolio } from '../../usecases/company-picker.ts';
import { runSetup } from '../../usecases/setup.ts';
import { runSync, type SyncProgress } from '../../usecases/sync.ts';
import { SyncStateStore } from '../../state/sync-state.ts';
import { runDoctor } from '../../usecases/doctor.ts';
import { doctorLines } from '../doctor-text.ts';
import { portalConfig } from '../../usecases/portal-settings.ts';
import { stateDirectory } from '../../state/open-store.ts';
import { loadCliConfig } from '../configuration.ts';
import { UsageError } from '../errors.ts';
import { cliI18n } from '../locale.ts';
import { skippedParams } from '../skipped-text.ts';
import { companiesOption, portOption } from '../options.ts';
import { defaultRateLimit } from '../../usecases/portal.ts';
import { openPortal, readEnvironment, storeFor, syncStateOptions, type Environment, type Portal } from '../portal.ts';
import { portfolioReport } from '../portfolio-report.ts';
import { checkPorts, listenOn, loopbackHost } from '../runtime/ports.ts';
import { startStopGraceMs, stopSignal, untilAborted } from '../runtime/signals.ts';

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
  /** Where a real portal's sync state lives (`cs-card sync`'s directory); unused for the sandbox. */
  readonly stateDir: string;
  /** Where progress lines go (stderr for the CLI). */
  readonly progress: (line: string) => void;
  /** Progress may rewrite its line in place (stderr is a terminal). */
  readonly interactive?: boolean;
  /** Stops a start in progress: the step under way ends early and everything started is closed. */
  readonly signal?: AbortSignal;
  /** The language of the progress lines (English when not given). */
  readonly i18n?: I18n;
}

export interface RunningProduct {
  readonly previewUrl: string;
  readonly backendUrl: string;
  readonly portalLabel: string;
  readonly summary: PortfolioPage;
  readonly companies: readonly PortfolioCompany[];
  /** The embedded portal, when no token was given. */
  readonly sandbox: Sandbox | null;
  close(): Promise<void>;
}

/** The token's portal (paced like `cs-card sync`), or the embedded sandbox with the demo portfolio (in-process, not paced). */
function openProductPortal(options: ProductOptions): Promise<Portal> {
  return openPortal(options.env, { rateLimit: options.env.HUBSPOT_ACCESS_TOKEN ? defaultRateLimit : null, companies: options.companies });
}

function syncProgressLine(progress: SyncProgress, i18n: I18n): string {
  return `  ${i18n.t('cli.start.syncProgress', { done: progress.done, total: progress.total ?? progress.done, written: progress.written, skipped: progress.skipped })}`;
}

/** Sync's progress: one line rewritten in place on a terminal, a line per quarter otherwise. */
function syncProgressReporter(write: (line: string) => void, interactive: boolean, i18n: I18n): (progress: SyncProgress) => void {
  let lastQuarter = -1;
  return (progress) => {
    if (interactive) {
      process.stderr.write(`\r${syncProgressLine(progress, i18n)}`);
      return;
    }
    const quarter = progress.total ? Math.floor((4 * progress.done) / progress.total) : lastQuarter + 1;
    if (quarter > lastQuarter) write(syncProgressLine(progress, i18n));
    lastQuarter = quarter;
  };
}

/**
 * Where the sync keeps its state: a real portal's in the state store, shared with `cs-card sync`
 * (whose lease keeps the two apart); the sandbox lives as long as this process, so its state
 * lives in memory.
 */
async function syncStoreFor(portal: Portal, stateDir: string): Promise<{ store: SyncStateStore; remove: () => Promise<void> }> {
  const stateStore = await storeFor(portal, stateDir);
  return { store: new SyncStateStore(stateStore, portal.key, syncStateOptions('cs-card start --write')), remove: () => stateStore.close() };
}

/** The sandbox's portfolio is small: smaller pages make the progress visible. A real portal uses sync's default. */
const sandboxSyncPageSize = 50;

/** Writes the product's properties and health into the portal: setup, then a full sync. */
async function preparePortal(portal: Portal, options: ProductOptions, step: Step, i18n: I18n): Promise<void> {
  const setup = await step('cli.start.step.setup', () => runSetup({ properties: portal.properties, config: options.config }));
  for (const failure of setup.failed) options.progress(`  ${i18n.t('cli.start.propertyFailed', { name: failure.name, reason: i18n.message(failure.reason) })}`);
  const { store, remove } = await syncStoreFor(portal, options.stateDir);
  try {
    const interactive = Boolean(options.interactive);
    const summary = await step('cli.start.step.sync', () =>
      runSync(
        { gateway: portal.portfolio, config: options.config, store, now: () => new Date(), apiCalls: portal.apiCalls },
        {
          full: true,
          onProgress: syncProgressReporter(options.progress, interactive, i18n),
          ...(portal.kind === 'sandbox' ? { pageSize: sandboxSyncPageSize } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        },
      ).finally(() => interactive && process.stderr.write('\n')),
    );
    options.progress(`  ${i18n.t('cli.start.synced', { scanned: summary.scanned, written: summary.written, skipped: summary.skipped })}`);
    for (const skipped of summary.skippedCompanies.slice(0, 5)) options.progress(`  ${i18n.t('cli.start.skipped', skippedParams(skipped, i18n))}`);
  } finally {
    await remove();
  }
}

/** The backend's or the preview's failed requests, one progress line each. */
function failureLog(progress: (line: string) => void, i18n: I18n, key: 'cli.start.backendFailed' | 'cli.start.previewFailed') {
  return (entry: LogEntry) => {
    if (entry.level === 'error') progress(i18n.t(key, { method: String(entry.method), route: String(entry.route), status: String(entry.status), error: String(entry.error) }));
  };
}

/** A step of the start, named by its catalog key (cli.start.step.*). */
type Step = <T>(label: MessageKey, run: () => Promise<T>) => Promise<T>;

/** Runs the steps of a start, each reported with its time; none begins once a stop was asked for. */
function stepper(progress: (line: string) => void, signal: AbortSignal | undefined, i18n: I18n): Step {
  return async (label, run) => {
    signal?.throwIfAborted();
    const started = performance.now();
    const result = await run();
    signal?.throwIfAborted();
    progress(i18n.t('cli.start.stepDone', { step: i18n.t(label), seconds: seconds(started) }));
    return result;
  };
}

/** Seconds since `started` (a performance.now() reading), to a tenth. */
function seconds(started: number): number {
  return Math.round((performance.now() - started) / 100) / 10;
}

/** Starts everything, in order; whatever started is closed again if a later step fails. */
export async function startProduct(startOptions: ProductOptions): Promise<RunningProduct> {
  const { progress } = startOptions;
  const i18n = startOptions.i18n ?? createI18n('en', 'UTC');
  let options = startOptions;
  const step = stepper(progress, options.signal, i18n);
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closeOne of closers.splice(0).reverse()) await closeOne();
  };
  try {
    const portal = await step('cli.start.step.portal', () => openProductPortal(options));
    closers.push(portal.close);
    // A real portal is checked first (nothing written): what would make results wrong is shown up front.
    if (portal.kind === 'hubspot') {
      const doctor = await step('cli.start.step.doctor', () => runDoctor({ account: portal.account, properties: portal.properties, portfolio: portal.portfolio }, startOptions.config));
      for (const line of doctorLines(doctor.checks, i18n.locale, { failedOnly: true })) progress(`  ${line}`);
    }
    // The portal's time zone, home currency and sentiment options, read once for everything below.
    const config = await step('cli.start.step.settings', () => portalConfig(portal, startOptions.config));
    options = { ...startOptions, config };
    if (portal.kind === 'sandbox' || options.write) await preparePortal(portal, options, step, i18n);

    // HubSpot signs every hubspot.fetch call with the app's client secret; locally the preview
    // signs with this one, so the backend verifies signatures exactly as in production.
    const secret = options.env.HUBSPOT_CLIENT_SECRET ?? randomBytes(32).toString('base64url');
    const card = { gateway: portal.card, config, now: () => new Date() };
    // The portal as data: the terminal words it in its language, the preview page in the page's.
    const portalWhere = { portal: portal.kind === 'sandbox' ? 'sandbox' : portal.baseUrl, readOnly: portal.kind === 'hubspot' && !options.write ? 'yes' : 'no' } as const;
    const portalLabel = i18n.t('cli.start.portal', portalWhere);
    const backend = await step('cli.start.step.backend', () =>
      listenOn(options.port, options.portsAreExplicit, (port) => startServer({ card, signature: { mode: 'verify', secret }, log: failureLog(progress, i18n, 'cli.start.backendFailed'), portfolio: { gateway: portal.portfolio, config, now: () => new Date() } }, port, loopbackHost)),
    );
    closers.push(backend.close);

    const deps = { gateway: portal.portfolio, config };
    const readAt = Date.now();
    const asOf = todayIn(dayZone(config.timeZone), readAt);
    const [companies, summary] = await step('cli.start.step.summary', () =>
      Promise.all([readPortfolio(deps), portfolioPage(deps, { asOf: parseIsoDate(asOf) ?? 0, readAt, currency: { reporting: config.currency, home: config.currency } })]),
    );
    const project = await readPreviewProject();
    const preview = await step('cli.start.step.preview', () =>
      listenOn(options.previewPort, options.portsAreExplicit, (port) =>
        startPreviewServer(
          {
            project,
            data: { companies: () => readPortfolio(deps), companyProperties: (id, names) => companyProperties(deps, id, names) },
            backend: { url: backend.url, secret },
            log: failureLog(progress, i18n, 'cli.start.previewFailed'),
            page: {
              appId: 1,
              portalWhere,
              portal: { id: 1, timezone: config.timeZone },
              user: { id: 1, email: 'csm@example.com', firstName: 'Casey', lastName: 'Morgan' },
            },
          },
          port,
        ),
      ),
    );
    closers.push(preview.close);
    return { previewUrl: preview.url, backendUrl: backend.url, portalLabel, summary, companies, sandbox: portal.sandbox, close };
  } catch (error) {
    await close();
    throw error;
  }
}

interface StartFlags {
  readonly port?: string;
  readonly previewPort?: string;
  readonly companies: string;
  readonly write?: boolean;
  readonly locale?: string;
}

function printReady(product: RunningProduct, started: number, i18n: I18n): void {
  const riskiest = product.companies[0];
  process.stdout.write(`\n${portfolioReport(product.summary, i18n.locale)}\n\n`);
  process.stdout.write(`${i18n.t('cli.start.preview', { url: `${product.previewUrl}/${riskiest ? `?company=${riskiest.id}` : ''}` })}\n`);
  process.stdout.write(`${i18n.t('cli.start.backend', { url: product.backendUrl, portal: product.portalLabel })}\n`);
  process.stdout.write(`${i18n.t('cli.start.ready', { seconds: seconds(started) })}\n`);
}

/** Starts the product, serves until stopped, then closes it: a stop during start is not an error. */
async function runUntilStopped(options: ProductOptions & { signal: AbortSignal; i18n: I18n }, started: number): Promise<void> {
  const { signal, i18n } = options;
  const product = await startProduct(options).catch((error: unknown) => {
    if (signal.aborted) return null;
    throw error;
  });
  if (product === null) {
    process.stderr.write(`${i18n.t('cli.start.stopped')}\n`);
    return;
  }
  printReady(product, started, i18n);
  await untilAborted(signal);
  process.stderr.write(`${i18n.t('cli.start.stopping')}\n`);
  await product.close();
}

export async function start(flags: StartFlags): Promise<void> {
  const i18n = await cliI18n(flags.locale);
  const flagPort = flags.port === undefined ? undefined : portOption('--port', flags.port);
  const flagPreviewPort = flags.previewPort === undefined ? undefined : portOption('--preview-port', flags.previewPort);
  const companies = companiesOption(flags.companies);
  const write = flags.write ?? false;
  const env = readEnvironment();
  if (write && !env.HUBSPOT_ACCESS_TOKEN) throw new UsageError(catalogText('cli.start.writeWithoutToken'));
  const explicitPort = flagPort !== undefined || Boolean(process.env.PORT?.trim());
  const port = flagPort ?? env.PORT;
  const previewPort = flagPreviewPort ?? (port === 0 ? 0 : port + 1);
  const portsAreExplicit = explicitPort || flagPreviewPort !== undefined;
  // The ports first: a taken port is found before setup and a full sync, not after them.
  await checkPorts({ port, previewPort, portsAreExplicit });
  const started = performance.now();
  const signal = stopSignal(i18n.t('cli.start.stopTimeout', { seconds: startStopGraceMs / 1000 }));
  const config = await loadCliConfig();
  const options = {
    signal,
    i18n,
    env,
    config,
    port,
    previewPort,
    portsAreExplicit,
    write,
    companies,
    stateDir: stateDirectory(),
    progress: (line: string) => process.stderr.write(`${line}\n`),
    interactive: process.stderr.isTTY,
  };
  await runUntilStopped(options, started);
}
