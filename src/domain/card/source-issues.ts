import { message, type Message } from '../../app/cards/contract/message.ts';
import type { DataSource, SourceIssue } from './snapshot.ts';

// What a failed data source means for the card: which sources cannot be trusted, and the
// sentence the card shows about each.

const sourceLabels: Readonly<Record<DataSource, string>> = {
  company: 'Company details',
  history: 'Property history (trend, sentiment age)',
  contacts: 'Contacts (engagement, NPS)',
  deals: 'Deals (renewal)',
  tickets: 'Support tickets',
  feedback: 'NPS',
  tasks: 'Tasks (already-created actions)',
};

export type FailedSources = Readonly<Record<DataSource, boolean>>;

const noFailures: FailedSources = { company: false, history: false, contacts: false, deals: false, tickets: false, feedback: false, tasks: false };

/**
 * Which sources failed outright; a source with only some records skipped still counts.
 *
 * @example
 * // a malformed source (records skipped) still counts; a forbidden one failed:
 * failedSources([{ source: 'tickets', kind: 'malformed', detail: '2 tickets skipped' }, { source: 'feedback', kind: 'forbidden', detail: 'missing scope' }])
 * // => { company: false, history: false, contacts: false, deals: false, tickets: false, feedback: true, tasks: false }
 */
export function failedSources(issues: readonly SourceIssue[]): FailedSources {
  if (issues.length === 0) return noFailures; // the usual case, on every card
  const failed = { ...noFailures };
  for (const issue of issues) if (issue.kind !== 'malformed') failed[issue.source] = true;
  return failed;
}

/**
 * e.g. "NPS unavailable: the app lacks the crm.objects.feedback_submissions.read scope".
 *
 * @example
 * issueWarning({ source: 'feedback', kind: 'forbidden', detail: 'the app lacks the crm.objects.feedback_submissions.read scope' })
 * // => 'NPS unavailable: the app lacks the crm.objects.feedback_submissions.read scope'
 * issueWarning({ source: 'tickets', kind: 'malformed', detail: ' ' }) // => 'Support tickets incomplete'
 */
export function issueWarning(issue: SourceIssue): string {
  const label = sourceLabels[issue.source] ?? `Source ${String(issue.source)}`;
  const state = issue.kind === 'malformed' ? 'incomplete' : 'unavailable';
  const detail = issue.detail.trim();
  return detail ? `${label} ${state}: ${detail}` : `${label} ${state}`;
}

/**
 * The warning as a catalog message: which source, and whether it is missing or incomplete (the detail stays for admins).
 *
 * @example
 * issueWarningMessage({ source: 'tickets', kind: 'malformed', detail: '2 tickets skipped' })
 * // => { code: 'warning.source', params: { source: 'tickets', state: 'incomplete' } }
 */
export function issueWarningMessage(issue: SourceIssue): Message {
  return message('warning.source', { source: issue.source, state: issue.kind === 'malformed' ? 'incomplete' : 'unavailable' });
}

/** Why a company is left as it is: what could not be read (or written), and HubSpot's answer when known, as catalog messages. */
export interface SkipReason {
  readonly what: Message;
  readonly detail?: Message;
}

/**
 * Why sync leaves a company unwritten over this issue: the card's warning, and the gateway's detail when it gave one as a message.
 *
 * @example
 * issueReason({ source: 'tickets', kind: 'malformed', detail: '2 of 5 records were skipped …', detailText: { code: 'hubspot.malformedRecords', params: { skipped: 2, total: 5 } } })
 * // => { what: { code: 'warning.source', params: { source: 'tickets', state: 'incomplete' } }, detail: { code: 'hubspot.malformedRecords', params: { skipped: 2, total: 5 } } }
 * issueReason({ source: 'deals', kind: 'unavailable', detail: 'timed out' }) // => { what: { code: 'warning.source', params: { source: 'deals', state: 'unavailable' } } }
 */
export function issueReason(issue: SourceIssue): SkipReason {
  const what = issueWarningMessage(issue);
  return issue.detailText === undefined ? { what } : { what, detail: issue.detailText };
}
