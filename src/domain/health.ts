import type { CsConfig } from '../config/schema.ts';
import type { FactorResult } from './factor.ts';
import type { FactorView, HealthBand } from './view-model.ts';

// The health score (DESIGN.md "Default health model"): a weighted mean of the factors that
// have data. Factors without data, whose source failed, or that are stale are excluded and
// the other weights re-normalised; below the coverage threshold there is no score at all.
// The contributions are the re-normalised weight x factor score, rounded to one decimal so
// that they add up exactly to the integer score (the card's "why" must add up).

export interface Health {
  readonly score: number | null;
  readonly band: HealthBand;
  /** Share of the configured weight whose factor was counted, 0..1. */
  readonly coverage: number;
  readonly factors: FactorView[];
}

export function bandOf(score: number | null, bands: CsConfig['health']['bands']): HealthBand {
  if (score === null) return 'unknown';
  if (score >= bands.healthyMin) return 'healthy';
  return score >= bands.attentionMin ? 'attention' : 'at_risk';
}

export function combineFactors(factors: readonly FactorResult[], config: CsConfig['health']): Health {
  const weights = config.weights;
  let totalWeight = 0;
  let coveredWeight = 0;
  let weightedSum = 0;
  for (const factor of factors) {
    const weight = weights[factor.key];
    totalWeight += weight;
    if (counts(factor)) {
      coveredWeight += weight;
      weightedSum += weight * (factor.score ?? 0);
    }
  }
  const coverage = totalWeight > 0 ? coveredWeight / totalWeight : 0;
  const score = coveredWeight > 0 && coverage >= config.minCoverage ? Math.round(weightedSum / coveredWeight) : null;
  // Excluded factors get no share (null); counted ones their exact share of the score.
  let contributions: Array<number | null> | null = null;
  if (score !== null) {
    const shares = new Array<number | null>(factors.length);
    for (let i = 0; i < factors.length; i++) {
      const factor = factors[i] as FactorResult;
      shares[i] = counts(factor) ? (weights[factor.key] * (factor.score ?? 0)) / coveredWeight : null;
    }
    contributions = apportion(shares, score, 1);
  }
  const views = new Array<FactorView>(factors.length);
  for (let i = 0; i < factors.length; i++) {
    const factor = factors[i] as FactorResult;
    views[i] = {
      key: factor.key,
      label: factor.label,
      score: factor.score,
      weight: weights[factor.key],
      contribution: contributions === null ? null : (contributions[i] ?? null),
      status: factor.status,
      explanation: factor.explanation,
    };
  }
  return { score, band: bandOf(score, config.bands), coverage, factors: views };
}

function counts(factor: FactorResult): boolean {
  return factor.status === 'ok' && factor.score !== null;
}

/**
 * Rounds the non-null `exact` values (non-negative, summing to `total` within rounding) to
 * `decimals` places so that they sum exactly to `total`: largest-remainder rounding. Nulls
 * stay null; ties go to the earlier value.
 */
export function apportion(exact: ReadonlyArray<number | null>, total: number, decimals: number): Array<number | null> {
  const unit = 10 ** decimals;
  // Whole units first (the result holds units until the end), then hand out or take back the rest.
  const result: Array<number | null> = new Array<number | null>(exact.length);
  const order: number[] = [];
  let missing = Math.round(total * unit);
  for (let i = 0; i < exact.length; i++) {
    const value = exact[i] ?? null;
    if (value === null) {
      result[i] = null;
      continue;
    }
    const whole = Math.floor(Math.max(0, value * unit));
    result[i] = whole;
    order.push(i);
    missing -= whole;
  }
  const adding = missing > 0;
  sortByRemainder(order, exact, unit, adding);
  // |missing| is at most the number of values plus a few units, so this cycles a little at most;
  // removing stops at zero, and the total (>= 0) guarantees enough units to remove.
  for (let k = 0; missing !== 0 && order.length > 0; k++) {
    const i = order[k % order.length] ?? 0;
    const current = result[i] ?? 0;
    if (adding) result[i] = current + 1;
    else if (current > 0) result[i] = current - 1;
    else continue;
    missing += adding ? -1 : 1;
  }
  for (let i = 0; i < result.length; i++) {
    const units = result[i] ?? null;
    if (units !== null) result[i] = units / unit;
  }
  return result;
}

/** Largest remainder first when adding, smallest first when removing; ties keep index order. (Insertion sort: a handful of values.) */
function sortByRemainder(order: number[], exact: ReadonlyArray<number | null>, unit: number, largestFirst: boolean): void {
  for (let j = 1; j < order.length; j++) {
    const item = order[j] ?? 0;
    const key = remainder(exact[item] ?? 0, unit);
    let k = j - 1;
    for (; k >= 0; k--) {
      const other = remainder(exact[order[k] ?? 0] ?? 0, unit);
      if (largestFirst ? other >= key : other <= key) break;
      order[k + 1] = order[k] ?? 0;
    }
    order[k + 1] = item;
  }
}

function remainder(value: number, unit: number): number {
  const scaled = Math.max(0, value * unit);
  return scaled - Math.floor(scaled);
}
