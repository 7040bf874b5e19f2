import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/config/schema.ts';
import { managerLists } from '../../src/domain/portfolio/manager-lists.ts';
import { productProperties } from '../../src/domain/properties.ts';
import { run } from '../../src/cli/main.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { listeningPortal } from '../sandbox/listening-portal.ts';
import { mswServer } from '../msw.ts';
import { csCard } from '../sync/cli-process.ts';
import { listName, propertyWords } from '../../src/usecases/portal-wording.ts';

// `cs-card setup` as a user runs it, against the sandbox on loopback (HUBSPOT_BASE_URL), and
// --lists in-process across a change of the portal's language.

describe('cs-card setup (a separate process)', () => {
  const portal = listeningPortal({ companies: 5, asOf: '2026-11-20' });

  const env = () => ({ HUBSPOT_BASE_URL: portal.url, HUBSPOT_ACCESS_TOKEN: 'pat-na1-test' });

  it('reports what it created and updated, and the second run changes nothing', async () => {
    const first = await csCard(['setup'], env());
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Property group customer_success: unchanged$/m);
    expect(first.stdout).toMatch(/^Created \d+ properties: cs_health_band, /m);
    expect(first.stdout).toMatch(/^Updated 3 properties: cs_health_score \(.+\), cs_health_factors \(.+\), cs_handoff_status \(.+\)$/m);
    expect(first.stdout).toMatch(/^Done\.$/m);

    portal.sandbox.log.clear();
    const second = await csCard(['setup'], env());
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`Created 0 properties\nUpdated 0 properties\nUnchanged ${productProperties(defaultConfig, propertyWords('en')).length} properties\n`);
    expect(second.stdout).toMatch(/^Nothing to change: the portal already matches\.$/m);
    expect(portal.sandbox.log.entries.filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('exits 1 with one sentence when HubSpot rejects the token', async () => {
    const remove = portal.sandbox.controls.injectFault({ kind: '401' });
    try {
      const result = await csCard(['setup'], env());
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe('cs-card: setup could not read or change the company properties: HubSpot rejected the access token (401): check HUBSPOT_ACCESS_TOKEN');
    } finally {
      remove();
    }
  });

  it('uses the embedded sandbox without HUBSPOT_ACCESS_TOKEN, and says so', async () => {
    const result = await csCard(['setup', '--lists']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('HUBSPOT_ACCESS_TOKEN is not set, so this runs against the embedded sandbox portal');
    expect(result.stdout).toMatch(/^Created \d+ properties/m);
    // The sandbox has HubSpot's Lists v3 routes: the lists are made there.
    for (const name of managerLists(defaultConfig, listName('en')).map((list) => list.name)) expect(result.stdout).toContain(`List "${name}" (id `);
  });
});

describe('cs-card setup --lists (in-process, the sandbox\'s Lists v3 behind msw)', () => {
  const saved = { ...process.env };
  const dirs: string[] = [];
  afterEach(async () => {
    process.env = { ...saved };
    vi.restoreAllMocks();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('creates the four lists; after a change to Japanese renames them (same ids) and says from what; then nothing changes', async () => {
    const sandbox = createSandbox({ companies: 5, asOf: '2026-11-20' });
    mswServer.use(...sandbox.mswHandlers());
    delete process.env.HUBSPOT_BASE_URL;
    delete process.env.CS_CARD_CONFIG;
    process.env.HUBSPOT_ACCESS_TOKEN = 'pat-na1-test';
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    const names = managerLists(defaultConfig, listName('en')).map((list) => list.name);

    expect(await run(['setup', '--lists', '--locale', 'en'])).toBe(0);
    const ids = [...sandbox.store.lists.keys()];
    names.forEach((name, i) => expect(out.join('')).toContain(`List "${name}" (id ${ids[i] ?? ''}): created`));

    const dir = await mkdtemp(path.join(tmpdir(), 'cs-card-lists-'));
    dirs.push(dir);
    process.env.CS_CARD_CONFIG = path.join(dir, 'cs-card.config.json');
    await writeFile(process.env.CS_CARD_CONFIG, JSON.stringify({ portalLanguage: 'ja' }));
    const japanese = managerLists(defaultConfig, listName('ja')).map((list) => list.name);
    out.length = 0;
    expect(await run(['setup', '--lists', '--locale', 'en'])).toBe(0);
    names.forEach((name, i) => expect(out.join('')).toContain(`List "${japanese[i] ?? ''}" (id ${ids[i] ?? ''}): renamed from "${name}"`));
    expect([...sandbox.store.lists.values()].map((list) => [list.listId, list.name])).toEqual(ids.map((id, i) => [id, japanese[i]]));

    out.length = 0;
    expect(await run(['setup', '--lists', '--locale', 'en'])).toBe(0);
    japanese.forEach((name, i) => expect(out.join('')).toContain(`List "${name}" (id ${ids[i] ?? ''}): unchanged`));
    expect(out.join('')).toContain('Nothing to change');
    expect(sandbox.store.lists.size).toBe(4);
  });
});
