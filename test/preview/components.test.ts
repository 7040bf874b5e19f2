import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingContext } from '../../src/preview/browser/components/crm-actions.tsx';
import { previewComponents } from '../../src/preview/browser/components/index.ts';

// The preview draws the card with DOM stand-ins for HubSpot's components. A component a card
// imports without a stand-in would show as a red placeholder: catch it here, before a browser.

const cardsDir = path.resolve(import.meta.dirname, '../../src/app/cards');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name)).map((entry) => path.join(entry.parentPath, entry.name));
}

/** Value imports (not `import type`) from @hubspot/ui-extensions and its /crm entry, by name. */
function importedComponents(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(/import\s+\{([^}]*)\}\s+from\s+'@hubspot\/ui-extensions(?:\/crm)?'/g)) {
    for (const part of (match[1] ?? '').split(',')) {
      const name = part.trim().replace(/^type\s+/, '');
      if (/^[A-Z]/.test(name) && !part.trim().startsWith('type ')) names.push(name.split(/\s+as\s+/)[0] ?? name);
    }
  }
  return names;
}

describe('the preview\'s component stand-ins', () => {
  it('cover every HubSpot component the cards in src/app/cards import', async () => {
    const used = new Set<string>();
    for (const file of await sourceFiles(cardsDir)) for (const name of importedComponents(await readFile(file, 'utf8'))) used.add(name);
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((name) => !Object.hasOwn(previewComponents, name)).sort()).toEqual([]);
  });

  it('stand in only for components a card or the app page renders (no dead stand-ins)', async () => {
    const used = new Set<string>();
    for (const dir of [cardsDir, path.resolve(cardsDir, '../pages')]) for (const file of await sourceFiles(dir)) for (const name of importedComponents(await readFile(file, 'utf8'))) used.add(name);
    expect(Object.keys(previewComponents).filter((name) => !used.has(name)).sort()).toEqual([]);
  });

  it('name what a CRM action lacks in its actionContext, as HubSpot\'s onError does', () => {
    expect(missingContext('RECORD_APP_LINK', { objectTypeId: '0-2', objectId: 101 })).toEqual([]);
    expect(missingContext('RECORD_APP_LINK', { objectTypeId: '0-2' } as never)).toEqual(['actionContext.objectId is required for RECORD_APP_LINK']);
    expect(missingContext('EXTERNAL_URL', { href: 'https://example.com' })).toEqual([]);
    expect(missingContext('NOT_AN_ACTION' as never, {} as never)).toEqual(['unknown actionType "NOT_AN_ACTION"']);
  });
});
