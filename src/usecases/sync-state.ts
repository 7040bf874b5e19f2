import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

// What a sync remembers between runs, per portal, in the local state directory (default
// .cs-card/): when the last complete run started (the watermark of the next incremental run),
// when the last full run was, and the checkpoint of a run that did not finish, so a restart
// continues after the last company it completed. Plus a lock file so two syncs of one portal
// never run over each other.

const isoInstant = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'not an ISO timestamp');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Pages of companies a run wrote (domain/sync-watermark.ts): the next run re-checks those changed after their write. */
const writtenPagesSchema = z.array(z.object({ stamp: isoInstant, lastStamp: isoInstant.optional(), writtenAt: isoInstant }));

const completedRunSchema = z.object({
  mode: z.enum(['full', 'incremental']),
  asOf: isoDate,
  startedAt: isoInstant,
  finishedAt: isoInstant,
  writes: writtenPagesSchema.optional(),
});
export type CompletedRun = z.infer<typeof completedRunSchema>;

const companyId = z.string().regex(/^\d+$/);

const pendingRunSchema = z.object({
  mode: z.enum(['full', 'incremental']),
  reason: z.string(),
  asOf: isoDate,
  startedAt: isoInstant,
  /** The completed run an incremental run selects changes since; kept so a resumed run selects the same. */
  watermark: completedRunSchema.pick({ startedAt: true, finishedAt: true, asOf: true, writes: true }).nullable(),
  /** This run's written pages so far (kept across a resume). */
  writes: writtenPagesSchema.optional(),
  /** Companies are processed in ascending id order; everything up to this id is done. */
  afterId: companyId.nullable(),
  /** Totals so far, so the final summary covers the whole run, not just the resumed part. */
  totals: z.record(z.string(), z.number().int().nonnegative()),
  skippedIds: z.array(companyId),
  /** Sources this run could not read in the portal at all (survey answers refused so far). */
  unavailableSources: z.array(z.enum(['feedback'])).optional(),
});
export type PendingRun = z.infer<typeof pendingRunSchema>;

const syncStateSchema = z.object({
  version: z.literal(1),
  lastRun: completedRunSchema.nullable(),
  lastFullRun: completedRunSchema.nullable(),
  pending: pendingRunSchema.nullable(),
  /** Companies the last run skipped (partial data, refused writes): the next incremental run tries them again. */
  retryIds: z.array(companyId),
  /**
   * Sources the last run could not read at all (survey answers refused): companies were held or
   * scored without them, so once the source is readable again the next run rescans every company.
   */
  unavailableSources: z.array(z.enum(['feedback'])).optional(),
});
export type SyncState = z.infer<typeof syncStateSchema>;

export const emptySyncState: SyncState = { version: 1, lastRun: null, lastFullRun: null, pending: null, retryIds: [] };

const lockSchema = z.object({ pid: z.number().int().positive(), host: z.string(), startedAt: isoInstant, token: z.string() });
type LockHolder = z.infer<typeof lockSchema>;

export class SyncLockedError extends Error {
  readonly exitCode = 1;
  constructor(holder: LockHolder, file: string) {
    super(
      `another sync of this portal is running (pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}); wait for it to finish, or delete ${file} if that process is gone`,
    );
    this.name = 'SyncLockedError';
  }
}

export class SyncStateError extends Error {
  readonly exitCode = 1;
}

export interface SyncLock {
  release(): Promise<void>;
}

/** State and lock files of one portal inside `dir`. */
export class SyncStateStore {
  private readonly stateFile: string;
  private readonly lockFile: string;

  constructor(
    readonly dir: string,
    portalKey: string,
  ) {
    if (!/^[\w-]+$/.test(portalKey)) throw new RangeError(`portal key "${portalKey}" must be letters, digits, _ or -`);
    this.stateFile = path.join(dir, `sync-${portalKey}.json`);
    this.lockFile = path.join(dir, `sync-${portalKey}.lock`);
  }

  async read(): Promise<SyncState> {
    let text: string;
    try {
      text = await readFile(this.stateFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptySyncState;
      throw error;
    }
    const parsed = syncStateSchema.safeParse(safeJson(text));
    if (!parsed.success) {
      throw new SyncStateError(`${this.stateFile} is not a sync state this version understands; delete it (the next sync then runs in full)`);
    }
    return parsed.data;
  }

  /** Atomic: a crash mid-write leaves the previous state, never half a file. */
  async write(state: SyncState): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const temp = `${this.stateFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
    await rename(temp, this.stateFile);
  }

  /**
   * Takes the portal's sync lock, or throws SyncLockedError while a live process holds it.
   * A lock left by a process that no longer runs on this host is taken over.
   */
  async lock(now: Date = new Date()): Promise<SyncLock> {
    await mkdir(this.dir, { recursive: true });
    const mine: LockHolder = { pid: process.pid, host: hostname(), startedAt: now.toISOString(), token: randomBytes(8).toString('hex') };
    for (let attempt = 0; attempt < 5; attempt += 1) {
      if (await this.tryCreate(mine)) return { release: () => this.release(mine) };
      const holder = await this.holder();
      if (holder === 'gone') continue;
      if (holder !== null && (holder.host !== mine.host || processAlive(holder.pid))) throw new SyncLockedError(holder, this.lockFile);
      await this.removeStale(holder);
    }
    throw new SyncStateError(`could not take the sync lock ${this.lockFile}; another sync keeps taking it over`);
  }

  /**
   * Creates the lock file with its content in one step (a hard link of a finished temp file), so
   * no other process can ever read it half-written and take it for a stale, unreadable lock.
   */
  private async tryCreate(holder: LockHolder): Promise<boolean> {
    const temp = `${this.lockFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, JSON.stringify(holder), 'utf8');
    try {
      await link(temp, this.lockFile);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    } finally {
      await unlink(temp).catch(() => undefined);
    }
  }

  /** The lock's holder; null when the file is unreadable garbage (treated as stale), 'gone' when it vanished. */
  private async holder(): Promise<LockHolder | null | 'gone'> {
    try {
      const parsed = lockSchema.safeParse(safeJson(await readFile(this.lockFile, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
      throw error;
    }
  }

  /**
   * Moves the stale lock aside. If another process took it over in between, what was moved is
   * its live lock: put it back (link fails if yet another lock appeared) and let the loop re-check.
   */
  private async removeStale(stale: LockHolder | null): Promise<void> {
    const aside = `${this.lockFile}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await rename(this.lockFile, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const moved = lockSchema.safeParse(safeJson(await readFile(aside, 'utf8')));
    const wasStale = stale === null ? !moved.success : moved.success && moved.data.token === stale.token;
    if (!wasStale) await link(aside, this.lockFile).catch(() => undefined);
    await unlink(aside);
  }

  private async release(mine: LockHolder): Promise<void> {
    const holder = await this.holder();
    if (holder !== null && holder !== 'gone' && holder.token === mine.token) await unlink(this.lockFile).catch(() => undefined);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
