import type { CsConfig } from '../config/schema.ts';
import { contractDealProperties } from '../domain/portfolio/contract-deals.ts';
import { dayZone } from '../domain/parsing/index.ts';
import { readDeals } from '../domain/renewal/deals.ts';
import { doctorChecks, type DoctorCheck, type DoctorFacts, type RenewalSample } from '../domain/portal/doctor.ts';
import { configForPortal } from '../domain/portal/portal-settings.ts';
import type { DealKind } from '../domain/renewal/renewal-classification.ts';
import { describeFailure, HubSpotError } from '../hubspot/failures.ts';
import type { PortfolioGateway } from '../hubspot/portfolio-gateway.ts';
import { readPortal, type PortalReaders } from './portal-settings.ts';
import { scopeFilter } from '../domain/sync/scope.ts';
import { propertyWords } from './portal-wording.ts';

// `cs-card doctor`: reads what the checklist needs — about eight calls whatever the portal's
// size, and never a write — and hands the facts to domain/doctor.ts.
//   account details + company properties (portal-settings.ts), the token's scopes,
//   one page of customer companies, their deals (a sample of up to 100 companies),
//   and one search of survey answers.

export interface DoctorDeps extends PortalReaders {
  readonly portfolio: PortfolioGateway;
}

/** Companies whose deals are classified to show the renewal rule at work. */
const sampleCompanies = 100;
const examplesPerKind = 2;

function reason(error: unknown): string {
  if (error instanceof HubSpotError) return describeFailure(error.failure);
  throw error;
}

async function settle<T>(read: () => Promise<T>): Promise<{ value: T } | { failure: string }> {
  try {
    return { value: await read() };
  } catch (error) {
    if (error instanceof HubSpotError && error.failure.kind === 'unauthorized') throw error;
    return { failure: reason(error) };
  }
}

async function renewalSample(portfolio: PortfolioGateway, config: CsConfig): Promise<RenewalSample> {
  const page = await portfolio.search('companies', [[scopeFilter(config)]], ['name', config.renewal.companyDateProperty ?? 'name', config.renewal.contractTermProperty], null);
  const companies = page.records.slice(0, sampleCompanies);
  const links = await portfolio.associations('companies', 'deals', companies.map((company) => company.id));
  const dealIds = [...new Set([...links.byId.values()].flat())];
  const read = await portfolio.read('deals', dealIds, contractDealProperties(config));
  const deals = new Map(read.records.map((record) => [record.id, record]));
  const counts: Record<DealKind, number> = { renewal: 0, expansion: 0, new_business: 0, other: 0 };
  const examples: Array<{ name: string; kind: DealKind }> = [];
  const zone = dayZone(config.timeZone);
  for (const company of companies) {
    const records = (links.byId.get(company.id) ?? []).flatMap((id) => deals.get(id) ?? []);
    for (const deal of readDeals(records, config.renewal, config.handoff, company.properties, { zone, currency: config.currency })) {
      counts[deal.kind] += 1;
      if (examples.filter((example) => example.kind === deal.kind).length < examplesPerKind) examples.push({ name: deal.name ?? `deal ${deal.id}`, kind: deal.kind });
    }
  }
  return { deals: Object.values(counts).reduce((sum, count) => sum + count, 0), counts, examples };
}

async function surveyReadable(portfolio: PortfolioGateway): Promise<DoctorFacts['survey']> {
  try {
    await portfolio.search('feedback_submissions', [], ['hs_value'], null);
    return 'readable';
  } catch (error) {
    if (error instanceof HubSpotError && error.failure.kind === 'forbidden') return 'forbidden';
    if (error instanceof HubSpotError && error.failure.kind === 'unauthorized') throw error;
    return { failure: reason(error) };
  }
}

export interface DoctorReport {
  readonly checks: DoctorCheck[];
  /** The configuration the checks judged (the portal's time zone, currency and sentiment options folded in). */
  readonly config: CsConfig;
}

export async function runDoctor(deps: DoctorDeps, configured: CsConfig): Promise<DoctorReport> {
  const [portal, scopes] = await Promise.all([readPortal(deps, configured), settle(() => deps.account.scopes())]);
  const config = configForPortal(configured, portal.settings);
  const [renewal, survey] = await Promise.all([settle(() => renewalSample(deps.portfolio, config)), surveyReadable(deps.portfolio)]);
  const { timeZone, currency } = portal.settings;
  const facts: DoctorFacts = {
    scopes: 'value' in scopes ? scopes.value : null,
    scopesFailure: 'failure' in scopes ? scopes.failure : null,
    account: timeZone !== null && currency !== null ? { timeZone, currency } : null,
    accountFailure: portal.failures.account ? reason(portal.failures.account) : null,
    companyProperties: portal.companyProperties,
    propertiesFailure: portal.failures.properties ? reason(portal.failures.properties) : null,
    renewal: 'value' in renewal ? renewal.value : null,
    renewalFailure: 'failure' in renewal ? renewal.failure : null,
    survey,
    rateLimit: portal.rateLimit,
  };
  // The labels setup writes in the portal's language are the current ones.
  return { checks: doctorChecks(facts, configured, propertyWords(configured.portalLanguage)), config };
}
