import fc from 'fast-check';
import { actionRuleIds, csConfigSchema, type CsConfig } from '../../config/schema.ts';
import { msPerDay } from '../parsing/index.ts';
import type { CompanySnapshot, CrmRecord, DataSource, PropertyChange, SourceIssue } from '../card/snapshot.ts';

// fast-check arbitraries for HubSpot-shaped garbage: property values mixing nulls, junk,
// numbers-as-strings, odd and impossible dates, and the values the domain looks for.


/** An as-of day between 2000 and 2100. */
export const asOfArb = fc.integer({ min: Date.UTC(2000, 0, 1) / msPerDay, max: Date.UTC(2100, 0, 1) / msPerDay }).map((day) => new Date(day * msPerDay).toISOString().slice(0, 10));

/** Date-ish strings near an as-of date, in HubSpot's shapes and some broken ones. */
function dateNear(asOf: string, fromDays = -800, toDays = 400): fc.Arbitrary<string> {
  const base = Date.parse(`${asOf}T00:00:00Z`);
  return fc.tuple(fc.integer({ min: fromDays, max: toDays }), fc.integer({ min: 0, max: msPerDay - 1 }), fc.nat(3)).map(([days, ms, shape]) => {
    const instant = new Date(base + days * msPerDay + ms);
    if (shape === 0) return instant.toISOString();
    if (shape === 1) return instant.toISOString().slice(0, 10);
    if (shape === 2) return String(instant.getTime());
    return instant.toISOString().replace('Z', '+05:30');
  });
}

const oddValues = [
  'NaN', 'Infinity', '-Infinity', '1e400', '-0', '0x10', ' 7 ', '9.0', '10.5', '1,000', '', ' ', 'null', 'undefined',
  'true', 'TRUE', 'false', '2024-02-30', '0000-00-00', '0050-01-01', '2024-13-01T25:61:00Z', '+275760-09-13T00:00:00Z',
  '9999-12-31T23:59:59.999Z', '1899-12-31', '99999999999999999', '-1700000000000', '2026-11-23T10:00:00+99:00',
];
const domainValues = [
  'NPS', 'nps', 'CSAT', 'CES', 'existingbusiness', 'newbusiness', 'closedwon', 'closedlost', 'contractsent', 'renewals',
  'LOW', 'MEDIUM', 'HIGH', 'URGENT', 'urgent', '1', '4', 'green', 'Yellow', 'RED', 'positive', 'purple', 'COMPLETED',
  'NOT_STARTED', 'not_started', 'submitted', 'accepted', 'returned', 'competitor', '0', '3', '6', '7', '9', '10', '11',
  '-1', '0.4', '0.95', '50', '100', '[cs-card:renewal-save-plan]', '[cs-card:support-escalation] x',
];

export function valueArb(asOf: string): fc.Arbitrary<string | null | undefined> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(null, undefined), weight: 2 },
    { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
    { arbitrary: fc.constantFrom(...oddValues), weight: 2 },
    { arbitrary: fc.constantFrom(...domainValues), weight: 3 },
    { arbitrary: fc.integer({ min: -1000, max: 100_000 }).map(String), weight: 1 },
    { arbitrary: fc.double().map(String), weight: 1 },
    { arbitrary: dateNear(asOf), weight: 3 },
  );
}

/** Plausible values per property, so the garbage also reaches the interesting paths. */
function plausible(asOf: string): Record<string, fc.Arbitrary<string | null>> {
  const date = dateNear(asOf);
  const count = fc.integer({ min: 0, max: 120 }).map(String);
  const contactId = fc.integer({ min: 1, max: 12 }).map(String);
  return {
    notes_last_contacted: date,
    hs_csm_sentiment: fc.constantFrom('green', 'Yellow', 'RED', 'positive', 'neutral', 'negative'),
    cs_seats_active: count,
    cs_seats_licensed: count,
    cs_last_product_activity: date,
    contract_end_date: date,
    cs_handoff_status: fc.constantFrom('not_started', 'submitted', 'accepted', 'returned'),
    cs_handoff_go_live_date: date,
    cs_last_qbr_date: date,
    dealtype: fc.constantFrom('existingbusiness', 'newbusiness'),
    dealstage: fc.constantFrom('closedwon', 'closedlost', 'contractsent', 'qualifiedtobuy'),
    closedate: dateNear(asOf, -120, 200),
    amount: fc.integer({ min: 0, max: 500_000 }).map(String),
    deal_currency_code: fc.constantFrom('USD', 'EUR', 'eur'),
    hs_is_closed: fc.constantFrom('true', 'false'),
    hs_is_closed_won: fc.constantFrom('true', 'false'),
    hs_deal_stage_probability: fc.double({ min: 0, max: 1, noNaN: true }).map(String),
    hs_pipeline_stage: fc.constantFrom('1', '2', '3', '4'),
    hs_ticket_priority: fc.constantFrom('LOW', 'MEDIUM', 'HIGH', 'URGENT'),
    createdate: date,
    closed_date: fc.constant(null),
    hs_survey_type: fc.constantFrom('NPS', 'nps', 'CSAT'),
    hs_value: fc.integer({ min: 0, max: 10 }).map(String),
    hs_submission_timestamp: dateNear(asOf, -200, 5),
    hs_contact_id: contactId,
    hs_task_status: fc.constantFrom('NOT_STARTED', 'COMPLETED', 'IN_PROGRESS'),
    hs_task_body: fc.constantFrom('[cs-card:renewal-save-plan]', '[cs-card:support-escalation]', '[cs-card:qbr-schedule]', 'Call them'),
  };
}

function propertiesArb(asOf: string, names: readonly string[]): fc.Arbitrary<Record<string, string | null | undefined>> {
  const good = plausible(asOf);
  const garbage = valueArb(asOf);
  const value = (name: string) => {
    const likely = good[name];
    return likely ? fc.oneof({ arbitrary: likely, weight: 3 }, { arbitrary: garbage, weight: 1 }) : garbage;
  };
  return fc.record(Object.fromEntries(names.map((name) => [name, value(name)])), { requiredKeys: [] });
}

function recordArb(asOf: string, names: readonly string[], maxLength: number): fc.Arbitrary<CrmRecord[]> {
  const properties = propertiesArb(asOf, names);
  const id = fc.oneof(fc.integer({ min: 1, max: 40 }).map(String), fc.string({ maxLength: 4 }));
  return fc.array(fc.record({ id, properties }), { maxLength });
}

const companyProps = [
  'notes_last_contacted', 'hs_csm_sentiment', 'cs_seats_active', 'cs_seats_licensed', 'cs_last_product_activity', 'contract_end_date',
  'cs_handoff_status', 'cs_handoff_goals', 'cs_handoff_success_criteria', 'cs_handoff_champion_id', 'cs_handoff_economic_buyer_id',
  'cs_handoff_go_live_date', 'cs_last_qbr_date', 'cs_churn_reason',
];
const dealProps = ['dealname', 'dealtype', 'pipeline', 'dealstage', 'closedate', 'amount', 'deal_currency_code', 'hs_is_closed', 'hs_is_closed_won', 'hs_deal_stage_probability'];
const ticketProps = ['hs_pipeline_stage', 'hs_ticket_priority', 'createdate', 'closed_date', 'hs_is_closed'];
const feedbackProps = ['hs_survey_type', 'hs_value', 'hs_content', 'hs_submission_timestamp', 'hs_createdate', 'hs_contact_id'];
const sources: DataSource[] = ['company', 'history', 'contacts', 'deals', 'tickets', 'feedback', 'tasks'];

function historyArb(asOf: string): fc.Arbitrary<PropertyChange[]> {
  const value = fc.oneof(fc.integer({ min: 0, max: 100 }).map(String), valueArb(asOf).map((v) => v ?? null));
  const timestamp = fc.oneof({ arbitrary: dateNear(asOf), weight: 4 }, { arbitrary: fc.constantFrom(...oddValues), weight: 1 });
  return fc.array(fc.record({ value, timestamp }), { maxLength: 6 });
}

/** Mostly no failed source; sometimes one or more. */
export const issuesArb: fc.Arbitrary<SourceIssue[]> = fc.oneof(
  { arbitrary: fc.constant<SourceIssue[]>([]), weight: 3 },
  {
    arbitrary: fc.array(
      fc.record({ source: fc.constantFrom(...sources), kind: fc.constantFrom('forbidden' as const, 'unavailable' as const, 'malformed' as const), detail: fc.string({ maxLength: 30 }) }),
      { minLength: 1, maxLength: 3 },
    ),
    weight: 1,
  },
);

export function snapshotArb(asOf: string): fc.Arbitrary<CompanySnapshot> {
  return fc.record({
    company: fc.record({ id: fc.integer({ min: 1, max: 1e9 }).map(String), properties: propertiesArb(asOf, companyProps) }),
    history: fc.record({ hs_csm_sentiment: historyArb(asOf), cs_health_score: historyArb(asOf) }, { requiredKeys: [] }),
    contacts: recordArb(asOf, ['notes_last_contacted'], 8),
    deals: recordArb(asOf, dealProps, 6),
    tickets: recordArb(asOf, ticketProps, 8),
    feedback: recordArb(asOf, feedbackProps, 12),
    tasks: recordArb(asOf, ['hs_task_status', 'hs_task_body'], 4),
    issues: issuesArb,
  });
}

/** Valid configurations: random weights summing to 100, bands, coverage and rule switches. */
export const configArb: fc.Arbitrary<CsConfig> = fc
  .record({
    cuts: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 5, maxLength: 5 }),
    attentionMin: fc.integer({ min: 1, max: 98 }),
    gap: fc.integer({ min: 1, max: 50 }),
    minCoverage: fc.double({ min: 0, max: 1, noNaN: true }),
    rules: fc.array(fc.boolean(), { minLength: actionRuleIds.length, maxLength: actionRuleIds.length }),
  })
  .map(({ cuts, attentionMin, gap, minCoverage, rules }) => {
    const points = [0, ...cuts.sort((a, b) => a - b), 100];
    const [nps, support, engagement, adoption, renewal, sentiment] = points.slice(1).map((p, i) => p - (points[i] ?? 0));
    return csConfigSchema.parse({
      health: {
        weights: { nps, support, engagement, adoption, renewal, sentiment },
        bands: { attentionMin, healthyMin: Math.min(100, attentionMin + gap) },
        minCoverage,
      },
      playbooks: { rules: Object.fromEntries(actionRuleIds.map((id, i) => [id, rules[i] ?? true])) },
    });
  });
