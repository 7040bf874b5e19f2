import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.ts';
import { parseDelivery, watchedProperties, webhookTargets } from '../../src/domain/sync/webhook-events.ts';
import { companiesOfRecords } from '../../src/hubspot/webhook-targets.ts';
import { LiveUpdates, type RecomputeOutcome } from '../../src/usecases/live-updates.ts';
import { syncCompanies } from '../../src/usecases/sync.ts';
import { demoAsOf, portalsClosedAfterEach } from '../sync/portfolio-portal.ts';
import { creation, ManualScheduler, propertyChange } from './fixtures.ts';

// Live updates wired to the real recompute (sync's rule for given companies) on the demo
// portfolio: after a full sync, a webhook about one new urgent ticket rewrites that one company.

const openPortal = portalsClosedAfterEach();

describe('live updates with the real recompute', () => {
  it('rewrites only the company whose ticket changed, and its own write echoing back changes nothing', async () => {
    const portal = await openPortal({ companies: 60 });
    await portal.setup();
    await portal.sync({ full: true });
    const { store } = portal.sandbox;
    const customer = store.list('companies').find((company) => company.properties.lifecyclestage === 'customer' && company.properties.cs_health_score !== null);
    if (!customer) throw new Error('the demo portfolio has no scored customer');
    const before = customer.properties.cs_health_score;
    const ticket = store.create('tickets', { subject: 'Production outage', hs_pipeline_stage: '1', hs_ticket_priority: 'URGENT', createdate: '2026-11-19T08:00:00.000Z' });
    store.associate('tickets', ticket.id, 'companies', customer.id);

    const deps = portal.deps();
    const scheduler = new ManualScheduler();
    const outcomes: RecomputeOutcome[] = [];
    const gateway = portal.gateway;
    const live = new LiveUpdates({
      recompute: async (ids) => {
        const summary = await syncCompanies(deps, ids, demoAsOf);
        outcomes.push(summary);
        return summary;
      },
      follow: (records) => companiesOfRecords(gateway, records),
      scheduler,
    });
    const deliver = (events: unknown[]) => {
      const delivery = parseDelivery(JSON.stringify(events));
      if (!delivery.ok) throw new Error(delivery.message);
      live.enqueue(webhookTargets(delivery.events, watchedProperties(defaultConfig)).targets);
    };

    deliver([creation('ticket', ticket.id), propertyChange('ticket', ticket.id, 'hs_ticket_priority', 'URGENT')]);
    scheduler.advance(60_000);
    await live.whenIdle();

    expect(outcomes).toEqual([expect.objectContaining({ scanned: 1, written: 1, skipped: 0 })]);
    const after = store.get('companies', customer.id)?.properties.cs_health_score;
    expect(Number(after)).toBeLessThan(Number(before));

    // The write comes back as webhooks about cs_ properties: nothing is queued.
    deliver([propertyChange('company', customer.id, 'cs_health_score', after ?? ''), propertyChange('company', customer.id, 'cs_health_updated_at', '1763805600000')]);
    expect(live.waiting).toBe(0);
  });
});
