import type { RequiredProperties } from '../domain/card/requirements.ts';
import type { CompanySnapshot, CrmRecord, DataSource, SourceIssue } from '../domain/card/snapshot.ts';
import { associatedIdPages, chunk, parseResponse, readScopes, unique, type CallContext } from './calls.ts';
import { readCompanySurveyAnswers, type SurveySearchAccess } from './company-survey-answers.ts';
import { CompanyNotFoundError, HubSpotError } from './failures.ts';
import { companyResponseSchema, recordPageSchema, toHistory, validRecords, type CompanyResponse } from './records.ts';
import { withRetry } from './retry.ts';
import { forbiddenIssue, unavailableIssue } from './source-issues.ts';

// One company's snapshot in two sequential round trips and about one call per 100 records:
//   1. GET the company with its properties, the history the trend needs, and the ids of its
//      contacts, deals, tickets and tasks (v3 returns them with the record; v4 pages only when
//      HubSpot says there are more);
//   2. in parallel: batch-read contacts, deals, tickets and tasks (100 ids a call) and search the
//      survey answers associated with the contacts (`associations.contact`, 5 groups x 100 ids a
//      call, 200 answers a page);
//   3. only when some answer has no hs_contact_id: its contacts (v4 batch, 1,000 answers a call).
// Feedback submissions are associated with contacts, not companies; searching by association
// finds the same answers the sync reads through contact -> submission associations (one rule,
// domain/survey-answers.ts) in one call instead of an association read and then a batch read.
// A portal that refuses that search (400) gets the sync's way instead (company-survey-answers.ts).
// Tasks are read through associations rather than search because search lags behind writes:
// a task created a second ago must already count, or "create task" would not be idempotent.

/** The properties to read per object type: domain/card/requirements.ts decides them (read-only here). */
export type PropertyPlan = { readonly [Type in keyof RequiredProperties]: readonly string[] };

type Context = CallContext;

interface Section {
  readonly records: CrmRecord[];
  readonly issues: SourceIssue[];
}

const batchSize = 100;

type AssociatedType = 'contacts' | 'deals' | 'tickets' | 'tasks';
const associatedTypes: readonly AssociatedType[] = ['contacts', 'deals', 'tickets', 'tasks'];

/** A source that fails degrades the card with a warning; only a bad token stops it. */
async function degradeOnFailure(source: DataSource, read: () => Promise<Section>): Promise<Section> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof HubSpotError) || error.failure.kind === 'unauthorized') throw error;
    const issue: SourceIssue = error.failure.kind === 'forbidden' ? forbiddenIssue(source, readScopes[source]) : unavailableIssue(source, error.failure);
    return { records: [], issues: [issue] };
  }
}

async function readCompany(ctx: Context, companyId: string, plan: PropertyPlan): Promise<CompanyResponse> {
  try {
    const raw = await withRetry(
      () => ctx.client.crm.companies.basicApi.getById(companyId, [...plan.company], [...plan.companyHistory], [...associatedTypes]),
      ctx.deadline,
      ctx.retry,
    );
    return parseResponse(companyResponseSchema, raw, 'company record');
  } catch (error) {
    if (error instanceof HubSpotError && error.failure.kind === 'not_found') throw new CompanyNotFoundError(companyId);
    throw error;
  }
}

/** All ids of one association type: those on the record, or every v4 page when there are more. */
async function associatedIds(ctx: Context, company: CompanyResponse, type: AssociatedType): Promise<string[]> {
  const onRecord = company.associations?.[type];
  if (!onRecord?.paging?.next) return unique((onRecord?.results ?? []).map((r) => r.id));
  return associatedIdPages(ctx, company.id, type);
}

function batchReader(ctx: Context, type: AssociatedType) {
  const api = {
    contacts: ctx.client.crm.contacts.batchApi,
    deals: ctx.client.crm.deals.batchApi,
    tickets: ctx.client.crm.tickets.batchApi,
    tasks: ctx.client.crm.objects.tasks.batchApi,
  }[type];
  return (ids: string[], properties: readonly string[]) =>
    withRetry(() => api.read({ inputs: ids.map((id) => ({ id })), properties: [...properties], propertiesWithHistory: [] }), ctx.deadline, ctx.retry);
}

async function batchRead(ctx: Context, type: AssociatedType, source: DataSource, ids: readonly string[], properties: readonly string[]): Promise<Section> {
  const read = batchReader(ctx, type);
  const pages = await Promise.all(chunk(ids, batchSize).map((part) => read(part, properties)));
  const { records, issue } = validRecords(pages.flatMap((page) => parseResponse(recordPageSchema, page, `${type} batch`).results), source);
  return { records, issues: issue ? [issue] : [] };
}

/** `access`: what earlier cards learned about the portal's search (the gateway keeps it). */
export async function readCompanySnapshot(ctx: Context, companyId: string, plan: PropertyPlan, access: SurveySearchAccess): Promise<CompanySnapshot> {
  const company = await readCompany(ctx, companyId, plan);
  const ids = new Map(associatedTypes.map((type) => [type, associatedIds(ctx, company, type)]));
  const idsOf = async (type: AssociatedType) => (await ids.get(type)) ?? [];

  const section = (type: AssociatedType, source: DataSource, properties: readonly string[]) =>
    degradeOnFailure(source, async () => batchRead(ctx, type, source, await idsOf(type), properties));
  const [contacts, deals, tickets, tasks, feedback] = await Promise.all([
    section('contacts', 'contacts', plan.contact),
    section('deals', 'deals', plan.deal),
    section('tickets', 'tickets', plan.ticket),
    section('tasks', 'tasks', plan.task),
    degradeOnFailure('feedback', async () => readCompanySurveyAnswers(ctx, await idsOf('contacts'), plan.feedback, access)),
  ]);

  const history = Object.fromEntries(plan.companyHistory.map((name) => [name, toHistory(company.propertiesWithHistory?.[name] ?? [])]));
  return {
    company: { id: company.id, properties: company.properties },
    history,
    contacts: contacts.records,
    deals: deals.records,
    tickets: tickets.records,
    feedback: feedback.records,
    tasks: tasks.records,
    issues: [contacts, deals, tickets, tasks, feedback].flatMap((part) => part.issues),
  };
}
