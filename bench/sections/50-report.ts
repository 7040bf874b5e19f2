import { performance } from 'node:perf_hooks';
import { defaultConfig } from '../../src/config/schema.ts';
import { parseIsoDate } from '../../src/domain/parsing/index.ts';
import { quarterOf } from '../../src/domain/portfolio/periods.ts';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { PortfolioGateway } from '../../src/hubspot/portfolio-gateway.ts';
import { RateLimiter } from '../../src/hubspot/rate-limiter.ts';
import { runPeriodReport } from '../../src/usecases/portfolio-book.ts';
import { startPortal } from './40-sync.ts';

// `cs-card report` (and the managers' page, which reads the same book) on the sandbox portal of
// 100,000 companies in a worker thread, over loopback: time, and CRM calls against the batch
// floor (customer companies read ceil(n/100), company->deal associations ceil(n/1000), their
// deals ceil(deals/100), plus one owners page).

export const title = 'Report: cs-card report on the 100,000-company portal, time and CRM calls vs the batch floor (sandbox in a worker, loopback)';

const asOf = '2026-11-20';
/** CS_CARD_BENCH_REPORT_SIZE=20000 to try another size. */
const companies = Number(process.env.CS_CARD_BENCH_REPORT_SIZE ?? '100000');
const bars = { seconds: 60, floorRatio: 1.25 };

const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER THE BAR');

export async function run(): Promise<void> {
  const generated = performance.now();
  const portal = await startPortal(companies, { rateLimit: null, searchPerSecond: null });
  const generateS = (performance.now() - generated) / 1000;
  const limiter = new RateLimiter({ limit: { max: 1_000_000_000, intervalMs: 1000 }, searchPerSecond: 1_000_000 });
  const client = createHubSpotClient({ accessToken: 'bench', baseUrl: portal.url, middleware: [limiter.middleware()] });
  const gateway = new PortfolioGateway(client);
  try {
    const day = parseIsoDate(asOf) ?? 0;
    await portal.calls({ clear: true });
    const started = performance.now();
    const { report } = await runPeriodReport({ gateway, config: defaultConfig }, { asOf: day, readAt: Date.now(), period: quarterOf(day), currency: { reporting: 'USD', home: 'USD' }, byOwner: true });
    const seconds = (performance.now() - started) / 1000;
    const { calls } = await portal.calls({ clear: true });
    const { customers, records } = portal.floor;
    const floor = Math.ceil(customers / 100) + Math.ceil(customers / 1000) + Math.ceil((records.deals ?? 0) / 100) + 1;
    const ratio = calls / floor;
    console.log(`${companies.toLocaleString('en')} companies (${customers.toLocaleString('en')} customers, ${(records.deals ?? 0).toLocaleString('en')} of their deals; portal generated in ${generateS.toFixed(1)} s):`);
    console.log(`  report --period ${asOf.slice(0, 4)}-Q${Math.floor((Number(asOf.slice(5, 7)) - 1) / 3) + 1} --by owner: ${seconds.toFixed(1)} s (bar well under ${bars.seconds} s: ${verdict(seconds < bars.seconds)})`);
    console.log(`  CRM calls: ${calls.toLocaleString('en')}, batch floor ${floor.toLocaleString('en')} = ${ratio.toFixed(2)}x (bar <= ${bars.floorRatio}x: ${verdict(ratio <= bars.floorRatio)})`);
    console.log(`  figures: ${report.customers.atStart.toLocaleString('en')} customers at the start, ${report.renewals.due.toLocaleString('en')} renewals due, NRR ${report.netRevenueRetention === null ? 'n/a' : (100 * report.netRevenueRetention).toFixed(1)}%`);
  } finally {
    await limiter.stop();
    await portal.close();
  }
}
