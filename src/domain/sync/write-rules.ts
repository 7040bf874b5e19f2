import { csProperty } from '../property-names.ts';
import type { CsConfig } from '../../config/schema.ts';
import { customerValue } from '../renewal/customer-value.ts';
import { asOfDay, formatDay, msPerDay, parseInstant, parseIsoDate, type Day } from '../parsing/index.ts';
import { evaluateHealth, type HealthEvaluation } from '../health/health-evaluation.ts';
import { healthUpdatedAtProperty } from '../properties.ts';
import type { CompanySnapshot, CrmRecord, SourceIssue } from '../card/snapshot.ts';
import { issueReason, type SkipReason } from '../card/source-issues.ts';
import { changedProperties, healthProperties, type WrittenHealth, type WrittenWording } from './written-values.ts';

// The rules of writing health back to companies (DESIGN.md "Quality bars": never write a
// score computed from partial data; write a property only when its value changed), and which
// companies the passing of days can change without any record changing.

export type Writeback =
  | { readonly kind: 'write'; readonly properties: Record<string, string> }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'skipped'; readonly reasons: readonly SkipReason[] }
  /** Survey answers could not be read: what was written from them (NPS, and the score it is part of) stays as it was. */
  | { readonly kind: 'held'; readonly reasons: readonly SkipReason[]; readonly portalWide: boolean };

/** The properties written from survey answers: a sync that cannot read them never changes them. */
export const npsProperties = [csProperty.companyNps, csProperty.npsResponses] as const;

/**
 * A source the app may not read in this portal at all (feedback submissions need Service Hub
 * Pro and an optional scope) leaves the same gap in every score, run after run: the scores are
 * complete for what the portal lets the app see, so they are written and the gap is reported
 * once. Any other issue means this company's data is partial right now.
 *
 * @example
 * isPortalWideGap({ source: 'feedback', kind: 'forbidden' })  // => true
 * isPortalWideGap({ source: 'tickets', kind: 'unavailable' }) // => false
 */
export function isPortalWideGap(issue: SourceIssue): boolean {
  return issue.source === 'feedback' && issue.kind === 'forbidden';
}

/**
 * Whether the company carries an NPS a sync wrote from survey answers (a score, or responses counted).
 *
 * @example
 * hasWrittenNps({ cs_company_nps: '40', cs_nps_responses: '6' }) // true
 * hasWrittenNps({ cs_company_nps: '', cs_nps_responses: '0' })   // false
 */
export function hasWrittenNps(properties: Readonly<Record<string, string | null | undefined>>): boolean {
  const score = (properties.cs_company_nps ?? '').trim();
  const responses = Number((properties.cs_nps_responses ?? '').trim() || '0');
  return score !== '' || (Number.isFinite(responses) && responses > 0);
}

/**
 * What sync writes for one company: its changed health properties plus the stamp, or why not;
 * its texts worded by `wording` (the portal's language, English by default).
 *
 * Survey answers that could not be read never change what was written from them: a company
 * with a written NPS is held as it is (rescoring it without its NPS would be a score from
 * partial data). Where the portal withholds survey answers altogether (no Service Hub, scope
 * missing), a company that never had an NPS is scored without it — the score the portal can
 * give — and its NPS properties are left alone.
 *
 * @example
 * // Survey answers refused (403) for a company whose NPS 40 was written before:
 * writebackFor({ ...snapshot, issues: [{ source: 'feedback', kind: 'forbidden', detail: '…' }] }, config, at, wording)
 * // -> { kind: 'held', portalWide: true, reasons: [{ what: { code: 'warning.source', params: { source: 'feedback', state: 'unavailable' } } }] }
 */
export function writebackFor(snapshot: CompanySnapshot, config: CsConfig, at: { asOf: string; generatedAt: string }, wording: WrittenWording): Writeback {
  const issues = snapshot.issues;
  const partial = issues.length === 0 ? issues : issues.filter((issue) => !isPortalWideGap(issue));
  if (partial.some((issue) => issue.source !== 'feedback')) return { kind: 'skipped', reasons: partial.map(issueReason) };
  const npsGap = issues.length > 0 && issues.some((issue) => issue.source === 'feedback');
  if (npsGap && (partial.length > 0 || hasWrittenNps(snapshot.company.properties))) {
    return { kind: 'held', reasons: issues.map(issueReason), portalWide: partial.length === 0 };
  }
  const asOf = asOfDay(at.asOf);
  // The health alone, not the whole card view: the handoff form's contacts, the churn form and
  // the score's history are for the card, and a sync evaluates every company.
  // Worded in the portal's language, the language the values written before are in: a change of
  // language rewrites every company's drivers and next action once.
  const next = healthProperties(writtenHealth(evaluateHealth(snapshot, config, asOf, parseInstant(at.generatedAt) ?? undefined), asOf, config.currency), wording);
  // Without survey answers the NPS properties keep what is there (nothing, for such a company).
  if (npsGap) for (const name of npsProperties) next[name] = snapshot.company.properties[name] ?? '';
  const changed = changedProperties(snapshot.company.properties, next);
  if (changed === null) return { kind: 'unchanged' };
  changed[healthUpdatedAtProperty] = at.generatedAt;
  return { kind: 'write', properties: changed };
}

/** The written part of the card view, exactly as buildCardView shows it. */
function writtenHealth({ health, trend, renewal, nps, actions, handoff, deals, lifecycle }: HealthEvaluation, asOf: Day, homeCurrency: string): WrittenHealth {
  return {
    health: { score: health.score, band: health.band, trend30d: trend, factors: health.factors },
    renewal: { date: renewal.day === null ? null : formatDay(renewal.day), amount: renewal.amount, ...customerValue(deals, asOf, homeCurrency) },
    nps: { score: nps.score, responses: nps.responses },
    actions,
    handoff,
    lifecycle: { stage: lifecycle.stage, since: lifecycle.since === null ? null : formatDay(lifecycle.since) },
  };
}

/**
 * Whether a company can have property history that changes its card: a history property with
 * a value now, or health the product wrote before (the score's past). Reading history costs
 * twice the calls of a plain read (HubSpot serves it for 50 records at a time), so a company
 * that was never scored and has no sentiment skips it: its history is empty either way.
 *
 * @example
 * historyMayMatter({ id: '1', properties: { hs_csm_sentiment: ' ' } }, ['hs_csm_sentiment'])                     // => false
 * historyMayMatter({ id: '1', properties: { cs_health_updated_at: '2026-12-06T02:00:00Z' } }, ['hs_csm_sentiment']) // => true
 */
export function historyMayMatter(company: CrmRecord, historyProperties: readonly string[]): boolean {
  return [...historyProperties, healthUpdatedAtProperty].some((name) => (company.properties[name] ?? '').trim() !== '');
}

/** Calendar-day ranges [from, to) of the renewal dates whose window moves between two as-of days. */
export interface DateDrivenSelection {
  readonly renewalDays: ReadonlyArray<readonly [Day, Day]>;
  /** Companies whose last health change crossed the trend horizon: [from, to) in epoch ms. */
  readonly changedBetweenMs: readonly [number, number];
}

// Window boundaries in days to renewal (DESIGN.md): < 0 overdue, 0-30, 31-60, 61-90, later.
const windowStarts = [0, 31, 61, 91] as const;

/**
 * Companies whose card can change only because days passed from `previousAsOf` to `asOf`:
 * a renewal date that crossed a 90/60/30/0-day boundary (its window and the renewal
 * checkpoints move) and a last score change that crossed the trend horizon (the trend's
 * reference point moves). Null when no day passed. Slower drifts (ages of touches, tickets,
 * sentiment) are what the periodic full sync is for.
 *
 * @example
 * // One day passed: renewals now 0, 30, 60 or 90 days away moved window; score changes of 2026-11-07 fell behind the 30-day horizon.
 * ((selection) => [selection.renewalDays.map(([from, to]) => [formatDay(from), formatDay(to)]), selection.changedBetweenMs.map(formatInstant)])(dateDrivenSelection('2026-12-06', '2026-12-07', 30))
 * // => [[['2026-12-06', '2026-12-07'], ['2027-01-06', '2027-01-07'], ['2027-02-05', '2027-02-06'], ['2027-03-07', '2027-03-08']], ['2026-11-07T00:00:00.000Z', '2026-11-08T00:00:00.000Z']]
 * dateDrivenSelection('2026-12-07', '2026-12-07', 30) // => null
 */
export function dateDrivenSelection(previousAsOf: string, asOf: string, trendDays: number): DateDrivenSelection | null {
  const from = parseIsoDate(previousAsOf);
  const to = parseIsoDate(asOf);
  if (from === null || to === null) throw new RangeError(`as-of dates must be YYYY-MM-DD, got "${previousAsOf}" and "${asOf}"`);
  if (to <= from) return null;
  return {
    renewalDays: windowStarts.map((start) => [from + start, to + start] as const),
    // The trend compares with the score in effect on day asOf - trendDays, so changes made on
    // the days that reference point moved across, (from - trendDays, to - trendDays], now count.
    changedBetweenMs: [(from - trendDays + 1) * msPerDay, (to - trendDays + 1) * msPerDay],
  };
}

/**
 * Whether an incremental sync must run in full because the last full one is too old (or never ran).
 *
 * @example
 * fullSyncDue(null, '2026-11-20', 7)         // => true
 * fullSyncDue('2026-11-16', '2026-11-20', 7) // => false
 * fullSyncDue('2026-11-13', '2026-11-20', 7) // => true
 */
export function fullSyncDue(lastFullAsOf: string | null, asOf: string, fullEveryDays: number): boolean {
  if (lastFullAsOf === null) return true;
  const last = parseIsoDate(lastFullAsOf);
  const now = parseIsoDate(asOf);
  return last === null || now === null || now - last >= fullEveryDays || now < last;
}
