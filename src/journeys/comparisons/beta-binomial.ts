import {
  type BetaPosterior,
  differenceCdf,
  probabilityGreaterExact,
  quantileByBisection,
} from './beta-difference.ts';
import type { ConversionCount } from './proportions.ts';

/** A Bayesian comparison of two conversion rates, after − before. */
export interface BayesianRateComparison {
  before: BetaPosterior;
  after: BetaPosterior;
  /** P(rate after > rate before | data). */
  probabilityAfterHigher: number;
  /** max(P(after > before), P(after < before)): the posterior the gate reads. */
  posteriorProbability: number;
  /** Posterior mean of rate after − rate before. */
  difference: number;
  /** Equal-tailed credible interval of rate after − rate before. */
  credibleInterval: [number, number];
  /** Ratio of posterior means − 1; the effect size the gate reads. */
  relativeChange: number;
  effectSize: number;
  /** 'exact' when P(after > before) came from the closed form, else 'quadrature'. */
  method: 'exact' | 'quadrature';
}

/**
 * Beta-Binomial comparison: each rate gets the posterior Beta(α₀ + conversions, β₀ + trials − conversions)
 * from a Beta(α₀, β₀) prior (default uniform, 1 and 1). P(after > before) is exact when the posterior α is
 * an integer, by quadrature otherwise; the credible interval of the difference inverts the quadrature CDF
 * of the difference (see `differenceCdf`). No random simulation.
 */
export function compareConversionRates(
  before: ConversionCount,
  after: ConversionCount,
  options: { prior?: BetaPosterior; credibleLevel?: number } = {},
): BayesianRateComparison {
  const prior = options.prior ?? { alpha: 1, beta: 1 };
  const level = options.credibleLevel ?? 0.95;
  if (!(prior.alpha > 0 && prior.beta > 0)) throw new RangeError('the prior needs α > 0 and β > 0');
  for (const c of [before, after])
    if (!(c.trials >= 0 && c.conversions >= 0 && c.conversions <= c.trials))
      throw new RangeError('need 0 ≤ conversions ≤ trials');
  const a = {
    alpha: prior.alpha + before.conversions,
    beta: prior.beta + before.trials - before.conversions,
  };
  const b = { alpha: prior.alpha + after.conversions, beta: prior.beta + after.trials - after.conversions };
  const cdf = differenceCdf(a, b);
  const exact = probabilityGreaterExact(a, b);
  const probabilityAfterHigher = exact ?? 1 - cdf(0);
  const meanA = a.alpha / (a.alpha + a.beta);
  const meanB = b.alpha / (b.alpha + b.beta);
  const relativeChange = meanB / meanA - 1;
  return {
    before: a,
    after: b,
    probabilityAfterHigher,
    posteriorProbability: Math.max(probabilityAfterHigher, 1 - probabilityAfterHigher),
    difference: meanB - meanA,
    credibleInterval: [quantileByBisection(cdf, (1 - level) / 2), quantileByBisection(cdf, (1 + level) / 2)],
    relativeChange,
    effectSize: relativeChange,
    method: exact === null ? 'quadrature' : 'exact',
  };
}
