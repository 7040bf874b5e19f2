import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects/feedback_submissions/index.js';
import type { CrmRecord, SourceIssue } from '../domain/card/snapshot.ts';
import { companySurveyAnswers, linkedContacts, needsRespondent } from '../domain/nps/survey-answers.ts';
import { associatedIds, batchRead, type FailedIds, type PortfolioContext } from './batch.ts';
import { chunk, parseResponse, unique, type CallContext } from './calls.ts';
import { HubSpotError } from './failures.ts';
import { recordPageSchema, validRecords } from './records.ts';
import { withRetry } from './retry.ts';
import { malformedIssue } from './source-issues.ts';

// One company's survey answers for the card (domain/nps/survey-answers.ts decides which are the
// company's). Feedback submissions are associated with contacts, not companies. Usual path, one
// call per 500 contacts: search the answers by `associations.contact` IN the contact ids (5 groups
// x 100 ids a call, 200 answers a page), then, only when some answer has no hs_contact_id, its
// contacts (v4 batch, 1,000 answers a call; a third round trip, rare).
// HubSpot documents `associations.{type}` in search with EQ; IN works where it was tried but is
// not documented. A portal that refuses it answers 400: then (and only then; 401/403/429/5xx keep
// their meaning) the card reads the answers as the sync does, through contact -> submission
// associations and a batch read of the submissions (batch.ts, the sync's own helpers), which
// finds the same answers, and the gateway remembers the refusal so later cards go there at once.

/** What the card's reads learned about the portal; kept by the gateway (one per portal and process). */
export interface SurveySearchAccess {
  /** The portal answered the `associations.contact` IN search with a 400. */
  associationInRefused: boolean;
}

export interface SurveyAnswers {
  readonly records: CrmRecord[];
  readonly issues: SourceIssue[];
}

const searchPageSize = 200;
const idsPerFilter = 100;
const filterGroupsPerSearch = 5;

/** The company's survey answers, each once, with the respondent filled in; throws a HubSpotError when they cannot be read. */
export async function readCompanySurveyAnswers(
  ctx: CallContext,
  contactIds: readonly string[],
  properties: readonly string[],
  access: SurveySearchAccess,
): Promise<SurveyAnswers> {
  const wanted = unique(['hs_contact_id', ...properties]);
  if (!access.associationInRefused) {
    let found: SurveyAnswers | null = null;
    try {
      found = await searchAnswers(ctx, contactIds, wanted);
    } catch (error) {
      if (!refusesTheSearch(error)) throw error;
      access.associationInRefused = true;
    }
    if (found !== null) {
      const unnamed = found.records.filter(needsRespondent).map((answer) => answer.id);
      const linked = unnamed.length === 0 ? new Map<string, string[]>() : await respondentsOf(ctx, unnamed);
      return { records: companySurveyAnswers(contactIds, found.records, linked), issues: found.issues };
    }
  }
  return readThroughAssociations(ctx, contactIds, wanted);
}

/** A 400 is HubSpot refusing the request as built (the IN on an association); every other failure keeps its meaning. */
function refusesTheSearch(error: unknown): boolean {
  return error instanceof HubSpotError && error.failure.kind === 'rejected' && error.failure.status === 400;
}

async function searchAnswers(ctx: CallContext, contactIds: readonly string[], properties: readonly string[]): Promise<SurveyAnswers> {
  const groups = chunk(chunk(contactIds, idsPerFilter), filterGroupsPerSearch);
  const pages = await Promise.all(
    groups.map(async (idGroups) => {
      const raw: unknown[] = [];
      let after: string | undefined;
      do {
        const page = parseResponse(
          recordPageSchema,
          await withRetry(
            () =>
              ctx.client.crm.objects.feedbackSubmissions.searchApi.doSearch({
                filterGroups: idGroups.map((ids) => ({ filters: [{ propertyName: 'associations.contact', operator: FilterOperatorEnum.In, values: ids }] })),
                properties: [...properties],
                limit: searchPageSize,
                ...(after ? { after } : {}),
              }),
            ctx.deadline,
            ctx.retry,
          ),
          'feedback search page',
        );
        raw.push(...page.results);
        after = page.paging?.next?.after;
      } while (after);
      return raw;
    }),
  );
  const { records, issue } = validRecords(pages.flat(), 'feedback');
  return { records, issues: issue ? [issue] : [] };
}

/** The contacts of answers HubSpot left without hs_contact_id (v4 batch, 1,000 answers a call, batch.ts as the sync reads them). */
async function respondentsOf(ctx: CallContext, answerIds: readonly string[]): Promise<Map<string, string[]>> {
  const links = await associatedIds(batchContext(ctx), 'feedback_submissions', 'contacts', answerIds);
  throwFirst(links.failed);
  return links.byId;
}

/**
 * The fallback, two round trips: contact -> feedback submission associations (v4 batch read, at
 * most 1,000 ids a request body: HubSpot changelog "Bug Fix: Batch Read Limit for HubSpot
 * Associations API", effective 2025-02-10, https://developers.hubspot.com/changelog/bug-fix-batch-read-limit-for-hubspot-associations-api;
 * further pages of a contact with many answers followed), then the submissions (100 a batch read).
 * Each answer's contacts among the company's are known from the first read, so no third trip.
 */
async function readThroughAssociations(ctx: CallContext, contactIds: readonly string[], properties: readonly string[]): Promise<SurveyAnswers> {
  const batch = batchContext(ctx);
  const links = await associatedIds(batch, 'contacts', 'feedback_submissions', contactIds);
  throwFirst(links.failed);
  const linked = linkedContacts(links.byId);
  const read = await batchRead(batch, 'feedback_submissions', [...linked.keys()], properties);
  throwFirst(read.failed);
  const answers = read.records.map(({ id, properties: values }) => ({ id, properties: values }));
  const issues = read.malformed.size === 0 ? [] : [malformedIssue('feedback', read.malformed.size, read.malformed.size + answers.length)];
  return { records: companySurveyAnswers(contactIds, answers, linked), issues };
}

/** The sync's batch helpers with the card's deadline: each call gets what is left of it. */
function batchContext(ctx: CallContext): PortfolioContext {
  return {
    client: ctx.client,
    retry: ctx.retry,
    get callBudgetMs() {
      return ctx.deadline.remainingMs();
    },
  };
}

/** The card reads a section whole or not at all (as the search does): any id that failed fails it, a missing scope first. */
function throwFirst(failed: FailedIds): void {
  const failures = [...failed.values()];
  const first = failures.find((failure) => failure.kind === 'forbidden') ?? failures[0];
  if (first !== undefined) throw new HubSpotError(first);
}
