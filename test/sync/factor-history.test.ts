import { describe, expect, it } from 'vitest';
import { parseFactorScores } from '../../src/domain/health/factor-history.ts';
import { portfolioCompany, rankByRisk } from '../../src/domain/portfolio/company-picker.ts';
import { HubSpotGateway } from '../../src/hubspot/gateway.ts';
import { DEFAULT_DEMO_COMPANIES } from '../../src/sandbox/demo-portfolio.ts';
import { getCardView } from '../../src/usecases/card-view.ts';
import { demoAsOf, fastRetry, portalsClosedAfterEach } from './portfolio-portal.ts';

// cs_health_factors end to end: setup creates it, sync writes it (and only when it changed), the
// sandbox keeps its history as HubSpot does, and the card reads that history in the same company
// read it already makes to say which factors moved the score.

const openPortal = portalsClosedAfterEach();

describe('cs_health_factors through setup, sync and the card', () => {
  it('is written for every synced customer, served with its history, and the riskiest card of the default demo says what changed', async () => {
    const p = await openPortal({ companies: DEFAULT_DEMO_COMPANIES });
    await p.setup();
    expect((await p.client.crm.properties.coreApi.getByName('companies', 'cs_health_factors')).type).toBe('string');

    await p.sync();
    const customers = p.sandbox.store.list('companies').filter((company) => company.properties.lifecyclestage === 'customer');
    for (const company of customers) {
      const value = company.properties.cs_health_factors;
      expect(parseFactorScores(value).kind, `company ${company.id}: ${value ?? 'no value'}`).toBe('scores');
      expect(p.sandbox.store.history('companies', company.id, 'cs_health_factors')[0]?.value).toBe(value);
    }

    // A second sync changes nothing, so it writes nothing, cs_health_factors included.
    p.sandbox.log.clear();
    expect(await p.sync()).toMatchObject({ written: 0 });
    expect(p.sandbox.log.count({ method: 'POST', pathIncludes: '/companies/batch/update' })).toBe(0);

    const riskiest = rankByRisk(customers.map((company) => portfolioCompany(p.sandbox.store.get('companies', company.id) ?? company)))[0];
    expect(riskiest?.band).toBe('at_risk');
    p.sandbox.log.clear();
    const gateway = new HubSpotGateway(p.client, fastRetry);
    const view = await getCardView({ gateway, config: p.config, now: () => new Date(`${demoAsOf}T09:00:00Z`) }, { companyId: riskiest?.id ?? '', asOf: demoAsOf });
    expect(view.health.factorChanges?.changes.length, JSON.stringify(view.health.factorChanges)).toBeGreaterThan(0);
    // Nothing is missing; the only warnings say that what the sync just wrote (dated today, after the demo's as-of day) is left out of the card as of that day.
    expect(view.warningMessages?.filter((warning) => !warning.code.startsWith('warning.asOf.'))).toEqual([]);
    // The history comes with the company read the card already makes: one GET of the company.
    const companyReads = p.sandbox.log.entries.filter((entry) => entry.method === 'GET' && /\/crm\/v3\/objects\/companies\/\d+/.test(entry.path));
    expect(companyReads).toHaveLength(1);
    expect(companyReads[0]?.path).toContain('cs_health_factors');
  }, 60_000);
});
