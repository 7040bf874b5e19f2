import { hostname } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { healthUpdatedAtProperty } from '../../src/domain/properties.ts';
import { ownedCompanyProperties } from '../../src/domain/sync/written-values.ts';
import { syncCompanies, type CompanyChange, type SyncRequest } from '../../src/usecases/sync.ts';
import { SyncLockedError } from '../../src/state/sync-state.ts';
import { customerIds } from './demo-customers.ts';
import { demoAsOf, portalsClosedAfterEach, type PortfolioPortal } from './portfolio-portal.ts';

const openPortal = portalsClosedAfterEach();

async function demo(options: Parameters<typeof openPortal>[0] = {}): Promise<PortfolioPortal> {
  const portal = await openPortal(options);
  await portal.setup();
  return portal;
}

/** What sync wrote to every company, minus the time stamp that differs between any two runs. */
function writtenHealth(p: PortfolioPortal): Record<string, Record<string, string | null>> {
  const names = ownedCompanyProperties.filter((name) => name !== healthUpdatedAtProperty);
  return Object.fromEntries(p.sandbox.store.list('companies').map((c) => [c.id, Object.fromEntries(names.map((name) => [name, c.properties[name] ?? null]))]));
}

function updateCalls(p: PortfolioPortal): number {
  return p.sandbox.log.count({ method: 'POST', pathIncludes: '/companies/batch/update' });
}

/** Syncs and collects the ids of the companies it wrote (or in a dry run would write). */
async function syncCollecting(p: PortfolioPortal, request: SyncRequest = {}) {
  const changed: CompanyChange[] = [];
  const summary = await p.sync({ ...request, onChange: (change) => changed.push(change) });
  return { summary, ids: changed.map((change) => change.companyId).sort(), changed };
}

/** An open urgent ticket for a company that had none open: its support score must drop. */
async function openUrgentTicket(p: PortfolioPortal, companyId: string): Promise<void> {
  const ticketId = p.sandbox.store.associations('companies', companyId, 'tickets')[0];
  if (ticketId === undefined) throw new Error(`company ${companyId} has no ticket to change`);
  await p.client.crm.tickets.basicApi.update(ticketId, {
    // HubSpot derives hs_is_closed and closed_date from the stage.
    properties: { hs_pipeline_stage: '1', hs_ticket_priority: 'URGENT' },
  });
}

/** A customer with tickets but none open, so opening one changes its health. */
function quietCustomerWithTickets(p: PortfolioPortal, skip: readonly string[] = []): string {
  const id = customerIds(p).find((companyId) => {
    if (skip.includes(companyId)) return false;
    const tickets = p.sandbox.store.associations('companies', companyId, 'tickets').flatMap((t) => p.sandbox.store.get('tickets', t) ?? []);
    return tickets.length > 0 && tickets.every((t) => t.properties.hs_is_closed === 'true');
  });
  if (id === undefined) throw new Error('the demo portfolio has no customer whose tickets are all closed');
  return id;
}

/**
 * An uninterrupted full sync of the demo portfolio in pages of 50, made once for the file: the
 * interrupted runs below must end exactly like it (the demo portfolio is the same every time).
 */
let uninterrupted50: Promise<{ scanned: number; written: number; health: ReturnType<typeof writtenHealth>; updates: number }> | undefined;
function uninterruptedRun() {
  uninterrupted50 ??= (async () => {
    const reference = await demo();
    const { scanned, written } = await reference.sync({ pageSize: 50 });
    return { scanned, written, health: writtenHealth(reference), updates: updateCalls(reference) };
  })();
  return uninterrupted50;
}

describe('cs-card sync against the demo portfolio', () => {
  it('a full sync writes every customer and nothing else, and the next sync writes nothing', async () => {
    const p = await demo();
    const inScope = customerIds(p);

    const first = await syncCollecting(p);
    expect(first.summary).toMatchObject({ mode: 'full', scanned: inScope.length, written: inScope.length, skipped: 0, interrupted: false });
    expect(first.ids).toEqual([...inScope].sort());
    for (const company of p.sandbox.store.list('companies')) {
      const scoped = inScope.includes(company.id);
      expect(company.properties.cs_health_band ?? null, company.id).toSatisfy((band: string | null) => (scoped ? band !== null && band !== '' : band === null));
    }

    p.sandbox.log.clear();
    const second = await syncCollecting(p);
    expect(second.summary).toMatchObject({ mode: 'incremental', written: 0, skipped: 0 });
    expect(second.ids).toEqual([]);
    expect(updateCalls(p)).toBe(0);
    // Nothing changed: a handful of searches, whatever the portfolio's size.
    expect(second.summary.apiCalls).toBeLessThanOrEqual(8);
  });

  it('changing one ticket then syncing rewrites only that company', async () => {
    const p = await demo();
    await p.sync();
    const target = quietCustomerWithTickets(p);
    const before = writtenHealth(p);

    await openUrgentTicket(p, target);
    p.sandbox.log.clear();
    const next = await syncCollecting(p);

    expect(next.summary.mode).toBe('incremental');
    expect(next.ids).toEqual([target]);
    expect(updateCalls(p)).toBe(1);
    const after = writtenHealth(p);
    expect(after[target]).not.toEqual(before[target]);
    expect({ ...after, [target]: null }).toEqual({ ...before, [target]: null });
  });

  it.each([
    ['stopped by the signal after two pages', 'abort'],
    ['crashed by a 401 on the third page\'s write', 'crash'],
  ] as const)('a sync %s and restarted ends exactly like an uninterrupted run, without redoing finished pages', async (_label, how) => {
    const pageSize = 50;
    const uninterrupted = await uninterruptedRun();
    const expected = uninterrupted.health;
    const expectedUpdates = uninterrupted.updates;

    const p = await demo();
    p.sandbox.log.clear();
    const controller = new AbortController();
    const interruptAfterTwoPages = ({ done }: { done: number }) => {
      if (done < 2 * pageSize) return;
      if (how === 'abort') controller.abort();
      else p.sandbox.controls.injectFault({ kind: '401', path: '/companies/batch/update', times: 1 });
    };
    const stopped = p.sync({ pageSize, signal: controller.signal, onProgress: interruptAfterTwoPages });
    if (how === 'abort') expect(await stopped).toMatchObject({ interrupted: true, scanned: 2 * pageSize, written: 2 * pageSize });
    else await expect(stopped).rejects.toThrow(/401/);
    expect(writtenHealth(p)).not.toEqual(expected);

    const resumed = await p.sync({ pageSize });
    expect(resumed).toMatchObject({ resumed: true, mode: 'full', interrupted: false, scanned: uninterrupted.scanned, written: uninterrupted.written, skipped: 0 });
    expect(writtenHealth(p)).toEqual(expected);
    // Finished pages were not written again: as many successful writes as one run makes.
    const applied = p.sandbox.log.entries.filter((e) => e.path.includes('/companies/batch/update') && e.status === 200).length;
    expect(applied).toBe(expectedUpdates);

    // And it completed: the next sync is incremental and finds nothing to do.
    expect(await p.sync()).toMatchObject({ mode: 'incremental', written: 0 });
  });

  it('a company whose tickets could not be read is reported and left unwritten, then written by the next sync', async () => {
    const p = await demo({ companies: 20 });
    const inScope = customerIds(p);
    // Pages of one company and pages read one after another: the first ticket read belongs to the
    // lowest-id customer with tickets. Three failures outlast the two retries.
    const victim = inScope.find((id) => p.sandbox.store.associations('companies', id, 'tickets').length > 0);
    p.sandbox.controls.injectFault({ kind: '503', path: '/crm/v3/objects/tickets/batch/read', times: 3 });

    const first = await syncCollecting(p, { pageSize: 1 });
    expect(first.summary.skipped).toBe(1);
    expect(first.summary.skippedCompanies).toEqual([
      { companyId: victim, reasons: [{ what: { code: 'warning.source', params: { source: 'tickets', state: 'unavailable' } }, detail: { code: 'hubspot.failure.timeout', params: { what: expect.any(String) } } }] },
    ]);
    expect(first.ids).toEqual(inScope.filter((id) => id !== victim).sort());
    expect(p.sandbox.store.get('companies', victim ?? '')?.properties.cs_health_band ?? null).toBeNull();

    const retry = await syncCollecting(p);
    expect(retry.summary).toMatchObject({ mode: 'incremental', skipped: 0 });
    expect(retry.ids).toEqual([victim]);
  });

  it('--dry-run writes nothing, not even the sync state, and reports what would change', async () => {
    const p = await demo();
    p.sandbox.log.clear();
    const dry = await syncCollecting(p, { dryRun: true });
    expect(dry.summary).toMatchObject({ dryRun: true, mode: 'full', written: customerIds(p).length });
    expect(dry.changed[0]?.properties.cs_health_band).toEqual({ from: null, to: expect.stringMatching(/^(healthy|attention|at_risk|unknown)$/) });
    expect(updateCalls(p)).toBe(0);
    expect(p.sandbox.log.entries.every((e) => e.method === 'GET' || /\/search$|\/batch\/read$/.test(e.path))).toBe(true);
    expect(await p.stateStore.documents('sync-state:')).toEqual([]);
    // So the real sync after it is still a full one.
    expect((await p.sync()).mode).toBe('full');
  });

  it('refuses a second sync of the same portal while one runs, naming the holder and its age; a crashed holder\'s lease expires', async () => {
    const p = await demo({ companies: 30 });
    const [a, b] = await Promise.allSettled([p.sync(), p.sync()]);
    const outcomes = [a, b].map((r) => r.status);
    expect(outcomes.sort()).toEqual(['fulfilled', 'rejected']);
    const refused = [a, b].find((r) => r.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(SyncLockedError);
    expect(refused?.status === 'rejected' && String(refused.reason)).toMatch(
      new RegExp(`another sync of this portal is running: cs-card sync on ${hostname()} \\(pid ${process.pid}\\), started \\d+ s ago, last heartbeat \\d+ s ago; .* its lease expires in \\d+ s`),
    );

    // A sync on another host (or under a PID since reused) crashed holding the lease: it blocks
    // only until the lease expires, never forever.
    // A minute to live while it is refused (however slow the machine), then a last heartbeat that leaves it 300 ms.
    const crashed = await p.stateStore.acquireLease('sync:test', { host: 'ops-2', pid: 4242, command: 'cs-card sync' }, 60_000);
    if (!crashed.acquired) throw new Error('the crashed holder did not get the lease');
    await expect(p.sync()).rejects.toThrow(/cs-card sync on ops-2 \(pid 4242\), started \d+ s ago/);
    expect(await p.stateStore.renewLease('sync:test', crashed.token, 300)).toBe(true);
    // Until the store's own clock is past its expiry (polled; the bound only stops a hung test).
    await vi.waitFor(async () => expect((await p.stateStore.leases('sync:')).every((lease) => lease.now >= lease.expiresAt)).toBe(true), { timeout: 20_000, interval: 50 });
    await expect(p.sync()).resolves.toMatchObject({ interrupted: false });
    expect(await p.stateStore.leases('sync:')).toEqual([]);
    expect(JSON.parse((await p.stateStore.readDocument('sync-state:test')) ?? 'null')).toMatchObject({ pending: null, lastRun: { asOf: demoAsOf } });
  });
});

describe('syncCompanies (what live updates call)', () => {
  it('recomputes and writes exactly the given companies, ignoring ids out of scope or unknown', async () => {
    const p = await demo();
    await p.sync();
    const first = quietCustomerWithTickets(p);
    const second = quietCustomerWithTickets(p, [first]);
    await openUrgentTicket(p, first);
    await openUrgentTicket(p, second);
    const notCustomer = p.sandbox.store.list('companies').find((c) => c.properties.lifecyclestage !== 'customer')?.id ?? '';
    const before = writtenHealth(p);

    const changed: string[] = [];
    const summary = await syncCompanies(p.deps(), [first, first, notCustomer, '99999999999', 'not-an-id'], demoAsOf, { onChange: (c) => changed.push(c.companyId) });

    expect(summary).toMatchObject({ written: 1, scanned: 1, skipped: 0 });
    expect(changed).toEqual([first]);
    const after = writtenHealth(p);
    expect(after[first]).not.toEqual(before[first]);
    expect(after[second]).toEqual(before[second]);
    expect(after[notCustomer]).toEqual(before[notCustomer]);
    // No sync state: the next incremental sync still sees the second company's change.
    expect((await syncCollecting(p)).ids).toEqual([second]);
  });
});
