import { msPerDay, msPerHour } from '../parsing/index.ts';
import type { CompanySnapshot, CrmRecord, PropertyChange, PropertyValues, SourceIssue } from '../card/snapshot.ts';

// Realistic HubSpot-shaped company snapshots for tests and benches: every property value a
// string or null, dates in the shapes HubSpot really sends them. Dates are given relative to
// an as-of day so a test reads "renewal 31 days out", not a calendar.

export const AS_OF = '2026-11-23';
export const GENERATED_AT = '2026-11-23T08:00:00.000Z';
export const at = { asOf: AS_OF, generatedAt: GENERATED_AT };

let nextId = 1000;

/** A fresh numeric record id (HubSpot ids are digit strings). */
export function newId(): string {
  nextId += 1;
  return String(nextId);
}

/** 'YYYY-MM-DD' n days after asOf (negative: before). */
export function dayAt(days: number, asOf = AS_OF): string {
  return new Date(Date.parse(`${asOf}T00:00:00Z`) + days * msPerDay).toISOString().slice(0, 10);
}

/** An ISO datetime n days after asOf, at a given UTC hour. */
export function isoAt(days: number, hour = 10, asOf = AS_OF): string {
  return new Date(Date.parse(`${asOf}T00:00:00Z`) + days * msPerDay + hour * msPerHour).toISOString();
}

/** Epoch milliseconds (as HubSpot sometimes sends them) n days after asOf. */
export function epochAt(days: number, hour = 10, asOf = AS_OF): string {
  return String(Date.parse(`${asOf}T00:00:00Z`) + days * msPerDay + hour * msPerHour);
}

export function record(properties: PropertyValues, id = newId()): CrmRecord {
  return { id, properties };
}

export function contact(options: { id?: string; lastContactedDaysAgo?: number | null } = {}): CrmRecord {
  const days = options.lastContactedDaysAgo;
  return record({ notes_last_contacted: days == null ? null : isoAt(-days) }, options.id);
}

/** An NPS survey answer (feedback submission). */
export function npsAnswer(options: {
  value: number | string | null;
  daysAgo?: number;
  contactId?: string | null;
  comment?: string | null;
  surveyType?: string;
  id?: string;
  submittedAt?: string | null;
}): CrmRecord {
  const value = options.value === null ? null : String(options.value);
  return record(
    {
      hs_survey_type: options.surveyType ?? 'NPS',
      hs_value: value,
      hs_content: options.comment ?? null,
      hs_submission_timestamp: options.submittedAt !== undefined ? options.submittedAt : isoAt(-(options.daysAgo ?? 10)),
      hs_contact_id: options.contactId === undefined ? newId() : options.contactId,
    },
    options.id,
  );
}

/** Answers for n distinct contacts with the given value. */
export function npsAnswers(count: number, value: number, daysAgo = 10): CrmRecord[] {
  return Array.from({ length: count }, () => npsAnswer({ value, daysAgo }));
}

export function deal(options: {
  id?: string;
  name?: string;
  type?: string | null;
  pipeline?: string;
  stage?: string;
  closeInDays?: number | null;
  closedate?: string | null;
  amount?: string | number | null;
  currency?: string | null;
  probability?: string | number | null;
  closed?: boolean;
  won?: boolean;
}): CrmRecord {
  const closed = options.closed ?? (options.stage === 'closedwon' || options.stage === 'closedlost');
  const closedate = options.closedate !== undefined ? options.closedate : options.closeInDays == null ? null : isoAt(options.closeInDays, 0);
  return record(
    {
      dealname: options.name ?? 'Annual renewal',
      dealtype: options.type === undefined ? 'existingbusiness' : options.type,
      pipeline: options.pipeline ?? 'default',
      dealstage: options.stage ?? 'contractsent',
      closedate,
      amount: options.amount == null ? null : String(options.amount),
      deal_currency_code: options.currency === undefined ? 'USD' : options.currency,
      hs_deal_stage_probability: options.probability == null ? null : String(options.probability),
      hs_is_closed: String(closed),
      hs_is_closed_won: String(options.won ?? options.stage === 'closedwon'),
    },
    options.id,
  );
}

/** An open renewal deal closing n days from asOf. */
export function renewalDeal(closeInDays: number, options: Parameters<typeof deal>[0] = {}): CrmRecord {
  return deal({ amount: 24000, probability: 0.6, ...options, closeInDays });
}

export function ticket(options: {
  priority?: string | null;
  ageDays?: number;
  open?: boolean;
  stage?: string;
  createdate?: string | null;
  id?: string;
}): CrmRecord {
  const open = options.open ?? true;
  return record(
    {
      subject: 'Cannot export report',
      hs_ticket_priority: options.priority === undefined ? 'MEDIUM' : options.priority,
      hs_pipeline_stage: options.stage ?? (open ? '1' : '4'),
      createdate: options.createdate !== undefined ? options.createdate : isoAt(-(options.ageDays ?? 3)),
      closed_date: open ? null : isoAt(-1),
      hs_is_closed: String(!open),
    },
    options.id,
  );
}

export function task(options: { body?: string | null; status?: string; subject?: string; id?: string }): CrmRecord {
  return record(
    {
      hs_task_subject: options.subject ?? 'Follow up',
      hs_task_body: options.body ?? null,
      hs_task_status: options.status ?? 'NOT_STARTED',
    },
    options.id,
  );
}

export function change(value: string | null, daysAgo: number): PropertyChange {
  return { value, timestamp: isoAt(-daysAgo) };
}

export interface SnapshotParts {
  id?: string;
  company?: PropertyValues;
  history?: Record<string, PropertyChange[]>;
  contacts?: CrmRecord[];
  deals?: CrmRecord[];
  tickets?: CrmRecord[];
  feedback?: CrmRecord[];
  tasks?: CrmRecord[];
  issues?: SourceIssue[];
}

/** A snapshot with nothing but what the parts say: an empty, freshly created customer. */
export function snapshot(parts: SnapshotParts = {}): CompanySnapshot {
  return {
    company: record({ name: 'Acme Corp', lifecyclestage: 'customer', ...parts.company }, parts.id ?? newId()),
    history: parts.history ?? {},
    contacts: parts.contacts ?? [],
    deals: parts.deals ?? [],
    tickets: parts.tickets ?? [],
    feedback: parts.feedback ?? [],
    tasks: parts.tasks ?? [],
    issues: parts.issues ?? [],
  };
}

/** An account's usual records: its own company properties and histories, and lists made only when the parts give none (so record ids follow the records a test makes). */
interface AccountDefaults {
  readonly company: PropertyValues;
  readonly history: Record<string, PropertyChange[]>;
  readonly contacts: CrmRecord[];
  readonly deals: () => CrmRecord[];
  readonly tickets: () => CrmRecord[];
  readonly feedback: () => CrmRecord[];
}

/** A snapshot of `parts` over an account's defaults: properties and histories merged, each list the parts' when given. */
function account(parts: SnapshotParts, defaults: AccountDefaults): CompanySnapshot {
  return snapshot({
    ...parts,
    company: { ...defaults.company, ...parts.company },
    history: { ...defaults.history, ...parts.history },
    contacts: defaults.contacts,
    deals: parts.deals ?? defaults.deals(),
    tickets: parts.tickets ?? defaults.tickets(),
    feedback: parts.feedback ?? defaults.feedback(),
  });
}

/** A well-run account: every factor has data and looks good. Parts override or extend it. */
export function healthyCompany(parts: SnapshotParts = {}): CompanySnapshot {
  const contacts = parts.contacts ?? [contact({ lastContactedDaysAgo: 5 }), contact({ lastContactedDaysAgo: 20 }), contact({ lastContactedDaysAgo: 40 })];
  const usage = { cs_seats_active: '42', cs_seats_licensed: '50', cs_last_product_activity: isoAt(-1) };
  return account(parts, {
    company: { notes_last_contacted: isoAt(-6), hs_csm_sentiment: 'green', ...usage, cs_last_qbr_date: dayAt(-40), cs_handoff_status: 'accepted' },
    history: { hs_csm_sentiment: [change('green', 20)] },
    contacts,
    deals: () => [renewalDeal(200, { probability: 0.4 })],
    tickets: () => [ticket({ open: false, ageDays: 40 })],
    feedback: () => [npsAnswer({ value: 9, contactId: contacts[0]?.id ?? null, daysAgo: 60 }), npsAnswer({ value: 10, contactId: contacts[1]?.id ?? null, daysAgo: 90 })],
  });
}

/** An account in trouble: low NPS, urgent tickets, no touch, low usage, renewal soon. */
export function atRiskCompany(parts: SnapshotParts = {}): CompanySnapshot {
  const contacts = parts.contacts ?? [contact({ lastContactedDaysAgo: 120 }), contact({ lastContactedDaysAgo: null })];
  const usage = { cs_seats_active: '9', cs_seats_licensed: '50', cs_last_product_activity: isoAt(-35) };
  return account(parts, {
    company: { notes_last_contacted: isoAt(-70), hs_csm_sentiment: 'red', ...usage },
    history: { hs_csm_sentiment: [change('red', 10)] },
    contacts,
    deals: () => [renewalDeal(52, { probability: 0.2 })],
    tickets: () => [ticket({ priority: 'URGENT', ageDays: 19 }), ticket({ priority: 'URGENT', ageDays: 4 })],
    feedback: () => [npsAnswer({ value: 3, contactId: contacts[0]?.id ?? null, daysAgo: 5, comment: 'Too many outages' })],
  });
}
