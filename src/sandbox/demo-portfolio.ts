// The seeded demo portfolio: customer companies whose contacts, NPS answers, tickets, deals,
// usage and CSM sentiment are spread so that every health band and renewal window appears.
// Same seed and as-of day, same data; company N does not depend on the portfolio's size.
import { DemoCalendar } from './demo-calendar.ts';
import { buildCompanyRecords, type CompanyPlan, type Profile, type RenewalPlan } from './demo-records.ts';
import { OWNERS } from './demo-vocabulary.ts';
import { demoCompanyCatalog } from './property-catalog.ts';
import { createRandom, deriveSeed, type Random } from './random.ts';
import type { MemoryStore } from './store.ts';

import { MAX_DEMO_COMPANIES } from './demo-defaults.ts';

export { DEFAULT_DEMO_COMPANIES, MAX_DEMO_COMPANIES } from './demo-defaults.ts';

export interface DemoOptions {
  readonly seed: number;
  readonly companies: number;
  /** YYYY-MM-DD. */
  readonly asOf: string;
  /** The portal's time zone, where users picked the deals' close times (default UTC). */
  readonly timeZone?: string;
}

/**
 * The first companies show every case on purpose (each band, each renewal window, a pending
 * handoff, a prospect), so even a small portfolio has them; the rest are drawn at random.
 */
const SHOWCASE: readonly CompanyPlan[] = [
  { profile: 'thriving', renewal: 'later', lifecycle: 'customer', handoff: null },
  { profile: 'steady', renewal: 'd60', lifecycle: 'customer', handoff: null },
  { profile: 'struggling', renewal: 'd30', lifecycle: 'customer', handoff: null },
  { profile: 'sparse', renewal: 'none', lifecycle: 'customer', handoff: null },
  { profile: 'thriving', renewal: 'd90', lifecycle: 'customer', handoff: null },
  { profile: 'struggling', renewal: 'overdue', lifecycle: 'customer', handoff: null },
  { profile: 'steady', renewal: 'beyond', lifecycle: 'customer', handoff: null },
  { profile: 'steady', renewal: 'property', lifecycle: 'customer', handoff: null },
  { profile: 'struggling', renewal: 'lost', lifecycle: 'customer', handoff: null },
  { profile: 'thriving', renewal: 'd30', lifecycle: 'customer', handoff: null },
  { profile: 'steady', renewal: 'overdue', lifecycle: 'customer', handoff: null },
  { profile: 'thriving', renewal: 'none', lifecycle: 'customer', handoff: 'submitted' },
  { profile: 'steady', renewal: 'none', lifecycle: 'customer', handoff: 'pending' },
  { profile: 'steady', renewal: 'none', lifecycle: 'opportunity', handoff: null },
  { profile: 'sparse', renewal: 'none', lifecycle: 'lead', handoff: null },
  // The lifecycle cases (issue 19): renewed with a stale contract date, an upsell before the
  // renewal, a stale open renewal, at risk far from renewal, a completed QBR.
  { profile: 'steady', renewal: 'renewed-stale', lifecycle: 'customer', handoff: null },
  { profile: 'thriving', renewal: 'upsell', lifecycle: 'customer', handoff: null },
  { profile: 'steady', renewal: 'stale', lifecycle: 'customer', handoff: null },
  { profile: 'struggling', renewal: 'later', lifecycle: 'customer', handoff: null },
  { profile: 'thriving', renewal: 'beyond', lifecycle: 'customer', handoff: null, qbrDone: true },
];

const PROFILE_WEIGHTS: ReadonlyArray<readonly [Profile, number]> = [['thriving', 38], ['steady', 36], ['struggling', 22], ['sparse', 4]];
const RENEWAL_WEIGHTS: ReadonlyArray<readonly [RenewalPlan, number]> = [
  ['overdue', 6], ['d30', 10], ['d60', 10], ['d90', 10], ['later', 30], ['beyond', 14], ['lost', 4], ['property', 8], ['none', 8],
];

function planFor(index: number, random: Random): CompanyPlan {
  const showcase = SHOWCASE[index];
  if (showcase) return showcase;
  const lifecycle = random.weighted([['customer', 90], ['opportunity', 6], ['lead', 4]] as const);
  const profile = random.weighted(PROFILE_WEIGHTS);
  const handoff = lifecycle === 'customer' && profile !== 'sparse' ? random.weighted([[null, 96], ['submitted', 2], ['pending', 2]] as const) : null;
  const renewal = profile === 'sparse' || handoff !== null ? 'none' : random.weighted(RENEWAL_WEIGHTS);
  return { profile, renewal, lifecycle, handoff };
}

/** Fills the store with the demo portal; returns how many CRM records it created. */
export function generateDemoPortfolio(store: MemoryStore, options: DemoOptions): { records: number } {
  const { seed, companies, asOf } = options;
  if (!Number.isInteger(companies) || companies < 0 || companies > MAX_DEMO_COMPANIES) {
    throw new Error(`companies must be a whole number from 0 to ${MAX_DEMO_COMPANIES}, got ${companies}`);
  }
  if (!Number.isInteger(seed)) throw new Error(`seed must be a whole number, got ${seed}`);
  const calendar = new DemoCalendar(asOf, options.timeZone);
  store.schema.addCatalog('companies', demoCompanyCatalog(calendar.datetime(-2000)));
  const ownerIds = addOwners(store);
  let records = 0;
  for (let index = 0; index < companies; index += 1) {
    const random = createRandom(deriveSeed(seed, index));
    records += buildCompanyRecords({ store, calendar, random, ownerIds }, index, planFor(index, random));
  }
  return { records };
}

function addOwners(store: MemoryStore): string[] {
  return OWNERS.map((owner, index) => {
    const id = String(7_100_001 + index);
    const email = `${owner.firstName}.${owner.lastName}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '');
    store.addOwner({ id, email: `${email}@example.com`, firstName: owner.firstName, lastName: owner.lastName, userId: 81_000_001 + index });
    return id;
  });
}
