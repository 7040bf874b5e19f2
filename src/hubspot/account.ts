import { z } from 'zod';
import type { HubSpotClient } from './client.ts';
import { unreadableAnswer } from './calls.ts';
import { Deadline, defaultRetryOptions, withRetry, type RetryOptions } from './retry.ts';

// The portal as a whole: its account details (time zone, home currency) and what the access
// token may do (its scopes). Neither has a typed SDK module for private apps, so both go
// through the SDK's generic request; a non-2xx answer is turned into the same shape the
// SDK's ApiException has, so the retry policy and failure classes apply unchanged.
//   GET  /account-info/v3/details
//   POST /oauth/v2/private-apps/get/access-token-info  {tokenKey}  (HubSpot's private-app token info)

const callBudgetMs = 30_000;

const accountDetailsSchema = z.object({
  portalId: z.number().int().nullable().catch(null),
  timeZone: z.string().min(1),
  companyCurrency: z.string().regex(/^[A-Za-z]{3}$/).transform((code) => code.toUpperCase()),
  additionalCurrencies: z.array(z.string()).catch([]),
});
export type AccountDetails = z.infer<typeof accountDetailsSchema>;

const tokenInfoSchema = z.object({ scopes: z.array(z.string()), hubId: z.number().int().optional(), appId: z.number().int().optional() });

/** The rate limit HubSpot reports in its X-HubSpot-RateLimit-* headers (null: not sent). */
export interface RateLimitInfo {
  readonly max: number | null;
  readonly intervalMs: number | null;
  readonly daily: number | null;
  readonly dailyRemaining: number | null;
}

interface RawAnswer {
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

/** The shape of the SDK's ApiException, so failures.ts classifies it like any SDK call. */
class RawApiException extends Error {
  constructor(
    readonly code: number,
    readonly body: unknown,
    readonly headers: Record<string, string>,
  ) {
    super(`HTTP ${code}`);
  }
}

function headerNumber(headers: Record<string, string>, name: string): number | null {
  const value = Number(headers[name.toLowerCase()]);
  return Number.isFinite(value) && headers[name.toLowerCase()] !== undefined ? value : null;
}

export function rateLimitOf(headers: Record<string, string>): RateLimitInfo {
  return {
    max: headerNumber(headers, 'X-HubSpot-RateLimit-Max'),
    intervalMs: headerNumber(headers, 'X-HubSpot-RateLimit-Interval-Milliseconds'),
    daily: headerNumber(headers, 'X-HubSpot-RateLimit-Daily'),
    dailyRemaining: headerNumber(headers, 'X-HubSpot-RateLimit-Daily-Remaining'),
  };
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

export class AccountGateway {
  constructor(
    private readonly client: HubSpotClient,
    private readonly accessToken: string,
    private readonly retry: RetryOptions = defaultRetryOptions,
  ) {}

  /** The portal's time zone and home currency, and the rate limit its answer reports. */
  async details(): Promise<{ details: AccountDetails; rateLimit: RateLimitInfo }> {
    const answer = await this.request('GET', '/account-info/v3/details');
    const parsed = accountDetailsSchema.safeParse(answer.body);
    if (!parsed.success) throw unreadableAnswer('the account details came back in an unexpected shape', 200);
    return { details: parsed.data, rateLimit: rateLimitOf(answer.headers) };
  }

  /** The scopes the access token was granted. */
  async scopes(): Promise<string[]> {
    const answer = await this.request('POST', '/oauth/v2/private-apps/get/access-token-info', { tokenKey: this.accessToken });
    const parsed = tokenInfoSchema.safeParse(answer.body);
    if (!parsed.success) throw unreadableAnswer('the token information came back in an unexpected shape', 200);
    return parsed.data.scopes;
  }

  private request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<RawAnswer> {
    return withRetry(
      async () => {
        const response = await this.client.apiRequest({ method, path, ...(body === undefined ? {} : { body }) });
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          headers[name.toLowerCase()] = value;
        });
        const text = await response.text();
        const parsed = parseJson(text);
        if (!response.ok) throw new RawApiException(response.status, parsed, headers);
        return { body: parsed, headers };
      },
      new Deadline(callBudgetMs),
      this.retry,
    );
  }
}
