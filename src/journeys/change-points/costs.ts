/**
 * Segment costs for change-point search: twice the negative maximised log-likelihood of a segment, read in
 * O(1) from prefix sums. Each is the minimum of −2·ln L over the segment's own parameters, so splitting a
 * segment never raises its cost (C(a..b) + C(b..c) ≤ C(a..c)), the condition PELT's pruning rests on
 * (Killick, Fearnhead & Eckley 2012, eq. 4 with K = 0).
 * @module
 */
import { estimateNoiseVariance } from './noise-variance.ts';
import { at, centredPrefixSums, prefixSums, residualSumOfSquares, segmentMean } from './prefix-sums.ts';

/** A cost over one series; `start` is inclusive, `end` exclusive. */
export interface SegmentCost {
  readonly model: 'normal-mean' | 'normal-mean-variance' | 'poisson' | 'binomial';
  /** Number of points in the series. */
  readonly length: number;
  /** Parameters fitted in each segment (k in the BIC and MBIC penalties). */
  readonly parametersPerSegment: number;
  /** −2·ln L of points [start, end) at their maximum-likelihood parameters, up to a partition-free constant. */
  cost(start: number, end: number): number;
  /** The fitted level of points [start, end): mean, rate or proportion. */
  level(start: number, end: number): number;
}

/**
 * Change in mean of a normal series with a known, shared variance σ²: C = Σ(x − x̄)² / σ².
 * By default σ² is estimated robustly from first differences (see `estimateNoiseVariance`); pass
 * `variance` to state it.
 */
export function normalMeanCost(values: readonly number[], options: { variance?: number } = {}): SegmentCost {
  const variance = options.variance ?? estimateNoiseVariance(values);
  if (!(variance > 0)) throw new RangeError('the variance must be positive');
  const sums = centredPrefixSums(values);
  return {
    model: 'normal-mean',
    length: values.length,
    parametersPerSegment: 1,
    cost: (start, end) => residualSumOfSquares(sums, start, end) / variance,
    level: (start, end) => segmentMean(sums, start, end),
  };
}

/**
 * Change in mean and variance of a normal series: C = n·ln(2π·v) + RSS/v with v = max(RSS/n, floor).
 * The floor (default 1e-6 of the whole series' variance) keeps flat segments finite; the cost stays the
 * constrained maximum likelihood, so pruning stays exact. Needs segments of at least 2 points.
 */
export function normalMeanVarianceCost(
  values: readonly number[],
  options: { minimumVariance?: number } = {},
): SegmentCost {
  const sums = centredPrefixSums(values);
  const n = values.length;
  const overall = n > 0 ? residualSumOfSquares(sums, 0, n) / n : 0;
  const floor = options.minimumVariance ?? Math.max(1e-6 * overall, 1e-12);
  if (!(floor > 0)) throw new RangeError('the minimum variance must be positive');
  return {
    model: 'normal-mean-variance',
    length: n,
    parametersPerSegment: 2,
    cost: (start, end) => {
      const size = end - start;
      const rss = residualSumOfSquares(sums, start, end);
      const v = Math.max(rss / size, floor);
      return size * Math.log(2 * Math.PI * v) + rss / v;
    },
    level: (start, end) => segmentMean(sums, start, end),
  };
}

/** Change in the rate of a Poisson count series: C = 2·(S − S·ln(S/n)), dropping the constant 2·Σ ln xᵢ!. */
export function poissonCost(counts: readonly number[]): SegmentCost {
  for (const c of counts) if (!(c >= 0)) throw new RangeError('Poisson counts must be non-negative');
  const sum = prefixSums(counts);
  return {
    model: 'poisson',
    length: counts.length,
    parametersPerSegment: 1,
    cost: (start, end) => {
      const s = at(sum, end) - at(sum, start);
      return s > 0 ? 2 * (s - s * Math.log(s / (end - start))) : 0;
    },
    level: (start, end) => (at(sum, end) - at(sum, start)) / (end - start),
  };
}

/**
 * Change in a conversion rate observed as (successes, trials) per day:
 * C = −2·[S·ln p̂ + (M − S)·ln(1 − p̂)] with p̂ = S/M, dropping the binomial coefficients.
 */
export function binomialCost(successes: readonly number[], trials: readonly number[]): SegmentCost {
  if (successes.length !== trials.length) throw new RangeError('successes and trials differ in length');
  successes.forEach((s, i) => {
    const m = trials[i] as number;
    if (!(s >= 0 && m >= s)) throw new RangeError(`point ${i}: need 0 ≤ successes ≤ trials`);
  });
  const s = prefixSums(successes);
  const m = prefixSums(trials);
  return {
    model: 'binomial',
    length: successes.length,
    parametersPerSegment: 1,
    cost: (start, end) => {
      const wins = at(s, end) - at(s, start);
      const total = at(m, end) - at(m, start);
      return -2 * (xLogY(wins, wins / total) + xLogY(total - wins, 1 - wins / total));
    },
    level: (start, end) => (at(s, end) - at(s, start)) / (at(m, end) - at(m, start)),
  };
}

function xLogY(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}
