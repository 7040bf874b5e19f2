import type { CompanySnapshot } from '../domain/card/snapshot.ts';
import type { CardDeps } from './card-view.ts';

// One record, one load. HubSpot draws a record's tab, sidebar and preview cards at once and
// each asks the backend for the card: without this, three full reads of the company (about 18
// CRM calls) against the portal's rate limit. Concurrent reads of the same company share one
// load, and a snapshot stays reusable for a few seconds; anything the card writes to the
// company (a task, a handoff step, a churn reason) drops it, so the next card reads afresh.

/** How long a loaded snapshot answers further card requests for the same company. */
export const defaultSnapshotReuseMs = 3_000;

interface Entry {
  /** When the load finished (monotonic ms); null while it is in flight. */
  finishedAt: number | null;
  readonly snapshot: Promise<CompanySnapshot>;
}

export class SnapshotReuse {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly freshMs: number = defaultSnapshotReuseMs,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** The card deps whose gateway reads through this reuse (writes still go straight to HubSpot). */
  cardDeps(deps: CardDeps): CardDeps {
    if (this.freshMs <= 0) return deps;
    const { gateway } = deps;
    return {
      ...deps,
      gateway: {
        companySnapshot: (companyId, plan, deadline) => this.snapshot(`${companyId}\u0000${plan.company.join(',')}`, () => gateway.companySnapshot(companyId, plan, deadline)),
        createTask: (task, deadline) => gateway.createTask(task, deadline),
        ...(gateway.dealStageLabels ? { dealStageLabels: gateway.dealStageLabels.bind(gateway) } : {}),
      },
    };
  }

  /** The shared load for `key`: the one in flight, a fresh finished one, or a new one. */
  snapshot(key: string, load: () => Promise<CompanySnapshot>): Promise<CompanySnapshot> {
    const now = this.clock();
    const current = this.entries.get(key);
    if (current && (current.finishedAt === null || now - current.finishedAt <= this.freshMs)) return current.snapshot;
    this.prune(now);
    const entry: Entry = { finishedAt: null, snapshot: load() };
    this.entries.set(key, entry);
    entry.snapshot.then(
      () => {
        entry.finishedAt = this.clock();
      },
      () => {
        // A failed load is not reused: the next request tries again.
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.snapshot;
  }

  /** Forget what was loaded for a company: it was just written to. */
  invalidate(companyId: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(`${companyId}\u0000`)) this.entries.delete(key);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) if (entry.finishedAt !== null && now - entry.finishedAt > this.freshMs) this.entries.delete(key);
  }
}
