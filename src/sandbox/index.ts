// The sandbox portal: an in-memory, HubSpot-compatible CRM API with a generated demo
// portfolio. One request handler (`handle`) serves msw in tests and a loopback HTTP server
// for `cs-card sandbox` and `npm start`, so everything runs without a HubSpot account.
import type { StoredList } from './list-filters.ts';
import type { RequestHandler } from 'msw';
import { dayZone, todayIn } from '../domain/parsing/index.ts';
import { SandboxControlPanel, type SandboxAccount } from './controls.ts';
import { generateDemoPortfolio, DEFAULT_DEMO_COMPANIES } from './demo-portfolio.ts';
import { handleRequest } from './handler.ts';
import { listenOnLoopback } from './loopback-server.ts';
import { mswHandlersFor } from './msw-handlers.ts';
import { RequestJournal } from './request-log.ts';
import { MemoryStore, type SearchLag } from './store.ts';

export type { SearchLag } from './store.ts';

export { SANDBOX_OBJECT_TYPES, type SandboxObjectType } from './object-types.ts';
export { ALL_SANDBOX_SCOPES, type SandboxAccount } from './controls.ts';
export { DEFAULT_DEMO_COMPANIES, MAX_DEMO_COMPANIES } from './demo-portfolio.ts';
import type { SandboxObjectType } from './object-types.ts';

export interface StoredObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface Owner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId?: number;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface SandboxStore {
  create(type: SandboxObjectType, properties: Record<string, string | null>, options?: { id?: string; createdAt?: string }): StoredObject;
  get(type: SandboxObjectType, id: string): StoredObject | undefined;
  /** Records property history and bumps hs_lastmodifieddate/updatedAt (never backwards). */
  update(type: SandboxObjectType, id: string, properties: Record<string, string | null>, options?: { timestamp?: string }): StoredObject;
  list(type: SandboxObjectType): StoredObject[];
  /** The portal's lists (Lists v3) by id, as the API last left them. */
  readonly lists: ReadonlyMap<string, StoredList>;
  /** Archives (soft-deletes) an object, as DELETE does; false when there was none to archive. */
  archive(type: SandboxObjectType, id: string): boolean;
  /** Both directions; `typeId` adds a label besides the default unlabeled type. */
  associate(fromType: SandboxObjectType, fromId: string, toType: SandboxObjectType, toId: string, typeId?: number): void;
  associations(fromType: SandboxObjectType, fromId: string, toType: SandboxObjectType): string[];
  /** Newest first. */
  history(type: SandboxObjectType, id: string, property: string): Array<{ value: string; timestamp: string }>;
  addOwner(owner: { id: string; email: string; firstName: string; lastName: string; userId?: number }): void;
}

export interface FaultRule {
  kind: '429' | '429-daily' | '500' | '502' | '503' | '504' | 'timeout' | '401' | '403';
  /** e.g. 'POST' */
  method?: string;
  /** Substring or regex on the URL path, e.g. '/crm/v3/objects/feedback_submissions'. */
  path?: string | RegExp;
  /** Any path touching that object type (v4 associations to or from it too); with '403' the missing scope names it. */
  objectType?: SandboxObjectType;
  /** How many requests it hits; default unlimited. */
  times?: number;
  /** 'timeout' only: how long the response is held when the request is never aborted (default 120 s); then a 504 arrives. */
  holdMs?: number;
}

export interface SandboxControls {
  /** Added to every response; default 0. */
  latencyMs: number;
  /** What GET /account-info/v3/details answers. */
  account: SandboxAccount;
  /** Scopes every token is granted; null: all. */
  scopes: string[] | null;
  /** Scopes of particular tokens (over `scopes`). */
  readonly tokenScopes: Map<string, string[]>;
  /** TEN_SECONDLY_ROLLING; default 190 per 10 s, as a Pro/Enterprise portal; null = off. */
  rateLimit: { max: number; intervalMs: number } | null;
  /** How long search takes to see a write, drawn per write from [minMs, maxMs]; null = at once (default). */
  searchLag: SearchLag | null;
  /** Search requests per second (HubSpot's is 5); null = off. */
  searchPerSecond: number | null;
  /**
   * Whether search takes IN on `associations.{type}` (default true). false: a 400
   * VALIDATION_ERROR (INVALID_OPERATOR), as a portal holding to HubSpot's documented EQ would answer.
   */
  searchAssociationIn: boolean;
  /** Requests per UTC day before 429 DAILY; default 1,000,000 (Enterprise). */
  dailyLimit: number;
  /** Returns a function that removes the rule. */
  injectFault(rule: FaultRule): () => void;
  clearFaults(): void;
}

export interface RequestLogEntry {
  method: string;
  /** Path with the query string. */
  path: string;
  /** 0 when no response was sent (the client aborted). */
  status: number;
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt: number;
}

export interface RequestLog {
  readonly entries: ReadonlyArray<RequestLogEntry>;
  clear(): void;
  count(filter?: { method?: string; pathIncludes?: string }): number;
}

export interface SandboxOptions {
  seed?: number;
  /** Demo portfolio size; default DEFAULT_DEMO_COMPANIES (225: over 200 customers). */
  companies?: number;
  /** YYYY-MM-DD: demo dates are relative to it; default today in the demo account's time zone. */
  asOf?: string;
  /** Default 'demo'. */
  data?: 'demo' | 'empty';
  /** The portal's clock for API writes (epoch ms); default Date.now. */
  clock?: () => number;
  /** The rolling ten-second limit; default DEFAULT_RATE_LIMIT (190 per 10 s), like a real portal; null = off. */
  rateLimit?: { max: number; intervalMs: number } | null;
  /** Search index lag; default null (search sees every write at once). The demo portal uses DEMO_SEARCH_LAG. */
  searchLag?: SearchLag | null;
  /** The one bearer token the portal accepts (401 for any other); default: any token. */
  token?: string;
  /** Account details (time zone, home currency); the demo portal is on DEMO_TIME_ZONE in USD, an empty one on UTC. */
  account?: Partial<SandboxAccount>;
  /** Scopes every token is granted (default: all); `controls.tokenScopes` sets them per token. */
  scopes?: readonly string[];
}

/** The demo portal's time zone: not UTC, so a day in the product is visibly the portal's day. */
export const DEMO_TIME_ZONE = 'America/Los_Angeles';

/** HubSpot's Pro and Enterprise limit for private apps: 190 requests per rolling 10 s. */
export const DEFAULT_RATE_LIMIT = { max: 190, intervalMs: 10_000 } as const;
export { DEMO_SEARCH_LAG } from './demo-defaults.ts';

export interface Sandbox {
  /** Direct seeding and inspection for tests: not through HTTP, not logged. */
  readonly store: SandboxStore;
  readonly controls: SandboxControls;
  readonly log: RequestLog;
  /** What the demo generator made (empty for `data: 'empty'`). */
  readonly portfolio: { readonly asOf: string; readonly seed: number; readonly companies: number; readonly records: number };
  handle(request: Request): Promise<Response>;
  /** Default base 'https://api.hubapi.com'. */
  mswHandlers(baseUrl?: string): RequestHandler[];
  /** Loopback HTTP (default host 127.0.0.1, port 0 = any free port). */
  listen(options?: { port?: number; host?: string }): Promise<{ url: string; close(): Promise<void> }>;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const clock = options.clock ?? Date.now;
  const store = new MemoryStore(clock);
  const controls = new SandboxControlPanel();
  controls.rateLimit = options.rateLimit === undefined ? { ...DEFAULT_RATE_LIMIT } : options.rateLimit;
  controls.searchLag = options.searchLag ?? null;
  store.searchLag = () => controls.searchLag;
  const log = new RequestJournal();
  if (options.data !== 'empty') Object.assign(controls.account, { timeZone: DEMO_TIME_ZONE, additionalCurrencies: ['EUR', 'GBP'] });
  Object.assign(controls.account, options.account ?? {});
  if (options.scopes) controls.scopes = [...options.scopes];
  const asOf = options.asOf ?? todayIn(dayZone(controls.account.timeZone), clock());
  const seed = options.seed ?? 1;
  const companies = options.data === 'empty' ? 0 : (options.companies ?? DEFAULT_DEMO_COMPANIES);
  const records = options.data === 'empty' ? 0 : generateDemoPortfolio(store, { seed, companies, asOf, timeZone: controls.account.timeZone }).records;
  const handle = (request: Request): Promise<Response> => handleRequest({ store, controls, log, clock, token: options.token ?? null }, request);
  return {
    store,
    controls,
    log,
    portfolio: { asOf, seed, companies, records },
    handle,
    mswHandlers: (baseUrl) => mswHandlersFor(handle, baseUrl),
    listen: (listenOptions) => listenOnLoopback(handle, listenOptions),
  };
}
