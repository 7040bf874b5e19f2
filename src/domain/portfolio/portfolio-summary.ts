import { formatDay, parseDay, parseIsoDate } from '../parsing/index.ts';
import { numberOf, textOf } from '../parsing/index.ts';
import type { CrmRecord } from '../card/snapshot.ts';
import { healthBandSchema, lifecycleStageSchema, type HealthBand, type LifecycleStage } from '../../app/cards/contract/view-model.ts';

// The CS manager's view of the portfolio, from the health the sync wrote to each company:
// customers and ARR per band, and the renewals coming up soon on accounts that are not
// healthy — where the revenue at risk is. Also the "riskiest first" order of the preview's
// company picker. ARR here is the value of the open renewal (cs_renewal_amount).

/** The company properties this view reads. */
export const portfolioProperties = [
  'name',
  'domain',
  'cs_health_score',
  'cs_health_band',
  'cs_renewal_date',
  'cs_renewal_amount',
  'cs_lifecycle_stage',
  'cs_lifecycle_since',
  'cs_health_updated_at',
] as const;

export interface PortfolioCompany {
  readonly id: string;
  readonly name: string;
  readonly domain: string | null;
  readonly score: number | null;
  readonly band: HealthBand;
  /** YYYY-MM-DD, or null when the company has no renewal. */
  readonly renewalDate: string | null;
  readonly renewalAmount: number | null;
  /** The lifecycle stage sync wrote (cs_lifecycle_stage), or null. */
  readonly stage: LifecycleStage | null;
  /** YYYY-MM-DD the stage began (cs_lifecycle_since), or null. */
  readonly stageSince: string | null;
  /** Whether sync ever wrote this company's health (cs_health_updated_at). */
  readonly synced: boolean;
}

export interface ChurnedCustomer {
  readonly id: string;
  readonly name: string;
  /** YYYY-MM-DD of the loss, or null when unknown. */
  readonly since: string | null;
}

export interface BandTotals {
  readonly customers: number;
  readonly arr: number;
}

export interface RenewalAtRisk {
  readonly id: string;
  readonly name: string;
  readonly band: HealthBand;
  readonly score: number | null;
  readonly renewalDate: string;
  /** Negative when the renewal is overdue and still open. */
  readonly daysToRenewal: number;
  readonly amount: number | null;
}

export type ScoredBand = Exclude<HealthBand, 'churned'>;

export interface PortfolioSummary {
  readonly asOf: string;
  readonly horizonDays: number;
  /** Customers in a health band (churned customers are counted apart). */
  readonly customers: number;
  readonly arr: number;
  readonly bands: Readonly<Record<ScoredBand, BandTotals>>;
  /** Churned customers (band or stage churned), latest loss first: in no health band. */
  readonly churned: readonly ChurnedCustomer[];
  /** No company has health written by sync yet: the bands say nothing (run cs-card sync). */
  readonly neverSynced: boolean;
  /** Renewals overdue or due within the horizon on companies that are not healthy, largest value at stake first, then the soonest. */
  readonly renewalsAtRisk: readonly RenewalAtRisk[];
  readonly arrAtRisk: number;
}

export const bandOrder: readonly HealthBand[] = ['at_risk', 'attention', 'unknown', 'healthy', 'churned'];

function scoreOf(record: CrmRecord): number | null {
  const score = numberOf(record.properties, 'cs_health_score');
  return score !== null && score >= 0 && score <= 100 ? Math.round(score) : null;
}

function bandOf(record: CrmRecord): HealthBand {
  const parsed = healthBandSchema.safeParse(textOf(record.properties, 'cs_health_band'));
  return parsed.success ? parsed.data : 'unknown';
}

function isoDay(value: string | null): string | null {
  const day = parseDay(value);
  return day === null ? null : formatDay(day);
}

/** A company as the portfolio sees it; values HubSpot sent that do not parse count as missing. */
export function portfolioCompany(record: CrmRecord): PortfolioCompany {
  const amount = numberOf(record.properties, 'cs_renewal_amount');
  return {
    id: record.id,
    name: textOf(record.properties, 'name') ?? `Company ${record.id}`,
    domain: textOf(record.properties, 'domain'),
    score: scoreOf(record),
    band: bandOf(record),
    renewalDate: isoDay(textOf(record.properties, 'cs_renewal_date')),
    renewalAmount: amount !== null && amount >= 0 ? amount : null,
    stage: stageOf(record),
    stageSince: isoDay(textOf(record.properties, 'cs_lifecycle_since')),
    synced: textOf(record.properties, 'cs_health_updated_at') !== null || textOf(record.properties, 'cs_health_band') !== null,
  };
}

function stageOf(record: CrmRecord): LifecycleStage | null {
  const parsed = lifecycleStageSchema.safeParse(textOf(record.properties, 'cs_lifecycle_stage'));
  return parsed.success ? parsed.data : null;
}

function isChurned(company: PortfolioCompany): boolean {
  return company.band === 'churned' || company.stage === 'churned';
}

function compareNullable(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

/** At risk first, then attention, unknown, healthy; within a band the lowest score, then the soonest renewal. */
export function rankByRisk(companies: readonly PortfolioCompany[]): PortfolioCompany[] {
  const renewalDay = (company: PortfolioCompany) => (company.renewalDate === null ? null : parseIsoDate(company.renewalDate));
  return [...companies].sort(
    (a, b) =>
      bandOrder.indexOf(a.band) - bandOrder.indexOf(b.band) ||
      compareNullable(a.score, b.score) ||
      compareNullable(renewalDay(a), renewalDay(b)) ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id),
  );
}

function emptyBands(): Record<ScoredBand, { customers: number; arr: number }> {
  return { healthy: { customers: 0, arr: 0 }, attention: { customers: 0, arr: 0 }, at_risk: { customers: 0, arr: 0 }, unknown: { customers: 0, arr: 0 } };
}

function renewalAtRisk(company: PortfolioCompany, asOfDay: number, horizonDays: number): RenewalAtRisk | null {
  if (company.band === 'healthy' || company.renewalDate === null || isChurned(company)) return null;
  const day = parseIsoDate(company.renewalDate);
  if (day === null || day - asOfDay > horizonDays) return null;
  return {
    id: company.id,
    name: company.name,
    band: company.band,
    score: company.score,
    renewalDate: company.renewalDate,
    daysToRenewal: day - asOfDay,
    amount: company.renewalAmount,
  };
}

export function summarizePortfolio(companies: readonly PortfolioCompany[], asOf: string, horizonDays = 90): PortfolioSummary {
  const asOfDay = parseIsoDate(asOf);
  if (asOfDay === null) throw new RangeError(`as-of must be a YYYY-MM-DD date, got "${asOf}"`);
  const bands = emptyBands();
  let arr = 0;
  let customers = 0;
  let synced = false;
  const renewalsAtRisk: RenewalAtRisk[] = [];
  const churned: ChurnedCustomer[] = [];
  for (const company of companies) {
    synced ||= company.synced;
    if (isChurned(company)) {
      churned.push({ id: company.id, name: company.name, since: company.stageSince });
      continue;
    }
    const band: ScoredBand = company.band === 'churned' ? 'unknown' : company.band;
    const amount = company.renewalAmount ?? 0;
    customers += 1;
    bands[band].customers += 1;
    bands[band].arr += amount;
    arr += amount;
    const atRisk = renewalAtRisk(company, asOfDay, horizonDays);
    if (atRisk) renewalsAtRisk.push(atRisk);
  }
  // Priority follows value: the most money at stake first, then the soonest.
  renewalsAtRisk.sort(
    (a, b) => (b.amount ?? 0) - (a.amount ?? 0) || a.daysToRenewal - b.daysToRenewal || bandOrder.indexOf(a.band) - bandOrder.indexOf(b.band) || a.id.localeCompare(b.id),
  );
  churned.sort((a, b) => (b.since ?? '').localeCompare(a.since ?? '') || a.id.localeCompare(b.id));
  return {
    asOf,
    horizonDays,
    customers,
    arr,
    bands,
    churned,
    neverSynced: companies.length > 0 && !synced,
    renewalsAtRisk,
    arrAtRisk: renewalsAtRisk.reduce((sum, renewal) => sum + (renewal.amount ?? 0), 0),
  };
}
