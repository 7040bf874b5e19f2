import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardViewSchema } from '../../src/app/cards/contract/view-model.ts';
import { catalogs } from '../../src/app/cards/i18n/messages.ts';
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
    // Independent processes, run side by side: the test waits for the slowest only.
    const [result, polish, japanese] = await Promise.all([
      csCard(['card', company.id, '--as-of', '2026-11-22'], { LANG: 'C.UTF-8' }),
      csCard(['card', company.id, '--as-of', '2026-11-22'], { LANG: 'pl_PL.UTF-8' }),
      csCard(['card', company.id, '--locale', 'ja']),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Northwind Traders \\(company ${company.id}\\) as of Nov 22, 2026$`, 'm'));
    expect(result.stdout).toMatch(/^Renewal +Jan 10, 2027 \(in 49 days\) · Within 60 days · €24,000\.00 · deal \d+ · Renewal won on Jan 21, 2026$/m);
    expect(result.stdout).toMatch(/^ {2}- \[\w+ priority\] .*\): Renews in 49 days \(Jan 10, 2027\)/m);
    expect(result.stdout).toMatch(new RegExp(`^NPS +\\+?${company.expected.nps.score} · ${company.expected.nps.responses} responses? · `, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^Support +Open tickets ${company.expected.support.openTickets} · High priority or urgent ${company.expected.support.openHighPriority} · `, 'm'));
    // A customer past onboarding with no handoff pending: the card folds the handoff away, and so does the summary.
    expect(result.stdout).toMatch(/^Lifecycle +(Active customer|Renewing) · /m);
    expect(result.stdout).not.toMatch(/Sales handoff|required fields filled/);
    expect(polish.stdout).not.toContain(catalogs.pl['handoff.title']);

    expect(polish.stdout).toMatch(new RegExp(`^Northwind Traders \\(firma ${company.id}\\) na dzień 22 lis 2026$`, 'm'));
    expect(japanese.stdout).toMatch(new RegExp(`^Northwind Traders（会社 ${company.id}）`));
  });

  it('with --as-of in the past, shows the company as it stood that day: what came later is left out of the figures, and said', async () => {
    // The seeded company as of 2026-11-01: of its 20 tickets (opened 3 to 22 days before
    // 2026-11-22) only the two opened 21 and 22 days before existed, both open (high, urgent);
    // of its 30 survey answers (1 to 25 days before) the five given 21 to 25 days before.
    const [json, result, today] = await Promise.all([
      csCard(['card', company.id, '--json', '--as-of', '2026-11-01']),
      csCard(['card', company.id, '--as-of', '2026-11-01'], { LANG: 'C.UTF-8' }),
      csCard(['card', company.id, '--json', '--as-of', '2026-11-22']),
    ]);
    expect(json.code).toBe(0);
    const view = cardViewSchema.parse(JSON.parse(json.stdout));
    expect(company.expected.support.openTickets).toBe(16);
    expect(view.support).toEqual({ openTickets: 2, openHighPriority: 2, oldestOpenDays: 1 });
    expect(view.nps).toMatchObject({ responses: 5, promoters: 2, detractors: 3, score: -20 });
    expect(view.renewal).toMatchObject({ date: '2027-01-10', daysToRenewal: 70 });
    expect(view.leftOut).toMatchObject({ created: { contacts: 0, deals: 0, tickets: 18, answers: 25, tasks: 1 }, closed: { deals: 0, tickets: 0, tasks: 0 } });
    expect(view.warningMessages?.[0]).toMatchObject({ code: 'warning.asOf.leftOut', params: { asOf: '2026-11-01' } });

    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[1]).toMatch(/^! Data dated after Nov 1, 2026 is left out \(\d+ records and values, the latest on Nov 2\d, 2026\): this card shows the company as it stood on Nov 1, 2026$/);
    expect(lines.slice(2, 5)).toEqual([
      '  - 18 tickets created after Nov 1, 2026: not counted',
      '  - 25 survey answers submitted after Nov 1, 2026: not counted',
      '  - 1 task created after Nov 1, 2026: not counted',
    ]);
    expect(result.stdout).toMatch(/^Support +Open tickets 2 · High priority or urgent 2 · /m);

    // As of the seeding day nothing is later: no such line, the figures of that day.
    expect(cardViewSchema.parse(JSON.parse(today.stdout))).toMatchObject({ support: company.expected.support, warnings: [] });
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

  it('says the lifecycle stage is uncertain when the deals could not be read: the stage rests on them; no action says where the renewal is', async () => {
    const removeFault = sandbox.controls.injectFault({ kind: '503', objectType: 'deals' });
    try {
      const result = await csCard(['card', company.id, '--as-of', '2026-11-22'], { LANG: 'C.UTF-8' });

      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Lifecycle +Active customer · Stage uncertain: deals could not be read$/m);
      expect(result.stdout).toMatch(/^Renewal +Deals could not be read, so the renewal is not counted$/m);
      // Nor does any suggested action say where the renewal is (read, the deals put it 49 days out: a renewal action).
      const actions = result.stdout.split('\n').filter((text) => text.includes(' priority] '));
      expect(actions.filter((text) => /renew|contract|overdue/i.test(text.replace('the renewal is unknown because the deals could not be read', '')))).toEqual([]);
    } finally {
      removeFault();
    }
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
