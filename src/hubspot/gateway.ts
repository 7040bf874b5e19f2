import type { CompanySnapshot, CrmRecord } from '../domain/card/snapshot.ts';
import type { HubSpotClient } from './client.ts';
import { readCompanySnapshot, type PropertyPlan } from './company-snapshot.ts';
import type { SurveySearchAccess } from './company-survey-answers.ts';
import { defaultRetryOptions, type Deadline, type RetryOptions } from './retry.ts';
import { createCompanyNote, readCompanyNotes, updateCompanyProperties, type NewNote } from './company-writes.ts';
import { readDealStageLabels, type StageLabel } from './pipelines.ts';
import { createCompanyTask, type NewTask } from './tasks.ts';

export type { PropertyPlan } from './company-snapshot.ts';
export type { NewTask } from './tasks.ts';
export type { NewNote } from './company-writes.ts';
export type { StageLabel } from './pipelines.ts';

/** How long the deal pipelines' labels are kept before they are read again. */
const stageLabelsTtlMs = 10 * 60_000;
export { Deadline } from './retry.ts';
export { CompanyNotFoundError, HubSpotError } from './failures.ts';

/** The use cases' view of HubSpot: plain domain data in and out, faults already handled. */
export class HubSpotGateway {
  private stageLabels: { readonly at: number; readonly labels: Promise<ReadonlyMap<string, StageLabel>> } | null = null;
  /** Whether this portal refused the card's survey-answer search (company-survey-answers.ts): learned once, kept for the process. */
  private readonly surveySearch: SurveySearchAccess = { associationInRefused: false };

  constructor(
    private readonly client: HubSpotClient,
    private readonly retry: RetryOptions = defaultRetryOptions,
  ) {}

  /**
   * Deal stage id -> label, from HubSpot's pipelines API: read once and kept for ten minutes
   * per gateway (one per process), concurrent callers sharing the read; a failed read is
   * forgotten, so the next card tries again.
   */
  dealStageLabels(deadline: Deadline): Promise<ReadonlyMap<string, StageLabel>> {
    const now = performance.now();
    if (this.stageLabels !== null && now - this.stageLabels.at < stageLabelsTtlMs) return this.stageLabels.labels;
    const labels = readDealStageLabels({ client: this.client, deadline, retry: this.retry });
    const entry = { at: now, labels };
    this.stageLabels = entry;
    labels.catch(() => {
      if (this.stageLabels === entry) this.stageLabels = null;
    });
    return labels;
  }

  companySnapshot(companyId: string, plan: PropertyPlan, deadline: Deadline): Promise<CompanySnapshot> {
    return readCompanySnapshot({ client: this.client, deadline, retry: this.retry }, companyId, plan, this.surveySearch);
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
