import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

// The client-side limiter sync runs behind: it paces to the portal's limit, or to HubSpot's
// lower one when the rate-limit headers say so.

let limiter: RateLimiter | undefined;
afterEach(async () => {
  await limiter?.stop();
  limiter = undefined;
});

describe('RateLimiter', () => {
  it('takes a lower limit from HubSpot\'s headers, never a higher one', () => {
    limiter = new RateLimiter({ limit: { max: 190, intervalMs: 10_000 } });
    limiter.observe({ httpStatusCode: 200, headers: { 'x-hubspot-ratelimit-max': '250', 'x-hubspot-ratelimit-interval-milliseconds': '10000' } });
    expect(limiter.limit).toEqual({ max: 190, intervalMs: 10_000 });
    limiter.observe({ httpStatusCode: 200, headers: { 'x-hubspot-ratelimit-max': '100', 'x-hubspot-ratelimit-interval-milliseconds': '10000' } });
    expect(limiter.limit).toEqual({ max: 100, intervalMs: 10_000 });
  });
});
