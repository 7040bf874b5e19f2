import * as z from 'zod/mini';
import { churnReasons } from './churn.ts';
import { isoDaySchema } from './days.ts';
import { messageSchema } from './message.ts';

// The card view model of DESIGN.md ("Card view model"), GET /api/companies/:id/card: the backend
// validates what it sends with it, the card parses what it receives with it. Fields may be added; none removed.
const isoDate = isoDaySchema;
/** A whole number from `min` (and up to `max`). */
const int = (min?: number, max?: number) => z.int().check(...(min === undefined ? [] : [z.minimum(min)]), ...(max === undefined ? [] : [z.maximum(max)]));
const between = (min: number, max: number) => z.number().check(z.minimum(min), z.maximum(max));
const score = z.nullable(int(0, 100));

export const healthBandSchema = z.enum(['healthy', 'attention', 'at_risk', 'unknown', 'churned']);
export const factorStatusSchema = z.enum(['ok', 'no_data', 'stale', 'error']);
export const renewalWindowSchema = z.enum(['overdue', 'd30', 'd60', 'd90', 'later']);
export const prioritySchema = z.enum(['high', 'medium', 'low']);
export const handoffStatusSchema = z.enum(['not_started', 'submitted', 'accepted', 'returned']);

export const lifecycleStageSchema = z.enum(['prospect', 'onboarding', 'active', 'renewing', 'churned']);
export const renewalStatusSchema = z.enum(['open', 'renewed', 'lost', 'none']);

export const handoffPhaseSchema = z.enum(['not_started', 'draft', 'submitted', 'accepted', 'returned']);

// The handoff section's data beyond DESIGN.md's minimum (status, completeness, missing), which
// buildCardView always fills (no backend without it ever shipped).
const handoffDetailShape = {
  phase: handoffPhaseSchema,
  /** The missing required fields as form field keys (goals, championId, …); a configured field not on the form keeps its label. */
  missingFields: z.array(z.string()),
  /** The required fields, as form field keys (a configured field not on the form keeps its label). */
  requiredFields: z.array(z.string()),
  /** cs_handoff_version: a change must name the version it was made from. */
  version: int(0),
  fields: z.object({
    goals: z.string(),
    successCriteria: z.string(),
    championId: z.string(),
    economicBuyerId: z.string(),
    promisedScope: z.string(),
    specialTerms: z.string(),
    risks: z.string(),
    goLiveDate: z.string(),
  }),
  submittedAt: z.nullable(z.string()),
  acceptedAt: z.nullable(z.string()),
  returnedAt: z.nullable(z.string()),
  returnComment: z.nullable(z.string()),
  csmOwnerId: z.nullable(z.string()),
  canEdit: z.boolean(),
  canSubmit: z.boolean(),
  canAccept: z.boolean(),
  canReturn: z.boolean(),
  contacts: z.array(z.object({ id: z.string(), label: z.string() })),
  /** Contacts not offered (the form offers the most recently engaged; domain/handoff.ts contactChoiceLimit). */
  contactsLeftOut: int(0),
};
const handoffDetailSchema = z.object(handoffDetailShape);

export const churnViewSchema = z.object({
  /** A renewal was lost and no churn reason is recorded: the card asks for it. */
  needed: z.boolean(),
  lostDeal: z.nullable(z.object({ id: z.string(), name: z.nullable(z.string()), closeDate: z.nullable(isoDate) })),
  reason: z.nullable(z.string()),
  comment: z.nullable(z.string()),
  recordedAt: z.nullable(z.string()),
  reasons: z.array(z.string()),
  /** What the form starts with while a reason is needed: prefilled from the lost deal's closed_lost_reason (the CSM may change it). */
  suggestion: z.nullable(z.object({ reason: z.nullable(z.enum(churnReasons)), comment: z.string() })),
});

export const factorViewSchema = z.object({
  key: z.string(),
  label: z.string(),
  score: score,
  weight: between(0, 100),
  /**
   * The points this factor can give the score after re-normalisation over the factors with data
   * (and, for NPS, scaled by the number of respondents): 0 when excluded; contribution <= it.
   */
  effectiveWeight: z.optional(between(0, 100)),
  contribution: z.nullable(z.number()),
  /** Points this factor costs against a perfect score (its share of 100 less its contribution); null when not counted. */
  pointsLost: z.optional(z.nullable(z.number().check(z.minimum(0)))),
  /** The factor's own score read against the health bands (a factor at 0 is at_risk, not OK); null without a score. */
  band: z.optional(z.nullable(healthBandSchema)),
  status: factorStatusSchema,
  explanation: z.string(),
  /** The explanation as a catalog message (the English `explanation` stays for compatibility). */
  explanationMessage: z.optional(messageSchema),
});

export const actionViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  reason: z.string(),
  priority: prioritySchema,
  dueInDays: int(0),
  alreadyTasked: z.boolean(),
  /** Title and reason as catalog messages (the English `title` / `reason` stay for compatibility). */
  titleMessage: z.optional(messageSchema),
  reasonMessage: z.optional(messageSchema),
});

export const cardViewSchema = z.object({
  companyId: z.string().check(z.regex(/^\d+$/)),
  asOf: isoDate,
  generatedAt: z.string(),
  health: z.object({
    score: score,
    band: healthBandSchema,
    trend30d: z.nullable(z.number()),
    coverage: between(0, 1),
    factors: z.array(factorViewSchema),
    history: z.optional(z.array(z.object({ date: isoDate, score: z.number() }))),
    /**
     * Which factors moved the score since about 30 days ago (from the history of cs_health_factors):
     * the factors whose score moved by at least `threshold` points, largest move first; null
     * when there is no factor history that old yet.
     */
    factorChanges: z.optional(
      z.nullable(
        z.object({
          since: isoDate,
          threshold: int(1),
          changes: z.array(z.object({ key: z.string(), from: z.nullable(z.int()), to: z.nullable(z.int()) })),
        }),
      ),
    ),
  }),
  renewal: z.object({
    date: z.nullable(isoDate),
    daysToRenewal: z.nullable(z.int()),
    window: z.nullable(renewalWindowSchema),
    amount: z.nullable(z.number()),
    currency: z.nullable(z.string()),
    dealId: z.nullable(z.string()),
    stage: z.nullable(z.string()),
    /** The stage's label (and its pipeline's) as HubSpot shows them, from the pipelines API; null when unknown. */
    stageLabel: z.optional(z.nullable(z.string())),
    pipelineLabel: z.optional(z.nullable(z.string())),
    
    /** contract_term: estimated from the contract's end and term (the won contract deals + the term, or the contract end property rolled forward by a won renewal), not a day any record names. */
    source: z.nullable(z.enum(['renewal_deal', 'company_property', 'contract_term'])),
    /** The renewal deal's own amount and currency, when it is written in another currency than the home one `amount` is in. */
    dealAmount: z.optional(z.nullable(z.number())),
    dealCurrency: z.optional(z.string()),
    status: renewalStatusSchema,
    lastOutcome: z.nullable(z.object({ result: z.enum(['won', 'lost']), date: isoDate, dealId: z.string() })),
    staleDeals: z.array(z.object({ dealId: z.string(), closeDate: isoDate })),
    /** The contract ended and no open renewal deal is on record. */
    lapsed: z.optional(z.boolean()),
    /** The customer's value so far (customer-value.ts): first won contract day and won revenue to date in the home currency. */
    customerSince: z.optional(z.nullable(isoDate)),
    lifetimeRevenue: z.optional(z.nullable(z.number())),
    /** The home currency lifetimeRevenue is in. */
    lifetimeRevenueCurrency: z.optional(z.string()),
  }),
  nps: z.object({
    score: z.nullable(z.number()),
    responses: int(0),
    promoters: int(0),
    passives: int(0),
    detractors: int(0),
    windowDays: int(1),
    lowSample: z.boolean(),
    latest: z.nullable(
      z.object({
        value: int(0, 10),
        comment: z.nullable(z.string()),
        submittedAt: z.string(),
        contactId: z.nullable(z.string()),
      }),
    ),
  }),
  support: z.object({
    openTickets: int(0),
    openHighPriority: int(0),
    oldestOpenDays: z.nullable(int(0)),
  }),
  actions: z.array(actionViewSchema),
  handoff: z.object({
    status: handoffStatusSchema,
    completeness: between(0, 1),
    missing: z.array(z.string()),
    ...handoffDetailSchema.shape,
  }),
  churn: z.optional(churnViewSchema),
  /** What a past as-of day left out (domain/card/later-data.ts): present only when something was dated after it. */
  leftOut: z.optional(
    z.object({
      created: z.object({ contacts: int(0), deals: int(0), tickets: int(0), answers: int(0), tasks: int(0) }),
      closed: z.object({ deals: int(0), tickets: int(0), tasks: int(0) }),
      changes: int(0),
      count: int(0),
      latest: z.nullable(isoDate),
    }),
  ),
  warnings: z.array(z.string()),
  /** The warnings as catalog messages, in the same order as `warnings`. */
  warningMessages: z.optional(z.array(messageSchema)),
  lifecycle: z.object({ stage: lifecycleStageSchema, since: z.nullable(isoDate) }),
});

export type CardView = z.infer<typeof cardViewSchema>;
export type HealthBand = z.infer<typeof healthBandSchema>;
export type FactorStatus = z.infer<typeof factorStatusSchema>;
export type FactorView = z.infer<typeof factorViewSchema>;
export type RenewalWindow = z.infer<typeof renewalWindowSchema>;
export type Priority = z.infer<typeof prioritySchema>;
export type ActionView = z.infer<typeof actionViewSchema>;
export type HandoffStatus = z.infer<typeof handoffStatusSchema>;
export type HandoffPhase = z.infer<typeof handoffPhaseSchema>;
export type ChurnView = z.infer<typeof churnViewSchema>;
/** The handoff section's full data, as the backend sends it (every detail field present). */
export type HandoffDetailView = CardView['handoff'] & z.infer<typeof handoffDetailSchema>;
export type HandoffFields = HandoffDetailView['fields'];
export type HandoffFieldKey = keyof HandoffFields;
export type ContactOption = HandoffDetailView['contacts'][number];
export type LifecycleStage = z.infer<typeof lifecycleStageSchema>;
export type RenewalStatus = z.infer<typeof renewalStatusSchema>;
