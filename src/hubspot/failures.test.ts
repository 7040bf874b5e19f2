import { describe, expect, it } from 'vitest';
import { RequestTimeoutError } from './client.ts';
import { classify, failureMessage, isUnreachable } from './failures.ts';

// The SDK's ApiException, as it reaches the gateway: status code, parsed body, headers.
function apiException(code: number, body: unknown, headers: Record<string, string> = {}) {
  return Object.assign(new Error('HTTP-Code: ... Message: An error occurred. Body: ... Headers: ...'), { code, body, headers });
}

const tenSecondly = { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' };

describe('classifying HubSpot failures', () => {
  it('waits as long as Retry-After or the rate-limit interval says, never more than the 10-second window', () => {
    expect(classify(apiException(429, tenSecondly, { 'retry-after': '3' }))).toEqual({ kind: 'rate_limited', policy: 'window', waitMs: 3_000 });
    expect(classify(apiException(429, tenSecondly, { 'x-hubspot-ratelimit-interval-milliseconds': '10000' }))).toMatchObject({ waitMs: 10_000 });
    expect(classify(apiException(429, tenSecondly, { 'retry-after': '3600' }))).toMatchObject({ waitMs: 10_000 });
    expect(classify(apiException(429, tenSecondly))).toMatchObject({ waitMs: 10_000 });
  });

  it('treats the search API\'s secondly limit as a one-second wait', () => {
    expect(classify(apiException(429, { status: 'error', message: 'You have reached your secondly limit.', policyName: 'SECONDLY' }))).toMatchObject({ policy: 'window', waitMs: 1_000 });
  });

  it('recognises the daily limit by its policy or by a zero daily remainder', () => {
    expect(classify(apiException(429, { ...tenSecondly, policyName: 'DAILY' }))).toMatchObject({ policy: 'daily' });
    expect(classify(apiException(429, tenSecondly, { 'x-hubspot-ratelimit-daily-remaining': '0' }))).toMatchObject({ policy: 'daily' });
  });

  it('sorts statuses and transport errors into what retrying can and cannot fix', () => {
    expect(classify(apiException(401, {}))).toEqual({ kind: 'unauthorized' });
    expect(classify(apiException(403, { category: 'MISSING_SCOPES' }))).toEqual({ kind: 'forbidden' });
    expect(classify(apiException(404, { category: 'OBJECT_NOT_FOUND' }))).toEqual({ kind: 'not_found' });
    expect(classify(apiException(423, {}))).toMatchObject({ kind: 'transient' });
    expect(classify(apiException(504, 'Gateway Timeout'))).toMatchObject({ kind: 'transient', what: 'HTTP 504' });
    expect(classify(apiException(400, { category: 'VALIDATION_ERROR' }))).toEqual({ kind: 'rejected', status: 400, category: 'VALIDATION_ERROR' });
    expect(classify(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toMatchObject({ kind: 'transient' });
    expect(classify(new RequestTimeoutError(5_000))).toEqual({ kind: 'transient', what: 'timeout' });
    expect(classify(new TypeError('x is not a function'))).toMatchObject({ kind: 'rejected' });
  });

  it('tells an address that cannot be reached (refused, no such host) from an answer that is slow or cut', () => {
    const network = (code: string) => classify(Object.assign(new Error(`request failed, reason: ${code}`), { code }));
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']) {
      expect([code, isUnreachable(network(code)), failureMessage(network(code)).code]).toEqual([code, true, 'hubspot.failure.unreachable']);
    }
    for (const code of ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET']) {
      expect([code, network(code), failureMessage(network(code)).code]).toEqual([code, { kind: 'transient', what: code }, 'hubspot.failure.timeout']);
    }
    expect(isUnreachable({ kind: 'transient', what: 'ECONNREFUSED' })).toBe(true);
    expect(isUnreachable({ kind: 'transient', what: 'ECONNRESET' })).toBe(false);
    expect(isUnreachable({ kind: 'rejected', status: 0, category: null })).toBe(false);
  });
});
