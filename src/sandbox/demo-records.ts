// One demo company and everything around it: contacts and their survey answers (demo-contacts.ts), tickets and
// deals. Built as plain literals with a fixed key order so a million records share shapes,
// and inserted through the store's fast path.
import { csProperty } from '../domain/property-names.ts';
import { between, insert, slug, type DemoContext, type Range, type Weights } from './demo-context.ts';
import { addContacts, addFeedback } from './demo-contacts.ts';
import { addDeals } from './demo-deals.ts';
import { seedFactorHistory } from './demo-factor-history.ts';
import { msPerDay } from '../domain/parsing/index.ts';
import { COMPANY_PREFIXES, COMPANY_SUFFIXES, TICKET_SUBJECTS } from './demo-vocabulary.ts';

export type Profile = 'thriving' | 'steady' | 'struggling' | 'sparse';
/**
 * renewed-stale: the renewal was won days ago and the contract end date property still names
 * the old end; upsell: an open expansion deal closes before the open renewal; stale: an open
 * renewal deal far past its close date beside the next one.
 */
export type RenewalPlan = 'overdue' | 'd30' | 'd60' | 'd90' | 'later' | 'beyond' | 'lost' | 'property' | 'none' | 'renewed-stale' | 'upsell' | 'stale';

export type { DemoContext } from './demo-context.ts';

export interface CompanyPlan {
  readonly profile: Profile;
  readonly renewal: RenewalPlan;
  readonly lifecycle: 'customer' | 'opportunity' | 'lead';
  /** submitted: sales handed over, CS has not accepted; pending: won recently, no handoff yet. */
  readonly handoff: 'submitted' | 'pending' | null;
  /** A QBR task created by the card and completed 10 days ago (the QBR date property left empty). */
  readonly qbrDone?: boolean;
}

export interface Signals {
  readonly contacts: Range;
  readonly touchDays: Range;
  readonly seatRatio: Range;
  readonly activityDays: Range;
  readonly qbrDays: Range;
  readonly sentiment: Weights<string>;
  readonly answerChance: number;
  readonly npsValues: Weights<number>;
  readonly tickets: Range;
  readonly openChance: number;
  readonly openAgeDays: Range;
  readonly priorities: Weights<string>;
  readonly renewalStages: Weights<string>;
  readonly healthScore: Range;
}

const SIGNALS: Record<Exclude<Profile, 'sparse'>, Signals> = {
  thriving: {
    contacts: [3, 8], touchDays: [1, 20], seatRatio: [0.85, 1.05], activityDays: [0, 3], qbrDays: [10, 80],
    sentiment: [['positive', 8], ['neutral', 2]], answerChance: 0.65, npsValues: [[10, 5], [9, 5], [8, 2], [7, 1], [6, 0.3]],
    tickets: [0, 3], openChance: 0.15, openAgeDays: [1, 10], priorities: [['LOW', 5], ['MEDIUM', 3], ['HIGH', 1]],
    renewalStages: [['contractsent', 3], ['decisionmakerboughtin', 3], ['presentationscheduled', 1]], healthScore: [74, 95],
  },
  steady: {
    contacts: [2, 6], touchDays: [20, 50], seatRatio: [0.5, 0.8], activityDays: [2, 14], qbrDays: [60, 150],
    sentiment: [['neutral', 6], ['positive', 2], ['negative', 1]], answerChance: 0.5, npsValues: [[9, 2], [8, 4], [7, 4], [6, 2], [5, 1], [10, 1]],
    tickets: [1, 5], openChance: 0.35, openAgeDays: [3, 30], priorities: [['LOW', 3], ['MEDIUM', 4], ['HIGH', 2], ['URGENT', 0.3]],
    renewalStages: [['qualifiedtobuy', 3], ['presentationscheduled', 3], ['decisionmakerboughtin', 1]], healthScore: [50, 76],
  },
  struggling: {
    contacts: [2, 5], touchDays: [60, 160], seatRatio: [0.1, 0.4], activityDays: [20, 90], qbrDays: [120, 320],
    sentiment: [['negative', 6], ['neutral', 2]], answerChance: 0.6, npsValues: [[0, 1], [2, 2], [3, 2], [4, 3], [5, 3], [6, 3], [7, 1], [8, 0.5]],
    tickets: [3, 9], openChance: 0.6, openAgeDays: [20, 120], priorities: [['MEDIUM', 2], ['HIGH', 4], ['URGENT', 3]],
    renewalStages: [['appointmentscheduled', 3], ['qualifiedtobuy', 2]], healthScore: [22, 55],
  },
};


/** Unique for the first 1,000 companies; later ones carry a number. */
function companyName(index: number): string {
  const a = index % COMPANY_PREFIXES.length;
  const b = Math.floor(index / COMPANY_PREFIXES.length) % COMPANY_SUFFIXES.length;
  const name = `${COMPANY_PREFIXES[(a * 17) % COMPANY_PREFIXES.length] ?? 'Acme'} ${COMPANY_SUFFIXES[(a + b) % COMPANY_SUFFIXES.length] ?? 'Labs'}`;
  const round = Math.floor(index / (COMPANY_PREFIXES.length * COMPANY_SUFFIXES.length));
  return round === 0 ? name : `${name} ${round + 1}`;
}

/** Creates the company and its records; returns how many records that made. */
export function buildCompanyRecords(ctx: DemoContext, index: number, plan: CompanyPlan): number {
  const { random } = ctx;
  const name = companyName(index);
  const domain = `${slug(name)}.example.com`;
  const owner = plan.profile === 'sparse' && random.chance(0.5) ? null : random.pick(ctx.ownerIds);
  const customerDays = plan.handoff ? random.int(5, 25) : random.int(200, 1500);
  const companyId = ctx.store.nextId('companies');
  const signals = plan.profile === 'sparse' ? undefined : SIGNALS[plan.profile];
  const prospect = plan.lifecycle !== 'customer';
  const contactIds = signals ? addContacts(ctx, companyId, domain, owner, customerDays, prospect ? [1, 3] : signals.contacts) : [];
  let records = 1 + contactIds.length;
  if (signals && !prospect) {
    records += addFeedback(ctx, contactIds, signals);
    records += addTickets(ctx, companyId, owner, signals);
  }
  const deals = addDeals(ctx, { companyId, name, owner, customerDays, plan, signals });
  records += deals.count;
  if (plan.qbrDone === true) records += addCompletedQbr(ctx, companyId, owner);
  addCompany(ctx, { companyId, name, domain, owner, customerDays, plan, signals: prospect ? undefined : signals, contactIds, contractEndDays: deals.contractEndDays });
  return records;
}

interface CompanyFacts {
  readonly companyId: string;
  readonly name: string;
  readonly domain: string;
  readonly owner: string | null;
  readonly customerDays: number;
  readonly plan: CompanyPlan;
  readonly signals: Signals | undefined;
  readonly contactIds: readonly string[];
  /** The contract end date property, in days after the as-of day, or null for none. */
  readonly contractEndDays: number | null;
}

function addCompany(ctx: DemoContext, facts: CompanyFacts): void {
  const { random, calendar } = ctx;
  const { signals, plan } = facts;
  const seats = signals ? random.int(10, 500) : undefined;
  const touchDays = signals ? between(random, signals.touchDays) : undefined;
  const sentiment = signals ? seedSentiment(ctx, facts.companyId, signals) : undefined;
  const health = signals && random.chance(0.4) ? seedHealthScore(ctx, facts.companyId, signals) : undefined;
  const lastModifiedDays = Math.min(random.int(0, 30), sentiment?.days ?? 999, health?.days ?? 999);
  const createdAt = calendar.datetime(-facts.customerDays - random.int(10, 60), random.int(8, 17));
  const updatedAt = calendar.datetime(-lastModifiedDays, random.int(0, 9));
  const properties: Record<string, string | null> = {
    name: facts.name,
    domain: facts.domain,
    lifecyclestage: plan.lifecycle,
    hubspot_owner_id: facts.owner,
    annualrevenue: String(random.int(10, 5000) * 100_000),
    notes_last_contacted: touchDays === undefined ? null : lastContacted(ctx, touchDays),
    num_associated_contacts: String(facts.contactIds.length),
    hs_csm_sentiment: sentiment?.value ?? null,
    cs_seats_licensed: seats === undefined ? null : String(seats),
    cs_seats_active: seats === undefined || !signals ? null : String(Math.round(seats * (signals.seatRatio[0] + random.next() * (signals.seatRatio[1] - signals.seatRatio[0])))),
    cs_last_product_activity: signals ? calendar.date(-between(random, signals.activityDays)) : null,
    contract_end_date: facts.contractEndDays === null ? null : calendar.date(facts.contractEndDays),
    cs_last_qbr_date: signals && plan.qbrDone !== true && random.chance(0.8) ? calendar.date(-between(random, signals.qbrDays)) : null,
    cs_health_score: health?.value ?? null,
    cs_health_factors: null,
    cs_handoff_status: plan.handoff === 'submitted' ? 'submitted' : null,
    ...(plan.handoff === 'submitted' ? submittedHandoff(ctx, facts.contactIds) : {}),
    hs_object_id: null,
    createdate: createdAt,
    hs_lastmodifieddate: updatedAt,
  };
  // Drawn last, so the company's other values stay what they were before factor history existed:
  // the factor scores written with the past score, and for a struggling customer always a past
  // score (the riskiest demo card then shows what changed).
  const past = health ?? (plan.profile === 'struggling' && signals ? seedHealthScore(ctx, facts.companyId, signals) : undefined);
  if (past) {
    properties.cs_health_score = past.value;
    properties.cs_health_factors = seedFactorHistory(ctx, facts.companyId, past);
  }
  insert(ctx, 'companies', properties, createdAt, updatedAt);
}

/**
 * What sales filled in before submitting the handoff, as the card's form requires it (every
 * required field: a submitted handoff with empty fields would be one the card never lets through).
 * Drawn without the random stream, so every other demo value stays as it was.
 */
function submittedHandoff(ctx: DemoContext, contactIds: readonly string[]): Record<string, string | null> {
  const { calendar } = ctx;
  const champion = contactIds[0] ?? null;
  return {
    cs_handoff_goals: 'Bring every team onto the product in 6 weeks instead of 4 months',
    cs_handoff_success_criteria: 'Every team live by the go-live date; 4 in 5 licensed users working in the product two months later',
    cs_handoff_champion_id: champion,
    cs_handoff_economic_buyer_id: contactIds[1] ?? champion,
    cs_handoff_promises: 'Data migration from the old scheduling tool included',
    cs_handoff_go_live_date: calendar.date(30),
    cs_handoff_submitted_at: calendar.datetime(-2, 15),
    cs_handoff_version: '1',
  };
}

/** Mostly ISO datetimes, some epoch-millisecond strings, a few never contacted: as real portals hold them. */
function lastContacted(ctx: DemoContext, days: number): string | null {
  const form = ctx.random.weighted([['iso', 85], ['epoch', 10], ['none', 5]] as const);
  if (form === 'none') return null;
  const hour = ctx.random.int(8, 18);
  return form === 'iso' ? ctx.calendar.datetime(-days, hour) : ctx.calendar.epochMillis(-days, hour);
}

/** The CSM's pulse, with when it was set: a quarter of them older than 90 days (stale). */
function seedSentiment(ctx: DemoContext, companyId: string, signals: Signals): { value: string; days: number } {
  const { random, calendar } = ctx;
  const value = random.weighted(signals.sentiment);
  const days = random.chance(0.25) ? random.int(91, 240) : random.int(3, 80);
  const earlier = days + random.int(30, 300);
  ctx.store.seedHistory('companies', companyId, 'hs_csm_sentiment', [
    { value, timestamp: calendar.datetime(-days, 10), sourceType: 'CRM_UI' },
    { value: random.pick(['positive', 'neutral', 'negative']), timestamp: calendar.datetime(-earlier, 10), sourceType: 'CRM_UI' },
  ]);
  return { value, days };
}

/** A score an earlier sync wrote 30-60 days ago (and one before it), so the 30-day trend has a base. */
function seedHealthScore(ctx: DemoContext, companyId: string, signals: Signals): { value: string; days: number } {
  const { random, calendar } = ctx;
  const value = String(between(random, signals.healthScore));
  const days = random.int(30, 60);
  ctx.store.seedHistory('companies', companyId, csProperty.healthScore, [
    { value, timestamp: calendar.datetime(-days, 3), sourceType: 'INTEGRATION' },
    { value: String(Math.min(100, Math.max(0, Number(value) + random.int(-12, 12)))), timestamp: calendar.datetime(-days - random.int(25, 60), 3), sourceType: 'INTEGRATION' },
  ]);
  return { value, days };
}

function addTickets(ctx: DemoContext, companyId: string, owner: string | null, signals: Signals): number {
  const { random, calendar } = ctx;
  const total = between(random, signals.tickets);
  for (let n = 0; n < total; n += 1) {
    const open = random.chance(signals.openChance);
    const createdDays = open ? between(random, signals.openAgeDays) : random.int(5, 400);
    const closedDays = open ? undefined : Math.max(0, createdDays - random.int(1, 20));
    const createdAt = calendar.datetime(-createdDays, random.int(7, 19));
    const closedAt = closedDays === undefined ? null : calendar.datetime(-closedDays, random.int(7, 19));
    const updatedAt = closedAt ?? calendar.datetime(-random.int(0, createdDays), random.int(0, 6));
    const id = insert(ctx, 'tickets', {
      subject: random.pick(TICKET_SUBJECTS),
      hs_pipeline: '0',
      hs_pipeline_stage: open ? random.pick(['1', '2', '3']) : '4',
      hs_ticket_priority: random.weighted(signals.priorities),
      hs_is_closed: String(!open),
      closed_date: closedAt,
      time_to_close: closedDays === undefined ? null : String((createdDays - closedDays) * msPerDay),
      hubspot_owner_id: owner,
      hs_object_id: null,
      createdate: createdAt,
      hs_lastmodifieddate: updatedAt,
    }, createdAt, updatedAt);
    ctx.store.link('companies', companyId, 'tickets', id);
  }
  return total;
}

/** A "Schedule a quarterly business review" task made from the card and completed 10 days ago. */
function addCompletedQbr(ctx: DemoContext, companyId: string, owner: string | null): number {
  const { calendar } = ctx;
  const createdAt = calendar.datetime(-25, 10);
  const completedAt = calendar.datetime(-10, 15);
  const id = insert(ctx, 'tasks', {
    hs_task_subject: 'Schedule a quarterly business review',
    hs_task_body: 'No quarterly business review recorded.\n\nSuggested by the customer-success card. [cs-card:qbr-schedule]',
    hs_task_status: 'COMPLETED',
    hs_task_priority: 'LOW',
    hs_timestamp: calendar.datetime(-5, 12),
    hs_task_completion_date: completedAt,
    hubspot_owner_id: owner,
    hs_createdate: createdAt,
    hs_lastmodifieddate: completedAt,
    hs_object_id: null,
  }, createdAt, completedAt);
  ctx.store.link('companies', companyId, 'tasks', id);
  return 1;
}
