import { afterEach, describe, expect, it } from 'vitest';
import { portfolioPortal, type PortfolioPortal } from './portfolio-portal.ts';

let portal: PortfolioPortal | undefined;
afterEach(async () => {
  await portal?.close();
  portal = undefined;
});

function customers(p: PortfolioPortal): string[] {
  return p.sandbox.store.list('companies').filter((c) => c.properties.lifecyclestage === 'customer').map((c) => c.id);
}

describe('cs-card sync against the demo portfolio', () => {
  it('a full sync writes every customer, and the next sync writes nothing', async () => {
    portal = await portfolioPortal();
    await portal.setup();
    const first = await portal.sync();
    console.log(first);
    const inScope = customers(portal);
    expect(first.mode).toBe('full');
    expect(first.scanned).toBe(inScope.length);
    expect(first.written).toBe(inScope.length);
    const second = await portal.sync();
    console.log(second);
    expect(second.written).toBe(0);
  });
});
