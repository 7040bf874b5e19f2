// A demo company's deals: a year's contract from the new business, renewals on its
// anniversaries, close dates at the time of day a user in the portal's time zone picked (as
// HubSpot stores them, in UTC), and EUR/GBP deals with HubSpot's amount_in_home_currency.
import { between, insert, type DemoContext, type Range } from './demo-context.ts';
import type { CompanyPlan, RenewalPlan, Signals } from './demo-records.ts';
import { dealStageOf } from './pipelines.ts';

const RENEWAL_OFFSETS: Partial<Record<RenewalPlan, Range>> = {
  overdue: [-45, -1], d30: [0, 30], d60: [31, 60], d90: [61, 90], later: [91, 365], beyond: [366, 540],
};

interface DealFacts {
  readonly companyId: string;
  readonly name: string;
  readonly owner: string | null;
  readonly customerDays: number;
  readonly plan: CompanyPlan;
  readonly signals: Signals | undefined;
}

interface DealSpec {
  readonly label: string;
  readonly dealtype: 'newbusiness' | 'existingbusiness';
  readonly stage: string;
  /** Close date, in days after the as-of day. */
  readonly closeDays: number;
  readonly amount: number;
  readonly lostReason?: string | null;
}

export function addDeals(ctx: DemoContext, facts: DealFacts): { count: number; contractEndDays: number | null } {
  const { specs, contractEndDays } = dealSpecs(ctx, facts);
  const currency = ctx.random.weighted([['USD', 85], ['EUR', 10], ['GBP', 5]] as const);
  for (const spec of specs) addDeal(ctx, facts, spec, currency);
  return { count: specs.length, contractEndDays };
}

const year = 365;

/**
 * The deals of a company's plan. Contracts run a year from the new-business deal, and every
 * renewal deal closes on an anniversary (as renewals do: existing-business deals far from the
 * contract's end are expansion, renewal-classification.ts), so the start is placed a whole
 * number of years before the planned renewal.
 */
function dealSpecs(ctx: DemoContext, facts: DealFacts): { specs: DealSpec[]; contractEndDays: number | null } {
  const { random } = ctx;
  const { plan, signals, customerDays } = facts;
  const none = { specs: [], contractEndDays: plan.renewal === 'property' ? random.int(-15, 400) : null };
  if (!signals) return none;
  const arr = random.int(50, 2500) * 100;
  if (plan.lifecycle === 'opportunity') return { specs: [{ label: 'New business', dealtype: 'newbusiness', stage: 'presentationscheduled', closeDays: random.int(10, 90), amount: arr }], contractEndDays: null };
  if (plan.lifecycle === 'lead') return { specs: [], contractEndDays: null };
  const renewalAmount = (): number => Math.round((arr * (0.9 + random.next() * 0.3)) / 100) * 100;
  const offsets = RENEWAL_OFFSETS[plan.renewal];
  // The day of the renewal the plan is about (the contract's current end), if any.
  const renewalDay =
    offsets !== undefined ? between(random, offsets)
      : plan.renewal === 'lost' ? -random.int(5, 60)
        : plan.renewal === 'renewed-stale' ? -random.int(3, 20)
          : plan.renewal === 'upsell' ? random.int(61, 120)
            : plan.renewal === 'stale' ? random.int(-75, -40)
              : null;
  const start = renewalDay === null ? -customerDays : renewalDay - Math.max(1, Math.round((renewalDay + customerDays) / year)) * year;
  const specs: DealSpec[] = [{ label: 'New business', dealtype: 'newbusiness', stage: 'closedwon', closeDays: start, amount: arr }];
  if (renewalDay !== null && renewalDay - start > year && random.chance(0.5)) specs.push({ label: 'Renewal', dealtype: 'existingbusiness', stage: 'closedwon', closeDays: renewalDay - year, amount: renewalAmount() });
  let contractEndDays = plan.renewal === 'property' ? random.int(-15, 400) : null;
  if (offsets !== undefined && renewalDay !== null) {
    specs.push({ label: 'Renewal', dealtype: 'existingbusiness', stage: random.weighted(signals.renewalStages), closeDays: renewalDay, amount: renewalAmount() });
    // Some portals also keep the contract's end on the company: the same day.
    if (random.chance(0.1)) contractEndDays = renewalDay;
  }
  if (plan.renewal === 'lost' && renewalDay !== null) {
    specs.push({ label: 'Renewal', dealtype: 'existingbusiness', stage: 'closedlost', closeDays: renewalDay, amount: renewalAmount(), lostReason: random.chance(0.5) ? null : 'Budget cut' });
  }
  if (plan.renewal === 'renewed-stale' && renewalDay !== null) {
    // Renewed a few days before the contract's end; the end date property was never moved on.
    specs.push({ label: 'Renewal', dealtype: 'existingbusiness', stage: 'closedwon', closeDays: renewalDay - random.int(1, 5), amount: renewalAmount() });
    contractEndDays = renewalDay;
  }
  if (plan.renewal === 'upsell' && renewalDay !== null) {
    // A small upsell closing before the renewal: expansion, never "the renewal".
    specs.push({ label: 'Upsell', dealtype: 'existingbusiness', stage: 'presentationscheduled', closeDays: renewalDay - random.int(70, 100), amount: Math.round(arr / 1000) * 100 + 100 });
    specs.push({ label: 'Renewal', dealtype: 'existingbusiness', stage: random.weighted(signals.renewalStages), closeDays: renewalDay, amount: renewalAmount() });
  }
  if (plan.renewal === 'stale' && renewalDay !== null) {
    // Last year's renewal deal was never closed; this year's is open too.
    specs.push({ label: 'Renewal', dealtype: 'existingbusiness', stage: 'qualifiedtobuy', closeDays: renewalDay, amount: renewalAmount() });
    specs.push({ label: 'Renewal', dealtype: 'existingbusiness', stage: random.weighted(signals.renewalStages), closeDays: renewalDay + year, amount: renewalAmount() });
  }
  if (plan.profile === 'thriving' && random.chance(0.15)) specs.push({ label: 'Expansion', dealtype: 'newbusiness', stage: 'qualifiedtobuy', closeDays: random.int(20, 120), amount: Math.round(arr / 300) * 100 });
  return { specs, contractEndDays };
}

/** HubSpot's rates of the demo's multi-currency portal (home currency USD): home amount = amount x rate. */
const HOME_RATES: Readonly<Record<string, number>> = { USD: 1, EUR: 1.08, GBP: 1.27 };

/**
 * The time of day a user picked for a close date, 9:00 to 17:30 in the portal's zone: from the
 * deal's name and day rather than drawn, so the rest of the demo data stays as it was.
 */
function pickedTime(name: string, closeDays: number): { hour: number; minute: number } {
  let hash = closeDays * 31;
  for (let i = 0; i < name.length; i += 1) hash = (hash * 33 + name.charCodeAt(i)) % 1_000_003;
  const slot = Math.abs(hash) % 18;
  return { hour: 9 + Math.floor(slot / 2), minute: (slot % 2) * 30 };
}

function addDeal(ctx: DemoContext, facts: DealFacts, spec: DealSpec, currency: string): void {
  const { random, calendar } = ctx;
  const stage = dealStageOf(spec.stage);
  const probability = stage?.metadata.probability ?? '0';
  const closed = stage?.metadata.isClosed === 'true';
  const createdDays = Math.max(1, random.int(30, 120) - spec.closeDays);
  const createdAt = calendar.datetime(-createdDays, random.int(8, 17));
  const updatedDays = closed ? Math.max(0, -spec.closeDays) : random.int(0, Math.min(createdDays - 1, 20));
  const updatedAt = calendar.datetime(-updatedDays, random.int(8, 17));
  const picked = pickedTime(`${facts.name} ${spec.label}`, spec.closeDays);
  const closeDate = calendar.localDatetime(spec.closeDays, picked.hour, picked.minute);
  const rate = HOME_RATES[currency] ?? 1;
  const id = insert(ctx, 'deals', {
    dealname: `${facts.name} — ${spec.label} ${calendar.date(spec.closeDays).slice(0, 4)}`,
    amount: String(spec.amount),
    amount_in_home_currency: currency === 'USD' ? null : String(Math.round(spec.amount * rate * 100) / 100),
    closedate: closeDate,
    pipeline: 'default',
    dealstage: spec.stage,
    dealtype: spec.dealtype,
    hs_is_closed: String(closed),
    hs_is_closed_won: String(probability === '1'),
    deal_currency_code: currency,
    hs_deal_stage_probability: probability,
    hubspot_owner_id: facts.owner,
    closed_lost_reason: spec.lostReason ?? null,
    hs_object_id: null,
    createdate: createdAt,
    hs_lastmodifieddate: updatedAt,
  }, createdAt, updatedAt);
  ctx.store.link('companies', facts.companyId, 'deals', id);
}
