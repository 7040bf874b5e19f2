import type { CsConfig } from '../config/schema.ts';
import { contractDealProperties, readCompanyContract, type CurrencyBasis } from '../domain/portfolio/contract-deals.ts';
import type { Day } from '../domain/parsing/index.ts';
import { formatDay } from '../domain/parsing/index.ts';
import type { PortfolioPage } from '../app/cards/contract/portfolio.ts';
import type { PeriodReport } from '../domain/portfolio/period-report.ts';
import { periodLabel, previousQuarter, quarterOf } from '../domain/portfolio/periods.ts';
import { bookCompany, bookCompanyProperties, bookReports, type BookCompany } from '../domain/portfolio/portfolio-book.ts';
import { portfolioOverview } from '../domain/portfolio/portfolio-overview.ts';
import type { Period } from '../domain/portfolio/renewal-period.ts';
import type { CrmRecord } from '../domain/card/snapshot.ts';
import { scopeFilter } from '../domain/sync/scope.ts';
import { addLeftOut, bookAsOfMessages, bookRecordsAsOf, pageAsOfMessages } from '../domain/portfolio/book-as-of.ts';
import { nothingLeftOut, type LeftOut } from '../domain/card/later-data.ts';
import type { Message } from '../app/cards/contract/message.ts';
import { describeFailure, HubSpotError } from '../hubspot/failures.ts';
import type { FailedIds, PortfolioGateway } from '../hubspot/portfolio-gateway.ts';

// The book of customers (domain/portfolio-book.ts) read from HubSpot at the batch floor, a
// thousand companies at a time: the customer companies by search (200 a call, with the cs_*
// properties sync wrote), their deal ids (v4 associations, 1,000 companies a call) and those
// deals (batch reads, 100 a call) — never a call per company. A page's deals are dropped once
// its companies are in the book, so memory grows with the companies, not their deals. A batch
// that fails after retries fails the whole read: a report missing deals would be wrong.
// Each company and its deals are taken back to the as-of day (domain/portfolio/book-as-of.ts,
// the card's as-of rule) before the book reads them.

export interface BookDeps {
  readonly gateway: Pick<PortfolioGateway, 'search' | 'read' | 'associations'>;
  readonly config: CsConfig;
}

export interface BookRequest {
  readonly asOf: Day;
  /** When the book is read (epoch ms): what HubSpot holds dated after the as-of day is left out. */
  readonly readAt: number;
  /** The periods whose rows each company carries (period reports). */
  readonly periods: readonly Period[];
  readonly currency: CurrencyBasis;
}

/** Companies per round of associations and deal reads. */
const companiesPerRound = 1000;

function stopOnFailure(what: string, failed: FailedIds): void {
  const first = failed.values().next();
  if (first.done === true) return;
  throw new HubSpotError(first.value, `HubSpot could not deliver ${failed.size} ${what} (${describeFailure(first.value)}); the report would miss them, so none is shown: try again`);
}

/** The customer companies of the book, and what taking them back to the as-of day left out. */
export interface Book {
  readonly companies: BookCompany[];
  readonly leftOut: LeftOut;
  /** What was left out of each company that had something left out (by company id): the page adds up its owner's. */
  readonly leftOutByCompany: ReadonlyMap<string, LeftOut>;
}

async function bookRound(deps: BookDeps, companies: readonly CrmRecord[], request: BookRequest, dealProperties: readonly string[]): Promise<Book> {
  const links = await deps.gateway.associations('companies', 'deals', companies.map((company) => company.id));
  stopOnFailure("companies' deal lists", links.failed);
  const dealIds = [...new Set([...links.byId.values()].flat())];
  const read = dealIds.length === 0 ? { records: [], failed: new Map(), malformed: new Set<string>() } : await deps.gateway.read('deals', dealIds, dealProperties);
  stopOnFailure('deals', read.failed);
  const deals = new Map(read.records.map((record) => [record.id, { id: record.id, properties: record.properties }]));
  const options = { asOf: request.asOf, periods: request.periods, currency: request.currency.reporting, churnReasonProperty: deps.config.playbooks.churnReasonProperty };
  let leftOut = nothingLeftOut;
  const leftOutByCompany = new Map<string, LeftOut>();
  const book = companies.map((company) => {
    const records = (links.byId.get(company.id) ?? []).flatMap((id) => {
      const deal = deals.get(id);
      return deal === undefined ? [] : [deal];
    });
    const then = bookRecordsAsOf(company, records, request.asOf, deps.config, request.readAt);
    leftOut = addLeftOut(leftOut, then.leftOut);
    if (then.leftOut.count > 0) leftOutByCompany.set(company.id, then.leftOut);
    return bookCompany(then.company, readCompanyContract(then.deals, deps.config, request.currency, then.company.properties), options);
  });
  return { companies: book, leftOut, leftOutByCompany };
}

/** Every customer company (the sync's lifecycle stages) in the book, as of the request's day. */
export async function readBook(deps: BookDeps, request: BookRequest): Promise<Book> {
  const scope = [[scopeFilter(deps.config)]];
  const companyProperties = bookCompanyProperties(deps.config);
  const dealProperties = contractDealProperties(deps.config);
  const book: BookCompany[] = [];
  let leftOut = nothingLeftOut;
  const leftOutByCompany = new Map<string, LeftOut>();
  const take = (round: Book) => {
    book.push(...round.companies);
    leftOut = addLeftOut(leftOut, round.leftOut);
    for (const [id, left] of round.leftOutByCompany) leftOutByCompany.set(id, left);
  };
  let pending: CrmRecord[] = [];
  let afterId: string | null = null;
  // One round's associations and deal reads run while the next round's companies are searched.
  let inFlight: Promise<Book> | null = null;
  try {
    do {
      const page = await deps.gateway.search('companies', scope, companyProperties, afterId);
      pending.push(...page.records);
      afterId = page.lastId;
      if (pending.length >= companiesPerRound || afterId === null) {
        const round = pending.length > 0 ? bookRound(deps, pending, request, dealProperties) : null;
        pending = [];
        if (inFlight !== null) take(await inFlight);
        inFlight = round;
      }
    } while (afterId !== null);
    if (inFlight !== null) take(await inFlight);
  } catch (error) {
    // A round still running must not reject unobserved once the read has already failed.
    inFlight?.catch(() => undefined);
    throw error;
  }
  return { companies: book, leftOut, leftOutByCompany };
}

export interface ReportRequest {
  readonly asOf: Day;
  /** When the report is read (epoch ms). */
  readonly readAt: number;
  readonly period: Period;
  readonly currency: CurrencyBasis;
  readonly byOwner: boolean;
}

export interface OwnerReport {
  readonly ownerId: string;
  readonly ownerName: string | null;
  readonly report: PeriodReport;
}

/**
 * `cs-card report`: the period's figures for every customer, and per owner when asked, as of the
 * request's day; `asOf` says what that left out and which values are still today's (catalog messages).
 */
export async function runPeriodReport(
  deps: BookDeps & { readonly gateway: Pick<PortfolioGateway, 'owners'> },
  request: ReportRequest,
): Promise<{ report: PeriodReport; owners: OwnerReport[] | null; asOf: { leftOut: LeftOut; messages: Message[] } }> {
  const { companies: book, leftOut } = await readBook(deps, { asOf: request.asOf, readAt: request.readAt, periods: [request.period], currency: request.currency });
  const asOf = { leftOut, messages: bookAsOfMessages(leftOut, request.asOf, request.readAt, deps.config) };
  const [report] = bookReports(book, [request.period], request.currency.reporting, { asOf: request.asOf });
  if (report === undefined) throw new Error('a report for one period has one result');
  if (!request.byOwner) return { report, owners: null, asOf };
  const names = new Map((await deps.gateway.owners()).map((owner) => [owner.id, owner.name]));
  const ownerIds = [...new Set(book.map((company) => company.ownerId ?? ''))].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b));
  const owners = ownerIds.map((ownerId) => {
    const [mine] = bookReports(book, [request.period], request.currency.reporting, { ownerId: ownerId === '' ? null : ownerId, asOf: request.asOf });
    if (mine === undefined) throw new Error('a report for one period has one result');
    return { ownerId, ownerName: ownerId === '' ? null : (names.get(ownerId) ?? null), report: mine };
  });
  return { report, owners, asOf };
}

export interface PortfolioPageRequest {
  readonly asOf: Day;
  readonly currency: CurrencyBasis;
  /** Only this owner's companies ('' for companies without an owner); every company when undefined. */
  readonly ownerId?: string;
}

/** What the managers' app page and the `npm start` summary show (domain/portfolio-book.ts): the contract's page (src/app/cards/contract/portfolio.ts). */
export type { PortfolioPage };

/** Rows of each list the page receives (the counts and totals cover all of them): well under hubspot.fetch's 1 MB. */
export const pageListLimit = 100;

/** Everything the page is computed from, read once: the server keeps it a few minutes for other owners' views. */
export interface PageSource {
  readonly book: readonly BookCompany[];
  readonly owners: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly current: Period;
  readonly last: Period;
  /** When the book was read, in which time zone, and what taking it back to the as-of day left out of each company (Book). */
  readonly read: { readonly at: number; readonly timeZone: string; readonly leftOutByCompany: ReadonlyMap<string, LeftOut> };
}

/** Reads the book for the page: this quarter so far and the last full quarter. */
export async function readPageSource(deps: BookDeps & { readonly gateway: Pick<PortfolioGateway, 'owners'> }, request: Omit<PortfolioPageRequest, 'ownerId'> & { readonly readAt: number }): Promise<PageSource> {
  const current: Period = { start: quarterOf(request.asOf).start, end: request.asOf };
  const last = previousQuarter(request.asOf);
  const [book, owners] = await Promise.all([readBook(deps, { asOf: request.asOf, readAt: request.readAt, periods: [current, last], currency: request.currency }), deps.gateway.owners()]);
  return { book: book.companies, owners, current, last, read: { at: request.readAt, timeZone: deps.config.timeZone, leftOutByCompany: book.leftOutByCompany } };
}

/** The managers' page from its source, for every company or one owner's. */
export function pageOf(source: PageSource, request: PortfolioPageRequest): PortfolioPage {
  const { book, current, last } = source;
  const ownerId = request.ownerId === undefined ? null : request.ownerId;
  const mine = ownerId === null ? book : book.filter((company) => (company.ownerId ?? '') === ownerId);
  const counts = new Map<string, number>();
  for (const company of book) if (company.ownerId !== null) counts.set(company.ownerId, (counts.get(company.ownerId) ?? 0) + 1);
  const [currentReport, lastReport] = bookReports(mine, [current, last], request.currency.reporting, { asOf: request.asOf });
  if (currentReport === undefined || lastReport === undefined) throw new Error('two periods give two reports');
  const overview = portfolioOverview(mine, { asOf: request.asOf, churnPeriod: current, reporting: request.currency.reporting });
  // As of a past day: what was left out of the companies shown, and which values are not taken back (book-as-of.ts).
  let leftOut = nothingLeftOut;
  for (const company of mine) leftOut = addLeftOut(leftOut, source.read.leftOutByCompany.get(company.id) ?? nothingLeftOut);
  const asOfNotes = pageAsOfMessages(leftOut, request.asOf, source.read.at, source.read);
  return {
    asOf: formatDay(request.asOf),
    currency: request.currency.reporting,
    ownerId,
    owners: source.owners
      .filter((owner) => counts.has(owner.id))
      .map((owner) => ({ id: owner.id, name: owner.name, customers: counts.get(owner.id) ?? 0 }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    overview: { ...overview, renewalsAtRisk: overview.renewalsAtRisk.slice(0, pageListLimit), churned: overview.churned.slice(0, pageListLimit) },
    renewalsAtRiskCount: overview.renewalsAtRisk.length,
    churnedCount: overview.churned.length,
    kpis: { current: { label: periodLabel(quarterOf(request.asOf)), report: currentReport }, lastQuarter: { label: periodLabel(last), report: lastReport } },
    ...(asOfNotes.length === 0 ? {} : { asOfNotes }),
  };
}

/** The managers' page: bands, renewals at risk, churn this quarter and the KPIs of this and the last quarter. */
export async function portfolioPage(deps: BookDeps & { readonly gateway: Pick<PortfolioGateway, 'owners'> }, request: PortfolioPageRequest & { readonly readAt: number }): Promise<PortfolioPage> {
  return pageOf(await readPageSource(deps, request), request);
}
