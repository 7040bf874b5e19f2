import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardViewSchema } from '../../src/app/cards/contract/view-model.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { seedCompany, type SeededCompany } from '../hubspot/seeded-company.ts';

// `cs-card card` as a user runs it: a separate process, pointed at a HubSpot-compatible API
// (the sandbox on loopback) by HUBSPOT_BASE_URL and HUBSPOT_ACCESS_TOKEN.

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

let sandbox: Sandbox;
let portal: { url: string; close(): Promise<void> };
let company: SeededCompany;

beforeAll(async () => {
  sandbox = createSandbox({ data: 'empty' });
  company = seedCompany(sandbox.store, { contacts: 30, deals: 6, tickets: 20, answers: 30, tasks: 1 });
  portal = await sandbox.listen();
});

afterAll(() => portal.close());

async function csCard(args: string[], env: Record<string, string> = {}) {
  const { CS_CARD_CONFIG: _ignored, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: root,
      env: { ...inherited, HUBSPOT_BASE_URL: portal.url, HUBSPOT_ACCESS_TOKEN: 'pat-na1-test', ...env },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('cs-card card', () => {
  it('prints exactly the view model with --json, matching the portal\'s data', async () => {
    const result = await csCard(['card', company.id, '--json', '--as-of', '2026-11-22']);

    expect(result.code).toBe(0);
    const view = cardViewSchema.parse(JSON.parse(result.stdout));
    expect(view).toMatchObject({
      companyId: company.id,
      asOf: '2026-11-22',
      nps: company.expected.nps,
      renewal: { ...company.expected.renewal, source: 'renewal_deal' },
      support: company.expected.support,
    });
  });

  it('prints a readable summary by default, naming the company, in the terminal\'s language', async () => {
    const result = await csCard(['card', company.id, '--as-of', '2026-11-22'], { LANG: 'C.UTF-8' });

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Northwind Traders \\(company ${company.id}\\) as of Nov 22, 2026$`, 'm'));
    expect(result.stdout).toMatch(/^Renewal +Jan 10, 2027 \(in 49 days\) · Within 60 days · €24,000\.00 · deal \d+$/m);
    expect(result.stdout).toMatch(new RegExp(`^NPS +\\+?${company.expected.nps.score} · ${company.expected.nps.responses} responses? · `, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^Support +Open tickets ${company.expected.support.openTickets} · High priority or urgent ${company.expected.support.openHighPriority} · `, 'm'));

    const polish = await csCard(['card', company.id, '--as-of', '2026-11-22'], { LANG: 'pl_PL.UTF-8' });
    expect(polish.stdout).toMatch(new RegExp(`^Northwind Traders \\(firma ${company.id}\\) na dzień 22 lis 2026$`, 'm'));
    expect((await csCard(['card', company.id, '--locale', 'ja'])).stdout).toMatch(new RegExp(`^Northwind Traders（会社 ${company.id}）`));
  });

  it('with --as-of in the past, says that data dated after that day exists', async () => {
    const result = await csCard(['card', company.id, '--as-of', '2025-01-01'], { LANG: 'C.UTF-8' });

    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[1]).toMatch(/^! The portal holds data dated after Jan 1, 2025 \(\d+ records and values, the latest on [A-Z][a-z]{2} \d{1,2}, \d{4}\): this card is computed as of Jan 1, 2025 from the portal as it is now/);
  });

  it.each([
    [['card', 'acme'], /"acme" is not a company id/],
    [['card', '123', '--as-of', '22/11/2026'], /--as-of "22\/11\/2026" is not a date: write it YYYY-MM-DD/],
    [['card', '123', '--as-of', '1899-12-31'], /^cs-card: --as-of "1899-12-31" is outside the supported range: write a day from 2000-01-01 to 2100-12-31$/],
    [['card', '123', '--as-of', '2101-01-01'], /--as-of "2101-01-01" is outside the supported range/],
    [['sync', '--as-of', '1999-12-31'], /^cs-card: --as-of "1999-12-31" is outside the supported range/],
  ])('exits 2 with one sentence on bad usage: %j', async (args, message) => {
    const result = await csCard(args);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  });

  it('exits 1 with one sentence for an unknown company', async () => {
    const result = await csCard(['card', '987654321', '--json']);

    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe("cs-card: HubSpot has no company with id 987654321 (404): check the id in the company record's URL");
  });

  it('exits 1 naming the token when HubSpot rejects it', async () => {
    const removeFault = sandbox.controls.injectFault({ kind: '401' });
    try {
      const result = await csCard(['card', company.id]);

      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe('cs-card: HubSpot rejected the access token (401): check HUBSPOT_ACCESS_TOKEN');
    } finally {
      removeFault();
    }
  });
});
