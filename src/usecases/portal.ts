import { createHash } from 'node:crypto';
import { AccountGateway } from '../hubspot/account.ts';
import { createHubSpotClient, defaultBaseUrl } from '../hubspot/client.ts';
import { HubSpotGateway } from '../hubspot/gateway.ts';
import { ListGateway } from '../hubspot/lists.ts';
import { PortfolioGateway } from '../hubspot/portfolio-gateway.ts';
import { PropertyGateway } from '../hubspot/properties.ts';
import { defaultRateLimit, RateLimiter, type RateLimit } from '../hubspot/rate-limiter.ts';
import { SearchPacer } from '../hubspot/search-pacer.ts';
import { companiesOfRecords, type FollowedCompanies, type RecordsToFollow } from '../hubspot/webhook-targets.ts';

// A connection to one HubSpot portal — a real one by its token, or any HubSpot-compatible API
// such as the embedded sandbox — with the gateways the use cases take. The shells (CLI, server)
// reach HubSpot only through here: they decide which portal, this module builds the clients.

export { CompanyNotFoundError, HubSpotError } from '../hubspot/failures.ts';
export { defaultBaseUrl, defaultRateLimit, type RateLimit };

export interface PortalConnection {
  readonly baseUrl: string;
  /** Names the portal in file names (sync state, lock): a hash of URL and token, never the token itself. */
  readonly key: string;
  /** The card's reads, as the backend answers them (not paced: one card is a handful of calls). */
  readonly card: HubSpotGateway;
  /** Portfolio reads and writes, setup and lists: paced to `rateLimit` when one is given. */
  readonly portfolio: PortfolioGateway;
  readonly properties: PropertyGateway;
  readonly lists: ListGateway;
  /** Account details and the token's scopes. */
  readonly account: AccountGateway;
  /** Calls made through the paced client so far (0 when not paced). */
  readonly pacedCalls: () => number;
  /** The companies webhook deliveries about other records touch. */
  readonly follow: (records: RecordsToFollow) => Promise<FollowedCompanies>;
  close(): Promise<void>;
}

export interface PortalAddress {
  readonly accessToken: string;
  /** Default https://api.hubapi.com. */
  readonly baseUrl?: string;
  /** Paces the portfolio, property and list calls; null: not paced (the sandbox in-process). */
  readonly rateLimit: RateLimit | null;
}

export function connectPortal(address: PortalAddress): PortalConnection {
  const baseUrl = address.baseUrl ?? defaultBaseUrl;
  const { accessToken } = address;
  const limiter = address.rateLimit === null ? null : new RateLimiter({ limit: address.rateLimit });
  const client = createHubSpotClient({ accessToken, baseUrl });
  // The cards of one process share HubSpot's 5 searches a second: 8 cards opened at once pace
  // their searches instead of all hitting 429s and retrying in step a second later.
  const cardSearches = new SearchPacer();
  const cardClient = createHubSpotClient({ accessToken, baseUrl, middleware: [cardSearches.middleware()] });
  const paced = limiter === null ? client : createHubSpotClient({ accessToken, baseUrl, middleware: [limiter.middleware()] });
  const portfolio = new PortfolioGateway(paced);
  return {
    baseUrl,
    key: `portal-${createHash('sha256').update(`${baseUrl}\n${accessToken}`).digest('hex').slice(0, 16)}`,
    card: new HubSpotGateway(cardClient),
    portfolio,
    properties: new PropertyGateway(paced),
    lists: new ListGateway(paced),
    account: new AccountGateway(paced, accessToken),
    pacedCalls: () => limiter?.calls ?? 0,
    follow: (records) => companiesOfRecords(portfolio, records),
    close: async () => {
      await limiter?.stop();
    },
  };
}
