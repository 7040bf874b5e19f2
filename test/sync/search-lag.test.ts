import { setTimeout as wait } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CompanyChange, SyncRequest } from '../../src/usecases/sync.ts';
import { portfolioPortal, type PortfolioPortal } from './portfolio-portal.ts';

// HubSpot's search index shows a write only seconds later. Incremental sync selects changed
// companies through search, so with the sandbox's index lagging by LAG_MS it must still write
// every change: the one made just before a run (search cannot see it yet) by the next run, and
// one made while a run is going (after that run read the company) by a later one.

const LAG_MS = 1_500;

const portals: PortfolioPortal[] = [];
afterEach(async () => {
  for (const portal of portals.splice(0)) await portal.close();
});

async function laggingPortal(): Promise<PortfolioPortal> {
  const portal = await portfolioPortal({ companies: 40 });
  portals.push(portal);
  await portal.setup();
  return portal;
}

async function syncCollecting(p: PortfolioPortal, request: SyncRequest = {}): Promise<string[]> {
  const changed: CompanyChange[] = [];
  await p.sync({
    pageSize: 10,
    ...request,
    onChange: (change) => {
      changed.push(change);
      request.onChange?.(change);
    },
  });
  return changed.map((change) => change.companyId);
}

/** A customer with seats, whose active seats we move from one end to the other: its adoption, so its health, changes. */
function customerWithSeats(p: PortfolioPortal, skip: readonly string[] = []): { id: string; flipped: string } {
  const company = p.sandbox.store.list('companies').find((c) =>
    c.properties.lifecyclestage === 'customer' && Number(c.properties.cs_seats_licensed ?? 0) > 20 && !skip.includes(c.id));
  if (!company) throw new Error('the demo portfolio has no customer with seats');
  const licensed = Number(company.properties.cs_seats_licensed);
  const active = Number(company.properties.cs_seats_active ?? 0);
  return { id: company.id, flipped: String(active < licensed / 2 ? licensed : 0) };
}

/** Nothing left to write: every company holds what a full recomputation gives. */
async function settled(p: PortfolioPortal): Promise<string[]> {
  return syncCollecting(p, { full: true, dryRun: true });
}

describe('incremental sync against a search index that lags writes', () => {
  it('settles: a second no-change incremental run within the overlap rescans and rewrites nothing (the full sync\'s own writes are not changes)', async () => {
    const p = await laggingPortal();
    await p.sync({ full: true, pageSize: 10 });
    await wait(300);
    // Both runs look back past the full sync's writes (the default overlap is 5 minutes).
    const first = await p.sync({ pageSize: 10 });
    const second = await p.sync({ pageSize: 10 });
    expect([first.mode, first.scanned, first.written]).toEqual(['incremental', 0, 0]);
    expect([second.mode, second.scanned, second.written]).toEqual(['incremental', 0, 0]);
    // A change after them is still found: the carried pages exclude only the sync's own writes.
    const { id, flipped } = customerWithSeats(p);
    await p.client.crm.companies.basicApi.update(id, { properties: { cs_seats_active: flipped } });
    expect(await syncCollecting(p)).toEqual([id]);
  });

  it('a change made just before a run, invisible to its search, is written by the next run', async () => {
    const p = await laggingPortal();
    await p.sync({ full: true, pageSize: 10 });
    await wait(LAG_MS + 200);
    p.sandbox.controls.searchLag = { minMs: LAG_MS, maxMs: LAG_MS };
    const { id, flipped } = customerWithSeats(p);

    // From the change on, time moves only when the test says (Date only: requests and leases run on
    // real timers): a slow machine cannot let the lag pass before the first run's search.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      await p.client.crm.companies.basicApi.update(id, { properties: { cs_seats_active: flipped } });
      vi.setSystemTime(Date.now() + 50);
      const atOnce = await syncCollecting(p, { lookBackMs: LAG_MS + 300 });
      vi.setSystemTime(Date.now() + LAG_MS + 200);
      const afterLag = await syncCollecting(p, { lookBackMs: LAG_MS + 300 });

      // The first run's search could not see the change yet; the next one looks back past its start.
      expect(atOnce).not.toContain(id);
      expect(afterLag).toContain(id);
      expect(await settled(p)).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a change made while a run is going, after it wrote that company, is written by the next run', async () => {
    const p = await laggingPortal();
    await p.sync({ full: true, pageSize: 10 });
    p.sandbox.controls.searchLag = { minMs: LAG_MS, maxMs: LAG_MS };
    // The run will rewrite this company (its active seats move); a CSM sets them back just after
    // that write. (Seats, not sentiment: a sentiment change is dated today, after the demo's
    // as-of day, so a sync as of that day rightly leaves it out.)
    const target = customerWithSeats(p);
    const before = p.sandbox.store.get('companies', target.id)?.properties.cs_seats_active ?? '0';
    await p.client.crm.companies.basicApi.update(target.id, { properties: { cs_seats_active: target.flipped } });
    const edits: Array<Promise<unknown>> = [];
    const during = await syncCollecting(p, {
      full: true,
      onChange: (change) => {
        if (change.companyId === target.id) edits.push(p.client.crm.companies.basicApi.update(target.id, { properties: { cs_seats_active: before } }));
      },
    });
    await Promise.all(edits);
    expect(edits).toHaveLength(1);
    await wait(LAG_MS + 200);
    // A look-back barely longer than the lag: the run must find the edit through its record of what it wrote, not the overlap.
    const next = await syncCollecting(p, { lookBackMs: LAG_MS + 300 });

    expect(during).toContain(target.id);
    expect(next).toContain(target.id);
    expect(await settled(p)).toEqual([]);
  });

  it('an incremental run right after a full one writes nothing and costs only its searches, lag or not', async () => {
    const p = await laggingPortal();
    p.sandbox.controls.searchLag = { minMs: LAG_MS, maxMs: LAG_MS };
    await p.sync({ full: true, pageSize: 10 });
    await wait(LAG_MS + 200);
    p.sandbox.log.clear();
    expect(await syncCollecting(p)).toEqual([]);
    // Companies (changed, crossed a date), the full run's written pages (five a search), deals, tickets, contacts, tasks, survey answers.
    const calls = p.sandbox.log.entries.map((entry) => `${entry.method} ${entry.path.split('?')[0] ?? ''}`);
    expect(calls.every((call) => call.endsWith('/search'))).toBe(true);
    expect(calls.length).toBeLessThanOrEqual(10);
  });
});
