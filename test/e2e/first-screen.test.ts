import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bandProgressVariant } from '../../src/app/cards/components/presentation.ts';
import * as en from '../../src/app/cards/i18n/catalog/en.ts';
import type { RunningProduct } from '../../src/cli/commands/start.ts';
import { pipelinesOf } from '../../src/sandbox/pipelines.ts';
import { artifacts, chromiumPath, openPreview, repoRoot, requireChromiumInCi, type PreviewSession } from './preview-harness.ts';

// The record tab's first screen as a CSM sees it on a 1280x800 screen (issue 21): in trouble?
// why? what now? — without scrolling, in the band's colour, with no internal values. Saves the
// at-risk card in all five languages under test-results/first-screen/; CS_CARD_UPDATE_DOCS=1
// also regenerates the README's picture, docs/card-preview.png.

const viewport = { width: 1280, height: 800 };
const locales = ['en', 'zh-CN', 'ja', 'pl', 'th'] as const;
const bands = ['healthy', 'attention', 'at_risk'] as const;
const shots = path.join(artifacts, 'first-screen');

requireChromiumInCi();

describe.skipIf(chromiumPath === null)('the record tab\'s first screen at 1280x800 (headless Chromium)', () => {
  let session: PreviewSession;
  let product: RunningProduct;
  let page: Page;

  beforeAll(async () => {
    session = await openPreview(viewport);
    ({ product, page } = session);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const waitFor = (locator: Locator) => locator.waitFor({ timeout: 30_000 });
  const atRiskId = () => product.companies.find((company) => company.band === 'at_risk')?.id ?? '';

  async function openCard(companyId: string, locale: string): Promise<Locator> {
    await page.goto(`${product.previewUrl}/?company=${companyId}&locale=${locale}`);
    const card = page.getByTestId('preview-card');
    await waitFor(card.getByTestId('health-band'));
    return card;
  }

  /** The element's box lies inside the first screen (the page not scrolled). */
  async function onFirstScreen(locator: Locator): Promise<boolean> {
    const box = await locator.boundingBox();
    return box !== null && box.y >= 0 && box.y + box.height <= viewport.height && box.x >= 0 && box.x + box.width <= viewport.width;
  }

  it('shows the top action\'s primary button and the first "why" line without scrolling', async () => {
    const card = await openCard(atRiskId(), 'en');
    const primary = card.getByTestId('top-action').locator('button.hs-button--primary');
    await waitFor(primary.first());
    expect(await primary.count(), 'the card\'s one primary button is the top action\'s').toBe(1);
    expect(await card.locator('button.hs-button--primary').count()).toBe(1);
    expect(await onFirstScreen(primary), 'the top action\'s button is on the first screen').toBe(true);
    const why = card.getByTestId('why-0');
    expect(await onFirstScreen(why.locator('> *').first()), 'the first "why" line is on the first screen').toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(session.pageErrors).toEqual([]);
  }, 90_000);

  it('draws the score in the colour of the band the card states (healthy, attention, at risk)', async () => {
    // The band the card states (its live score), which may differ from the synced one the picker lists.
    const bandOfLabel = new Map<string, (typeof bands)[number]>(bands.map((band) => [en.messages[`band.${band}`], band]));
    const seen = new Set<string>();
    // The picker's list is riskiest first: walked in order, a dozen or more at-risk and attention
    // cards load before the first healthy one. One company of each band the sync wrote goes first
    // (the live band is usually the same, so three cards tend to do); the rest follow in case not.
    const firstOfEachBand = bands.flatMap((band) => product.companies.filter((company) => company.band === band).slice(0, 1));
    for (const company of new Set([...firstOfEachBand, ...product.companies])) {
      if (seen.size === bands.length) break;
      const card = await openCard(company.id, 'en');
      const band = bandOfLabel.get((await card.getByTestId('health-band').textContent()) ?? '');
      if (band === undefined || seen.has(band) || (await card.getByTestId('health-score').count()) === 0) continue;
      seen.add(band);
      const variant = bandProgressVariant(band);
      const fill = card.getByTestId('health-score').locator('.hs-progress__fill');
      const colours = await fill.evaluate((element, name) => {
        const probe = document.createElement('div');
        probe.style.backgroundColor = `var(--hs-${name})`;
        document.body.append(probe);
        const expected = getComputedStyle(probe).backgroundColor;
        probe.remove();
        return { drawn: getComputedStyle(element).backgroundColor, expected };
      }, variant ?? 'none');
      expect(colours.drawn, `the score of company ${company.id}, stated ${band}`).toBe(colours.expected);
      // The band's tag is drawn in the same colour family.
      expect(await card.getByTestId('health-band').getAttribute('class')).toContain(`--${variant ?? 'none'}`);
    }
    expect([...seen].sort()).toEqual([...bands].sort());
  }, 240_000);

  it('shows no deal stage id on any of 20 demo cards', async () => {
    const stageIds = (pipelinesOf('deals') ?? []).flatMap((pipeline) => pipeline.stages.map((stage) => stage.id));
    expect(stageIds).toContain('qualifiedtobuy');
    const idPattern = new RegExp(`\\b(${stageIds.join('|')})\\b`);
    const companies = product.companies.slice(0, 20);
    expect(companies).toHaveLength(20);
    for (const company of companies) {
      const card = await openCard(company.id, 'en');
      await waitFor(card.getByTestId('top-action').or(card.getByTestId('actions-none')).first());
      const text = (await card.innerText()).replace(/\s+/g, ' ');
      expect(text.match(idPattern)?.[0] ?? null, `card of company ${company.id}`).toBeNull();
    }
  }, 300_000);

  it('saves the at-risk card\'s first screen in all five languages (and the README\'s picture on request)', async () => {
    await mkdir(shots, { recursive: true });
    for (const locale of locales) {
      const card = await openCard(atRiskId(), locale);
      await waitFor(card.getByTestId('top-action'));
      await page.screenshot({ path: path.join(shots, `at-risk-record-tab-${locale}.png`) });
    }
    if (process.env.CS_CARD_UPDATE_DOCS === '1') {
      // The README's picture: the record tab as the preview draws it on a 1280x800 screen.
      await openCard(atRiskId(), 'en');
      await mkdir(path.join(repoRoot, 'docs'), { recursive: true });
      await page.screenshot({ path: path.join(repoRoot, 'docs/card-preview.png') });
    }
    expect(session.pageErrors).toEqual([]);
  }, 120_000);
});
