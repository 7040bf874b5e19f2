import type { CsConfig } from '../../config/schema.ts';
import { explanationText, type Explanation, type FactorResult } from './factor.ts';
import type { FactorStatus, FactorView, HealthBand } from '../../app/cards/contract/view-model.ts';

// The health score (DESIGN.md "Default health model"): a weighted mean of the factors that
// have data. Factors without data, whose source failed, or that are stale are excluded and
// the other weights re-normalised; below the coverage threshold there is no score at all.
// The contributions are the re-normalised weight x factor score, rounded to one decimal so
// that they add up exactly to the integer score (the card's "why" must add up).

/** A factor of the score as the card shows it; its English explanation worded (E = string) or not yet (factor.ts). */
export type FactorOutcome<E extends Explanation = string> = Omit<FactorView, 'explanation'> & { readonly explanation: E };

export interface Health<E extends Explanation = string> {
  readonly score: number | null;
  readonly band: HealthBand;
  /** Share of the configured weight whose factor was counted, 0..1. */
  readonly coverage: number;
  readonly factors: Array<FactorOutcome<E>>;
}

/**
 * The factor as the card shows it, its explanation worded (same fields, same order).
 *
 * @example
 * factorView({ key: 'support', label: 'Support', score: 100, weight: 20, effectiveWeight: 20, contribution: 20, band: 'healthy', pointsLost: 0, status: 'ok', explanation: () => 'No open tickets' }).explanation // => 'No open tickets'
 */
export function factorView(factor: FactorOutcome<Explanation>): FactorView {
  return {
    key: factor.key,
    label: factor.label,
    score: factor.score,
    weight: factor.weight,
    effectiveWeight: factor.effectiveWeight,
    contribution: factor.contribution,
    band: factor.band,
    pointsLost: factor.pointsLost,
    status: factor.status,
    explanation: explanationText(factor.explanation),
    explanationMessage: factor.explanationMessage,
  };
}

/**
 * The health band of a score, by the configured band limits (default: healthy from 70, needs attention from 40).
 *
 * @example
 * bandOf(82, defaultConfig.health.bands)   // => 'healthy'
 * bandOf(55, defaultConfig.health.bands)   // => 'attention'
 * bandOf(12, defaultConfig.health.bands)   // => 'at_risk'
 * bandOf(null, defaultConfig.health.bands) // => 'unknown'
 */
export function bandOf(score: number | null, bands: CsConfig['health']['bands']): HealthBand {
  if (score === null) return 'unknown';
  if (score >= bands.healthyMin) return 'healthy';
  return score >= bands.attentionMin ? 'attention' : 'at_risk';
}

/**
 * Whether the score leaves out a factor whose source could not be read (status error). Such a
 * score is not like for like with one written when the source could be read: a change against
 * it (the 30-day trend, "Find out why health dropped") may be the gap, not the customer (sandbox
 * with --fault 503@deals: Upland Capital read "Down 16 points in 30 days" beside "Deals (renewal)
 * unavailable").
 *
 * @example
 * leavesOutUnread({ factors: [{ status: 'ok' }, { status: 'stale' }, { status: 'no_data' }] }) // => false
 * leavesOutUnread({ factors: [{ status: 'ok' }, { status: 'error' }] }) // => true
 */
export function leavesOutUnread(health: { readonly factors: ReadonlyArray<{ readonly status: FactorStatus }> }): boolean {
  return health.factors.some((factor) => factor.status === 'error');
}

/**
 * The weighted score of the factors with data, each contribution exact: a factor scoring 0
 * contributes 0, none exceeds the factor's effective weight (its share of the score's 100
 * points after re-normalisation; NPS scaled by its respondents), and they add up to the score.
 *
 * @example
 * // NPS 100 (weight 20), support 0 (20), engagement 50 (20), adoption 100 (20), renewal 0 (10), sentiment 100 (10):
 * combineFactors(factors, defaultConfig.health)
 * // score 60; contributions 20, 0, 10, 20, 0, 10
 */
export function combineFactors<E extends Explanation = string>(factors: ReadonlyArray<FactorResult<E>>, config: CsConfig['health']): Health<E> {
  const weights = config.weights;
  const count = factors.length;
  const scratch = scratchFor(count);
  const { confidence } = scratch;
  let totalWeight = 0;
  let coveredWeight = 0;
  let weightedSum = 0;
  for (let i = 0; i < count; i++) {
    const factor = factors[i] as FactorResult<E>;
    const weight = weights[factor.key];
    totalWeight += weight;
    // A factor not counted has confidence NaN here.
    if (counts(factor)) {
      const factorConfidence = confidenceOf(factor);
      const counted = weight * factorConfidence;
      coveredWeight += counted;
      weightedSum += counted * (factor.score ?? 0);
      confidence[i] = factorConfidence;
    } else {
      confidence[i] = NaN;
    }
  }
  const coverage = totalWeight > 0 ? coveredWeight / totalWeight : 0;
  const score = coveredWeight > 0 && coverage >= config.minCoverage ? Math.round(weightedSum / coveredWeight) : null;
  // Excluded factors get no share (null); counted ones their exact share of the score, as whole tenths in `units`.
  const { exact, present, caps, units } = scratch;
  if (score !== null) {
    for (let i = 0; i < count; i++) {
      const factor = factors[i] as FactorResult<E>;
      const factorConfidence = confidence[i] ?? NaN;
      const counted = factorConfidence === factorConfidence;
      present[i] = counted ? 1 : 0;
      const share = counted ? (100 * weights[factor.key] * factorConfidence) / coveredWeight : Infinity;
      caps[i] = share;
      exact[i] = counted ? (share * (factor.score ?? 0)) / 100 : 0;
    }
    apportionUnits(scratch, count, score, tenths);
  }
  const views = new Array<FactorOutcome<E>>(count);
  for (let i = 0; i < count; i++) {
    const factor = factors[i] as FactorResult<E>;
    const shared = score !== null && present[i] === 1;
    const contribution = shared ? (units[i] ?? 0) / tenths : null;
    const share = shared ? (caps[i] ?? 0) : null;
    views[i] = {
      key: factor.key,
      label: factor.label,
      score: factor.score,
      weight: weights[factor.key],
      effectiveWeight: share === null ? 0 : Math.max(Math.round(share * 10) / 10, contribution ?? 0),
      contribution,
      band: factor.score === null ? null : bandOf(factor.score, config.bands),
      pointsLost: share === null || score === null ? null : pointsLost(share, factor.score ?? 0, 100 - score),
      status: factor.status,
      explanation: factor.explanation,
      explanationMessage: factor.explanationMessage,
    };
  }
  return { score, band: bandOf(score, config.bands), coverage, factors: views };
}

/** Contributions are in tenths of a point. */
const tenths = 10;

/**
 * Points the factor costs against a perfect score: the part of its counted share of 100 (NPS's
 * scaled by its respondents, as its contribution is) that its score misses, to a tenth. The weight
 * a low sample leaves out is missing data, not lost points, and a factor scoring 100 costs nothing
 * (not the tenth the score's rounding may take from its contribution): an NPS of 100 from one
 * answer is never a reason the score is lower. Never more than the score lacks of 100 (`gap`; a card
 * scoring 95 read "-5.1 pts"); together they make up the gap within rounding.
 */
function pointsLost(share: number, score: number, gap: number): number {
  return Math.min(gap, Math.max(0, Math.round((share * (100 - score)) / 10) / 10));
}

function counts(factor: FactorResult<Explanation>): boolean {
  return factor.status === 'ok' && factor.score !== null;
}

function confidenceOf(factor: FactorResult<Explanation>): number {
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
export function apportion(exact: ReadonlyArray<number | null>, total: number, decimals: number, caps?: ReadonlyArray<number | null>): Array<number | null> {
  const unit = 10 ** decimals;
  const count = exact.length;
  const scratch = scratchFor(count);
  for (let i = 0; i < count; i++) {
    const value = exact[i] ?? null;
    scratch.present[i] = value === null ? 0 : 1;
    scratch.exact[i] = value ?? 0;
    // No cap is an infinite one: the limit is then Infinity either way.
    scratch.caps[i] = caps?.[i] ?? Infinity;
  }
  apportionUnits(scratch, count, total, unit);
  const result = new Array<number | null>(count);
  for (let i = 0; i < count; i++) result[i] = scratch.present[i] === 1 ? (scratch.units[i] ?? 0) / unit : null;
  return result;
}

/**
 * Working space for one apportionment (and the score it is part of), reused from call to call: a
 * score is combined for every company of a sync, and plain arrays of numbers and nulls would box
 * every number. Nothing here calls out while it is in use, so one set serves every call.
 */
interface Scratch {
  /** 1 where the value is counted (not null), else 0. */
  readonly present: Uint8Array;
  readonly exact: Float64Array;
  /** The cap of each value; Infinity for none. */
  readonly caps: Float64Array;
  /** combineFactors: each factor's confidence, NaN when it is not counted. */
  readonly confidence: Float64Array;
  /** The result, in units (whole multiples of 10^-decimals). */
  readonly units: Float64Array;
  readonly limits: Float64Array;
  readonly remainders: Float64Array;
  readonly order: Int32Array;
}

let scratch = newScratch(16);

function newScratch(size: number): Scratch {
  return {
    present: new Uint8Array(size),
    exact: new Float64Array(size),
    caps: new Float64Array(size),
    confidence: new Float64Array(size),
    units: new Float64Array(size),
    limits: new Float64Array(size),
    remainders: new Float64Array(size),
    order: new Int32Array(size),
  };
}

function scratchFor(count: number): Scratch {
  if (count > scratch.order.length) scratch = newScratch(Math.max(count, 2 * scratch.order.length));
  return scratch;
}

/** apportion over the first `count` entries of the scratch space, into `units`. */
function apportionUnits(space: Scratch, count: number, total: number, unit: number): void {
  const { present, exact, caps, units, limits, remainders, order } = space;
  // Whole units first, then hand out or take back the rest.
  let ordered = 0;
  let missing = Math.round(total * unit);
  for (let i = 0; i < count; i++) {
    if (present[i] === 0) {
      units[i] = 0;
      limits[i] = 0;
      continue;
    }
    const value = exact[i] ?? 0;
    const cap = caps[i] ?? Infinity;
    const limit = !(value > 0) ? 0 : cap === Infinity ? Infinity : Math.ceil(cap * unit - 1e-9);
    const scaled = Math.max(0, value * unit);
    const whole = Math.min(Math.floor(scaled), limit);
    limits[i] = limit;
    units[i] = whole;
    remainders[i] = scaled - Math.floor(scaled);
    order[ordered++] = i;
    missing -= whole;
  }
  const adding = missing > 0;
  sortByRemainder(order, ordered, remainders, adding);
  // Hand out (or take back) one unit at a time within the limits; a pass that moves nothing ends it.
  let moved = true;
  while (missing !== 0 && moved) {
    moved = false;
    for (let k = 0; k < ordered && missing !== 0; k++) {
      const i = order[k] ?? 0;
      const current = units[i] ?? 0;
      if (adding ? current >= (limits[i] ?? 0) : current <= 0) continue;
      units[i] = current + (adding ? 1 : -1);
      missing += adding ? -1 : 1;
      moved = true;
    }
  }
  // The total is out of reach within the caps (an integer score rounded above what the factors can
  // give): the rest goes to the largest non-zero values.
  if (missing > 0) {
    const positive = Array.from(order.subarray(0, ordered)).filter((i) => (exact[i] ?? 0) > 0).sort((a, b) => (exact[b] ?? 0) - (exact[a] ?? 0) || a - b);
    for (let k = 0; missing > 0 && positive.length > 0; k++) {
      const i = positive[k % positive.length] ?? 0;
      units[i] = (units[i] ?? 0) + 1;
      missing--;
    }
  }
}

/** Largest remainder first when adding, smallest first when removing; ties keep index order. (Insertion sort: a handful of values.) */
function sortByRemainder(order: Int32Array, count: number, remainders: Float64Array, largestFirst: boolean): void {
  for (let j = 1; j < count; j++) {
    const item = order[j] ?? 0;
    const key = remainders[item] ?? 0;
    let k = j - 1;
    for (; k >= 0; k--) {
      const other = remainders[order[k] ?? 0] ?? 0;
      if (largestFirst ? other >= key : other <= key) break;
      order[k + 1] = order[k] ?? 0;
    }
    order[k + 1] = item;
  }
}
