import { z } from 'zod';
import { isTimeZone } from '../domain/parsing/index.ts';
import { handoffFieldLabels, handoffFieldProperties, type HandoffFieldKey } from '../domain/handoff/handoff.ts';
import { csProperty } from '../domain/property-names.ts';
import { ConfigError, describeIssue } from './config-errors.ts';
import { catalogLocales } from '../app/cards/i18n/catalog-locale.ts';

export { ConfigError } from './config-errors.ts';

// The product's configuration (cs-card.config.json). Every field has a default, so
// `csConfigSchema.parse({})` is the full default configuration and a user's file only
// names what it changes. Objects are strict: a misspelt key is an error, not a silent no-op.
// A rule's error is a catalog key (config.rule.*, its numbers in the issue's params): config-errors.ts words it.

/** Suggested-action rules (DESIGN.md "Suggested actions"); each id is stable and can be switched off. */
export const actionRuleIds = [
  'renewal-overdue',
  'renewal-save-plan',
  'renewal-call',
  'renewal-checkpoint',
  'nps-close-loop',
  'nps-referral',
  'engagement-check-in',
  'adoption-training',
  'adoption-expansion',
  'support-escalation',
  'handoff-complete',
  'churn-reason',
  'qbr-schedule',
  'renewal-lapsed',
  'renewal-stale-deal',
  'at-risk-success-plan',
  'health-drop',
  'nps-ask-feedback',
  'handoff-accept',
  'onboarding-go-live-check',
  'churn-exit-interview',
] as const;
export type ActionRuleId = (typeof actionRuleIds)[number];

/** The languages the app can write into HubSpot in: the message catalog's. */
export { catalogLocales as portalLanguages, type CatalogLocale as PortalLanguage } from '../app/cards/i18n/catalog-locale.ts';

const factorKeys = ['nps', 'support', 'engagement', 'adoption', 'renewal', 'sentiment'] as const;
export type FactorKey = (typeof factorKeys)[number];

const days = z.number().int().min(0).max(3650);
const positiveDays = z.number().int().min(1).max(3650);
const share = z.number().min(0).max(1);
const propertyName = z
  .string()
  .regex(/^[a-z0-9_]+$/i, { error: 'config.rule.propertyName' });
const nonEmptyText = z.string().trim().min(1, { error: 'config.rule.nonEmpty' });

const weightsSchema = z
  .strictObject({
    nps: z.number().min(0).max(100).default(20),
    support: z.number().min(0).max(100).default(20),
    engagement: z.number().min(0).max(100).default(20),
    adoption: z.number().min(0).max(100).default(20),
    renewal: z.number().min(0).max(100).default(10),
    sentiment: z.number().min(0).max(100).default(10),
  })
  .prefault({})
  .check((ctx) => {
    const sum = factorKeys.reduce((total, key) => total + ctx.value[key], 0);
    if (Math.abs(sum - 100) > 1e-9) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: 'config.rule.weightsSum', params: { sum: Number(sum.toFixed(6)) } });
    }
  });

const bandsSchema = z
  .strictObject({
    /** Scores at or above this are healthy. */
    healthyMin: z.number().int().min(1).max(100).default(76),
    /** Scores at or above this (and below healthyMin) need attention; below it they are at risk. */
    attentionMin: z.number().int().min(1).max(100).default(51),
  })
  .prefault({})
  .check((ctx) => {
    if (ctx.value.attentionMin >= ctx.value.healthyMin) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: 'config.rule.bandsOrder', params: { attentionMin: ctx.value.attentionMin, healthyMin: ctx.value.healthyMin } });
    }
  });

function ordered<T extends Record<string, unknown>>(lowKey: keyof T & string, highKey: keyof T & string) {
  return (ctx: { value: T; issues: z.core.$ZodRawIssue[] }) => {
    const low = ctx.value[lowKey];
    const high = ctx.value[highKey];
    if (typeof low === 'number' && typeof high === 'number' && low >= high) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: 'config.rule.ordered', params: { lowKey, low, highKey, high } });
    }
  };
}

const fieldSchema = z.strictObject({
  property: propertyName,
  label: nonEmptyText,
  /** A date field only counts as filled when it holds a real date. */
  kind: z.enum(['text', 'date']).default('text'),
});

/** A default handoff field: one of the card's form fields, its property and label as the form has them. */
function formField(key: HandoffFieldKey, kind: 'text' | 'date'): z.output<typeof fieldSchema> {
  return { property: handoffFieldProperties[key], label: handoffFieldLabels[key], kind };
}

export const csConfigSchema = z.strictObject({
  /**
   * The portal's time zone (IANA): every calendar day is a day there. The shells read it from the
   * portal's account details at start (GET /account-info/v3/details), so set it only for a portal
   * whose details cannot be read.
   */
  timeZone: z
    .string()
    .refine(isTimeZone, { error: 'config.rule.timeZone' })
    .default('UTC'),
  /** The portal's home currency (read from its account details at start, like timeZone); amounts and totals are in it. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: 'config.rule.currency' })
    .default('USD'),
  /** The language of what the app writes into HubSpot for everyone (drivers, next action, notes, list names); each user's screens follow their own locale. */
  portalLanguage: z.enum(catalogLocales).default('en'),
  sync: z
    .strictObject({
      /** Companies in these lifecycle stages get a health score written back. */
      lifecycleStages: z.array(nonEmptyText).min(1).default(['customer']),
    })
    .prefault({}),
  lifecycle: z
    .strictObject({
      /** lifecyclestage values before customer: such a company with no won contract deal is a prospect (not scored, no CS actions). */
      prospectStages: z.array(nonEmptyText).default(['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity']),
      /** New business won this recently is onboarding. */
      onboardingDays: positiveDays.default(90),
    })
    .prefault({}),
  health: z
    .strictObject({
      weights: weightsSchema,
      bands: bandsSchema,
      /** Below this share of weight with data the score is null and the band unknown. */
      minCoverage: share.default(0.5),
      trendDays: positiveDays.default(30),
      /** The card's "what changed": a factor whose score moved this many points or more since trendDays ago. */
      factorChangePoints: z.number().int().min(1).max(100).default(10),
      /** How far back the score chart reaches. */
      historyDays: positiveDays.default(180),
    })
    .prefault({}),
  nps: z
    .strictObject({
      windowDays: positiveDays.default(180),
      /** Fewer responses than this is a low sample. */
      lowSampleBelow: z.number().int().min(1).max(1000).default(5),
      /** hs_survey_type values that count as NPS (case-insensitive). */
      surveyTypes: z.array(nonEmptyText).min(1).default(['NPS']),
    })
    .prefault({}),
  renewal: z
    .strictObject({
      /** Deals of these dealtype values are always renewals (say, a portal's own "renewal" type). */
      dealTypes: z.array(nonEmptyText).default([]),
      /** Deals in these pipelines (ids) are renewals, whatever their type. */
      pipelines: z.array(nonEmptyText).default([]),
      /**
       * Deals of these dealtype values are renewals when they close within
       * contractEndDistanceDays of the contract's end, and expansion (upsell, cross-sell) otherwise:
       * HubSpot's plain existing-business type serves both.
       */
      existingBusinessDealTypes: z.array(nonEmptyText).default(['existingbusiness']),
      contractEndDistanceDays: days.default(60),
      /** Contract length when a won contract deal has no term of its own. */
      contractTermMonths: z.number().int().min(1).max(120).default(12),
      /** Deal number property holding the contract term in months (a deal's amount over that term is annualised in the period report). */
      contractTermProperty: propertyName.default('contract_term_months'),
      /** An open renewal deal this many days past its close date, while another open renewal exists, is stale. */
      staleOpenDealDays: positiveDays.default(30),
      wonStages: z.array(nonEmptyText).default(['closedwon']),
      lostStages: z.array(nonEmptyText).default(['closedlost']),
      /** Company date property used when there is no open renewal deal. */
      companyDateProperty: propertyName.nullable().default('contract_end_date'),
      /** Company number property holding the renewal value for that fallback (none by default). */
      companyAmountProperty: propertyName.nullable().default(null),
      /** An open renewal this close (or overdue) puts the customer in the renewing stage. */
      horizonDays: positiveDays.default(90),
    })
    .prefault({}),
  support: z
    .strictObject({
      /** hs_pipeline_stage ids that mean closed (the default pipeline closes in stage 4). */
      closedStages: z.array(nonEmptyText).default(['4']),
      /** Points an open ticket takes off the support score, by hs_ticket_priority. */
      priorityWeights: z
        .strictObject({
          LOW: z.number().min(0).max(100).default(3),
          MEDIUM: z.number().min(0).max(100).default(6),
          HIGH: z.number().min(0).max(100).default(12),
          URGENT: z.number().min(0).max(100).default(25),
        })
        .prefault({})
        .check(ordered('LOW', 'URGENT')),
      /** Each ageStepDays of age adds ageStepFactor x the priority points, up to ageCapDays. */
      ageStepDays: positiveDays.default(30),
      ageStepFactor: z.number().min(0).max(10).default(0.5),
      ageCapDays: days.default(90),
    })
    .prefault({}),
  engagement: z
    .strictObject({
      /** A CSM touch this recent scores 100 ... */
      touchFullScoreDays: days.default(14),
      /** ... and one this old (or older) scores 0. */
      touchZeroScoreDays: positiveDays.default(90),
      /** A contact touched within this many days is engaged. */
      engagedWithinDays: positiveDays.default(90),
      /** Share of the factor from the company touch; the rest from engaged contacts. */
      touchShare: share.default(0.6),
    })
    .prefault({})
    .check(ordered('touchFullScoreDays', 'touchZeroScoreDays')),
  adoption: z
    .strictObject({
      seatsActiveProperty: propertyName.default(csProperty.seatsActive),
      seatsLicensedProperty: propertyName.default(csProperty.seatsLicensed),
      lastActivityProperty: propertyName.default(csProperty.lastProductActivity),
      /** Seat utilisation at or above this scores 100. */
      targetUtilisation: z.number().gt(0).max(1).default(0.8),
      activityFullScoreDays: days.default(7),
      activityZeroScoreDays: positiveDays.default(60),
    })
    .prefault({})
    .check(ordered('activityFullScoreDays', 'activityZeroScoreDays')),
  sentiment: z
    .strictObject({
      property: propertyName.default('hs_csm_sentiment'),
      /** Property value (case-insensitive) -> factor score. */
      values: z
        .record(z.string(), z.number().int().min(0).max(100))
        .default({ positive: 100, green: 100, neutral: 50, yellow: 50, negative: 0, red: 0 }),
      /** A sentiment not updated for longer than this is stale and not counted. */
      staleDays: positiveDays.default(90),
      labels: z.record(z.string(), z.string()).optional(), // stored value -> HubSpot's label: the portal's, folded in by portal/portal-settings.ts
    })
    .prefault({}),
  handoff: z
    .strictObject({
      statusProperty: propertyName.default(csProperty.handoffStatus),
      // The form's fields, named as the form names them (domain/handoff/handoff.ts).
      requiredFields: z.array(fieldSchema).default([
        formField('goals', 'text'),
        formField('successCriteria', 'text'),
        formField('championId', 'text'),
        formField('economicBuyerId', 'text'),
        formField('goLiveDate', 'date'),
      ]),
      optionalFields: z.array(fieldSchema).default([formField('promisedScope', 'text'), formField('specialTerms', 'text'), formField('risks', 'text')]),
      /** Deals of these dealtype values start a handoff when won. */
      newBusinessDealTypes: z.array(nonEmptyText).default(['newbusiness']),
      /** Company property holding the CSM's owner id; the company owner (hubspot_owner_id) when null or empty. */
      csOwnerProperty: propertyName.nullable().default(null),
      /** The onboarding kickoff task is due this many days after CS accepts the handoff. */
      kickoffDueDays: days.default(5),
    })
    .prefault({}),
  playbooks: z
    .strictObject({
      rules: z
        .strictObject(Object.fromEntries(actionRuleIds.map((id) => [id, z.boolean().default(true)])) as Record<ActionRuleId, z.ZodDefault<z.ZodBoolean>>)
        .prefault({}),
      noTouchDays: positiveDays.default(45),
      lowUtilisation: share.default(0.5),
      fullUtilisation: share.default(0.95),
      oldTicketDays: positiveDays.default(30),
      qbrDays: positiveDays.default(90),
      qbrProperty: propertyName.default(csProperty.lastQbrDate),
      /** Detractor / promoter answers this recent get a follow-up action. */
      npsFollowUpDays: positiveDays.default(30),
      /** A fall of the 30-day trend by at least this many points is an action. */
      sharpDropPoints: z.number().int().min(1).max(100).default(15),
      /** A new-business deal won this recently still needs its handoff. */
      handoffLookbackDays: positiveDays.default(90),
      /** A renewal lost this recently needs its churn reason. */
      lostRenewalLookbackDays: positiveDays.default(365),
      churnReasonProperty: propertyName.default(csProperty.churnReason),
    })
    .prefault({})
    .check(ordered('lowUtilisation', 'fullUtilisation')),
});

export type CsConfig = z.infer<typeof csConfigSchema>;

export const defaultConfig: CsConfig = csConfigSchema.parse({});

export function parseConfig(raw: unknown, source = 'configuration'): CsConfig {
  const result = csConfigSchema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  throw new ConfigError(source, result.error.issues.map((issue) => describeIssue(issue, defaultConfig)));
}
