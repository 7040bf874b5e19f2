import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompanySnapshot, CrmRecord } from '../../src/domain/card/snapshot.ts';
import type { PropertyPlan } from '../../src/hubspot/company-snapshot.ts';
import { PortfolioGateway, type PageReadOptions, type PortalAccess } from '../../src/hubspot/portfolio-gateway.ts';
import { runSync } from '../../src/usecases/sync.ts';
import { demoAsOf, fastRetry, portfolioPortal, type PortfolioPortal } from './portfolio-portal.ts';

// A sync streams: a page's snapshots are garbage once the page is written, whatever the
// portfolio's size (bench/sections/40-sync.ts measures the heap; this pins down the cause it
// once had: every page kept alive until the run ended). Checked with weak references and a
// full collection, not with timings or heap sizes.

v8.setFlagsFromString('--expose-gc');
const collectGarbage: unknown = vm.runInNewContext('gc');

function fullGc(): void {
  if (typeof collectGarbage !== 'function') throw new Error('gc is not exposed');
  collectGarbage();
}

/** The portfolio gateway, remembering each page's snapshots weakly. */
class WatchedGateway extends PortfolioGateway {
  readonly pages: Array<WeakRef<CompanySnapshot[]>> = [];

  override async snapshots(companies: readonly CrmRecord[], plan: PropertyPlan, portal: PortalAccess, options: PageReadOptions): Promise<CompanySnapshot[]> {
    const snapshots = await super.snapshots(companies, plan, portal, options);
    this.pages.push(new WeakRef(snapshots));
    return snapshots;
  }
}

const portals: PortfolioPortal[] = [];
afterEach(async () => {
  for (const portal of portals.splice(0)) await portal.close();
});

describe('sync memory', () => {
  it.each([
    ['without a stop signal', false],
    ['with a stop signal that never fires', true],
  ])('lets go of each page once it is written (%s)', async (_, withSignal) => {
    const p = await portfolioPortal({ companies: 120 });
    portals.push(p);
    await p.setup();
    const gateway = new WatchedGateway(p.client, { retry: fastRetry, callBudgetMs: 20_000 });
    const kept: number[] = [];
    const summary = await runSync(p.deps({ gateway }), {
      asOf: demoAsOf,
      full: true,
      pageSize: 10,
      ...(withSignal ? { signal: new AbortController().signal } : {}),
      // Once the fourth page is written, the first must be collectable.
      onProgress: ({ done }) => {
        if (done < 40) return;
        fullGc();
        kept.push(gateway.pages.slice(0, -4).filter((page) => page.deref() !== undefined).length);
      },
    });
    expect(summary.scanned).toBeGreaterThan(60);
    expect(kept.length).toBeGreaterThan(2);
    expect(kept.every((count) => count === 0)).toBe(true);
  });
});
