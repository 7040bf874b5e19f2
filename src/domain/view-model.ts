import { z } from 'zod';
import { messageSchema } from './message.ts';

// The card view model of DESIGN.md ("Card view model"). Fields may be added; none removed.
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const healthBandSchema = z.enum(['healthy', 'attention', 'at_risk', 'unknown', 'churned']);
export const factorStatusSchema = z.enum(['ok', 'no_data', 'stale', 'error']);
export const renewalWindowSchema = z.enum(['overdue', 'd30', 'd60', 'd90', 'later']);
export const prioritySchema = z.enum(['high', 'medium', 'low']);
export const handoffStatusSchema = z.enum(['not_started', 'submitted', 'accepted', 'returned']);

export const lifecycleStageSchema = z.enum(['prospect', 'onboarding', 'active', 'renewing', 'churned']);
export const renewalStatusSchema = z.enum(['open', 'renewed', 'lost', 'none']);

export const handoffPhaseSchema = z.enum(['not_started', 'draft', 'submitted', 'accepted', 'returned']);

// The handoff section's data beyond DESIGN.md's minimum (status, completeness, missing): optional
// in the schema so a view from an older backend still parses; buildCardView always fills them.
const handoffDetailShape = {
  phase: handoffPhaseSchema,
  /** The missing required fields as form field keys (goals, championId, …); a configured field not on the form keeps its label. */
  missingFields: z.array(z.string()),
  /** The required fields, as form field keys (a configured field not on the form keeps its label). */
  requiredFields: z.array(z.string()),
  /** cs_handoff_version: a change must name the version it was made from. */
  version: z.number().int().min(0),
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
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnComment: z.string().nullable(),
  csmOwnerId: z.string().nullable(),
  canEdit: z.boolean(),
  canSubmit: z.boolean(),
  canAccept: z.boolean(),
  canReturn: z.boolean(),
  contacts: z.array(z.object({ id: z.string(), label: z.string() })),
  /** Contacts not offered (the form offers the most recently engaged; domain/handoff.ts contactChoiceLimit). */
  contactsLeftOut: z.number().int().nonnegative(),
};

/** Why a renewal was lost: the codes the churn-reason form offers (labels are in the catalog). */
export const churnReasons = ['competitor', 'value_not_realised', 'budget', 'out_of_business_or_ma', 'product_gap', 'other'] as const;
export type ChurnReason = (typeof churnReasons)[number];

export const churnViewSchema = z.object({
  /** A renewal was lost and no churn reason is recorded: the card asks for it. */
  needed: z.boolean(),
  lostDeal: z.object({ id: z.string(), name: z.string().nullable(), closeDate: isoDate.nullable() }).nullable(),
  reason: z.string().nullable(),
  comment: z.string().nullable(),
  recordedAt: z.string().nullable(),
  reasons: z.array(z.string()),
  /** What the form starts with while a reason is needed: prefilled from the lost deal's closed_lost_reason (the CSM may change it). */
  suggestion: z.object({ reason: z.enum(churnReasons).nullable(), comment: z.string() }).nullable(),
});

export const factorViewSchema = z.object({
  key: z.string(),
  label: z.string(),
  score: z.number().int().min(0).max(100).nullable(),
  weight: z.number().min(0).max(100),
  /**
   * The points this factor can give the score after re-normalisation over the factors with data
   * (and, for NPS, scaled by the number of respondents): 0 when excluded; contribution <= it.
   */
  effectiveWeight: z.number().min(0).max(100).optional(),
  contribution: z.number().nullable(),
  /** Points this factor costs against a perfect score (its share of 100 less its contribution); null when not counted. */
  pointsLost: z.number().min(0).nullable().optional(),
  /** The factor's own score read against the health bands (a factor at 0 is at_risk, not OK); null without a score. */
  band: healthBandSchema.nullable().optional(),
  status: factorStatusSchema,
  explanation: z.string(),
  /** The explanation as a catalog message (the English `explanation` stays for compatibility). */
  explanationMessage: messageSchema.optional(),
});

export const actionViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  reason: z.string(),
  priority: prioritySchema,
  dueInDays: z.number().int().min(0),
  alreadyTasked: z.boolean(),
  /** Title and reason as catalog messages (the English `title` / `reason` stay for compatibility). */
  titleMessage: messageSchema.optional(),
  reasonMessage: messageSchema.optional(),
});

export const cardViewSchema = z.object({
  companyId: z.string().regex(/^\d+$/),
  asOf: isoDate,
  generatedAt: z.string(),
  health: z.object({
    score: z.number().int().min(0).max(100).nullable(),
    band: healthBandSchema,
    trend30d: z.number().nullable(),
    coverage: z.number().min(0).max(1),
    factors: z.array(factorViewSchema),
    history: z.array(z.object({ date: isoDate, score: z.number() })).optional(),
    /**
     * Which factors moved the score since about 30 days ago (from the history of cs_health_factors):
     * the factors whose score moved by at least `threshold` points, largest move first; null
     * when there is no factor history that old yet.
     */
    factorChanges: z
      .object({
        since: isoDate,
        threshold: z.number().int().positive(),
        changes: z.array(z.object({ key: z.string(), from: z.number().int().nullable(), to: z.number().int().nullable() })),
      })
      .nullable()
      .optional(),
  }),
  renewal: z.object({
    date: isoDate.nullable(),
    daysToRenewal: z.number().int().nullable(),
    window: renewalWindowSchema.nullable(),
    amount: z.number().nullable(),
    currency: z.string().nullable(),
    dealId: z.string().nullable(),
    stage: z.string().nullable(),
    /** The stage's label (and its pipeline's) as HubSpot shows them, from the pipelines API; null when unknown. */
    stageLabel: z.string().nullable().optional(),
    pipelineLabel: z.string().nullable().optional(),
    
    /** contract_term: estimated from the last won contract deal + its term (a won renewal rolled the contract forward). */
    source: z.enum(['renewal_deal', 'company_property', 'contract_term']).nullable(),
    /** The renewal deal's own amount and currency, when it is written in another currency than the home one `amount` is in. */
    dealAmount: z.number().nullable().optional(),
    dealCurrency: z.string().optional(),
    status: renewalStatusSchema,
    lastOutcome: z.object({ result: z.enum(['won', 'lost']), date: isoDate, dealId: z.string() }).nullable(),
    staleDeals: z.array(z.object({ dealId: z.string(), closeDate: isoDate })),
    /** The contract ended and no open renewal deal is on record. */
    lapsed: z.boolean().optional(),
    /** The customer's value so far (customer-value.ts): first won contract day and won revenue to date in the home currency. */
    customerSince: isoDate.nullable().optional(),
    lifetimeRevenue: z.number().nullable().optional(),
    /** The home currency lifetimeRevenue is in. */
    lifetimeRevenueCurrency: z.string().optional(),
  }),
  nps: z.object({
    score: z.number().nullable(),
    responses: z.number().int().min(0),
    promoters: z.number().int().min(0),
    passives: z.number().int().min(0),
    detractors: z.number().int().min(0),
    windowDays: z.number().int().positive(),
    lowSample: z.boolean(),
    latest: z
      .object({
        value: z.number().int().min(0).max(10),
        comment: z.string().nullable(),
        submittedAt: z.string(),
        contactId: z.string().nullable(),
      })
      .nullable(),
  }),
  support: z.object({
    openTickets: z.number().int().min(0),
    openHighPriority: z.number().int().min(0),
    oldestOpenDays: z.number().int().min(0).nullable(),
  }),
  actions: z.array(actionViewSchema),
  handoff: z.object({
    status: handoffStatusSchema,
    completeness: z.number().min(0).max(1),
    missing: z.array(z.string()),
    ...z.object(handoffDetailShape).partial().shape,
  }),
  churn: churnViewSchema.optional(),
  warnings: z.array(z.string()),
  /** The warnings as catalog messages, in the same order as `warnings`. */
  warningMessages: z.array(messageSchema).optional(),
  lifecycle: z.object({ stage: lifecycleStageSchema, since: isoDate.nullable() }),
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
export type HandoffDetailView = CardView['handoff'] & z.infer<z.ZodObject<typeof handoffDetailShape>>;
export type HandoffFields = HandoffDetailView['fields'];
export type HandoffFieldKey = keyof HandoffFields;
export type ContactOption = HandoffDetailView['contacts'][number];
export type LifecycleStage = z.infer<typeof lifecycleStageSchema>;
export type RenewalStatus = z.infer<typeof renewalStatusSchema>;
