import { msPerDay, msPerMinute, parseDuration } from '../domain/parsing/index.ts';
import { systemScheduler, type Scheduler } from './live-updates.ts';
import type { LogEntry } from './log-entry.ts';
import type { SyncSummary } from './sync.ts';

// The server's scheduled sync (`cs-card serve --sync-every 6h`): an incremental sync at start and
// then every interval, measured from the end of the previous run so runs never overlap. It is
// the safety net of live updates — it catches what no webhook reports (a day passing moves
// renewal windows and ages; deleted records; inputs kept in cs_ properties) and whatever a
// failed live-update batch dropped. The sync lock keeps it apart from a `cs-card sync` by hand.

export interface ScheduledSyncDeps {
  readonly everyMs: number;
  /** One sync run; it stops after the page in progress when the signal aborts. */
  readonly run: (signal: AbortSignal) => Promise<SyncSummary>;
  readonly scheduler?: Scheduler;
  readonly log?: (entry: LogEntry) => void;
}

export class ScheduledSync {
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly controller = new AbortController();
  private readonly scheduler: Scheduler;
  private readonly log: NonNullable<ScheduledSyncDeps['log']>;
  /** Runs finished (successfully or not), for tests and the shutdown line. */
  runs = 0;

  constructor(private readonly deps: ScheduledSyncDeps) {
    if (!Number.isFinite(deps.everyMs) || deps.everyMs <= 0) throw new RangeError(`everyMs must be a positive number of milliseconds, got ${deps.everyMs}`);
    this.scheduler = deps.scheduler ?? systemScheduler;
    this.log = deps.log ?? (() => undefined);
  }

  /** The first run starts at once (catching up on whatever changed while the server was down). */
  start(): void {
    this.next(0);
  }

  /** Resolves once no run is in progress. */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** No further runs; a run in progress stops after its current page (and resumes next time). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.scheduler.clearTimer(this.timer);
    this.timer = null;
    this.controller.abort();
    await this.whenIdle();
  }

  private next(delayMs: number): void {
    if (this.stopped) return;
    this.timer = this.scheduler.setTimer(() => {
      this.timer = null;
      this.running = this.runOnce().finally(() => {
        this.running = null;
        this.runs += 1;
        this.next(this.deps.everyMs);
      });
    }, delayMs);
  }

  private async runOnce(): Promise<void> {
    try {
      const summary = await this.deps.run(this.controller.signal);
      this.log({
        level: summary.skipped > 0 || summary.interrupted ? 'warn' : 'info',
        msg: 'scheduled sync',
        mode: summary.mode,
        scanned: summary.scanned,
        written: summary.written,
        unchanged: summary.unchanged,
        skipped: summary.skipped,
        interrupted: summary.interrupted,
        apiCalls: summary.apiCalls,
        ms: summary.elapsedMs,
      });
    } catch (error) {
      // A sync already running (by hand, or another server) holds the lock: this run is simply skipped.
      this.log({ level: 'warn', msg: 'scheduled sync did not run', error: error instanceof Error ? error.name : typeof error, nextInMs: this.deps.everyMs });
    }
  }
}

export const minSyncIntervalMs = 5 * msPerMinute;
export const maxSyncIntervalMs = 7 * msPerDay;

/** "30m", "6h", "1d" -> milliseconds; null when the text is no such interval or out of range. */
export function parseSyncInterval(text: string): number | null {
  const ms = parseDuration(text, ['m', 'h', 'd'], 4);
  if (ms === null) return null;
  return ms >= minSyncIntervalMs && ms <= maxSyncIntervalMs ? ms : null;
}
