import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, type RunningProduct } from '../../src/cli/commands/start.ts';
import { readEnvironment } from '../../src/cli/portal.ts';
import { loadConfig } from '../../src/config/load.ts';

// The whole product, started the way `npm start` starts it (sandbox portal, setup + sync,
// backend, preview), driven through the preview page in Debian's headless Chromium: the real
// card file, the real backend with signature checks, the sandbox behind the real SDK.

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const inCi = Boolean(process.env.CI);
const artifact = path.resolve(import.meta.dirname, '../../test-results/card-preview.png');

describe.skipIf(!haveChromium && !inCi)('the card in the local preview (headless Chromium)', () => {
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!haveChromium) {
      throw new Error(`Chromium is not installed at ${chromiumPath}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH; .ci/run installs it in CI`);
    }
    product = await startProduct({
      env: readEnvironment({}),
      config: await loadConfig({}),
      port: 0,
      previewPort: 0,
      portsAreExplicit: true,
      write: false,
      companies: 60,
      progress: () => undefined,
    });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await product?.close();
  });

  it('shows health, renewal, NPS and actions for an at-risk company and turns an action into a task', async () => {
    const atRisk = product.companies.find((company) => company.band === 'at_risk');
    expect(atRisk, 'the synced demo portfolio has at least one at-risk company').toBeDefined();
    const companyId = atRisk?.id ?? '';
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(`${product.previewUrl}/?company=${companyId}&locale=en`);
    const card = page.getByTestId('preview-card');
    await card.getByTestId('health-band').waitFor({ timeout: 20_000 });

    expect(await card.getByTestId('health-band').textContent()).toContain('At risk');
    expect(await card.getByTestId('health-score').getAttribute('aria-valuenow')).toBe(String(atRisk?.score));
    expect(await card.getByText('Renewal', { exact: true }).count()).toBeGreaterThan(0);
    expect(await card.locator('[data-testid="nps-score"], [data-testid="nps-none"]').count()).toBe(1);
    const createButtons = card.locator('[data-testid^="create-task-"]');
    expect(await createButtons.count()).toBeGreaterThan(0);

    const companyTasks = () => product.sandbox?.store.associations('companies', companyId, 'tasks') ?? [];
    const tasksBefore = companyTasks();
    const button = createButtons.first();
    const actionId = ((await button.getAttribute('data-testid')) ?? '').replace('create-task-', '');
    await button.click();
    await card.getByTestId(`action-${actionId}`).getByTestId('action-tasked').waitFor({ timeout: 20_000 });

    const tasksAfter = companyTasks();
    const created = tasksAfter.filter((id) => !tasksBefore.includes(id));
    expect(created).toHaveLength(1);
    const subject = product.sandbox?.store.get('tasks', created[0] ?? '')?.properties.hs_task_subject ?? '';
    expect(subject).not.toBe('');
    expect(await card.getByTestId(`action-${actionId}`).textContent()).toContain(subject);
    expect(pageErrors).toEqual([]);

    await mkdir(path.dirname(artifact), { recursive: true });
    await card.screenshot({ path: artifact });
  }, 90_000);
});
