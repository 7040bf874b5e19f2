import Bottleneck from 'bottleneck';

// The portal's request budget is per account and shared with every other integration
// (HUBSPOT.md "Rate limits"), so the client spends it evenly instead of in bursts: starts
// are spaced interval/max apart (Bottleneck's minTime), which keeps every rolling window
// under the limit, and the spacing is derived from the rate-limit headers when the portal
// reports a tighter limit or other traffic has eaten the remaining budget. Search has its
// own, smaller per-second limit and no headers.

export interface RateLimit {
  readonly max: number;
  readonly intervalMs: number;
}

export interface RateLimiterOptions {
  /** The portal's limit (HubSpot Pro/Enterprise private apps: 190 per 10 s). */
  readonly limit?: RateLimit;
  /** Search requests per second (HubSpot: 5). */
  readonly searchPerSecond?: number;
  /** Share of the limit this client aims for, leaving headroom for clock and network jitter. */
  readonly utilisation?: number;
}

export const defaultRateLimit: RateLimit = { max: 190, intervalMs: 10_000 };

/**
 * When fewer requests than this share of the window remain, someone else is spending the
 * budget: back off. Below the headroom `utilisation` leaves, so this client's own steady pace
 * never trips it.
 */
const reserveShare = 0.02;

interface RequestLike {
  getUrl(): string;
}

interface ResponseLike {
  readonly httpStatusCode: number;
  readonly headers: Readonly<Record<string, string>>;
}

export class RateLimiter {
  /** Requests started through this limiter (every attempt, retries included). */
  calls = 0;
  readonly configured: RateLimit;
  private effective: RateLimit;
  private readonly utilisation: number;
  private readonly crm: Bottleneck;
  private readonly search: Bottleneck;
  private pausedUntil = 0;

  constructor(options: RateLimiterOptions = {}) {
    this.configured = options.limit ?? defaultRateLimit;
    this.effective = this.configured;
    this.utilisation = options.utilisation ?? 0.95;
    this.crm = new Bottleneck({ minTime: this.spacing(this.effective) });
    this.search = new Bottleneck({ minTime: this.spacing({ max: options.searchPerSecond ?? 5, intervalMs: 1000 }) });
  }

  /** The limit currently applied: the configured one, or the portal's when its headers say it is lower. */
  get limit(): RateLimit {
    return this.effective;
  }

  /**
   * Resolves when a request to `url` may start. Requests that others wait on go first, so the
   * budget never idles while a batch job waits on them: a search page feeds a whole page of
   * reads, and association reads feed the record reads.
   */
  async acquire(url: string): Promise<void> {
    await this.waitForPause();
    const search = isSearch(url);
    if (search) await this.search.schedule(resolved);
    await this.crm.schedule({ priority: search ? 3 : isAssociationRead(url) ? 4 : 5 }, resolved);
    this.calls += 1;
  }

  /** Learns from a response: the portal's real limit, the budget left, a 429. */
  observe(response: ResponseLike): void {
    const header = (name: string) => numberHeader(response.headers, `x-hubspot-ratelimit-${name}`);
    const max = header('max');
    const intervalMs = header('interval-milliseconds');
    if (max !== null && intervalMs !== null && max / intervalMs < this.effective.max / this.effective.intervalMs) {
      this.effective = { max, intervalMs };
      this.crm.updateSettings({ minTime: this.spacing(this.effective) });
    }
    const remaining = header('remaining');
    const reserve = Math.max(1, Math.ceil(this.effective.max * reserveShare));
    if (remaining !== null && remaining < reserve) {
      this.pauseFor(((reserve - remaining) * this.effective.intervalMs) / this.effective.max);
    }
    // A ten-secondly 429 means the window is spent: hold every request, not just the one retried,
    // until a share of it has aged out (the window rolls, so it frees continuously). Twice our
    // headroom brings it back under our pace; holding the whole window would waste that much budget.
    if (response.httpStatusCode === 429 && header('daily-remaining') !== 0) {
      this.pauseFor(this.effective.intervalMs * Math.min(1, 2 * (1 - this.utilisation)));
    }
  }

  /** SDK middleware (IConfiguration.middleware): every request of the client waits its turn. */
  middleware(): { pre(context: RequestLike): Promise<RequestLike>; post(context: ResponseLike): Promise<ResponseLike> } {
    return {
      pre: async (context) => {
        await this.acquire(context.getUrl());
        return context;
      },
      post: async (context) => {
        this.observe(context);
        return context;
      },
    };
  }

  async stop(): Promise<void> {
    await Promise.all([this.crm.stop({ dropWaitingJobs: false }), this.search.stop({ dropWaitingJobs: false })]);
  }

  private spacing(limit: RateLimit): number {
    return limit.intervalMs / (limit.max * this.utilisation);
  }

  private pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  private async waitForPause(): Promise<void> {
    for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

function isSearch(url: string): boolean {
  return /\/crm\/v3\/objects\/[^/]+\/search(?:\?|$)/.test(url);
}

function isAssociationRead(url: string): boolean {
  return /\/crm\/v4\/associations\/[^/]+\/[^/]+\/batch\/read(?:\?|$)/.test(url);
}

function numberHeader(headers: Readonly<Record<string, string>>, name: string): number | null {
  const raw = headers[name];
  if (raw === undefined || raw.trim() === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

function resolved(): Promise<void> {
  return Promise.resolve();
}
