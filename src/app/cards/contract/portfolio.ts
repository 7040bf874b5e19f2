import * as z from 'zod/mini';
import { messageSchema } from './message.ts';
import { healthBandSchema } from './view-model.ts';

// GET /api/portfolio[?owner=<owner id>|none][&asOf=YYYY-MM-DD]: the managers' app page
// (src/app/pages/). The backend builds its answer typed by this schema (usecases/portfolio-book.ts),
// the page parses what it receives with it. Amounts are never added across currencies: each
// total is a list of { currency, amount }. Rates are fractions (0.925 = 92.5%), null when
// their denominator is 0 (domain/portfolio/period-report.ts says how each is computed).

const list = <T extends z.core.$ZodType>(item: T) => z.readonly(z.array(item));
const count = z.int().check(z.minimum(0));
const rate = z.nullable(z.number());

const moneySchema = z.object({ currency: z.string(), amount: z.number() });

export const portfolioOverviewSchema = z.object({
  asOf: z.string(),
  horizonDays: count,
  /** Customers not churned. */
  customers: count,
  arr: list(moneySchema),
  /** Customers whose ARR in force rests on the contract a renewal deal implies (open, or lost and followed by another renewal deal), no decided contract deal before it (domain/portfolio/contract-in-force.ts). */
  arrInferred: count,
  /** Customers whose contract ended with no renewal deal on record (the card's renewal.lapsed), still counted in force (domain/portfolio/portfolio-book.ts), and their ARR. */
  lapsed: z.optional(count),
  arrLapsed: z.optional(list(moneySchema)),
  /** Customers whose ARR is not known (portfolio-book.ts BookCompany.arrUnknown): left out of every ARR total, never counted as 0. */
  arrUnknown: z.optional(count),
  /** Customers and ARR in force per health band, churned last; arrUnknown: the band's customers whose ARR is not known (not in its arr). */
  bands: list(z.object({ band: healthBandSchema, customers: count, arr: list(moneySchema), arrUnknown: z.optional(count) })),
  /** The most valuable renewals within the horizon whose health is at risk or needs attention (at most pageListLimit). */
  renewalsAtRisk: list(
    z.object({
      companyId: z.string(),
      name: z.string(),
      band: healthBandSchema,
      score: z.nullable(z.number()),
      renewalDate: z.string(),
      /** Negative when overdue. */
      daysToRenewal: z.int(),
      /** The renewal amount sync wrote (cs_renewal_amount: the open renewal deal's, else the contract's), else the ARR in force; null when neither is known. */
      amount: z.nullable(z.number()),
      currency: z.nullable(z.string()),
      /** Which of the two the amount is: 'arr' when no renewal amount was written (absent when the amount is null, and from backends before it). */
      amountSource: z.optional(z.enum(['renewal', 'arr'])),
      /** The contract ended with no renewal deal on record (the card's renewal.lapsed): the date is its end, no renewal is in motion. */
      lapsed: z.optional(z.boolean()),
    }),
  ),
  /** The renewals at risk's amounts (each its renewal amount, else its ARR in force), per currency. */
  arrAtRisk: list(moneySchema),
  /** Of all the renewals at risk: how many count their ARR in force (no renewal amount written), and how many have no amount in a known currency (left out of arrAtRisk). */
  atRiskFromArr: z.optional(count),
  atRiskAmountUnknown: z.optional(count),
  /** Churned up to the as-of day within the current quarter (at most pageListLimit). */
  churned: list(
    z.object({
      companyId: z.string(),
      name: z.string(),
      churnedOn: z.string(),
      reason: z.nullable(z.string()),
      arr: z.number(),
      /** That ARR is inferred from the lost renewal deal, no earlier contract deal on record (domain/portfolio/contract-in-force.ts). */
      arrInferred: z.boolean(),
      currency: z.nullable(z.string()),
    }),
  ),
  /** The book has companies but sync never wrote health to any of them: the bands say nothing yet. */
  neverSynced: z.boolean(),
});

export const periodReportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  currency: z.string(),
  /** underContractAtStart: the customer churn rate's base (churned / underContractAtStart), which leaves out customers with no contract on record (atStart counts them). */
  customers: z.object({ atStart: count, atEnd: count, new: count, churned: count, underContractAtStart: count }),
  /**
   * lapsed (added later, so optional): customers due because their contract ended in the period with no renewal deal on
   * record (the card's "contract lapsed"): due, not renewed, neither lost nor open (due = renewed + lost + open + lapsed).
   * lapsedAmountUnknown: those of them whose amount the deals do not give, left out of dueValue rather than guessed.
   */
  renewals: z.object({
    due: count,
    renewed: count,
    lost: count,
    open: count,
    dueValue: z.number(),
    renewedValue: z.number(),
    lapsed: z.optional(count),
    lapsedAmountUnknown: z.optional(count),
  }),
  renewalRate: rate,
  revenueRenewalRate: rate,
  logoChurnRate: rate,
  revenueChurnRate: rate,
  grossRevenueRetention: rate,
  netRevenueRetention: rate,
  arr: z.object({ start: z.number(), expansion: z.number(), contraction: z.number(), churned: z.number(), end: z.number(), new: z.number() }),
  churnReasons: z.array(z.object({ reason: z.string(), companies: count, value: z.number() })),
  ltv: z.object({ averageArr: rate, revenueChurnRate: rate, expectedLifetimeYears: rate, estimatedLtv: rate }),
  /** How the contract deals' ARR was found: HubSpot's hs_arr, an amount annualised by its term, or the amount as is. */
  arrBasis: z.record(z.enum(['hs_arr', 'annualised', 'amount']), count),
  /** Companies whose amounts are in another currency and so are left out of the amounts. */
  leftOut: z.array(z.object({ currency: z.string(), companies: count })),
  /** Companies whose start or end ARR rests on the contract a renewal deal implies (that renewal open, or won or lost since), no decided contract deal before it (domain/portfolio/contract-in-force.ts). */
  arrInferred: count,
});

/** The as-of note saying health, scores and renewal dates and amounts are the values sync last wrote: the page shows it after the deals' notes, all above the bands (src/app/pages/components/PortfolioAsOfNotes.tsx). */
export const healthAsOfNoteCode = 'portfolio.asOf.syncedValues';

export const portfolioPageSchema = z.object({
  asOf: z.string(),
  currency: z.string(),
  /** The owner the page is filtered to ('' for companies without an owner); null: every company. */
  ownerId: z.nullable(z.string()),
  owners: list(z.object({ id: z.string(), name: z.string(), customers: count })),
  /** The lists hold at most pageListLimit rows, the most valuable first; these count them all. */
  overview: portfolioOverviewSchema,
  renewalsAtRiskCount: count,
  churnedCount: count,
  kpis: z.object({
    current: z.object({ label: z.string(), report: periodReportSchema }),
    lastQuarter: z.object({ label: z.string(), report: periodReportSchema }),
  }),
  /**
   * As of a day before the day of the read only: what taking the deals back to it left out, which values are today's
   * and which are the ones sync last wrote (catalog messages, domain/portfolio/book-as-of.ts). Absent as of today.
   */
  asOfNotes: z.optional(list(messageSchema)),
});

export type PortfolioPage = z.infer<typeof portfolioPageSchema>;
export type PortfolioOverviewView = z.infer<typeof portfolioOverviewSchema>;
export type PeriodReportView = z.infer<typeof periodReportSchema>;
export type MoneyView = z.infer<typeof moneySchema>;
