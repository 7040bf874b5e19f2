import type { Message } from '../../app/cards/contract/message.ts';

// What the domain is given about one company: plain records exactly as HubSpot shapes them
// (every property value a string or null), already shape-checked by the gateway. Turning
// those strings into numbers and dates is domain work, because "what counts as a valid
// renewal date" is a business rule, not transport.

export type PropertyValues = Readonly<Record<string, string | null | undefined>>;

export interface CrmRecord {
  readonly id: string;
  readonly properties: PropertyValues;
}

export interface PropertyChange {
  readonly value: string | null;
  /** ISO 8601 timestamp of the change. */
  readonly timestamp: string;
}

/** The data sources a card is built from; a warning names the one that failed. */
export type DataSource = 'company' | 'history' | 'contacts' | 'deals' | 'tickets' | 'feedback' | 'tasks';

export interface SourceIssue {
  readonly source: DataSource;
  /** forbidden: missing scope (403); unavailable: the API failed after retries; malformed: records skipped. */
  readonly kind: 'forbidden' | 'unavailable' | 'malformed';
  /** Human-readable, names the scope or the count skipped; never personal data. */
  readonly detail: string;
  /** The detail as a catalog message, where it is shown in the reader's language (the sync's summary). */
  readonly detailText?: Message;
}

export interface CompanySnapshot {
  readonly company: CrmRecord;
  /** Company property histories, newest first, for the properties the domain asks history of. */
  readonly history: Readonly<Record<string, readonly PropertyChange[]>>;
  readonly contacts: readonly CrmRecord[];
  readonly deals: readonly CrmRecord[];
  readonly tickets: readonly CrmRecord[];
  /** The company's survey answers (domain/survey-answers.ts): `hs_contact_id` names the respondent, filled from the association when HubSpot leaves it empty. */
  readonly feedback: readonly CrmRecord[];
  /** Tasks associated with the company, open or completed. */
  readonly tasks: readonly CrmRecord[];
  readonly issues: readonly SourceIssue[];
}
