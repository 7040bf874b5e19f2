import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { startProduct, type RunningProduct } from '../../src/cli/commands/start.ts';
import { readEnvironment } from '../../src/cli/portal.ts';
import { loadConfig } from '../../src/config/load.ts';

// The browser tests' shared setup: the whole product started the way `npm start` starts it
// (sandbox portal, setup + sync, backend, preview), and Debian's headless Chromium.
// Without Chromium a suite is skipped locally and FAILS in CI (CI=true), which installs it.

export const repoRoot = path.resolve(import.meta.dirname, '../..');
/** Screenshots and other output of the browser tests (not committed). */
export const artifacts = path.join(repoRoot, 'test-results');

/** CHROMIUM_PATH when set (only it), else Debian's /usr/bin/chromium, else `chromium` on PATH. */
function findChromium(): string | null {
  const pathDirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', ...pathDirs.map((dir) => path.join(dir, 'chromium'))];
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

export const chromiumPath = findChromium();
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';

/** In CI a missing Chromium is a failure, not a skip. */
export function requireChromiumInCi(): void {
  if (chromiumPath !== null || !inCi) return;
  describe('the browser test in CI', () => {
    it('has Chromium to run in', () => {
      throw new Error("Chromium is not installed: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH; .ci/run installs it");
    });
  });
}

export interface PreviewSession {
  readonly product: RunningProduct;
  readonly browser: Browser;
  readonly page: Page;
  /** Uncaught page errors and Content-Security-Policy refusals: a broken preview. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

export async function openPreview(viewport: { width: number; height: number }): Promise<PreviewSession> {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'cs-card-e2e-'));
  const product = await startProduct({
    env: readEnvironment({}),
    config: await loadConfig({}),
    port: 0,
    previewPort: 0,
    portsAreExplicit: true,
    write: false,
    companies: 60,
    stateDir,
    progress: () => undefined,
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath ?? undefined,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) pageErrors.push(message.text());
  });
  return {
    product,
    browser,
    page,
    pageErrors,
    close: async () => {
      await browser.close();
      await product.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}
