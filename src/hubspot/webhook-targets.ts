import type { PortfolioGateway, PortfolioObjectType } from './portfolio-gateway.ts';

// Webhook events name deals, tickets, contacts and survey answers; health is per company.
// This follows them to their companies with v4 batch association reads (1,000 ids a call):
// survey answers to their contacts first (they are not associated with companies, HUBSPOT.md),
// then every deal, ticket and contact to its companies, one call per type for a whole batch.

export interface RecordsToFollow {
  readonly deals: readonly string[];
  readonly tickets: readonly string[];
  readonly contacts: readonly string[];
  readonly feedback_submissions: readonly string[];
}

export interface FollowedCompanies {
  /** Companies associated with any of the records, each once. */
  readonly companyIds: string[];
  /** Records whose associations could not be read (after retries); their companies are missing. */
  readonly unresolved: number;
}

export async function companiesOfRecords(gateway: PortfolioGateway, records: RecordsToFollow): Promise<FollowedCompanies> {
  let unresolved = 0;
  const follow = async (from: PortfolioObjectType, to: PortfolioObjectType, ids: readonly string[]): Promise<string[]> => {
    if (ids.length === 0) return [];
    const { byId, failed } = await gateway.associations(from, to, ids);
    unresolved += failed.size;
    return [...byId.values()].flat();
  };
  const answerContacts = await follow('feedback_submissions', 'contacts', records.feedback_submissions);
  const contacts = [...new Set([...records.contacts, ...answerContacts])];
  const found = await Promise.all([
    follow('deals', 'companies', records.deals),
    follow('tickets', 'companies', records.tickets),
    follow('contacts', 'companies', contacts),
  ]);
  return { companyIds: [...new Set(found.flat())], unresolved };
}
