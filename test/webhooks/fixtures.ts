import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { PortfolioGateway } from '../../src/hubspot/portfolio-gateway.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import type { Scheduler } from '../../src/usecases/live-updates.ts';
import { mswServer } from '../msw.ts';
import { fastRetry } from '../sync/portfolio-portal.ts';

// Webhook test material: HubSpot-shaped events (numbers for ids and times, as HubSpot sends
// them), a small portal in the sandbox with companies and their deals, tickets, contacts and
// survey answers, and a hand-driven scheduler for the live-update debounce.

export const portalId = 62515;
export const occurredAt = Date.parse('2026-11-22T09:59:58.000Z');
let nextEventId = 100;

const typeIds = { company: '0-2', contact: '0-1', deal: '0-3', ticket: '0-5', feedback_submission: '0-19' } as const;
export type EventObject = keyof typeof typeIds;

function base(subscriptionType: string) {
  nextEventId += 1;
  return { eventId: nextEventId, subscriptionId: 4_001_234, portalId, appId: 9_876, occurredAt, subscriptionType, attemptNumber: 0, changeSource: 'CRM_UI', sourceId: 'userId:4412' };
}

export function propertyChange(object: EventObject, objectId: string, propertyName: string, propertyValue: string | null = 'x') {
  return { ...base('object.propertyChange'), objectTypeId: typeIds[object], objectId: Number(objectId), propertyName, propertyValue };
}

export function creation(object: EventObject, objectId: string) {
  return { ...base('object.creation'), objectTypeId: typeIds[object], objectId: Number(objectId), changeFlag: 'CREATED' };
}

export function associationChange(from: EventObject, fromId: string, to: EventObject, toId: string, removed = false) {
  return {
    ...base('object.associationChange'),
    associationType: `${from.toUpperCase()}_TO_${to.toUpperCase()}`,
    fromObjectTypeId: typeIds[from],
    fromObjectId: Number(fromId),
    toObjectTypeId: typeIds[to],
    toObjectId: Number(toId),
    associationRemoved: removed,
    isPrimaryAssociation: false,
  };
}

/** A classic (pre-generic) event, e.g. `deal.propertyChange`. */
export function classic(subscriptionType: string, fields: Record<string, unknown>) {
  return { ...base(subscriptionType), ...fields };
}

export interface SeededPortal {
  readonly sandbox: Sandbox;
  readonly gateway: PortfolioGateway;
  readonly companies: ReadonlyArray<{ id: string; deals: string[]; tickets: string[]; contacts: string[]; answers: string[] }>;
}

/** `count` customers, each with 2 deals, 2 tickets, 2 contacts and an NPS answer from its first contact. */
export function seededPortal(count = 3): SeededPortal {
  const sandbox = createSandbox({ data: 'empty' });
  sandbox.controls.searchPerSecond = null;
  mswServer.use(...sandbox.mswHandlers());
  const { store } = sandbox;
  const companies = Array.from({ length: count }, (_, n) => {
    const company = store.create('companies', { name: `Customer ${n}`, lifecyclestage: 'customer' });
    const made = (type: 'deals' | 'tickets' | 'contacts', properties: Record<string, string | null>) => {
      const record = store.create(type, properties);
      store.associate('companies', company.id, type, record.id);
      return record.id;
    };
    const deals = [made('deals', { dealname: `Renewal ${n}`, dealtype: 'existingbusiness', dealstage: 'appointmentscheduled', closedate: '2027-01-15T00:00:00.000Z', amount: '12000' }), made('deals', { dealname: `Upsell ${n}`, dealtype: 'newbusiness', dealstage: 'closedwon', amount: null, closedate: null })];
    const tickets = [made('tickets', { subject: 'Login fails', hs_pipeline_stage: '1', hs_ticket_priority: 'HIGH' }), made('tickets', { subject: 'Invoice copy', hs_pipeline_stage: '4', hs_ticket_priority: null })];
    const contacts = [made('contacts', { email: `champion${n}@example.com`, notes_last_contacted: '1763800000000' }), made('contacts', { email: `user${n}@example.com`, notes_last_contacted: null })];
    const answer = store.create('feedback_submissions', { hs_survey_type: 'NPS', hs_value: '9', hs_submission_timestamp: '2026-11-01T10:00:00Z' });
    store.associate('contacts', contacts[0] ?? '', 'feedback_submissions', answer.id);
    return { id: company.id, deals, tickets, contacts, answers: [answer.id] };
  });
  const client = createHubSpotClient({ accessToken: 'pat-test-token', idleTimeoutMs: 2_000 });
  return { sandbox, gateway: new PortfolioGateway(client, { retry: fastRetry, callBudgetMs: 20_000 }), companies };
}

/** Timers that fire only when the test moves the clock. */
export class ManualScheduler implements Scheduler {
  private time = 0;
  private timers = new Map<number, { at: number; run: () => void }>();
  private nextHandle = 1;

  now(): number {
    return this.time;
  }

  setTimer(run: () => void, ms: number): number {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + ms, run });
    return handle;
  }

  clearTimer(handle: unknown): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  get pending(): number {
    return this.timers.size;
  }

  /** Moves the clock, firing due timers in order. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].run();
    }
    this.time = until;
  }
}
