import type { PortfolioPage } from '../../../usecases/portfolio-book.ts';
import type { BackendError, CardFetch } from '../../cards/data/cardApi.ts';

// GET /api/portfolio, as the page calls it with hubspot.fetch (signed by HubSpot).

export interface PageBackend {
  readonly fetchFn: CardFetch;
  readonly baseUrl: string;
}

export type PageResult = { readonly ok: true; readonly value: PortfolioPage } | { readonly ok: false; readonly error: BackendError };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The backend validated what it computed; the page only checks it got a portfolio at all (not a proxy's error page). */
function asPage(body: unknown): PortfolioPage | null {
  if (!isRecord(body) || typeof body.asOf !== 'string' || !Array.isArray(body.owners)) return null;
  const { overview, kpis } = body;
  if (!isRecord(overview) || !Array.isArray(overview.bands) || !Array.isArray(overview.renewalsAtRisk) || !Array.isArray(overview.churned)) return null;
  if (!isRecord(kpis) || !isRecord(kpis.current) || !isRecord(kpis.lastQuarter)) return null;
  return body as unknown as PortfolioPage;
}

/** The portfolio for every company, or one owner's (null: all). */
export async function fetchPortfolio(backend: PageBackend, owner: string | null): Promise<PageResult> {
  const url = `${backend.baseUrl}/api/portfolio${owner === null ? '' : `?owner=${encodeURIComponent(owner)}`}`;
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
    const error = isRecord(body) && isRecord(body.error) ? body.error : {};
    return { ok: false, error: { kind: 'http', status: response.status, detail: typeof error.message === 'string' ? error.message : null, code: typeof error.code === 'string' ? error.code : null } };
  }
  const page = asPage(body);
  return page === null ? { ok: false, error: { kind: 'invalid_response', detail: `unexpected body from ${url}` } } : { ok: true, value: page };
}
