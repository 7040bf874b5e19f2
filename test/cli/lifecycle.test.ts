import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardViewSchema, type CardView } from '../../src/app/cards/contract/view-model.ts';
import { createSandbox, type Sandbox, type StoredObject } from '../../src/sandbox/index.ts';
import { csCard } from '../sync/cli-process.ts';

// Issue 19 "Done when", against the sandbox: for a demo company of each lifecycle kind,
// `cs-card card <id> --json` (a separate process, the sandbox on loopback) shows the stage, band,
// renewal status and actions the rules require, and `cs-card sync` writes cs_lifecycle_stage.
// The demo portfolio's first companies are its showcase, in order (src/sandbox/demo-portfolio.ts
// SHOWCASE); a portfolio of 20 is its prefix, the same companies as the default one.

const asOf = '2026-06-30';
const kinds = {
  churned: 8,
  onboarding: 11,
  opportunity: 13,
  lead: 14,
  renewedStale: 15,
  upsellBeforeRenewal: 16,
  staleOpenRenewal: 17,
  atRiskFarFromRenewal: 18,
  completedQbr: 19,
} as const;

let sandbox: Sandbox;
let server: { url: string; close(): Promise<void> };
let stateDir: string;
let env: Record<string, string>;
let companies: StoredObject[];

beforeAll(async () => {
  sandbox = createSandbox({ asOf, seed: 42, companies: 20, rateLimit: null });
  sandbox.controls.searchPerSecond = null;
  server = await sandbox.listen();
  stateDir = await mkdtemp(path.join(tmpdir(), 'cs-card-cli-lifecycle-'));
  env = { HUBSPOT_BASE_URL: server.url, HUBSPOT_ACCESS_TOKEN: 'pat-na1-test', CS_CARD_STATE_DIR: stateDir };
  companies = sandbox.store.list('companies');
});

afterAll(async () => {
  await server.close();
  await rm(stateDir, { recursive: true, force: true });
});

const idOf = (kind: keyof typeof kinds): string => companies[kinds[kind]]?.id ?? expect.fail(`no demo company for ${kind}`);

async function card(kind: keyof typeof kinds): Promise<CardView> {
  const result = await csCard(['card', idOf(kind), '--json', '--as-of', asOf], env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return cardViewSchema.parse(JSON.parse(result.stdout));
}

const actionIds = (view: CardView) => view.actions.map((action) => action.id);

// The cards only read the portal, so their processes run side by side (vitest's maxConcurrency, 5):
// the file waits for the slowest, not for their sum. The sync below writes; it runs after them.
describe('cs-card card --json on the demo portfolio, one company of each lifecycle kind', { concurrent: true }, () => {
  it('churned: stage churned, band churned with no score, renewal lost, the churn reason asked and nothing else but an exit interview', async () => {
    const view = await card('churned');
    expect(view.lifecycle).toEqual({ stage: 'churned', since: view.renewal.lastOutcome?.date });
    expect(view.health).toMatchObject({ score: null, band: 'churned' });
    expect(view.renewal).toMatchObject({ status: 'lost', lastOutcome: { result: 'lost' } });
    expect(actionIds(view)).toContain('churn-reason');
    expect(actionIds(view).filter((id) => !['churn-reason', 'churn-exit-interview'].includes(id))).toEqual([]);
    expect(view.churn).toMatchObject({ needed: true });
  });

  it('renewed with a stale contract date: renewed, the next renewal a term later, no overdue or lapsed contract', async () => {
    const view = await card('renewedStale');
    expect(view.lifecycle.stage).toBe('active');
    expect(['healthy', 'attention', 'at_risk', 'unknown']).toContain(view.health.band);
    expect(view.renewal).toMatchObject({ status: 'renewed', window: 'later', lastOutcome: { result: 'won' } });
    expect(view.renewal.daysToRenewal).toBeGreaterThan(90);
    expect(actionIds(view)).not.toContain('renewal-overdue');
    expect(actionIds(view)).not.toContain('renewal-lapsed');
  });

  it('upsell before the renewal: the upsell is not the renewal, which stays open and further out', async () => {
    const view = await card('upsellBeforeRenewal');
    const upsell = sandbox.store.associations('companies', idOf('upsellBeforeRenewal'), 'deals')
      .flatMap((id) => sandbox.store.get('deals', id) ?? [])
      .find((deal) => (deal.properties.dealname ?? '').includes('Upsell'));
    expect(upsell).toBeDefined();
    expect(view.renewal.status).toBe('open');
    expect(view.renewal.dealId).not.toBe(upsell?.id);
    expect(view.renewal.daysToRenewal).toBeGreaterThan(60);
    expect(view.lifecycle.stage).toBe('active');
  });

  it('stale open renewal: listed with the "close or update" action, and the real next renewal drives the window', async () => {
    const view = await card('staleOpenRenewal');
    expect(view.renewal.status).toBe('open');
    expect(view.renewal.staleDeals).toHaveLength(1);
    expect(view.renewal.window).toBe('later');
    expect(view.renewal.dealId).not.toBe(view.renewal.staleDeals[0]?.dealId);
    expect(actionIds(view)).toContain('renewal-stale-deal');
    expect(actionIds(view)).not.toContain('renewal-overdue');
  });

  it('prospects (an opportunity and a lead): stage prospect, not scored, no customer-success actions', { timeout: 60_000 }, async () => {
    for (const kind of ['opportunity', 'lead'] as const) {
      const view = await card(kind);
      expect(view.lifecycle.stage, kind).toBe('prospect');
      expect(view.health, kind).toMatchObject({ score: null, band: 'unknown' });
      expect(view.renewal.status, kind).toBe('none');
      expect(view.actions, kind).toEqual([]);
    }
  });

  it('onboarding: the submitted handoff is to be accepted; no referral or expansion asks', async () => {
    const view = await card('onboarding');
    expect(view.lifecycle.stage).toBe('onboarding');
    expect(view.renewal.status).toBe('none');
    expect(actionIds(view)).toContain('handoff-accept');
    expect(actionIds(view)).not.toContain('nps-referral');
    expect(actionIds(view).filter((id) => id.startsWith('expansion'))).toEqual([]);
  });

  it('at risk far from renewal: band at_risk, renewal open but later, a high-priority success plan', async () => {
    const view = await card('atRiskFarFromRenewal');
    expect(view.lifecycle.stage).toBe('active');
    expect(view.health.band).toBe('at_risk');
    expect(view.renewal).toMatchObject({ status: 'open', window: 'later' });
    expect(view.actions.find((action) => action.id === 'at-risk-success-plan')).toMatchObject({ priority: 'high' });
    expect(actionIds(view).filter((id) => id.startsWith('expansion'))).toEqual([]);
  });

  it('the readable card: the sales handoff only while onboarding; a customer that has left and a prospect say why they have no score, with no coverage and no weights', { timeout: 60_000 }, async () => {
    const kindsShown = ['onboarding', 'atRiskFarFromRenewal', 'churned', 'lead'] as const;
    const [onboarding, active, churned, lead] = await Promise.all(
      kindsShown.map(async (kind) => {
        const result = await csCard(['card', idOf(kind), '--as-of', asOf], env);
        expect(result.code, kind).toBe(0);
        return result.stdout;
      }),
    );
    expect(onboarding).toMatch(/^Sales handoff +Submitted to CS · \d+% of the required fields filled$/m);
    for (const text of [active, churned, lead]) expect(text).not.toMatch(/Sales handoff|required fields filled/);

    expect(active).toMatch(/^Health +\d+ \/ 100 · At risk · .*Data coverage: \d+% of the score’s weight had data$/m);
    expect(active).toMatch(/^ {2}- Support \(weight 20\): /m);
    expect(churned).toMatch(/^Health +No health score: the customer has left · Churned$/m);
    expect(lead).toMatch(/^Health +Not a customer yet: no health score and no customer-success actions\. · Unknown$/m);
    for (const text of [churned, lead]) {
      expect(text).not.toMatch(/Data coverage|\(weight \d+\)/);
      expect(text).toMatch(/^ {2}- Support: \S/m);
    }
  });

  it('completed QBR: the completed task settles "Schedule a QBR"', async () => {
    const tasks = sandbox.store.associations('companies', idOf('completedQbr'), 'tasks').flatMap((id) => sandbox.store.get('tasks', id) ?? []);
    expect(tasks.map((task) => task.properties.hs_task_status)).toEqual(['COMPLETED']);
    const view = await card('completedQbr');
    expect(view.lifecycle.stage).toBe('active');
    expect(view.health.band).toBe('healthy');
    expect(actionIds(view)).not.toContain('qbr-schedule');
  });
});

describe('cs-card sync on the demo portfolio', () => {
  it('writes cs_lifecycle_stage and cs_lifecycle_since to every customer, churned ones with the churned band', { timeout: 90_000 }, async () => {
    expect((await csCard(['setup'], env)).code).toBe(0);
    const result = await csCard(['sync', '--as-of', asOf, '--rate-limit', '100000/1s'], env);
    expect(result.code).toBe(0);
    const stored = (kind: keyof typeof kinds) => sandbox.store.get('companies', idOf(kind))?.properties ?? {};
    expect(stored('churned')).toMatchObject({ cs_lifecycle_stage: 'churned', cs_health_band: 'churned' });
    expect(stored('churned').cs_lifecycle_since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(stored('onboarding')).toMatchObject({ cs_lifecycle_stage: 'onboarding' });
    expect(stored('atRiskFarFromRenewal')).toMatchObject({ cs_lifecycle_stage: 'active', cs_health_band: 'at_risk' });
    // Prospects are not in sync's scope: nothing is written to them.
    expect(stored('lead').cs_lifecycle_stage ?? null).toBeNull();
    const customers = sandbox.store.list('companies').filter((company) => company.properties.lifecyclestage === 'customer');
    for (const company of customers) expect(company.properties.cs_lifecycle_stage, company.id).toMatch(/^(onboarding|active|renewing|churned)$/);
    expect(new Set(customers.map((company) => company.properties.cs_lifecycle_stage))).toEqual(new Set(['onboarding', 'active', 'renewing', 'churned']));
  });
});
