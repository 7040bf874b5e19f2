// The names of the company properties the product owns or reads by default (the `cs_`
// namespace): the one home of these strings. Their definitions (labels, types, options) are
// properties.ts; the handoff's and the churn reason's fields are grouped as their modules use them.
// A leaf module (it imports nothing), so the configuration's defaults and every rule can use it.

export const csProperty = {
  // What sync writes (domain/sync/written-values.ts).
  healthScore: 'cs_health_score',
  healthBand: 'cs_health_band',
  healthTrend30d: 'cs_health_trend_30d',
  healthUpdatedAt: 'cs_health_updated_at',
  healthDrivers: 'cs_health_drivers',
  healthFactors: 'cs_health_factors',
  renewalDate: 'cs_renewal_date',
  renewalAmount: 'cs_renewal_amount',
  customerSince: 'cs_customer_since',
  lifetimeRevenue: 'cs_lifetime_revenue',
  companyNps: 'cs_company_nps',
  npsResponses: 'cs_nps_responses',
  nextAction: 'cs_next_action',
  handoffStatus: 'cs_handoff_status',
  lifecycleStage: 'cs_lifecycle_stage',
  lifecycleSince: 'cs_lifecycle_since',
  // What the card edits: the churn reason (the handoff's fields are handoffFieldProperties).
  churnReason: 'cs_churn_reason',
  // Inputs other integrations feed (the configuration's defaults).
  seatsActive: 'cs_seats_active',
  seatsLicensed: 'cs_seats_licensed',
  lastProductActivity: 'cs_last_product_activity',
  lastQbrDate: 'cs_last_qbr_date',
} as const;

/** The handoff form's fields and the company property each is stored in. */
export const handoffFieldProperties = {
  goals: 'cs_handoff_goals',
  successCriteria: 'cs_handoff_success_criteria',
  championId: 'cs_handoff_champion_id',
  economicBuyerId: 'cs_handoff_economic_buyer_id',
  promisedScope: 'cs_handoff_promises',
  specialTerms: 'cs_handoff_special_terms',
  risks: 'cs_handoff_risks',
  goLiveDate: 'cs_handoff_go_live_date',
} as const;

export type HandoffFieldKey = keyof typeof handoffFieldProperties;

/** The handoff's bookkeeping properties, besides the configured status property. */
export const handoffStateProperties = {
  version: 'cs_handoff_version',
  submittedAt: 'cs_handoff_submitted_at',
  acceptedAt: 'cs_handoff_accepted_at',
  returnedAt: 'cs_handoff_returned_at',
  returnComment: 'cs_handoff_return_comment',
  /** The last change applied, `action:baseVersion:fingerprint`: a retried request is recognised by it. */
  lastChange: 'cs_handoff_last_change',
} as const;

/** The churn reason's bookkeeping properties, besides the configured reason property. */
export const churnStateProperties = {
  comment: 'cs_churn_reason_comment',
  recordedAt: 'cs_churn_recorded_at',
} as const;
