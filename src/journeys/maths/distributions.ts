/**
 * The distribution functions the journeys statistics need, each a thin name over a `@stdlib` package made
 * for that job, so the rest of `journeys/` reads in the customer's language and has one place to swap them.
 * @module
 */

import betaln from '@stdlib/math-base-special-betaln';
import gammainc from '@stdlib/math-base-special-gammainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import betaCdfStdlib from '@stdlib/stats-base-dists-beta-cdf';
import betaQuantileStdlib from '@stdlib/stats-base-dists-beta-quantile';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** ln Γ(x). */
export function logGamma(x: number): number {
  return gammaln(x);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return betaln(a, b);
}

/**
 * P(X ≥ x) for X ~ χ²(df), as the regularised upper incomplete gamma Q(df/2, x/2), which keeps its
 * precision for tiny p-values where 1 − CDF would round to 0.
 */
export function chiSquareSurvival(x: number, degreesOfFreedom: number): number {
  if (!(degreesOfFreedom > 0)) return Number.NaN;
  if (x <= 0) return 1;
  return gammainc(x / 2, degreesOfFreedom / 2, true, true);
}

/** Φ(z), the standard normal CDF. */
export function standardNormalCdf(z: number): number {
  return normalCdf(z, 0, 1);
}

/** Two-sided p-value of a standard normal statistic: 2·Φ(−|z|). */
export function twoSidedNormalPValue(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
}

/** Φ⁻¹(p), e.g. 1.959964 for p = 0.975. */
export function standardNormalQuantile(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** P(X ≤ x) for X ~ Beta(a, b). */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return betaCdfStdlib(x, a, b);
}

/** The p-quantile of Beta(a, b). */
export function betaQuantile(p: number, a: number, b: number): number {
  return betaQuantileStdlib(p, a, b);
}
