import type { CompanySnapshot, CrmRecord, DataSource, PropertyChange, SourceIssue } from '../domain/card/snapshot.ts';
import type { PropertyPlan } from './company-snapshot.ts';
import { companySurveyAnswers, linkedContacts } from '../domain/nps/survey-answers.ts';
import { HubSpotError } from './failures.ts';
import { forbiddenIssue, malformedIssue, unavailableIssue } from './source-issues.ts';
import { readScopes } from './calls.ts';
import { associatedIds, batchRead, type FailedIds, type PortfolioContext, type PortfolioObjectType } from './batch.ts';

// The snapshots of a page of companies (up to 1,000, one v4 association call per type), in the
// same CompanySnapshot shape the card reads one company at a time, so the same buildCardView
// scores both: one rule, two shells. Round trips, each at the batch floor:
//   1. history of the companies that can have any (50 a call);
//   2. company -> contacts, deals, tickets, tasks (1,000 ids a call, in parallel);
//   3. those records (100 a call) and contact -> feedback submissions, in parallel;
//   4. the feedback submissions (100 a call).
// Whatever part of a company's data could not be read becomes an issue on its snapshot.

export interface PageReadOptions {
  /** Companies whose property history is worth a read (50 a call, not 100: read it only where it can exist). */
  readonly needsHistory: (company: CrmRecord) => boolean;
}

/** What the run learns about the portal as a whole: a missing optional scope is not re-tried page after page. */
export interface PortalAccess {
  feedbackForbidden: boolean;
}

type Linked = 'contacts' | 'deals' | 'tickets' | 'tasks';
const linkedTypes: readonly Linked[] = ['contacts', 'deals', 'tickets', 'tasks'];

const sourceOf: Readonly<Record<Linked, DataSource>> = { contacts: 'contacts', deals: 'deals', tickets: 'tickets', tasks: 'tasks' };

/** The scope each object type's read needs: the toolkit's table (calls.ts readScopes), by object type. */
const requiredScope: Readonly<Record<PortfolioObjectType, string>> = {
  companies: readScopes.company,
  contacts: readScopes.contacts,
  deals: readScopes.deals,
  tickets: readScopes.tickets,
  feedback_submissions: readScopes.feedback,
  tasks: readScopes.tasks,
};

const feedbackForbidden: SourceIssue = forbiddenIssue('feedback', requiredScope.feedback_submissions, `the app lacks the ${requiredScope.feedback_submissions} scope (Service Hub Pro)`);

interface Section {
  readonly records: Map<string, CrmRecord>;
  readonly failed: FailedIds;
  readonly malformed: ReadonlySet<string>;
}

/** A required scope missing fails every page the same way: stop the run and say which scope. */
function stopOnMissingScope(type: PortfolioObjectType, failed: FailedIds): void {
  for (const failure of failed.values()) {
    if (failure.kind === 'forbidden') {
      throw new HubSpotError(failure, `HubSpot refused to read ${type} (403): the app lacks the ${requiredScope[type]} scope; add it to the app and install it again`);
    }
  }
}

function hasForbidden(failed: FailedIds): boolean {
  return [...failed.values()].some((failure) => failure.kind === 'forbidden');
}

async function readSection(ctx: PortfolioContext, type: PortfolioObjectType, ids: readonly string[], properties: readonly string[]): Promise<Section> {
  const { records, failed, malformed } = await batchRead(ctx, type, ids, properties);
  return { records: new Map(records.map((record) => [record.id, { id: record.id, properties: record.properties }])), failed, malformed };
}

export async function readCompanySnapshots(
  ctx: PortfolioContext,
  companies: readonly CrmRecord[],
  plan: PropertyPlan,
  portal: PortalAccess,
  options: PageReadOptions,
): Promise<CompanySnapshot[]> {
  const ids = companies.map((company) => company.id);
  const withHistory = companies.filter(options.needsHistory).map((company) => company.id);
  const [history, ...linkReads] = await Promise.all([
    withHistory.length === 0 ? null : batchRead(ctx, 'companies', withHistory, plan.company, plan.companyHistory),
    ...linkedTypes.map((type) => associatedIds(ctx, 'companies', type, ids)),
  ]);
  if (history) stopOnMissingScope('companies', history.failed);
  const links = new Map(linkedTypes.map((type, index) => [type, linkReads[index] ?? { byId: new Map(), failed: new Map() }] as const));
  for (const [type, found] of links) stopOnMissingScope(type, found.failed);

  const linksOf = (type: Linked) => links.get(type) ?? { byId: new Map<string, string[]>(), failed: new Map() };
  const [feedback, ...sectionReads] = await Promise.all([
    readFeedback(ctx, linksOf('contacts').byId, plan, portal),
    ...linkedTypes.map((type) => readSection(ctx, type, [...linksOf(type).byId.values()].flat(), plan[recordPlanKey[type]])),
  ]);
  const sections = new Map(linkedTypes.map((type, index) => [type, sectionReads[index]] as const));
  for (const [type, section] of sections) if (section) stopOnMissingScope(type, section.failed);

  const historyById = new Map((history?.records ?? []).map((record) => [record.id, record]));
  return companies.map((company) => {
    const issues: SourceIssue[] = [];
    const historyFailure = history?.failed.get(company.id);
    if (historyFailure) issues.push(unavailableIssue('history', historyFailure));
    const pick = (type: Linked): CrmRecord[] => {
      const found = linksOf(type);
      const linkFailure = found.failed.get(company.id);
      if (linkFailure) issues.push(unavailableIssue(sourceOf[type], linkFailure));
      const section = sections.get(type);
      return section ? collect(found.byId.get(company.id) ?? [], section, sourceOf[type], issues) : [];
    };
    const fresh = historyById.get(company.id);
    return {
      company: fresh ? { id: company.id, properties: fresh.properties } : company,
      history: fresh?.history ?? emptyHistory(plan.companyHistory),
      contacts: pick('contacts'),
      deals: pick('deals'),
      tickets: pick('tickets'),
      tasks: pick('tasks'),
      feedback: feedbackOf(linksOf('contacts').byId.get(company.id) ?? [], feedback, issues),
      issues: dedupe(issues),
    };
  });
}

const recordPlanKey = { contacts: 'contact', deals: 'deal', tickets: 'ticket', tasks: 'task' } as const;

function emptyHistory(names: readonly string[]): Record<string, PropertyChange[]> {
  return Object.fromEntries(names.map((name) => [name, []]));
}

/** The records of these ids; an id that failed or came back malformed marks the source. */
function collect(ids: readonly string[], section: Section, source: DataSource, issues: SourceIssue[]): CrmRecord[] {
  const records: CrmRecord[] = [];
  let malformed = 0;
  for (const id of ids) {
    const failure = section.failed.get(id);
    if (failure) issues.push(unavailableIssue(source, failure));
    if (section.malformed.has(id)) malformed += 1;
    const record = section.records.get(id);
    if (record) records.push(record);
  }
  if (malformed > 0) issues.push(malformedIssue(source, malformed, ids.length));
  return records;
}

interface FeedbackRead {
  readonly forbidden: boolean;
  /** contact id -> its submission ids */
  readonly byContact: Map<string, string[]>;
  readonly linkFailed: FailedIds;
  readonly section: Section | null;
}

async function readFeedback(
  ctx: PortfolioContext,
  contactsByCompany: ReadonlyMap<string, string[]>,
  plan: PropertyPlan,
  portal: PortalAccess,
): Promise<FeedbackRead> {
  const nothing: FeedbackRead = { forbidden: true, byContact: new Map(), linkFailed: new Map(), section: null };
  if (portal.feedbackForbidden) return nothing;
  const contactIds = [...new Set([...contactsByCompany.values()].flat())];
  const links = await associatedIds(ctx, 'contacts', 'feedback_submissions', contactIds);
  if (hasForbidden(links.failed)) {
    portal.feedbackForbidden = true;
    return nothing;
  }
  const section = await readSection(ctx, 'feedback_submissions', [...links.byId.values()].flat(), plan.feedback);
  if (hasForbidden(section.failed)) {
    portal.feedbackForbidden = true;
    return nothing;
  }
  return { forbidden: false, byContact: links.byId, linkFailed: links.failed, section };
}

/** The company's survey answers (domain/nps/survey-answers.ts): its contacts' submissions, each once, with the respondent filled in; what could not be read becomes an issue. */
function feedbackOf(contactIds: readonly string[], read: FeedbackRead, issues: SourceIssue[]): CrmRecord[] {
  if (read.forbidden || read.section === null) {
    issues.push(feedbackForbidden);
    return [];
  }
  const answers: CrmRecord[] = [];
  for (const contactId of contactIds) {
    const linkFailure = read.linkFailed.get(contactId);
    if (linkFailure) issues.push(unavailableIssue('feedback', linkFailure));
    answers.push(...collect(read.byContact.get(contactId) ?? [], read.section, 'feedback', issues));
  }
  const linked = linkedContacts(contactIds.map((contactId) => [contactId, read.byContact.get(contactId) ?? []] as const));
  return companySurveyAnswers(contactIds, answers, linked);
}

function dedupe(issues: readonly SourceIssue[]): SourceIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.source}|${issue.kind}|${issue.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
