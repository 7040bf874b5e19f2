import type { SearchLag } from './store.ts';

// The demo portal's sizes and defaults, in a module of their own so the command line can show
// them in its help without loading the sandbox.

// About 9 in 10 demo companies are customers: 225 gives a portfolio of at least 200 customers.
export const DEFAULT_DEMO_COMPANIES = 225;
export const MAX_DEMO_COMPANIES = 100_000;

/** What `cs-card sandbox` and `npm start` serve: HubSpot's index shows writes after a few seconds. */
export const DEMO_SEARCH_LAG: SearchLag = { minMs: 2_000, maxMs: 5_000 };
