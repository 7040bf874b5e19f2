import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import { translate } from '@hubspot/project-parsing-lib/translate';
import { describe, expect, it } from 'vitest';
import hsproject from '../../hsproject.json' with { type: 'json' };
import { BACKEND_URL } from '../../src/app/cards/backend.ts';
import appMeta from '../../src/app/app-hsmeta.json' with { type: 'json' };

const root = path.resolve(import.meta.dirname, '../..');

async function hsMetaFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('-hsmeta.json') && !e.parentPath.includes('node_modules'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('HubSpot project layout (parsed by HubSpot\'s own project-parsing-lib)', () => {
  it('declares platform 2026.03 with src as the source folder', () => {
    expect(hsproject).toMatchObject({ srcDir: 'src', platformVersion: '2026.03' });
  });

  it('finds the app, every card and the webhook subscriptions, and skips no -hsmeta.json file', async () => {
    const srcDir = path.join(root, hsproject.srcDir);
    const { intermediateRepresentation, skippedHsMetaFiles } = await translate(
      { projectSourceDir: srcDir, platformVersion: hsproject.platformVersion },
      { skipValidation: true },
    );
    const nodes = Object.values(intermediateRepresentation.intermediateNodesIndexedByUid);
    const byType = (type: string) => nodes.filter((n) => n.componentType.toLowerCase().includes(type));

    expect(skippedHsMetaFiles).toEqual([]);
    expect(byType('app')).toHaveLength(1);
    expect(byType('webhooks').map((w) => w.uid)).toEqual(['customer_success_webhooks']);
    const cards = byType('card');
    expect(cards.map((c) => c.uid).sort()).toEqual(['customer_success_card', 'customer_success_preview', 'customer_success_sidebar']);
    expect(Object.fromEntries(cards.map((c) => [c.uid, (c.config as { location?: string }).location]))).toEqual({
      customer_success_card: 'crm.record.tab',
      customer_success_sidebar: 'crm.record.sidebar',
      customer_success_preview: 'crm.preview',
    });
    // The managers' app page (platform 2026.03 app pages): one "pages" component whose entrypoint exists.
    const pages = nodes.filter((n) => n.componentType === 'PAGE');
    expect(pages.map((p) => p.uid)).toEqual(['customer_success_pages']);
    const pagesEntry = (pages[0]?.config as { entrypoint?: string } | undefined)?.entrypoint ?? '';
    expect(pagesEntry).toBe('/app/pages/Pages.tsx');
    await expect(access(path.join(srcDir, pagesEntry))).resolves.toBeUndefined();
    // Every hsmeta file in the repository is a component HubSpot will upload.
    const files = await hsMetaFiles(srcDir);
    expect(nodes.length).toBe(files.length);
    for (const card of cards) {
      expect(card.config).toMatchObject({ objectTypes: ['companies'] });
      // The entrypoint is relative to srcDir and must name a file that exists.
      const entrypoint = (card.config as { entrypoint?: string }).entrypoint ?? '';
      await expect(access(path.join(srcDir, entrypoint))).resolves.toBeUndefined();
    }
  });

  it('lets the cards fetch from their backend: BACKEND_URL is a permitted HTTPS fetch URL', () => {
    expect(BACKEND_URL).toMatch(/^https:\/\//);
    expect(appMeta.config.permittedUrls.fetch).toContain(BACKEND_URL);
  });
});
