import cliProgress from 'cli-progress';
import { z } from 'zod';
import { ownedCompanyProperties } from '../../domain/sync/written-values.ts';
import { healthUpdatedAtProperty } from '../../domain/properties.ts';
import { runSetup } from '../../usecases/setup.ts';
import { runSync, type CompanyChange, type SyncProgress, type SyncSummary } from '../../usecases/sync.ts';
import { portalConfig } from '../../usecases/portal-settings.ts';
import type { StateStore } from '../../state/store.ts';
import { SyncStateStore } from '../../state/sync-state.ts';
import { loadCliConfig } from '../configuration.ts';
import { CommandFailure } from '../errors.ts';
import { asOfOption, rateLimitOption } from '../options.ts';
import { HubSpotError } from '../../usecases/portal.ts';
import { openPortal, readEnvironment, storeFor, syncStateOptions, type Portal } from '../portal.ts';
import { stopOnSignal } from '../runtime/signals.ts';
import { createI18n, type I18n } from '../../app/cards/i18n/format.ts';
import { cliI18n } from '../locale.ts';
import { skippedParams } from '../skipped-text.ts';
import { catalogText } from '../../app/cards/i18n/message-error.ts';
import type { SyncReason } from '../../state/sync-state.ts';

// `cs-card sync [--full] [--dry-run] [--as-of YYYY-MM-DD]`: recompute health for every company
// in scope and write back what changed, with progress on stderr and a summary on stdout.
// Sync state (the incremental watermark, the checkpoint of an interrupted run) and the lease
// that keeps two syncs of one portal apart live in the state store: PostgreSQL when
// CS_CARD_DATABASE_URL is set, else the embedded SQLite file in .cs-card/ (or CS_CARD_STATE_DIR).
// The embedded sandbox is fresh each run, so its state lives in memory and goes with it.

const syncFlagsSchema = z.object({
  full: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  asOf: z.string().optional(),
  rateLimit: z.string().default('190/10s'),
  locale: z.string().optional(),
});

/** Companies a dry run lists one by one; the rest are counted. */
const maxListedChanges = 1000;
const maxListedSkips = 20;
/** Without a terminal, a progress line at most this often (and after the last page). */
const plainProgressEveryMs = 2000;

interface Progress {
  update(progress: SyncProgress): void;
  stop(): void;
}

/** "sync: 200 of 5,000 companies done, 180 written, 2 skipped" ("would be written" in a dry run). */
function progressText(i18n: I18n, progress: SyncProgress, dryRun: boolean): string {
  const counts = { done: progress.done, total: progress.total ?? progress.done, written: progress.written, skipped: progress.skipped };
  return i18n.t(dryRun ? 'cli.sync.progressDryRun' : 'cli.sync.progress', counts);
}

/**
 * A bar redrawn in place on a terminal; otherwise plain lines, a few seconds apart. Either way
 * it shows from the start: reading the first page of companies takes a while on a paced portal.
 */
export function progressReporter(stream: NodeJS.WritableStream & { isTTY?: boolean }, i18n: I18n, dryRun: boolean): Progress {
  if (stream.isTTY) {
    let latest: SyncProgress | null = null;
    const bar = new cliProgress.SingleBar(
      {
        stream,
        hideCursor: true,
        clearOnComplete: false,
        format: (options, params) => `${cliProgress.Format.BarFormat(params.progress, options)} ${latest === null ? i18n.t('cli.sync.starting') : progressText(i18n, latest, dryRun)}`,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(1, 0);
    let running = true;
    return {
      update(progress) {
        latest = progress;
        bar.setTotal(Math.max(1, progress.total ?? progress.done));
        bar.update(progress.done);
      },
      stop() {
        if (running) bar.stop();
        running = false;
      },
    };
  }
  stream.write(`${i18n.t('cli.sync.starting')}\n`);
  let lastAt = performance.now();
  let last: SyncProgress | null = null;
  let printed: SyncProgress | null = null;
  const print = (progress: SyncProgress) => {
    stream.write(`${progressText(i18n, progress, dryRun)}\n`);
    printed = progress;
    lastAt = performance.now();
  };
  return {
    update(progress) {
      // The first page is shown at once; then a line every few seconds.
      if (printed === null || performance.now() - lastAt >= plainProgressEveryMs) print(progress);
      last = progress;
    },
    stop: () => last !== null && last !== printed && print(last),
  };
}

function changeLine(change: CompanyChange, i18n: I18n): string {
  const shown = Object.entries(change.properties).filter(([name]) => name !== healthUpdatedAtProperty);
  const empty = i18n.t('cli.sync.empty');
  const parts = shown.map(([name, { from, to }]) => `${name} ${from === null || from === '' ? empty : from} -> ${to === '' ? empty : to}`);
  return `  ${change.companyId}${change.name ? ` ${change.name}` : ''}: ${parts.join(i18n.t('list.separator'))}`;
}

/** Why the run is full or incremental, in the reader's words; the last sync's start in their time format. */
export function reasonText(reason: SyncReason, i18n: I18n): string {
  const { since } = reason.params;
  return i18n.message({ code: reason.code, params: typeof since === 'string' ? { ...reason.params, since: i18n.dateTime(since) } : reason.params });
}

export function summaryLines(summary: SyncSummary, i18n: I18n = createI18n('en', 'UTC')): string[] {
  const run = summary.dryRun ? (summary.mode === 'full' ? 'dryRunFull' : 'dryRunIncremental') : summary.mode;
  const counts = {
    scanned: summary.scanned,
    written: summary.written,
    unchanged: summary.unchanged,
    skipped: summary.skipped,
    held: summary.held,
    calls: summary.apiCalls,
    seconds: Math.round(summary.elapsedMs / 100) / 10,
  };
  const lines = [
    i18n.t('cli.sync.title', { run, asOf: summary.asOf, resumed: summary.resumed ? 'yes' : 'no', reason: reasonText(summary.reason, i18n) }),
    i18n.t(summary.dryRun ? 'cli.sync.countsDryRun' : 'cli.sync.counts', counts),
  ];
  if (summary.dryRun) lines.push(i18n.t('cli.sync.nothingWritten'));
  for (const gap of summary.portalGaps) lines.push(i18n.t('cli.sync.note', { gap: i18n.message(gap) }));
  if (summary.skipped > 0) {
    lines.push(i18n.t('cli.sync.skippedHeading'));
    for (const skipped of summary.skippedCompanies.slice(0, maxListedSkips)) lines.push(`  ${i18n.t('cli.sync.skippedCompany', skippedParams(skipped, i18n))}`);
    if (summary.skipped > maxListedSkips) lines.push(`  ${i18n.t('cli.sync.more', { count: summary.skipped - Math.min(maxListedSkips, summary.skippedCompanies.length) })}`);
  }
  return lines;
}

/** Sync writes the product's properties: missing ones would fail every write, so say so up front. */
async function ensureProperties(portal: Portal, config: Awaited<ReturnType<typeof loadCliConfig>>): Promise<void> {
  if (portal.kind === 'sandbox') {
    await runSetup({ properties: portal.properties, config });
    return;
  }
  const present = new Set((await portal.properties.properties()).map((property) => property.name));
  const missing = ownedCompanyProperties.filter((name) => !present.has(name));
  if (missing.length > 0) throw new CommandFailure(catalogText('cli.sync.missingProperties', { names: missing.join(', ') }));
}

export async function sync(rawFlags: unknown): Promise<void> {
  const flags = syncFlagsSchema.parse(rawFlags);
  const i18n = await cliI18n(flags.locale);
  asOfOption(flags.asOf);
  const rateLimit = rateLimitOption(flags.rateLimit);
  const env = readEnvironment();
  const stateOptions = syncStateOptions('cs-card sync');
  const portal = await openPortal(env, { rateLimit });
  const config = await portalConfig(portal, await loadCliConfig()).catch(async (error: unknown) => {
    await portal.close();
    throw error;
  });
  let stateStore: StateStore | null = null;
  const stop = stopOnSignal(i18n.t('cli.sync.stopping'));
  let progress: Progress | null = null;
  try {
    if (portal.kind === 'sandbox') process.stderr.write(`cs-card: ${i18n.t('cli.sandboxNotice')}\n`);
    if (!flags.dryRun) await ensureProperties(portal, config);
    progress = progressReporter(process.stderr, i18n, flags.dryRun);
    stateStore = await storeFor(portal);
    const store = new SyncStateStore(stateStore, portal.key, stateOptions);
    let listed = 0;
    const summary = await runSync(
      { gateway: portal.portfolio, config, store, now: () => new Date(), apiCalls: portal.apiCalls },
      {
        full: flags.full,
        dryRun: flags.dryRun,
        ...(flags.asOf === undefined ? {} : { asOf: flags.asOf }),
        signal: stop.signal,
        onProgress: (p) => progress?.update(p),
        ...(flags.dryRun
          ? {
              onChange: (change: CompanyChange) => {
                listed += 1;
                if (listed === 1) process.stdout.write(`${i18n.t('cli.sync.wouldChange')}\n`);
                if (listed <= maxListedChanges) process.stdout.write(`${changeLine(change, i18n)}\n`);
              },
            }
          : {}),
      },
    );
    progress.stop();
    if (listed > maxListedChanges) process.stdout.write(`  ${i18n.t('cli.sync.more', { count: listed - maxListedChanges })}\n`);
    process.stdout.write(`${summaryLines(summary, i18n).join('\n')}\n`);
    if (summary.interrupted) throw new CommandFailure(catalogText('cli.sync.stopped', { scanned: summary.scanned }));
    if (summary.skipped > 0) throw new CommandFailure(catalogText('cli.sync.leftUnwritten', { count: summary.skipped }));
  } catch (error) {
    progress?.stop();
    if (error instanceof HubSpotError) throw new CommandFailure(catalogText('cli.sync.failed', { error: null }), { cause: error });
    throw error;
  } finally {
    stop.dispose();
    // After a stop the client may still hold abandoned reads: do not wait for them.
    const closing = portal.close();
    if (stop.signal.aborted) void closing.catch(() => undefined);
    else await closing;
    await stateStore?.close();
  }
}
