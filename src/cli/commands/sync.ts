import cliProgress from 'cli-progress';
import { z } from 'zod';
import { ownedCompanyProperties } from '../../domain/writeback.ts';
import { healthUpdatedAtProperty } from '../../domain/properties.ts';
import { runSetup } from '../../usecases/setup.ts';
import { runSync, type CompanyChange, type SyncProgress, type SyncSummary } from '../../usecases/sync.ts';
import { portalConfig } from '../../usecases/portal-settings.ts';
import { openMemoryStore, openStateStore } from '../../state/open-store.ts';
import type { StateStore } from '../../state/store.ts';
import { defaultLeaseMs, parseLeaseDuration, SyncStateStore, type SyncStateOptions } from '../../usecases/sync-state.ts';
import { loadCliConfig } from '../configuration.ts';
import { CommandFailure, UsageError } from '../errors.ts';
import { asOfOption, rateLimitOption } from '../options.ts';
import { HubSpotError } from '../../usecases/portal.ts';
import { openPortal, readEnvironment, sandboxNotice, type Portal } from '../portal.ts';

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
});

/** Companies a dry run lists one by one; the rest are counted. */
const maxListedChanges = 1000;
const maxListedSkips = 20;
/** Without a terminal, a progress line at most this often (and after the last page). */
const plainProgressEveryMs = 2000;

/** How a sync holds its portal's lease: CS_CARD_SYNC_LEASE (e.g. 60s, 2m) is how long a crashed holder blocks the next sync. */
export function syncStateOptions(command: string, env: NodeJS.ProcessEnv = process.env): SyncStateOptions {
  const raw = env.CS_CARD_SYNC_LEASE?.trim();
  if (!raw) return { command, leaseMs: defaultLeaseMs };
  const leaseMs = parseLeaseDuration(raw);
  if (leaseMs === null) throw new UsageError(`CS_CARD_SYNC_LEASE "${raw}" is not a duration: write seconds or minutes between 100ms and 60m, like 60s or 2m`);
  return { command, leaseMs };
}

/** The state store of a real portal; the sandbox's lives in memory (it is fresh each run). */
export function storeFor(portal: { readonly kind: 'hubspot' | 'sandbox' }, stateDir?: string): Promise<StateStore> {
  return portal.kind === 'sandbox' ? openMemoryStore() : openStateStore(stateDir);
}

interface Progress {
  update(progress: SyncProgress): void;
  stop(): void;
}

/** A bar redrawn in place on a terminal; otherwise plain lines, a few seconds apart. */
function progressReporter(stream: NodeJS.WriteStream): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: 'sync |{bar}| {value}/{total} companies · {written} written · {skipped} skipped · ETA {eta_formatted}', hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(progress) {
        const payload = { written: progress.written, skipped: progress.skipped };
        if (!started) bar.start(progress.total ?? progress.done, progress.done, payload);
        else {
          if (progress.total !== null) bar.setTotal(progress.total);
          bar.update(progress.done, payload);
        }
        started = true;
      },
      stop() {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let lastAt = Number.NEGATIVE_INFINITY;
  let last: SyncProgress | null = null;
  let printed: SyncProgress | null = null;
  const print = (progress: SyncProgress) => {
    const of = progress.total === null ? '' : ` of ${progress.total}`;
    stream.write(`sync: ${progress.done}${of} companies done, ${progress.written} written, ${progress.skipped} skipped\n`);
    printed = progress;
    lastAt = performance.now();
  };
  return {
    update(progress) {
      last = progress;
      if (performance.now() - lastAt >= plainProgressEveryMs) print(progress);
    },
    stop: () => last !== null && last !== printed && print(last),
  };
}

function changeLine(change: CompanyChange): string {
  const shown = Object.entries(change.properties).filter(([name]) => name !== healthUpdatedAtProperty);
  const parts = shown.map(([name, { from, to }]) => `${name} ${from === null || from === '' ? '(empty)' : from} -> ${to === '' ? '(empty)' : to}`);
  return `  ${change.companyId}${change.name ? ` ${change.name}` : ''}: ${parts.join(', ')}`;
}

/** Companies held as last written because survey answers could not be read (only said when there are some). */
function held(summary: SyncSummary): string {
  return summary.held > 0 ? `, ${summary.held} kept as last written (survey answers unavailable)` : '';
}

export function summaryLines(summary: SyncSummary): string[] {
  const mode = summary.mode === 'full' ? 'Full sync' : 'Incremental sync';
  const verb = summary.dryRun ? 'would be written' : 'written';
  const lines = [
    `${summary.dryRun ? 'Dry run of a ' : ''}${summary.dryRun ? mode.toLowerCase() : mode} as of ${summary.asOf}${summary.resumed ? ', resumed where the last run stopped' : ''} (${summary.reason}).`,
    `${summary.scanned} companies scored: ${summary.written} ${verb}, ${summary.unchanged} unchanged, ${summary.skipped} skipped${held(summary)}; ${summary.apiCalls} CRM calls in ${(summary.elapsedMs / 1000).toFixed(1)} s.`,
  ];
  if (summary.dryRun) lines.push('Nothing was written (dry run).');
  for (const gap of summary.portalGaps) lines.push(`Note: ${gap}.`);
  if (summary.skipped > 0) {
    lines.push(`Skipped (left unwritten; the next sync tries them again):`);
    for (const skipped of summary.skippedCompanies.slice(0, maxListedSkips)) lines.push(`  ${skipped.companyId}: ${skipped.reasons.join('; ')}`);
    if (summary.skipped > maxListedSkips) lines.push(`  ... and ${summary.skipped - Math.min(maxListedSkips, summary.skippedCompanies.length)} more`);
  }
  return lines;
}

/**
 * How long a stopped sync may take to save its checkpoint and exit: well inside a container's
 * 10-second grace period. Reads still in flight are abandoned (the next run reads them again).
 */
export const stopGraceMs = 4_000;

/**
 * Ctrl-C (or SIGTERM) stops the sync: the page being written is finished, the pages being read
 * are abandoned, the checkpoint is saved so the next run continues from there, and the process
 * exits within stopGraceMs whatever is still in flight. A second Ctrl-C quits at once.
 */
function stopOnSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) process.exit(1);
    controller.abort();
    process.exitCode = 1;
    process.stderr.write('\ncs-card: stopping: saving where the sync got to (press Ctrl-C again to quit at once)\n');
    // Abandoned reads may still hold the event loop: once the state is saved nothing of value is left.
    setTimeout(() => process.exit(), stopGraceMs).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

/** Sync writes the product's properties: missing ones would fail every write, so say so up front. */
async function ensureProperties(portal: Portal, config: Awaited<ReturnType<typeof loadCliConfig>>): Promise<void> {
  if (portal.kind === 'sandbox') {
    await runSetup({ properties: portal.properties, config });
    return;
  }
  const present = new Set((await portal.properties.properties()).map((property) => property.name));
  const missing = ownedCompanyProperties.filter((name) => !present.has(name));
  if (missing.length > 0) throw new CommandFailure(`the portal lacks the properties sync writes (${missing.join(', ')}): run \`cs-card setup\` first`);
}

export async function sync(rawFlags: unknown): Promise<void> {
  const flags = syncFlagsSchema.parse(rawFlags);
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
  const stop = stopOnSignal();
  const progress = progressReporter(process.stderr);
  try {
    if (portal.kind === 'sandbox') process.stderr.write(sandboxNotice);
    if (!flags.dryRun) await ensureProperties(portal, config);
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
        onProgress: (p) => progress.update(p),
        ...(flags.dryRun
          ? {
              onChange: (change: CompanyChange) => {
                listed += 1;
                if (listed === 1) process.stdout.write('Would change:\n');
                if (listed <= maxListedChanges) process.stdout.write(`${changeLine(change)}\n`);
              },
            }
          : {}),
      },
    );
    progress.stop();
    if (listed > maxListedChanges) process.stdout.write(`  ... and ${listed - maxListedChanges} more companies\n`);
    process.stdout.write(`${summaryLines(summary).join('\n')}\n`);
    if (summary.interrupted) throw new CommandFailure(`stopped after ${summary.scanned} companies; run cs-card sync again to continue where it stopped`);
    if (summary.skipped > 0) throw new CommandFailure(`${summary.skipped} companies could not be read or written completely and were left unwritten (listed above); the next sync tries them again`);
  } catch (error) {
    progress.stop();
    if (error instanceof HubSpotError) throw new CommandFailure(`sync stopped: ${error.message}`);
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
