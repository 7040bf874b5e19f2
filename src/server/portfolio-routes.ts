import type { Hono } from 'hono';
import { z } from 'zod';
import type { CsConfig } from '../config/schema.ts';
import { dayZone, parseIsoDate, todayIn } from '../domain/parsing/index.ts';
import type { PortfolioGateway } from '../hubspot/portfolio-gateway.ts';
import { pageOf, readPageSource, type PageSource } from '../usecases/portfolio-book.ts';
import { queryInput } from './request-input.ts';

// GET /api/portfolio[?owner=<owner id>|none][&asOf=YYYY-MM-DD]: the managers' app page (signed
// like every /api route). The book behind it is read at the batch floor and kept a few minutes,
// so switching the owner filter or reloading does not read the portal again.

export interface PortfolioRouteDeps {
  readonly gateway: Pick<PortfolioGateway, 'search' | 'read' | 'associations' | 'owners'>;
  readonly config: CsConfig;
  readonly now: () => Date;
  /** How long a read book is reused (default 5 minutes). */
  readonly cacheMs?: number;
}

const querySchema = z.object({
  owner: z
    .string()
    .regex(/^(\d{1,20}|none)$/, { error: 'owner must be an owner id (digits) or "none"' })
    .optional(),
  asOf: z.iso
    .date({ error: 'asOf must be a date written YYYY-MM-DD' })
    .pipe(z.string().refine((day) => parseIsoDate(day) !== null, { error: 'asOf must be a real date written YYYY-MM-DD' }))
    .optional(),
});

export function registerPortfolioRoutes(app: Hono, deps: PortfolioRouteDeps): void {
  const cacheMs = deps.cacheMs ?? 300_000;
  const cache = new Map<string, { at: number; source: Promise<PageSource> }>();
  // The configuration carries the portal's home currency once its account details are read (portal-settings.ts).
  const currency = { reporting: deps.config.currency, home: deps.config.currency };

  app.get('/api/portfolio', queryInput(querySchema), async (c) => {
    const query = c.req.valid('query');
    const asOfText = query.asOf ?? todayIn(dayZone(deps.config.timeZone), deps.now().getTime());
    const asOf = parseIsoDate(asOfText);
    if (asOf === null) throw new Error(`today's date in the portal's time zone is not a date: ${asOfText}`);
    const now = deps.now().getTime();
    for (const [key, entry] of cache) if (now - entry.at > cacheMs) cache.delete(key);
    let entry = cache.get(asOfText);
    if (entry === undefined) {
      entry = { at: now, source: readPageSource(deps, { asOf, readAt: now, currency }) };
      cache.set(asOfText, entry);
      // A failed read is not kept: the next request tries again.
      entry.source.catch(() => cache.delete(asOfText));
    }
    const source = await entry.source;
    const owner = query.owner;
    const page = pageOf(source, { asOf, currency, ...(owner === undefined ? {} : { ownerId: owner === 'none' ? '' : owner }) });
    c.header('Cache-Control', 'no-store');
    return c.json(page);
  });
}
