import { csProperty } from '../property-names.ts';
import { formatDay, formatInstant, parseDay, parseInstant, parseIsoDate, type DayZone } from '../parsing/index.ts';
import { numberOf, textOf } from '../parsing/index.ts';
import type { CrmRecord } from '../card/snapshot.ts';
import { healthBandSchema, lifecycleStageSchema, type HealthBand, type LifecycleStage } from '../../app/cards/contract/view-model.ts';

// The preview's company picker: the companies in scope with the health sync wrote to them
// (cs_* properties), riskiest first, and when sync wrote it. The card beside the picker computes
// health live from the records, so the picker says its figures are the last synced ones and how
// old they are (or that sync never wrote them). The managers' figures (bands, ARR, renewals at
// risk, churn) are the book's, portfolio-book.ts.

/** The company properties the picker reads. */
export const portfolioProperties = [
  'name',
  'domain',
  csProperty.healthScore,
  csProperty.healthBand,
  csProperty.renewalDate,
  csProperty.renewalAmount,
  csProperty.lifecycleStage,
  csProperty.lifecycleSince,
  csProperty.healthUpdatedAt,
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
  /** Whether sync ever wrote this company's health (cs_health_updated_at, or a band). */
  readonly synced: boolean;
  /** When sync last changed this company's health (cs_health_updated_at) as ISO 8601 UTC, or null. */
  readonly healthWrittenAt: string | null;
}

/** At risk first, then attention, unknown, healthy (churned last). */
const bandOrder: readonly HealthBand[] = ['at_risk', 'attention', 'unknown', 'healthy', 'churned'];

function scoreOf(record: CrmRecord): number | null {
  const score = numberOf(record.properties, csProperty.healthScore);
  return score !== null && score >= 0 && score <= 100 ? Math.round(score) : null;
}

function bandOf(record: CrmRecord): HealthBand {
  const parsed = healthBandSchema.safeParse(textOf(record.properties, csProperty.healthBand));
  return parsed.success ? parsed.data : 'unknown';
}

function isoDay(value: string | null): string | null {
  const day = parseDay(value);
  return day === null ? null : formatDay(day);
}

/**
 * A company as the portfolio sees it; values HubSpot sent that do not parse count as missing.
 *
 * @example
 * portfolioCompany({ id: '1', properties: { name: 'Acme', domain: 'acme.example', cs_health_score: '47.6', cs_health_band: 'at_risk', cs_renewal_date: '2027-01-15', cs_renewal_amount: '26000', cs_lifecycle_stage: 'renewing', cs_lifecycle_since: '2026-10-17', cs_health_updated_at: '2026-12-07T02:00:00Z' } })
 * // => { id: '1', name: 'Acme', domain: 'acme.example', score: 48, band: 'at_risk', renewalDate: '2027-01-15', renewalAmount: 26000, stage: 'renewing', stageSince: '2026-10-17', synced: true, healthWrittenAt: '2026-12-07T02:00:00.000Z' }
 * // a score that is no number and a band that is none of ours:
 * ((company) => [company.name, company.score, company.band])(portfolioCompany({ id: '2', properties: { cs_health_score: 'n/a', cs_health_band: 'purple' } })) // => ['Company 2', null, 'unknown']
 */
export function portfolioCompany(record: CrmRecord): PortfolioCompany {
  const amount = numberOf(record.properties, csProperty.renewalAmount);
  const writtenAt = parseInstant(textOf(record.properties, csProperty.healthUpdatedAt));
  return {
    id: record.id,
    name: textOf(record.properties, 'name') ?? `Company ${record.id}`,
    domain: textOf(record.properties, 'domain'),
    score: scoreOf(record),
    band: bandOf(record),
    renewalDate: isoDay(textOf(record.properties, csProperty.renewalDate)),
    renewalAmount: amount !== null && amount >= 0 ? amount : null,
    stage: stageOf(record),
    stageSince: isoDay(textOf(record.properties, csProperty.lifecycleSince)),
    synced: textOf(record.properties, csProperty.healthUpdatedAt) !== null || textOf(record.properties, csProperty.healthBand) !== null,
    healthWrittenAt: writtenAt === null ? null : formatInstant(writtenAt),
  };
}

/**
 * What the picker may say about a company's health: that sync never wrote it, or the score and
 * band sync last wrote and how many days ago it wrote them, counted in the portal's time zone
 * (null when no time was stamped; a stamp ahead of the clock counts as today).
 *
 * @example
 * // Written at 23:30 UTC on 6 December, read at 07:00 UTC on the 7th: still the 6th in Los Angeles.
 * syncedHealth({ synced: true, score: 48, band: 'at_risk', healthWrittenAt: '2026-12-06T23:30:00.000Z' }, dayZone('America/Los_Angeles'), Date.parse('2026-12-07T07:00:00Z'))
 * // => { kind: 'synced', score: 48, band: 'at_risk', writtenAt: '2026-12-06T23:30:00.000Z', daysAgo: 0 }
 * syncedHealth({ synced: true, score: 48, band: 'at_risk', healthWrittenAt: '2026-12-06T23:30:00.000Z' }, dayZone('UTC'), Date.parse('2026-12-09T07:00:00Z')).daysAgo // => 3
 * syncedHealth({ synced: false, score: null, band: 'unknown', healthWrittenAt: null }, dayZone('UTC'), Date.parse('2026-12-09T07:00:00Z')) // => { kind: 'notSynced' }
 */
export function syncedHealth(company: Pick<PortfolioCompany, 'synced' | 'score' | 'band' | 'healthWrittenAt'>, zone: DayZone, nowMs: number): SyncedHealth {
  if (!company.synced) return { kind: 'notSynced' };
  const writtenMs = parseInstant(company.healthWrittenAt);
  const daysAgo = writtenMs === null ? null : Math.max(0, zone.dayOf(nowMs) - zone.dayOf(writtenMs));
  return { kind: 'synced', score: company.score, band: company.band, writtenAt: writtenMs === null ? null : formatInstant(writtenMs), daysAgo };
}

/** A company's health as the picker shows it: never written by sync, or the last synced values and their age. */
export type SyncedHealth =
  | { readonly kind: 'notSynced' }
  | {
      readonly kind: 'synced';
      readonly score: number | null;
      readonly band: HealthBand;
      /** When sync wrote them (ISO 8601 UTC), or null when it stamped no time. */
      readonly writtenAt: string | null;
      /** Whole days since then in the portal's time zone (0 = today), or null with no time. */
      readonly daysAgo: number | null;
    };

function stageOf(record: CrmRecord): LifecycleStage | null {
  const parsed = lifecycleStageSchema.safeParse(textOf(record.properties, csProperty.lifecycleStage));
  return parsed.success ? parsed.data : null;
}

function compareNullable(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

/**
 * At risk first, then attention, unknown, healthy; within a band the lowest score, then the soonest renewal.
 *
 * @example
 * rankByRisk([
 *   { id: '1', name: 'Acme', domain: null, score: 82, band: 'healthy', renewalDate: null, renewalAmount: null, stage: 'active', stageSince: null, synced: true, healthWrittenAt: null },
 *   { id: '2', name: 'Globex', domain: null, score: 62, band: 'attention', renewalDate: '2027-03-01', renewalAmount: null, stage: 'active', stageSince: null, synced: true, healthWrittenAt: null },
 *   { id: '3', name: 'Initech', domain: null, score: 62, band: 'attention', renewalDate: '2027-01-15', renewalAmount: null, stage: 'renewing', stageSince: null, synced: true, healthWrittenAt: null },
 *   { id: '4', name: 'Umbrella', domain: null, score: 41, band: 'at_risk', renewalDate: null, renewalAmount: null, stage: 'active', stageSince: null, synced: true, healthWrittenAt: null },
 * ]).map((company) => company.name) // => ['Umbrella', 'Initech', 'Globex', 'Acme']
 */
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
