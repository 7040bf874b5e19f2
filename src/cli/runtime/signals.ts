// Signal handling of every long-running command, in one place: what Ctrl-C (SIGINT) and
// SIGTERM do to a sync, to `start` and to the servers (`serve`, `sandbox`), and how long a stop
// may take before the process exits anyway.

/**
 * How long a stopped sync may take to save its checkpoint and exit: well inside a container's
 * 10-second grace period. Reads still in flight are abandoned (the next run reads them again).
 */
export const syncStopGraceMs = 4_000;

/** What stopping a sync does to the process; injectable so a test drives the forced exit without waiting for it. */
export interface SyncStopHost {
  /** The code the process ends with when it ends by itself. */
  setExitCode(code: number): void;
  exit(code?: number): void;
  write(text: string): void;
  /** Runs `run` after `ms` without keeping the process alive for it. */
  setTimer(run: () => void, ms: number): void;
}

const processHost: SyncStopHost = {
  setExitCode: (code) => {
    process.exitCode = code;
  },
  exit: (code) => process.exit(code),
  write: (text) => process.stderr.write(text),
  setTimer: (run, ms) => {
    setTimeout(run, ms).unref();
  },
};

/**
 * What Ctrl-C (or SIGTERM) does to a sync (stopOnSignal wires it to the signals): the first one
 * aborts `signal`, says so and sets exit code 1; `graceMs` later the process exits whatever is
 * still in flight. A second one exits at once.
 */
export function syncStop(stoppingText: string, host: SyncStopHost = processHost, graceMs = syncStopGraceMs): { signal: AbortSignal; stop(): void } {
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) {
      host.exit(1);
      return;
    }
    controller.abort();
    host.setExitCode(1);
    host.write(`\ncs-card: ${stoppingText}\n`);
    // Abandoned reads may still hold the event loop: once the state is saved nothing of value is left.
    host.setTimer(() => host.exit(), graceMs);
  };
  return { signal: controller.signal, stop };
}

/**
 * Ctrl-C (or SIGTERM) stops the sync: the page being written is finished, the pages being read
 * are abandoned, the checkpoint is saved so the next run continues from there, and the process
 * exits within syncStopGraceMs whatever is still in flight. A second Ctrl-C quits at once.
 */
export function stopOnSignal(stoppingText: string): { signal: AbortSignal; dispose(): void } {
  const { signal, stop } = syncStop(stoppingText);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

/** How long a stop may take before the process gives up waiting and exits anyway (`exitingText` says it). */
export const startStopGraceMs = 10_000;

/**
 * Aborted by the first Ctrl-C (SIGINT) or SIGTERM, whether still starting or already serving.
 * The listeners stay for the life of the process: one Ctrl-C under `npm start` reaches this
 * process up to three times (the terminal's process group, then npm's and tsx's forwarding),
 * and a repeat arriving with no listener left would kill it mid-shutdown with exit code 130.
 * (Node restores the default action while it tears down at exit, so a repeat landing in that
 * last instant still can; the repeats come within milliseconds, well before the close ends.)
 */
export function stopSignal(exitingText: string): AbortSignal {
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) return;
    controller.abort(new StartStopped());
    // A stuck close must not leave the terminal hanging; unref'd, so it never delays a clean exit.
    setTimeout(() => {
      process.stderr.write(`cs-card: ${exitingText}\n`);
      process.exit(1);
    }, startStopGraceMs).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return controller.signal;
}

export class StartStopped extends Error {
  constructor() {
    super('stopped before the product was ready');
  }
}

export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
}

/** Resolves at the first Ctrl-C or SIGTERM: a server (`serve`, `sandbox`) then closes and exits 0. */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
