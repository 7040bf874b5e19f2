import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/config/schema.ts';
import { managerLists } from '../../src/domain/portfolio/manager-lists.ts';
import { productProperties } from '../../src/domain/properties.ts';
import { run } from '../../src/cli/main.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { listeningPortal } from '../sandbox/listening-portal.ts';
import { mswServer } from '../msw.ts';
import { fakeListsApi } from '../setup/lists-api.ts';
import { csCard } from '../sync/cli-process.ts';

// `cs-card setup` as a user runs it, against the sandbox on loopback (HUBSPOT_BASE_URL), and
// --lists in-process (the sandbox has no Lists API: msw plays HubSpot's).

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
    expect(second.stdout).toContain(`Created 0 properties\nUpdated 0 properties\nUnchanged ${productProperties(defaultConfig).length} properties\n`);
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
    expect(result.stdout).toMatch(/^Lists: skipped, the embedded sandbox has no Lists API/m);
  });
});

describe('cs-card setup --lists (in-process, HubSpot played by msw)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    vi.restoreAllMocks();
  });

  it('creates the four manager lists, then finds them', async () => {
    const sandbox = createSandbox({ companies: 5, asOf: '2026-11-20' });
    mswServer.use(...sandbox.mswHandlers());
    const lists = fakeListsApi();
    delete process.env.HUBSPOT_BASE_URL;
    delete process.env.CS_CARD_CONFIG;
    process.env.HUBSPOT_ACCESS_TOKEN = 'pat-na1-test';
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    const names = managerLists(defaultConfig).map((list) => list.name);

    expect(await run(['setup', '--lists'])).toBe(0);
    for (const name of names) expect(out.join('')).toContain(`List "${name}": created`);
    expect([...lists.keys()]).toEqual(names);

    out.length = 0;
    expect(await run(['setup', '--lists'])).toBe(0);
    for (const name of names) expect(out.join('')).toContain(`List "${name}": unchanged (exists)`);
    expect(out.join('')).toContain('Nothing to change');
    expect(lists.size).toBe(4);
  });
});
