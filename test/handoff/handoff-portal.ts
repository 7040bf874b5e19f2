import { afterAll, beforeAll, beforeEach } from 'vitest';
import { defaultConfig } from '../../src/config/schema.ts';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { PropertyGateway } from '../../src/hubspot/properties.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { runSetup } from '../../src/usecases/setup.ts';
import { startCardBackend, type CardBackend } from '../app/card-backend.ts';
import { mswServer } from '../msw.ts';

// An empty sandbox portal after `cs-card setup` (the handoff properties exist), with companies
// seeded the way HubSpot holds them: string values, owners, associated contacts and deals.

export const asOf = '2026-03-16';
export const now = () => new Date(`${asOf}T09:30:00.000Z`);
export const csmOwnerId = '71000001';

async function handoffSandbox(): Promise<Sandbox> {
  const sandbox = createSandbox({ data: 'empty', asOf, clock: () => now().getTime() });
  sandbox.controls.searchPerSecond = null;
  sandbox.store.addOwner({ id: csmOwnerId, email: 'csm@example.com', firstName: 'Casey', lastName: 'Sato' });
  mswServer.use(...sandbox.mswHandlers());
  const client = createHubSpotClient({ accessToken: 'sandbox-token' });
  const report = await runSetup({ properties: new PropertyGateway(client, { retries: 0, minBackoffMs: 0, maxBackoffMs: 0, sleep: async () => undefined }), config: defaultConfig });
  if (report.failed.length > 0) throw new Error(`setup failed: ${JSON.stringify(report.failed)}`);
  return sandbox;
}

export interface HandoffPortal {
  readonly sandbox: Sandbox;
  readonly backend: CardBackend;
}

/**
 * For one test file: the portal after setup and the real card backend on loopback, started once
 * before its tests and closed after them, with msw pointed at the portal before each test.
 */
export function useHandoffPortal(): HandoffPortal {
  let started: HandoffPortal | null = null;
  const running = (): HandoffPortal => {
    if (started === null) throw new Error('the handoff portal starts in beforeAll; use it inside a test or hook');
    return started;
  };
  beforeAll(async () => {
    const sandbox = await handoffSandbox();
    started = { sandbox, backend: await startCardBackend(sandbox, now) };
  });
  beforeEach(() => mswServer.use(...running().sandbox.mswHandlers()));
  afterAll(() => started?.backend.close());
  return {
    get sandbox() {
      return running().sandbox;
    },
    get backend() {
      return running().backend;
    },
  };
}

export interface SeededCompany {
  readonly companyId: string;
  readonly contactIds: readonly string[];
}

/**
 * A customer with two contacts and a new-business deal won 10 days ago (with lostRenewal: won a
 * year earlier, and its renewal lost 15 days ago, with lostReason as its closed_lost_reason).
 */
export function seedWonCompany(sandbox: Sandbox, name: string, options: { lostRenewal?: boolean; lostReason?: string } = {}): SeededCompany {
  const { store } = sandbox;
  const company = store.create('companies', { name, domain: `${name.toLowerCase().replace(/\W+/g, '-')}.example`, lifecyclestage: 'customer', hubspot_owner_id: csmOwnerId });
  const contactIds = [
    ['Ana', 'Silva', 'ana'],
    ['Ben', 'Okafor', 'ben'],
  ].map(([firstname = '', lastname = '', local = '']) => {
    const contact = store.create('contacts', { firstname, lastname, email: `${local}@${company.properties.domain ?? 'x.example'}` });
    store.associate('companies', company.id, 'contacts', contact.id);
    return contact.id;
  });
  const won = store.create('deals', { dealname: `${name} — new business`, dealtype: 'newbusiness', pipeline: 'default', dealstage: 'closedwon', closedate: options.lostRenewal ? '2025-03-06T10:00:00.000Z' : '2026-03-06T10:00:00.000Z', amount: '24000' });
  store.associate('companies', company.id, 'deals', won.id);
  if (options.lostRenewal) {
    const lost = store.create('deals', { dealname: `${name} — renewal 2026`, dealtype: 'existingbusiness', pipeline: 'default', dealstage: 'closedlost', closedate: '2026-03-01T10:00:00.000Z', amount: '24000', closed_lost_reason: options.lostReason ?? null });
    store.associate('companies', company.id, 'deals', lost.id);
  }
  return { companyId: company.id, contactIds };
}

/** Notes on the company's timeline, oldest first. */
export function notesOf(sandbox: Sandbox, companyId: string): string[] {
  return sandbox.store
    .associations('companies', companyId, 'notes')
    .map((id) => sandbox.store.get('notes', id)?.properties.hs_note_body ?? '')
    .sort();
}

export function tasksOf(sandbox: Sandbox, companyId: string) {
  return sandbox.store.associations('companies', companyId, 'tasks').flatMap((id) => {
    const task = sandbox.store.get('tasks', id);
    return task ? [task.properties] : [];
  });
}
