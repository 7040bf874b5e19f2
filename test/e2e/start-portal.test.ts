import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/app/cards/i18n/format.ts';
import { startProduct, type RunningProduct } from '../../src/cli/commands/start.ts';
import { portfolioReport } from '../../src/cli/portfolio-report.ts';
import { readEnvironment } from '../../src/cli/portal.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createSandbox, type RequestLogEntry, type Sandbox } from '../../src/sandbox/index.ts';

// `npm start` with HUBSPOT_ACCESS_TOKEN: it runs against that portal, and writes to it only
// when asked (--write). The "real" portal here is a sandbox reached over loopback HTTP through
// HUBSPOT_BASE_URL, exactly as a HubSpot-compatible API would be.

/** Reads that HubSpot's API sends as POST. */
const postReads = ['/oauth/v2/private-apps/get/access-token-info', '/search', '/batch/read'];

function isWrite(entry: RequestLogEntry): boolean {
  if (entry.method === 'GET' || entry.method === 'HEAD') return false;
  return !(entry.method === 'POST' && postReads.some((read) => entry.path.split('?')[0]?.endsWith(read)));
}

let portal: Sandbox;
let portalUrl: string;
let closePortal: () => Promise<void>;
let stateDir: string;
let product: RunningProduct | null = null;

beforeEach(async () => {
  portal = createSandbox({ companies: 30, seed: 7 });
  const listening = await portal.listen();
  portalUrl = listening.url;
  closePortal = listening.close;
  stateDir = await mkdtemp(path.join(tmpdir(), 'cs-card-start-'));
});

afterEach(async () => {
  await product?.close();
  product = null;
  await closePortal();
  await rm(stateDir, { recursive: true, force: true });
});

/** The companies the product looks after: the configured lifecycle stages (customers). */
async function customersOf(sandbox: Sandbox) {
  const stages = (await loadConfig({})).sync.lifecycleStages;
  return sandbox.store.list('companies').filter((company) => !company.archived && stages.includes(company.properties.lifecyclestage ?? ''));
}

async function startAgainstPortal(write: boolean): Promise<RunningProduct> {
  product = await startProduct({
    env: readEnvironment({ HUBSPOT_ACCESS_TOKEN: 'pat-na1-test', HUBSPOT_BASE_URL: portalUrl }),
    config: await loadConfig({}),
    port: 0,
    previewPort: 0,
    portsAreExplicit: true,
    write,
    companies: 5,
    stateDir,
    progress: () => undefined,
  });
  return product;
}

describe('npm start with HUBSPOT_ACCESS_TOKEN', () => {
  it('reads the portal it names and writes nothing to it without --write', async () => {
    const companiesBefore = JSON.stringify(portal.store.list('companies'));
    const running = await startAgainstPortal(false);

    expect(running.sandbox).toBeNull();
    expect(running.portalLabel).toBe(`portal at ${portalUrl} (read-only)`);
    expect(running.companies.map((company) => company.id).sort()).toEqual((await customersOf(portal)).map((company) => company.id).sort());
    expect(portal.log.count()).toBeGreaterThan(0);
    expect(portal.log.entries.filter(isWrite)).toEqual([]);
    expect(JSON.stringify(portal.store.list('companies'))).toBe(companiesBefore);
    expect(await readdir(stateDir)).toEqual([]);
  });

  it('with --write creates the properties and writes every company\'s health, keeping the sync state beside cs-card sync\'s', async () => {
    const running = await startAgainstPortal(true);

    expect(running.portalLabel).toBe(`portal at ${portalUrl}`);
    const companies = await customersOf(portal);
    expect(companies.length).toBeGreaterThan(0);
    for (const company of companies) expect(company.properties.cs_health_band, `company ${company.id}`).toMatch(/^(healthy|attention|at_risk|unknown|churned)$/);
    expect(running.summary.overview.customers).toBeGreaterThan(0);
    expect(running.summary.overview.neverSynced).toBe(false);
    expect((await readdir(stateDir)).length).toBeGreaterThan(0);
  });

  it('counts churned customers apart from the health bands in its summary, as sync wrote their stage', async () => {
    const running = await startAgainstPortal(true);

    const companies = await customersOf(portal);
    const churned = companies.filter((company) => company.properties.cs_lifecycle_stage === 'churned');
    expect(churned.length).toBeGreaterThan(0);
    const { overview } = running.summary;
    const lines = new Map(overview.bands.map((line) => [line.band, line.customers]));
    expect(lines.get('churned')).toBe(churned.length);
    // The bands count the customers that did not churn, each once; churned ones are in none.
    expect(overview.customers).toBe(companies.length - churned.length);
    expect(['at_risk', 'attention', 'healthy', 'unknown'].reduce((sum, band) => sum + (lines.get(band as 'healthy') ?? 0), 0)).toBe(overview.customers);
    const text = portfolioReport(running.summary);
    const { t } = createI18n('en', 'UTC');
    expect(text).toContain(t('summary.churned', { count: churned.length }));
    expect(text).toMatch(new RegExp(`^  ${t('portfolio.band.churned')} +${churned.length} +—`, 'm'));
  });
});
