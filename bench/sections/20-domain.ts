import { defaultConfig } from '../../src/config/schema.ts';
import { buildCardView } from '../../src/domain/card/card.ts';
import { asOfDay } from '../../src/domain/parsing/index.ts';
import { evaluateHealth } from '../../src/domain/health/health-evaluation.ts';
import { writebackFor } from '../../src/domain/sync/write-rules.ts';
import type { CompanySnapshot } from '../../src/domain/card/snapshot.ts';
import { AS_OF, GENERATED_AT, change, contact, dayAt, deal, epochAt, isoAt, npsAnswer, renewalDeal, snapshot, task, ticket } from '../../src/domain/testing/fixtures.ts';
import { portalWording } from '../../src/usecases/portal-wording.ts';

export const title = 'Domain: health evaluations per second (one core)';

const targetRate = 100_000;
const portfolioSize = 5_000;
const rounds = 7;
const roundSeconds = 0.5;
/** CPU seconds of evaluations before measuring: the JIT needs a few passes over the portfolio to settle. */
const warmUpSeconds = 1;

/** Deterministic PRNG (mulberry32), so every run measures the same portfolio. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A realistic, varied portfolio: a few to dozens of records per company, some garbage. */
export function portfolio(size: number): CompanySnapshot[] {
  const random = prng(42);
  const int = (max: number) => Math.floor(random() * (max + 1));
  const pick = <T>(values: readonly T[]): T => values[int(values.length - 1)] as T;
  return Array.from({ length: size }, () => {
    const contacts = Array.from({ length: int(15) }, () => contact({ lastContactedDaysAgo: random() < 0.3 ? null : int(200) }));
    const contactIds = contacts.map((c) => c.id);
    return snapshot({
      company: {
        notes_last_contacted: random() < 0.1 ? null : isoAt(-int(120)),
        hs_csm_sentiment: pick(['green', 'yellow', 'red', 'positive', null, '']),
        cs_seats_active: String(int(60)),
        cs_seats_licensed: pick(['50', '20', '100', null, '0']),
        cs_last_product_activity: random() < 0.2 ? null : epochAt(-int(90)),
        contract_end_date: random() < 0.5 ? dayAt(int(400) - 30) : null,
        cs_handoff_status: pick(['accepted', 'submitted', null, 'returned']),
        cs_handoff_goals: random() < 0.7 ? 'Reduce churn' : null,
        cs_handoff_go_live_date: random() < 0.6 ? dayAt(-int(300)) : 'TBD',
        cs_last_qbr_date: random() < 0.7 ? dayAt(-int(200)) : null,
      },
      history: {
        hs_csm_sentiment: [change('green', int(200))],
        cs_health_score: Array.from({ length: int(6) }, (_, i) => change(String(int(100)), i * 20 + int(15))),
      },
      contacts,
      deals: [
        ...Array.from({ length: int(3) }, () => renewalDeal(int(420) - 60, { probability: random() })),
        ...Array.from({ length: int(3) }, () => deal({ type: pick(['newbusiness', 'existingbusiness']), stage: pick(['closedwon', 'closedlost']), closeInDays: -int(500) })),
      ],
      tickets: Array.from({ length: int(12) }, () => ticket({ priority: pick(['LOW', 'MEDIUM', 'HIGH', 'URGENT', null]), ageDays: int(90), open: random() < 0.4 })),
      feedback: Array.from({ length: int(20) }, () =>
        npsAnswer({ value: random() < 0.03 ? 'n/a' : int(10), daysAgo: int(260), contactId: contactIds.length > 0 && random() < 0.9 ? pick(contactIds) : null, comment: random() < 0.3 ? 'Great onboarding' : null }),
      ),
      tasks: Array.from({ length: int(4) }, () => task({ body: pick(['[cs-card:renewal-save-plan]', '[cs-card:qbr-schedule]', 'Call back']), status: pick(['NOT_STARTED', 'COMPLETED']) })),
    });
  });
}

interface Measure {
  readonly what: string;
  /** Evaluates one company and returns a number from the result, so the work cannot be skipped. */
  readonly evaluate: (snapshot: CompanySnapshot) => number;
}

const at = { asOf: AS_OF, generatedAt: GENERATED_AT };
const asOf = asOfDay(AS_OF);
const readAt = Date.parse(GENERATED_AT);

// The target is on the health evaluation, the unit a sync runs for every company; the write-back
// decision (that, plus the property values and the diff against the company) and the whole card
// view (that, plus the handoff form's contacts, the churn form, the score history) are printed beside it.
// The sync words the drivers and next action in the portal's language (English here), built once per run.
const wording = portalWording(defaultConfig);
const measures: readonly Measure[] = [
  // Read on the as-of day, as a sync reads it (writebackFor passes the same instant).
  { what: 'health evaluations/s', evaluate: (s) => evaluateHealth(s, defaultConfig, asOf, readAt).health.score ?? 0 },
  { what: 'write-back decisions/s (health evaluation + changed properties)', evaluate: (s) => writebackFor(s, defaultConfig, at, wording).kind.length },
  { what: 'card views/s (health evaluation + everything the card shows)', evaluate: (s) => buildCardView(s, defaultConfig, at).actions.length },
];

export async function run(): Promise<void> {
  const snapshots = portfolio(portfolioSize);
  const records = snapshots.reduce((n, s) => n + s.contacts.length + s.deals.length + s.tickets.length + s.feedback.length + s.tasks.length, 0);
  console.log(`portfolio: ${portfolioSize} companies, ${(records / portfolioSize).toFixed(1)} records per company on average`);
  let sink = 0;
  for (const measure of measures) sink += timed(snapshots, measure, warmUpSeconds).sink;
  // Short rounds taken in turn, and the median of each: this machine's speed drifts by several
  // per cent from second to second, and a drift then touches every measure alike, not just one.
  const rates: number[][] = measures.map(() => []);
  for (let round = 0; round < rounds; round++) {
    measures.forEach((measure, i) => {
      const { evaluations, cpu, sink: more } = timed(snapshots, measure, roundSeconds);
      rates[i]?.push(evaluations / cpu);
      sink += more;
    });
  }
  if (Number.isNaN(sink)) throw new Error('unreachable: keeps the evaluations from being optimised away');
  measures.forEach((measure, i) => {
    const sorted = (rates[i] ?? []).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const spread = `median of ${rounds} rounds, ${fmt(sorted[0] ?? 0)}-${fmt(sorted[sorted.length - 1] ?? 0)}`;
    const ratio = i === 0 ? `target >= ${fmt(targetRate)}/s: ${(median / targetRate).toFixed(2)}x` : `${(median / targetRate).toFixed(2)}x the target rate`;
    console.log(`${measure.what} (one core, CPU time): ${fmt(median)}  (${ratio}; ${spread})`);
  });
}

/**
 * Evaluates the portfolio over and over for `seconds` of this process's CPU time: the loop is
 * single-threaded, and CPU time (unlike wall time) does not shrink when other work shares the machine.
 */
function timed(snapshots: readonly CompanySnapshot[], { evaluate }: Measure, seconds: number): { evaluations: number; cpu: number; sink: number } {
  let sink = 0;
  let evaluations = 0;
  const start = process.cpuUsage();
  let cpu = 0;
  while (cpu < seconds) {
    for (const s of snapshots) sink += evaluate(s);
    evaluations += snapshots.length;
    cpu = cpuSecondsSince(start);
  }
  return { evaluations, cpu, sink };
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}
