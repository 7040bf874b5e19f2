import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { syncStop, syncStopGraceMs, type SyncStopHost } from './signals.ts';

// The sync's stop on the clock of vitest's fake timers: the forced exit is shown without waiting
// syncStopGraceMs for it. (The process-level stop, saving the checkpoint: test/cli/sync.test.ts.)

function recordingHost() {
  const exits: Array<number | undefined> = [];
  const exitCodes: number[] = [];
  let written = '';
  const host: SyncStopHost = {
    setExitCode: (code) => exitCodes.push(code),
    exit: (code) => exits.push(code),
    write: (text) => (written += text),
    // As the process's host does it: an unref'd timer, here on the fake clock.
    setTimer: (run, ms) => {
      setTimeout(run, ms).unref();
    },
  };
  return { host, exits, exitCodes, written: () => written };
}

describe('stopping a sync (Ctrl-C, SIGTERM)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('the first stop aborts the run, says so and sets exit code 1; the process exits syncStopGraceMs later whatever is still in flight', () => {
    const { host, exits, exitCodes, written } = recordingHost();
    const { signal, stop } = syncStop('stopping: saving where the sync got to', host);
    expect(signal.aborted).toBe(false);

    stop();
    expect(signal.aborted).toBe(true);
    expect(exitCodes).toEqual([1]);
    expect(written()).toBe('\ncs-card: stopping: saving where the sync got to\n');
    expect(exits, 'a stopped run has its grace period to save its checkpoint').toEqual([]);

    vi.advanceTimersByTime(syncStopGraceMs - 1);
    expect(exits).toEqual([]);
    vi.advanceTimersByTime(1);
    // No code given: the process ends with the exit code already set (1).
    expect(exits).toEqual([undefined]);
  });

  it('is well inside a container’s 10-second grace period between SIGTERM and SIGKILL', () => {
    expect(syncStopGraceMs).toBeLessThan(10_000);
  });

  it('a second stop exits at once with code 1', () => {
    const { host, exits } = recordingHost();
    const { stop } = syncStop('stopping', host);
    stop();
    stop();
    expect(exits).toEqual([1]);
  });

  it('the grace period is the one given', () => {
    const { host, exits } = recordingHost();
    const { stop } = syncStop('stopping', host, 250);
    stop();
    vi.advanceTimersByTime(249);
    expect(exits).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(exits).toEqual([undefined]);
  });
});
