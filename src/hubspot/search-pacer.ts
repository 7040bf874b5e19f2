// HubSpot answers at most 5 searches a second per account (HUBSPOT.md "Rate limits"). The
// card's reads otherwise go out at once (they are few, and its latency is two round trips), but
// a burst of cards in one process must share those 5: without this every card's searches hit
// 429 together and, each told to wait a second, retry in step and collide again. The pacer
// keeps a rolling window of the searches it started and holds the next one only while the
// window is full, so a single card, or cards a few seconds apart, never wait at all.

export interface SearchPacerOptions {
  /** Searches allowed per window (HubSpot: 5 a second). */
  readonly max?: number;
  /** The window, with a margin for the time a request takes to reach HubSpot. */
  readonly windowMs?: number;
  readonly clock?: () => number;
}

interface RequestLike {
  getUrl(): string;
}

export function isSearchUrl(url: string): boolean {
  return /\/crm\/v3\/objects\/[^/]+\/search(?:\?|$)/.test(url);
}

export class SearchPacer {
  private readonly max: number;
  private readonly windowMs: number;
  private readonly clock: () => number;
  private readonly starts: number[] = [];
  /** Searches take their turn in the order they asked. */
  private queue: Promise<void> = Promise.resolve();

  constructor(options: SearchPacerOptions = {}) {
    this.max = options.max ?? 5;
    this.windowMs = options.windowMs ?? 1_200;
    this.clock = options.clock ?? (() => performance.now());
  }

  /** Resolves when a request to `url` may start: at once unless it is a search and the window is full. */
  acquire(url: string): Promise<void> {
    if (!isSearchUrl(url)) return Promise.resolve();
    const turn = this.queue.then(() => this.slot());
    this.queue = turn;
    return turn;
  }

  /** SDK middleware (IConfiguration.middleware) for the card's client. */
  middleware(): { pre(context: RequestLike): Promise<RequestLike>; post<T>(context: T): Promise<T> } {
    return {
      pre: async (context) => {
        await this.acquire(context.getUrl());
        return context;
      },
      post: (context) => Promise.resolve(context),
    };
  }

  private async slot(): Promise<void> {
    for (;;) {
      const now = this.clock();
      while (this.starts.length > 0 && (this.starts[0] ?? 0) <= now - this.windowMs) this.starts.shift();
      if (this.starts.length < this.max) {
        this.starts.push(now);
        return;
      }
      const oldest = this.starts[0] ?? now;
      await new Promise((resolve) => setTimeout(resolve, oldest + this.windowMs - now));
    }
  }
}
