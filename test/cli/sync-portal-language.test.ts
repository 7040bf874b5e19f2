import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { messages as en } from '../../src/app/cards/i18n/catalog/en.ts';
import { messages as pl } from '../../src/app/cards/i18n/catalog/pl.ts';
import type { MessageKey } from '../../src/app/cards/i18n/messages.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { csCard } from '../sync/cli-process.ts';
import { customerIds } from '../sync/demo-customers.ts';

// `cs-card sync` with the configuration's `portalLanguage`: a separate process against the
// sandbox on loopback, as a user runs it. The drivers and next action it writes are in that
// language; English (the default) is written exactly as without the field.

const asOf = '2026-11-20';
const fast = ['--rate-limit', '100000/1s'];
const companies = 40;

interface Portal {
  readonly sandbox: Sandbox;
  readonly env: Record<string, string>;
  readonly dir: string;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A sandbox portal (the same demo portfolio every time), set up, with the configuration file given (none: no file). */
async function portal(config: Record<string, unknown> | null): Promise<Portal> {
  const sandbox = createSandbox({ companies, asOf, rateLimit: null });
  sandbox.controls.searchPerSecond = null;
  const server = await sandbox.listen();
  const dir = await mkdtemp(path.join(tmpdir(), 'cs-card-portal-language-'));
  cleanups.push(() => server.close(), () => rm(dir, { recursive: true, force: true }));
  const env: Record<string, string> = { HUBSPOT_BASE_URL: server.url, HUBSPOT_ACCESS_TOKEN: 'pat-na1-test', CS_CARD_STATE_DIR: path.join(dir, 'state') };
  if (config !== null) await configure({ sandbox, env, dir }, config);
  expect((await csCard(['setup'], env)).code).toBe(0);
  return { sandbox, env, dir };
}

async function configure(p: Portal, config: Record<string, unknown>): Promise<void> {
  const file = path.join(p.dir, 'cs-card.config.json');
  await writeFile(file, JSON.stringify(config));
  p.env.CS_CARD_CONFIG = file;
}

const sync = (p: Portal, ...args: string[]) => csCard(['sync', '--as-of', asOf, ...fast, ...args], p.env);

/** What the sync wrote to each customer: the drivers and the next action. */
function written(p: Portal): Record<string, { drivers: string; next: string }> {
  const ids = new Set(customerIds(p));
  return Object.fromEntries(
    p.sandbox.store
      .list('companies')
      .filter((company) => ids.has(company.id))
      .map((company) => [company.id, { drivers: company.properties.cs_health_drivers ?? '', next: company.properties.cs_next_action ?? '' }]),
  );
}

/** The catalog key of an English action title. */
function titleKey(title: string): MessageKey {
  const key = (Object.keys(en) as MessageKey[]).find((candidate) => /^action\.[a-z-]+\.title$/.test(candidate) && en[candidate] === title);
  if (key === undefined) throw new Error(`no catalog title reads "${title}"`);
  return key;
}

/** The factor scores a drivers text names, in order ("Support 64/100: …" -> [64]). */
const driverScores = (drivers: string) => [...drivers.matchAll(/(\d+)\/100/g)].map((match) => Number(match[1]));

const englishLabels = ['NPS', 'Support', 'Engagement', 'Adoption', 'Renewal', 'CSM sentiment'] as const;
const polishLabels = new Set(englishLabels.map((label) => pl[`factor.${label === 'CSM sentiment' ? 'sentiment' : label.toLowerCase()}` as MessageKey]));

describe('cs-card sync in the portal\'s language', () => {
  it('writes Polish drivers and next action with portalLanguage "pl", nothing more on the next run, and English again, in one full run, when switched back', async () => {
    // Two portals of their own, set up and synced side by side (independent processes).
    const setUpAndSync = async (config: Record<string, unknown> | null) => {
      const p = await portal(config);
      return { p, run: await sync(p, '--full') };
    };
    const [{ p: english, run: englishRun }, { p: polish, run: first }] = await Promise.all([setUpAndSync(null), setUpAndSync({ portalLanguage: 'pl' })]);
    expect(englishRun.code).toBe(0);
    const englishWritten = written(english);

    expect(first.code).toBe(0);
    const polishWritten = written(polish);

    const ids = Object.keys(englishWritten);
    expect(ids.length).toBeGreaterThan(10);
    expect(Object.keys(polishWritten)).toEqual(ids);
    let withDrivers = 0;
    for (const id of ids) {
      const en = englishWritten[id] as { drivers: string; next: string };
      const inPolish = polishWritten[id] as { drivers: string; next: string };
      // The next action: the Polish catalog's title of the same action.
      expect(inPolish.next).toBe(en.next === '' ? '' : pl[titleKey(en.next)]);
      // The drivers: the same factors and scores, named and explained in Polish.
      expect(driverScores(inPolish.drivers)).toEqual(driverScores(en.drivers));
      if (en.drivers === '') continue;
      withDrivers += 1;
      expect(inPolish.drivers).not.toBe(en.drivers);
      for (const score of inPolish.drivers.matchAll(/ \d+\/100: /g)) {
        const before = inPolish.drivers.slice(0, score.index);
        expect([...polishLabels].some((label) => before === label || before.endsWith(`; ${label}`)), `${before} in "${inPolish.drivers}"`).toBe(true);
      }
    }
    expect(withDrivers).toBeGreaterThan(5);
    expect(Object.values(polishWritten).some((values) => /zgłosze|kontakt|odnowie/.test(values.drivers))).toBe(true);

    // Compared in Polish, what was written in Polish is unchanged.
    const again = await sync(polish, '--full');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/ 0 written, /);
    expect(written(polish)).toEqual(polishWritten);

    // Back to English: the next sync is a full one that rewrites the drivers and next action,
    // exactly as English writes them; the one after that has nothing to do.
    await configure(polish, { portalLanguage: 'en' });
    const switched = await sync(polish);
    expect(switched.code).toBe(0);
    expect(switched.stdout).toContain("(the portal's language changed from pl to en, so every company's health drivers and next action are written again in it)");
    expect(written(polish)).toEqual(englishWritten);
    const settled = await sync(polish);
    expect(settled.stdout).toMatch(/^Incremental sync/m);
    expect(settled.stdout).toMatch(/ 0 written, /);
  });
});
