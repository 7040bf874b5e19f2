import type { CompanySnapshot, CrmRecord } from '../domain/snapshot.ts';
import type { HubSpotClient } from './client.ts';
import { readCompanySnapshot, type PropertyPlan } from './company-snapshot.ts';
import { defaultRetryOptions, type Deadline, type RetryOptions } from './retry.ts';
import { createCompanyNote, readCompanyNotes, updateCompanyProperties, type NewNote } from './handoff.ts';
import { createCompanyTask, type NewTask } from './tasks.ts';

export type { PropertyPlan } from './company-snapshot.ts';
export type { NewTask } from './tasks.ts';
export type { NewNote } from './handoff.ts';
export { Deadline } from './retry.ts';
export { CompanyNotFoundError, HubSpotError } from './failures.ts';

/** The use cases' view of HubSpot: plain domain data in and out, faults already handled. */
export class HubSpotGateway {
  constructor(
    private readonly client: HubSpotClient,
    private readonly retry: RetryOptions = defaultRetryOptions,
  ) {}

  companySnapshot(companyId: string, plan: PropertyPlan, deadline: Deadline): Promise<CompanySnapshot> {
    return readCompanySnapshot({ client: this.client, deadline, retry: this.retry }, companyId, plan);
  }

  createTask(task: NewTask, deadline: Deadline): Promise<{ id: string }> {
    return createCompanyTask({ client: this.client, deadline, retry: this.retry }, task);
  }

  updateCompany(companyId: string, properties: Readonly<Record<string, string>>, deadline: Deadline): Promise<void> {
    return updateCompanyProperties({ client: this.client, deadline, retry: this.retry }, companyId, properties);
  }

  createNote(note: NewNote, deadline: Deadline): Promise<{ id: string }> {
    return createCompanyNote({ client: this.client, deadline, retry: this.retry }, note);
  }

  companyNotes(companyId: string, deadline: Deadline): Promise<CrmRecord[]> {
    return readCompanyNotes({ client: this.client, deadline, retry: this.retry }, companyId);
  }
}
