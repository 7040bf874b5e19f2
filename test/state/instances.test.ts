import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/config/schema.ts';
import { healthUpdatedAtProperty } from '../../src/domain/properties.ts';
import { ownedCompanyProperties } from '../../src/domain/sync/written-values.ts';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { PropertyGateway } from '../../src/hubspot/properties.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { listenOnLoopback } from '../../src/sandbox/loopback-server.ts';
import { signRequest } from '../../src/server/signature.ts';
import { PostgresStateStore } from '../../src/state/postgres-store.ts';
import { runSetup } from '../../src/usecases/setup.ts';
import { csmOwnerId, notesOf, seedWonCompany, tasksOf } from '../handoff/handoff-portal.ts';
import { propertyChange } from '../webhooks/fixtures.ts';
import { childEnvironment } from '../sync/cli-process.ts';
import { firstPageGate, type FirstPageGate } from '../sync/first-page-gate.ts';
import { inCi, postgresBinDir, startPostgres, type PostgresServer } from './postgres-server.ts';

// Several instances on one PostgreSQL, as processes on loopback: two `cs-card serve` behind
// "one URL" (the test sends each of two simultaneous requests to another instance), and two
// `cs-card sync` started from different working folders. The sandbox portal they share is
// served over loopback by this test process, so the test can look into it.

const root = path.resolve(import.meta.dirname, '../..');
const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const main = path.join(root, 'src/cli/main.ts');
const secret = 'instances-test-secret';
const asOf = '2026-11-20';

interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** What the pattern's first group matched. */
  readonly found: string;
  readonly stderr: () => string;
  /** JSON log lines on stdout so far. */
  readonly logs: () => Array<Record<string, unknown>>;
}


/** cs-card in `cwd`, resolved once stderr matches `pattern`. */
function csCardIn(cwd: string, args: readonly string[], env: Record<string, string>, pattern: RegExp): Promise<Running> {
  const child = spawn(process.execPath, ['--import', tsx, main, ...args], { cwd, env: childEnvironment(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const logs = () => stdout.split('\n').flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = pattern.exec(stderr);
      if (match) resolve({ child, exited, found: match[1] ?? match[0], stderr: () => stderr, logs });
    });
    void exited.then((code) => reject(new Error(`cs-card ${args.join(' ')} exited (${code}) before its output matched ${pattern}: ${stderr}`)));
  });
}

/** cs-card in `cwd` to its end. */
function csCardRun(cwd: string, args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', tsx, main, ...args], { cwd, env: childEnvironment(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

async function stop(running: Running | undefined): Promise<void> {
  if (!running || running.child.exitCode !== null) return;
  running.child.kill('SIGTERM');
  await running.exited;
}

const hasPostgres = postgresBinDir() !== null;
if (!hasPostgres && inCi) {
  describe('instances on PostgreSQL in CI', () => {
    it('has PostgreSQL to run against', () => {
      throw new Error('PostgreSQL is not installed: apt-get install -y postgresql; .ci/run installs it');
    });
  });
}

describe.skipIf(!hasPostgres)('several instances sharing one PostgreSQL', () => {
  let postgres: PostgresServer;
  let databaseUrl: string;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    postgres = await startPostgres();
    databaseUrl = await postgres.createDatabase('instances');
  }, 90_000);
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await postgres?.stop();
  });

  describe('two cs-card serve instances and one portal', () => {
    let sandbox: Sandbox;
    let one: Running;
    let two: Running;

    beforeAll(async () => {
      sandbox = createSandbox({ data: 'empty', asOf });
      sandbox.controls.searchPerSecond = null;
      sandbox.store.addOwner({ id: csmOwnerId, email: 'csm@example.com', firstName: 'Casey', lastName: 'Sato' });
      const server = await sandbox.listen();
      cleanups.push(() => server.close());
      const client = createHubSpotClient({ accessToken: 'pat-na1-instances', baseUrl: server.url });
      await runSetup({ properties: new PropertyGateway(client), config: defaultConfig });
      const env = { PORT: '0', HUBSPOT_ACCESS_TOKEN: 'pat-na1-instances', HUBSPOT_BASE_URL: server.url, HUBSPOT_CLIENT_SECRET: secret, CS_CARD_DATABASE_URL: databaseUrl };
      const serving = /serving the card backend on (http:\/\/127\.0\.0\.1:\d+)/;
      [one, two] = await Promise.all([csCardIn(root, ['serve'], env, serving), csCardIn(root, ['serve'], env, serving)]);
      cleanups.push(() => stop(one), () => stop(two));
    }, 90_000);

    /** What hubspot.fetch sends: a signed JSON request, here to one given instance. */
    async function call(instance: Running, method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}) {
      const url = `${instance.found}${pathname}`;
      const text = body === undefined ? '' : JSON.stringify(body);
      const timestamp = String(Date.now());
      const response = await fetch(url, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          'x-hubspot-request-timestamp': timestamp,
          'x-hubspot-signature-v3': signRequest(secret, method, url, text, timestamp),
          ...headers,
        },
        ...(body === undefined ? {} : { body: text }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> & { handoff?: { version: number; fields: Record<string, string> } } };
    }

    const complete = (championId: string, economicBuyerId: string) => ({
      goals: 'Cut onboarding time by half',
      successCriteria: '80% of agents active within 60 days',
      championId,
      economicBuyerId,
      promisedScope: 'Two workspaces, SSO',
      specialTerms: '3-month opt-out',
      risks: 'IT team is stretched',
      goLiveDate: '2026-05-04',
    });

    it('two saves from one base version, one to each instance: one 200, one 409, and both edits end up saved', async () => {
      const { companyId } = seedWonCompany(sandbox, 'Avocet Labs');
      const base = `/api/companies/${companyId}/handoff`;
      const answers = await Promise.all([
        call(one, 'PUT', base, { baseVersion: 0, fields: { goals: 'Sales wrote this' } }),
        call(two, 'PUT', base, { baseVersion: 0, fields: { risks: 'A colleague wrote that' } }),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const refused = answers.find((answer) => answer.status === 409);
      const won = answers.find((answer) => answer.status === 200);
      // The refusal carries what is stored now and its version: the refused edit is re-applied on it, nothing lost.
      expect(refused?.body.handoff?.version).toBe(1);
      expect(refused?.body.handoff?.fields).toEqual(won?.body.handoff?.fields);
      const retried = answers.indexOf(refused ?? answers[0]) === 0 ? { goals: 'Sales wrote this' } : { risks: 'A colleague wrote that' };
      expect((await call(one, 'PUT', base, { baseVersion: 1, fields: retried })).status).toBe(200);
      const stored = sandbox.store.get('companies', companyId)?.properties ?? {};
      expect(stored.cs_handoff_goals).toBe('Sales wrote this');
      expect(stored.cs_handoff_risks).toBe('A colleague wrote that');
    });

    it('two accepts at once on two instances: one note, one set of onboarding tasks', async () => {
      const { companyId, contactIds } = seedWonCompany(sandbox, 'Kestrel Logistics');
      const base = `/api/companies/${companyId}/handoff`;
      expect((await call(one, 'POST', `${base}/submit`, { baseVersion: 0, fields: complete(contactIds[0] ?? '', contactIds[1] ?? '') })).status).toBe(200);
      const notesBefore = notesOf(sandbox, companyId).length;
      const answers = await Promise.all([call(one, 'POST', `${base}/accept`, { baseVersion: 1 }), call(two, 'POST', `${base}/accept`, { baseVersion: 1 })]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      expect(answers.map((answer) => answer.body.replayed).sort()).toEqual([false, true]);
      expect(notesOf(sandbox, companyId).length - notesBefore).toBe(1);
      const tasks = tasksOf(sandbox, companyId);
      expect(tasks.length).toBeGreaterThan(0);
      expect(new Set(tasks.map((task) => task.hs_task_subject)).size).toBe(tasks.length);
      expect(sandbox.store.get('companies', companyId)?.properties.cs_handoff_status).toBe('accepted');
    });

    it('"Create task" clicked twice, each click reaching another instance: one task', async () => {
      const { companyId } = seedWonCompany(sandbox, 'Dunlin Energy');
      const card = await call(one, 'GET', `/api/companies/${companyId}/card`);
      const actions = (card.body.actions ?? []) as Array<{ id: string }>;
      const actionId = actions[0]?.id;
      expect(actionId, 'the seeded company has a suggested action').toBeDefined();
      const tasksBefore = tasksOf(sandbox, companyId).length;
      const path = `/api/companies/${companyId}/actions/${actionId ?? ''}/task`;
      const answers = await Promise.all([call(one, 'POST', path, {}), call(two, 'POST', path, {})]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
      expect(answers[0]?.body.taskId).toBe(answers[1]?.body.taskId);
      expect(tasksOf(sandbox, companyId).length - tasksBefore).toBe(1);
    });

    it('the same Idempotency-Key sent to both instances: the first answer twice, the write done once', async () => {
      const { companyId } = seedWonCompany(sandbox, 'Plover Health');
      const base = `/api/companies/${companyId}/handoff`;
      const key = { 'Idempotency-Key': `save-${companyId}-0001` };
      const first = await call(one, 'PUT', base, { baseVersion: 0, fields: { goals: 'Once' } }, key);
      const again = await call(two, 'PUT', base, { baseVersion: 0, fields: { goals: 'Once' } }, key);
      expect(first.status).toBe(200);
      expect(again).toEqual(first);
      expect(sandbox.store.get('companies', companyId)?.properties.cs_handoff_version).toBe('1');
    });

    it('a webhook burst delivered half to each instance is recomputed once per company, by one instance', async () => {
      const ids = sandbox.store.list('companies').map((company) => company.id);
      expect(ids.length).toBeGreaterThan(1);
      const deliveries = Array.from({ length: 6 }, (_, n) => [propertyChange('company', ids[n % ids.length] ?? '', 'lifecyclestage', 'customer')]);
      const sent = await Promise.all(
        deliveries.map(async (events, n) => {
          const instance = n % 2 ? two : one;
          const url = `${instance.found}/webhooks/hubspot`;
          const body = JSON.stringify(events);
          const timestamp = String(Date.now());
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-hubspot-request-timestamp': timestamp, 'x-hubspot-signature-v3': signRequest(secret, 'POST', url, body, timestamp) },
            body,
          });
          return response.status;
        }),
      );
      expect(sent).toEqual([200, 200, 200, 200, 200, 200]);
      const batches = () => [...one.logs(), ...two.logs()].filter((entry) => entry.msg === 'live update');
      // Every delivery was queued in PostgreSQL before its 200. A claimed batch leaves the queue only
      // once it has run and logged its line; so once the queue is empty, every batch these deliveries
      // caused is in the logs, and nothing is left that the other instance's timer could claim again.
      const store = await PostgresStateStore.open(databaseUrl);
      try {
        await vi.waitFor(async () => expect([await store.queueLength(), batches().length > 0]).toEqual([0, true]), { timeout: 60_000, interval: 100 });
      } finally {
        await store.close();
      }
      const distinct = new Set(deliveries.map((events) => String(events[0]?.objectId))).size;
      expect(batches()).toEqual([expect.objectContaining({ companies: distinct, failed: 0 })]);
    }, 60_000);
  });

  describe('two cs-card sync runs from different working folders', () => {
    function writtenHealth(sandbox: Sandbox): Record<string, Record<string, string | null>> {
      const names = ownedCompanyProperties.filter((name) => name !== healthUpdatedAtProperty);
      return Object.fromEntries(sandbox.store.list('companies').map((c) => [c.id, Object.fromEntries(names.map((name) => [name, c.properties[name] ?? null]))]));
    }

    async function portal(gate?: FirstPageGate): Promise<{ sandbox: Sandbox; env: Record<string, string> }> {
      const sandbox = createSandbox({ companies: 300, asOf });
      sandbox.controls.searchPerSecond = null;
      const server = gate ? await listenOnLoopback(gate.serve(sandbox)) : await sandbox.listen();
      cleanups.push(() => server.close());
      const client = createHubSpotClient({ accessToken: 'pat-na1-sync', baseUrl: server.url });
      await runSetup({ properties: new PropertyGateway(client), config: defaultConfig });
      return { sandbox, env: { HUBSPOT_ACCESS_TOKEN: 'pat-na1-sync', HUBSPOT_BASE_URL: server.url, CS_CARD_DATABASE_URL: databaseUrl, CS_CARD_SYNC_LEASE: '3s' } };
    }

    it('the second refuses naming the holder and its age; after kill -9 the lease expires within its time and the next sync resumes to the uninterrupted result', async () => {
      const folders = await Promise.all([1, 2].map(() => mkdtemp(path.join(tmpdir(), 'cs-card-instance-'))));
      cleanups.push(async () => {
        for (const folder of folders) await rm(folder, { recursive: true, force: true });
      });
      const [first = '', second = ''] = folders;
      const reference = await portal();
      expect((await csCardRun(first, ['sync', '--as-of', asOf, '--rate-limit', '100000/1s'], reference.env)).code).toBe(0);

      const gate = firstPageGate();
      const p = await portal(gate);
      gate.arm();
      // Its first page written, the rest of the run hangs on the next page's search: still running when the second starts.
      const holder = await csCardIn(first, ['sync', '--as-of', asOf, '--rate-limit', '100000/1s'], p.env, /(sync: 200 of \d+ companies done)/);

      const refused = await csCardRun(second, ['sync', '--as-of', asOf, '--rate-limit', '100000/1s'], p.env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(new RegExp(`another sync of this portal is running: cs-card sync on .+ \\(pid ${holder.child.pid}\\), started \\d+ s ago, last heartbeat \\d+ s ago`));

      holder.child.kill('SIGKILL');
      await holder.exited;
      gate.release();
      const store = await PostgresStateStore.open(databaseUrl);
      const leases = await store.leases('sync:');
      await store.close();
      const left = leases.find((lease) => lease.holder.pid === holder.child.pid);
      expect(left, 'the killed sync left its lease').toBeDefined();
      // It expires within the configured 3 s of its last heartbeat.
      expect((left?.expiresAt ?? Infinity) - (left?.heartbeatAt ?? 0)).toBe(3_000);
      await sleep(Math.max(0, (left?.expiresAt ?? 0) - (left?.now ?? 0)) + 200);

      const resumed = await csCardRun(second, ['sync', '--as-of', asOf, '--rate-limit', '100000/1s'], p.env);
      expect(resumed.stderr).not.toContain('another sync');
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toContain('resumed where the last run stopped');
      expect(writtenHealth(p.sandbox)).toEqual(writtenHealth(reference.sandbox));
    }, 120_000);
  });
});
