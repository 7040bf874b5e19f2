import { message } from '../app/cards/contract/message.ts';
import type { DataSource, SourceIssue } from '../domain/card/snapshot.ts';
import { describeFailure, failureMessage, type Failure } from './failures.ts';

// The issue a source that could not be read (or only partly) raises on a snapshot: its detail in
// English (logs, the card's admin warnings) and as a catalog message (the sync's summary, worded
// in the reader's language).

/** A read that failed after retries (or at once, when retrying cannot help). */
export function unavailableIssue(source: DataSource, failure: Failure): SourceIssue {
  return { source, kind: 'unavailable', detail: describeFailure(failure), detailText: failureMessage(failure) };
}

/** A read HubSpot refused (403) for want of `scope`; `english` overrides the English detail. */
export function forbiddenIssue(source: DataSource, scope: string, english = `the app lacks the ${scope} scope`): SourceIssue {
  return { source, kind: 'forbidden', detail: english, detailText: failureMessage({ kind: 'forbidden', scopes: [scope] }) };
}

/** `skipped` of `total` records came back in a shape the app cannot read. */
export function malformedIssue(source: DataSource, skipped: number, total: number): SourceIssue {
  return {
    source,
    kind: 'malformed',
    detail: `${skipped} of ${total} records were skipped because HubSpot returned them in an unexpected shape`,
    detailText: message('hubspot.malformedRecords', { skipped, total }),
  };
}
