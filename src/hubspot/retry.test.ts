import { describe, expect, it } from 'vitest';
import { HubSpotError } from './failures.ts';
import { Deadline, withRetry, type RetryOptions } from './retry.ts';

// The retry policy on its own, with calls that fail the way the SDK does (ApiException: code,
// parsed body, headers). Waits are recorded, never slept.

function apiException(code: number, body: unknown = {}, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`HTTP-Code: ${code}`), { code, body, headers });
}

const secondly = () => apiException(429, { status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', policyName: 'SECONDLY' });
const tenSecondly = (headers: Record<string, string> = {}) =>
  apiException(429, { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' }, headers);
const daily = () => apiException(429, { status: 'error', message: 'You have reached your daily limit.', errorType: 'RATE_LIMIT', policyName: 'DAILY' });

/** A call that throws the given errors in turn, then answers "ok". */
function scripted(errors: readonly Error[]) {
  let attempts = 0;
  const call = () => {
    const error = errors[attempts];
    attempts += 1;
    return error ? Promise.reject(error) : Promise.resolve('ok');
  };
  return { call, attempts: () => attempts };
}

function policy(retries: number) {
  const waits: number[] = [];
  const options: RetryOptions = { retries, minBackoffMs: 1, maxBackoffMs: 2, sleep: async (ms) => void waits.push(ms) };
  return { options, waits };
}

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.catch((caught: unknown) => caught);
  if (!(error instanceof HubSpotError)) throw new Error(`expected a HubSpotError, got ${String(error)}`);
  return error;
}

describe('withRetry', () => {
  it('waits out as many search windows as it takes without using up the retries meant for failures', async () => {
    const { options, waits } = policy(1);
    const call = scripted([secondly(), secondly(), secondly(), secondly(), secondly(), apiException(503)]);

    const result = await withRetry(call.call, new Deadline(12_000), options);

    expect(result).toBe('ok');
    expect(call.attempts()).toBe(7);
    expect(waits).toEqual([1_000, 1_000, 1_000, 1_000, 1_000]);
  });

  it('honours Retry-After on a rate-limited answer', async () => {
    const { options, waits } = policy(1);
    const call = scripted([tenSecondly({ 'retry-after': '2' })]);

    await withRetry(call.call, new Deadline(12_000), options);

    expect(waits).toEqual([2_000]);
  });

  it('stops waiting when the windows would outlast the time budget, even when sleeping takes no time', async () => {
    const { options, waits } = policy(3);
    const call = scripted(Array.from({ length: 1_000 }, secondly));

    const error = await failureOf(withRetry(call.call, new Deadline(3_500), options));

    expect(error.failure).toMatchObject({ kind: 'rate_limited', policy: 'window' });
    expect(waits).toEqual([1_000, 1_000, 1_000]);
    expect(call.attempts()).toBe(4);
  });

  it('does not wait for a ten-second window it cannot afford', async () => {
    const { options, waits } = policy(3);
    const call = scripted([tenSecondly({ 'x-hubspot-ratelimit-interval-milliseconds': '10000' })]);

    const error = await failureOf(withRetry(call.call, new Deadline(5_000), options));

    expect(error.message).toMatch(/too many requests/);
    expect(waits).toEqual([]);
    expect(call.attempts()).toBe(1);
  });

  it('fails at once on the DAILY limit', async () => {
    const { options, waits } = policy(3);
    const call = scripted([daily()]);

    const error = await failureOf(withRetry(call.call, new Deadline(12_000), options));

    expect(error.failure).toEqual({ kind: 'rate_limited', policy: 'daily', waitMs: 0 });
    expect(call.attempts()).toBe(1);
    expect(waits).toEqual([]);
  });

  it('retries 5xx answers a bounded number of times', async () => {
    const { options } = policy(2);
    const call = scripted([apiException(503), apiException(502), apiException(500), apiException(500)]);

    const error = await failureOf(withRetry(call.call, new Deadline(12_000), options));

    expect(error.failure).toEqual({ kind: 'transient', what: 'HTTP 500' });
    expect(call.attempts()).toBe(3);
  });

  it('does not repeat a write after a 5xx (it may have happened), but does after a 429 (it did not)', async () => {
    const { options } = policy(3);
    const afterServerError = scripted([apiException(502)]);
    const afterRateLimit = scripted([tenSecondly({ 'retry-after': '1' })]);

    const error = await failureOf(withRetry(afterServerError.call, new Deadline(12_000), options, { retryTransient: false }));
    const result = await withRetry(afterRateLimit.call, new Deadline(12_000), options, { retryTransient: false });

    expect(error.failure).toEqual({ kind: 'transient', what: 'HTTP 502' });
    expect(afterServerError.attempts()).toBe(1);
    expect(result).toBe('ok');
    expect(afterRateLimit.attempts()).toBe(2);
  });

  it('reports an address that does not resolve after one quick retry, but a cut connection after all of them', async () => {
    const { options } = policy(4);
    const networkError = (code: string) => Object.assign(new Error(`request failed, reason: ${code}`), { code });
    const unresolved = scripted(Array.from({ length: 10 }, () => networkError('ENOTFOUND')));
    const cut = scripted(Array.from({ length: 10 }, () => networkError('ECONNRESET')));

    const unresolvedError = await failureOf(withRetry(unresolved.call, new Deadline(12_000), options));
    const cutError = await failureOf(withRetry(cut.call, new Deadline(12_000), options));

    expect([unresolvedError.failure, unresolved.attempts()]).toEqual([{ kind: 'transient', what: 'ENOTFOUND' }, 2]);
    expect([cutError.failure, cut.attempts()]).toEqual([{ kind: 'transient', what: 'ECONNRESET' }, 5]);
  });

  it('never retries what retrying cannot fix', async () => {
    const { options } = policy(3);
    for (const [code, kind] of [[401, 'unauthorized'], [403, 'forbidden'], [404, 'not_found'], [400, 'rejected']] as const) {
      const call = scripted([apiException(code)]);

      const error = await failureOf(withRetry(call.call, new Deadline(12_000), options));

      expect([code, error.failure.kind, call.attempts()]).toEqual([code, kind, 1]);
    }
  });
});
