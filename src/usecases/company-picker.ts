import type { CsConfig } from '../config/schema.ts';
import { portfolioCompany, portfolioProperties, rankByRisk, type PortfolioCompany } from '../domain/portfolio/company-picker.ts';
import { scopeFilter } from '../domain/sync/scope.ts';
import type { PortfolioGateway } from '../hubspot/portfolio-gateway.ts';

// The preview's company picker: every customer company (the sync's scope, the configured
// lifecycle stages) with the health the sync wrote back, riskiest first, and one company's
// property values. Reads only: a page of 200 companies per call. (The managers' figures are the
// book's, usecases/portfolio-book.ts.)

export interface PortfolioDeps {
  readonly gateway: Pick<PortfolioGateway, 'search' | 'read'>;
  readonly config: CsConfig;
}

export async function readPortfolio(deps: PortfolioDeps): Promise<PortfolioCompany[]> {
  const scope = [[scopeFilter(deps.config)]];
  const companies: PortfolioCompany[] = [];
  let afterId: string | null = null;
  do {
    const page = await deps.gateway.search('companies', scope, portfolioProperties, afterId);
    companies.push(...page.records.map(portfolioCompany));
    afterId = page.lastId;
  } while (afterId !== null);
  return rankByRisk(companies);
}

/** One company's current property values; `*` reads the portfolio's properties. */
export async function companyProperties(deps: PortfolioDeps, companyId: string, names: readonly string[] | '*'): Promise<Record<string, string | null>> {
  const wanted = names === '*' ? portfolioProperties : names;
  const { records } = await deps.gateway.read('companies', [companyId], wanted);
  const properties = records[0]?.properties ?? {};
  return Object.fromEntries(wanted.map((name) => [name, properties[name] ?? null]));
}
