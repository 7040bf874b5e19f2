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

/** A showcase company: a customer with no handoff in flight unless `more` says otherwise. */
function plan(profile: Profile, renewal: RenewalPlan, more: Partial<CompanyPlan> = {}): CompanyPlan {
  return { profile, renewal, lifecycle: 'customer', handoff: null, ...more };
}

/**
 * The first companies show every case on purpose (each band, each renewal window, a pending
 * handoff, a prospect), so even a small portfolio has them; the rest are drawn at random.
 */
const SHOWCASE: readonly CompanyPlan[] = [
  // Each band and each renewal window.
  plan('thriving', 'later'), plan('steady', 'd60'), plan('struggling', 'd30'), plan('sparse', 'none'),
  plan('thriving', 'd90'), plan('struggling', 'overdue'), plan('steady', 'beyond'), plan('steady', 'property'),
  plan('struggling', 'lost'), plan('thriving', 'd30'), plan('steady', 'overdue'),
  // A handoff submitted, one pending; a prospect, a lead.
  plan('thriving', 'none', { handoff: 'submitted' }), plan('steady', 'none', { handoff: 'pending' }),
  plan('steady', 'none', { lifecycle: 'opportunity' }), plan('sparse', 'none', { lifecycle: 'lead' }),
  // The lifecycle cases (issue 19): renewed with a stale contract date, an upsell before the
  // renewal, a stale open renewal, at risk far from renewal, a completed QBR.
  plan('steady', 'renewed-stale'), plan('thriving', 'upsell'), plan('steady', 'stale'),
  plan('struggling', 'later'), plan('thriving', 'beyond', { qbrDone: true }),
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
