import { defaultConfig } from '../../src/config/schema.ts';
import { buildCardView } from '../../src/domain/card.ts';
import type { CompanySnapshot } from '../../src/domain/snapshot.ts';
import { AS_OF, GENERATED_AT, change, contact, dayAt, deal, epochAt, isoAt, npsAnswer, renewalDeal, snapshot, task, ticket } from '../../test/domain/fixtures.ts';

export const title = 'Domain: health evaluations per second (buildCardView, one core)';

const target = 100_000;
const portfolioSize = 5_000;
const minSeconds = 3;
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

export async function run(): Promise<void> {
  const snapshots = portfolio(portfolioSize);
  const records = snapshots.reduce((n, s) => n + s.contacts.length + s.deals.length + s.tickets.length + s.feedback.length + s.tasks.length, 0);
  const at = { asOf: AS_OF, generatedAt: GENERATED_AT };
  let sink = 0;
  const warmUpStart = process.cpuUsage();
  let warmUpPasses = 0;
  while (cpuSecondsSince(warmUpStart) < warmUpSeconds) {
    for (const s of snapshots) sink += buildCardView(s, defaultConfig, at).actions.length;
    warmUpPasses++;
  }

  // The figure is per second of this process's CPU time: the loop is single-threaded, and CPU
  // time (unlike wall time) does not shrink when other work shares the machine.
  let evaluations = 0;
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let cpu = 0;
  while (cpu < minSeconds) {
    for (const s of snapshots) sink += buildCardView(s, defaultConfig, at).health.score ?? 0;
    evaluations += snapshots.length;
    cpu = cpuSecondsSince(cpuStart);
  }
  const wall = Number(process.hrtime.bigint() - wallStart) / 1e9;
  const perSecond = evaluations / cpu;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`portfolio: ${portfolioSize} companies, ${(records / portfolioSize).toFixed(1)} records per company on average`);
  console.log(`warm-up: ${warmUpPasses} passes over the portfolio (${fmt(warmUpPasses * portfolioSize)} evaluations, not counted)`);
  console.log(`evaluations: ${evaluations} in ${cpu.toFixed(2)} s CPU, ${wall.toFixed(2)} s wall (${fmt(evaluations / wall)}/s wall-clock; checksum ${sink % 997})`);
  console.log(`health evaluations/s (one core, CPU time): ${fmt(perSecond)}  (target >= ${fmt(target)}/s: ${(perSecond / target).toFixed(2)}x)`);
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}
