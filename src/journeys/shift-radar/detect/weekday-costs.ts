/**
 * Daily costs that know the day of the week. A business's daily series has a weekly pattern (shops shut on
 * Sundays, Monday catch-up), which a plain daily cost mistakes for change points; these costs compare
 * each day with its own weekday's usual share instead.
 * @module
 */
import { binomialCost, normalMeanCost, type SegmentCost } from '../../change-points/index.ts';
import type { ShiftSeries } from '../series/read-series.ts';
import { DAY_MS } from '../sql-parts.ts';

/** Day of the week (0 = Sunday) of point i of a daily series. */
export function weekdayOf(origin: number, index: number): number {
  // epoch day 0, 1970-01-01, was a Thursday
  return (Math.floor(origin / DAY_MS) + index + 4) % 7;
}

/**
 * Weekday factors f_d = Σ x_t / Σ ℓ_t over the days t falling on weekday d, where ℓ_t is the mean daily
 * level of t's stretch (so level shifts do not leak into the pattern); mean factor 1. A weekday that is
 * always 0 (a shop's Sunday) gets factor 0.
 */
export function weekdayFactors(
  values: readonly number[],
  origin: number,
  levels: readonly number[],
): number[] {
  const observed = new Array<number>(7).fill(0);
  const expected = new Array<number>(7).fill(0);
  values.forEach((x, t) => {
    const d = weekdayOf(origin, t);
    observed[d] = (observed[d] as number) + x;
    expected[d] = (expected[d] as number) + (levels[t] as number);
  });
  const raw = observed.map((o, d) => ((expected[d] as number) > 0 ? o / (expected[d] as number) : 1));
  const mean = raw.reduce((a, b) => a + b, 0) / 7;
  return raw.map((f) => (mean > 0 ? f / mean : 1));
}

/**
 * Poisson counts with known exposures e_t (x_t ~ Poisson(λ·e_t) within a segment): λ̂ = S/E and
 * C = 2·(S − S·ln(S/E)), dropping the partition-free Σ x_t·ln e_t and ln x_t! terms. Exposures are floored
 * at 1e-3 so a count on a usually empty weekday stays finite.
 */
export function poissonExposureCost(counts: readonly number[], exposures: readonly number[]): SegmentCost {
  if (counts.length !== exposures.length) throw new RangeError('counts and exposures differ in length');
  const s = [0];
  const e = [0];
  counts.forEach((x, t) => {
    s.push((s[t] as number) + x);
    e.push((e[t] as number) + Math.max(exposures[t] as number, 1e-3));
  });
  const sum = (xs: number[], a: number, b: number) => (xs[b] as number) - (xs[a] as number);
  return {
    model: 'poisson',
    length: counts.length,
    parametersPerSegment: 1,
    cost: (a, b) => {
      const total = sum(s, a, b);
      return total > 0 ? 2 * (total - total * Math.log(total / sum(e, a, b))) : 0;
    },
    level: (a, b) => sum(s, a, b) / sum(e, a, b),
  };
}

/** The weekday-aware daily cost of a series, given the daily level of the stretch each day belongs to. */
export function dailyCost(series: ShiftSeries, levels: readonly number[]): SegmentCost {
  if (series.kind === 'share') return binomialCost(series.values, series.trials);
  // levels are per average day, so factors have mean 1 and a fitted level reads as a daily mean
  const factors = weekdayFactors(series.values, series.origin, levels);
  const factorOf = (t: number) => factors[weekdayOf(series.origin, t)] as number;
  if (series.kind === 'count')
    return poissonExposureCost(
      series.values,
      series.values.map((_, t) => factorOf(t)),
    );
  return normalMeanCost(series.values.map((x, t) => (factorOf(t) > 0 ? x / factorOf(t) : 0)));
}
