import { setTimeout as wait } from 'node:timers/promises';
import { classify, HubSpotError, isUnreachable, type Failure } from './failures.ts';

// HubSpot's fault policy (HUBSPOT.md "Rate limits and errors"): a TEN_SECONDLY 429 waits for
// the window and tries again, a DAILY 429 fails at once, 5xx / 423 / timeouts / dropped
// connections back off exponentially with jitter; an address that refuses the connection or
// does not resolve gets one quick retry (a restarting server, a DNS blip) and is then reported,
// since it will not answer in the next seconds; everything stays inside one time budget so a
// card answers before HubSpot's 15-second hubspot.fetch timeout. The waits keep the process
// alive: a CLI command waiting out a 429 must not exit half done.

export interface RetryOptions {
  /** Further attempts after the first for transient failures. */
  readonly retries: number;
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
  /** Waits for a 429 window; injectable so tests never really wait 10 s. */
  readonly sleep: (ms: number) => Promise<void>;
}

export const defaultRetryOptions: RetryOptions = {
  retries: 4,
  minBackoffMs: 200,
  maxBackoffMs: 2_000,
  sleep: (ms) => wait(ms),
};

/** The time left for one use case; every call and every wait shares it. */
export class Deadline {
  private readonly endsAt: number;

  constructor(readonly budgetMs: number) {
    this.endsAt = performance.now() + budgetMs;
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - performance.now());
  }
}

class DeadlineExceeded extends Error {
  constructor() {
    super('the time budget ran out');
    this.name = 'DeadlineExceeded';
  }
}

function raceDeadline<T>(promise: Promise<T>, deadline: Deadline): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded()), deadline.remainingMs());
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}

function failureOf(error: unknown): Failure {
  if (error instanceof HubSpotError) return error.failure;
  if (error instanceof DeadlineExceeded) return { kind: 'transient', what: 'time budget of the request used up' };
  return classify(error);
}

export interface CallOptions {
  /** false for writes that are not idempotent: only a 429 (never processed) is tried again. */
  readonly retryTransient?: boolean;
}

function isWindowLimit(failure: Failure): failure is Extract<Failure, { kind: 'rate_limited' }> {
  return failure.kind === 'rate_limited' && failure.policy === 'window';
}

/** Retries for an address that could not be reached at all, at most (the first, quick backoff). */
const unreachableRetries = 1;

/** The retries a transient failure may have: all of them, or one quick one when nothing could be reached. */
function retriesFor(failure: Failure, options: RetryOptions): number {
  return isUnreachable(failure) ? Math.min(options.retries, unreachableRetries) : options.retries;
}

/** Exponential backoff with jitter (x1 to x2) before the given retry (0 = first), capped. */
function backoffMs(options: RetryOptions, retry: number): number {
  return Math.min(options.maxBackoffMs, options.minBackoffMs * 2 ** retry * (1 + Math.random()));
}

/**
 * Runs one HubSpot call under the policy; rejects with a HubSpotError.
 *
 * A 429 for a rolling window (ten-secondly, or search's 5 a second) is HubSpot pacing us, not a
 * failure: waiting it out does not use up the retries meant for 5xx and timeouts, or a burst of
 * cards sharing the search limit would run out of attempts and lose its NPS. The budget alone
 * bounds those waits, counted as asked for, so the loop ends even when `sleep` returns at once.
 */
export async function withRetry<T>(
  call: () => Promise<T>,
  deadline: Deadline,
  options: RetryOptions,
  { retryTransient = true }: CallOptions = {},
): Promise<T> {
  const budgetMs = deadline.remainingMs();
  let waitedMs = 0;
  let retries = 0;
  for (;;) {
    let failure: Failure;
    try {
      return await raceDeadline(call(), deadline);
    } catch (error) {
      failure = failureOf(error);
    }
    if (isWindowLimit(failure)) {
      waitedMs += failure.waitMs;
      if (failure.waitMs >= deadline.remainingMs() || waitedMs >= budgetMs) throw new HubSpotError(failure);
      await options.sleep(failure.waitMs);
      continue;
    }
    const pause = backoffMs(options, retries);
    if (failure.kind !== 'transient' || !retryTransient || retries >= retriesFor(failure, options) || pause >= deadline.remainingMs()) {
      throw new HubSpotError(failure);
    }
    retries += 1;
    await wait(pause);
  }
}
