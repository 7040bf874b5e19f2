// The score's combination and largest-remainder apportionment as they were before they moved to
// reused typed arrays (src/domain/health/health.ts), kept verbatim as the reference the new code must
// match on random inputs (health-equivalence.test.ts).
import type { CsConfig } from '../../config/schema.ts';
import type { FactorResult } from '../health/factor.ts';
import type { FactorView, HealthBand } from '../../app/cards/contract/view-model.ts';
import type { Health } from '../health/health.ts';

function referenceBandOf(score: number | null, bands: CsConfig['health']['bands']): HealthBand {
  if (score === null) return 'unknown';
  if (score >= bands.healthyMin) return 'healthy';
  return score >= bands.attentionMin ? 'attention' : 'at_risk';
}

export function referenceCombineFactors(factors: readonly FactorResult[], config: CsConfig['health']): Health {
  const weights = config.weights;
  let totalWeight = 0;
  let coveredWeight = 0;
  let weightedSum = 0;
  for (const factor of factors) {
    const weight = weights[factor.key];
    totalWeight += weight;
    if (counts(factor)) {
      const counted = weight * confidenceOf(factor);
      coveredWeight += counted;
      weightedSum += counted * (factor.score ?? 0);
    }
  }
  const coverage = totalWeight > 0 ? coveredWeight / totalWeight : 0;
  const score = coveredWeight > 0 && coverage >= config.minCoverage ? Math.round(weightedSum / coveredWeight) : null;
  // Excluded factors get no share (null); counted ones their exact share of the score.
  let contributions: Array<number | null> | null = null;
  let effective: Array<number | null> | null = null;
  if (score !== null) {
    effective = new Array<number | null>(factors.length);
    const shares = new Array<number | null>(factors.length);
    for (let i = 0; i < factors.length; i++) {
      const factor = factors[i] as FactorResult;
      const share = counts(factor) ? (100 * weights[factor.key] * confidenceOf(factor)) / coveredWeight : null;
      effective[i] = share;
      shares[i] = share === null ? null : (share * (factor.score ?? 0)) / 100;
    }
    contributions = referenceApportion(shares, score, 1, effective);
  }
  const views = new Array<FactorView>(factors.length);
  for (let i = 0; i < factors.length; i++) {
    const factor = factors[i] as FactorResult;
    const contribution = contributions === null ? null : (contributions[i] ?? null);
    const share = effective === null ? null : (effective[i] ?? null);
    views[i] = {
      key: factor.key,
      label: factor.label,
      score: factor.score,
      weight: weights[factor.key],
      effectiveWeight: share === null ? 0 : Math.max(Math.round(share * 10) / 10, contribution ?? 0),
      contribution,
      band: factor.score === null ? null : referenceBandOf(factor.score, config.bands),
      pointsLost: share === null || score === null ? null : Math.min(100 - score, Math.max(0, Math.round((share * (100 - (factor.score ?? 0))) / 10) / 10)),
      status: factor.status,
      explanation: factor.explanation,
      explanationMessage: factor.explanationMessage,
    };
  }
  return { score, band: referenceBandOf(score, config.bands), coverage, factors: views };
}

function counts(factor: FactorResult): boolean {
  return factor.status === 'ok' && factor.score !== null;
}

function confidenceOf(factor: FactorResult): number {
  const confidence = factor.confidence;
  return confidence === undefined || !(confidence < 1) ? 1 : confidence > 0 ? confidence : 0;
}

/**
 * Rounds the non-null `exact` values (non-negative, summing to `total` within rounding) to
 * `decimals` places so that they sum exactly to `total`: largest-remainder rounding. Nulls stay
 * null; a value of 0 stays 0; with `caps`, no value is rounded above its cap (rounded up to the
 * unit) unless the total cannot be reached otherwise. Ties go to the earlier value.
 *
 * @example
 * apportion([1 / 3, 1 / 3, 1 / 3], 1, 1) // [0.4, 0.3, 0.3]
 * apportion([20, 0, 10, 20, 0, 10.2], 60, 1) // [20, 0, 10, 20, 0, 10]
 */
export function referenceApportion(exact: ReadonlyArray<number | null>, total: number, decimals: number, caps?: ReadonlyArray<number | null>): Array<number | null> {
  const unit = 10 ** decimals;
  // Whole units first (the result holds units until the end), then hand out or take back the rest.
  const result: Array<number | null> = new Array<number | null>(exact.length);
  const limit: number[] = new Array<number>(exact.length);
  const order: number[] = [];
  let missing = Math.round(total * unit);
  for (let i = 0; i < exact.length; i++) {
    const value = exact[i] ?? null;
    if (value === null) {
      result[i] = null;
      limit[i] = 0;
      continue;
    }
    const cap = caps?.[i] ?? null;
    limit[i] = !(value > 0) ? 0 : cap === null ? Infinity : Math.ceil(cap * unit - 1e-9);
    const whole = Math.min(Math.floor(Math.max(0, value * unit)), limit[i] ?? 0);
    result[i] = whole;
    order.push(i);
    missing -= whole;
  }
  const adding = missing > 0;
  sortByRemainder(order, exact, unit, adding);
  // Hand out (or take back) one unit at a time within the limits; a pass that moves nothing ends it.
  let moved = true;
  while (missing !== 0 && moved) {
    moved = false;
    for (let k = 0; k < order.length && missing !== 0; k++) {
      const i = order[k] ?? 0;
      const current = result[i] ?? 0;
      if (adding ? current >= (limit[i] ?? 0) : current <= 0) continue;
      result[i] = current + (adding ? 1 : -1);
      missing += adding ? -1 : 1;
      moved = true;
    }
  }
  // The total is out of reach within the caps (an integer score rounded above what the factors can
  // give): the rest goes to the largest non-zero values.
  if (missing > 0) {
    const positive = order.filter((i) => (exact[i] ?? 0) > 0).sort((a, b) => (exact[b] ?? 0) - (exact[a] ?? 0) || a - b);
    for (let k = 0; missing > 0 && positive.length > 0; k++) {
      const i = positive[k % positive.length] ?? 0;
      result[i] = (result[i] ?? 0) + 1;
      missing--;
    }
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
