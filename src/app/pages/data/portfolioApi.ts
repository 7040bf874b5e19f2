import { portfolioPageSchema, type PortfolioPage } from '../../cards/contract/portfolio.ts';
import { errorBodySchema } from '../../cards/contract/errors.ts';
import type { BackendError, CardFetch } from '../../cards/data/cardApi.ts';

// GET /api/portfolio, as the page calls it with hubspot.fetch (signed by HubSpot).

export interface PageBackend {
  readonly fetchFn: CardFetch;
  readonly baseUrl: string;
}

export type PageResult = { readonly ok: true; readonly value: PortfolioPage } | { readonly ok: false; readonly error: BackendError };

/** The portfolio for every company, or one owner's (null: all), as of a day (YYYY-MM-DD; null: today). */
export async function fetchPortfolio(backend: PageBackend, query: { readonly owner: string | null; readonly asOf: string | null }): Promise<PageResult> {
  const search = new URLSearchParams();
  if (query.owner !== null) search.set('owner', query.owner);
  if (query.asOf !== null) search.set('asOf', query.asOf);
  const queryText = search.toString();
  const url = `${backend.baseUrl}/api/portfolio${queryText === '' ? '' : `?${queryText}`}`;
  let response: Response;
  try {
    response = await backend.fetchFn(url, { method: 'GET', timeout: 60_000 });
  } catch (e) {
    return { ok: false, error: { kind: 'network', detail: e instanceof Error ? e.message : String(e) } };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = errorBodySchema.safeParse(body);
    const { message = null, code = null } = error.success ? error.data.error : {};
    return { ok: false, error: { kind: 'http', status: response.status, detail: message, code } };
  }
  // The backend built the page typed by the same schema; this catches a proxy's error page or a backend of another version.
  const page = portfolioPageSchema.safeParse(body);
  if (!page.success) return { ok: false, error: { kind: 'invalid_response', detail: `unexpected body from ${url} (${page.error.issues[0]?.path.join('.') || 'body'})` } };
  return { ok: true, value: page.data };
}
