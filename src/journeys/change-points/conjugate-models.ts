/**
 * Conjugate observation models for Bayesian online change-point detection: each gives the posterior
 * predictive density of the next point given the points of the current run, and updates its statistics.
 * @module
 */
import { logGamma } from '../maths/distributions.ts';

/** A model whose statistics summarise one run; plain data in, plain data out. */
export interface ConjugateModel<Statistics> {
  readonly name: string;
  readonly prior: Statistics;
  /** ln p(x | the run summarised by `statistics`). */
  logPredictive(statistics: Statistics, x: number): number;
  /** The statistics once x joins the run. */
  update(statistics: Statistics, x: number): Statistics;
}

/** Normal-Gamma parameters: μ | τ ~ N(mean, 1/(meanStrength·τ)), τ ~ Gamma(shape, rate). */
export interface NormalGamma {
  mean: number;
  meanStrength: number;
  shape: number;
  rate: number;
}

/**
 * Normal observations with unknown mean and variance (Murphy 2007, "Conjugate Bayesian analysis of the
 * Gaussian distribution", §3): the predictive is Student-t with 2α degrees of freedom, location μ and
 * squared scale β(κ + 1)/(ακ); one point updates κ' = κ + 1, μ' = (κμ + x)/(κ + 1), α' = α + ½,
 * β' = β + κ(x − μ)²/(2(κ + 1)).
 */
export function normalGammaModel(prior: NormalGamma): ConjugateModel<NormalGamma> {
  if (!(prior.meanStrength > 0 && prior.shape > 0 && prior.rate > 0))
    throw new RangeError('meanStrength, shape and rate must be positive');
  // shape grows by ½ per point, so runs of one length share ln Γ((ν+1)/2) − ln Γ(ν/2)
  const gammaRatios = new Map<number, number>();
  const gammaRatio = (dof: number): number => {
    let value = gammaRatios.get(dof);
    if (value === undefined) {
      value = logGamma((dof + 1) / 2) - logGamma(dof / 2);
      if (gammaRatios.size < 100_000) gammaRatios.set(dof, value);
    }
    return value;
  };
  return {
    name: 'normal-gamma',
    prior,
    logPredictive: ({ mean, meanStrength, shape, rate }, x) => {
      const dof = 2 * shape;
      const scale2 = (rate * (meanStrength + 1)) / (shape * meanStrength);
      const z2 = ((x - mean) * (x - mean)) / scale2;
      return (
        gammaRatio(dof) - 0.5 * Math.log(dof * Math.PI * scale2) - ((dof + 1) / 2) * Math.log1p(z2 / dof)
      );
    },
    update: ({ mean, meanStrength, shape, rate }, x) => ({
      mean: (meanStrength * mean + x) / (meanStrength + 1),
      meanStrength: meanStrength + 1,
      shape: shape + 0.5,
      rate: rate + (meanStrength * (x - mean) * (x - mean)) / (2 * (meanStrength + 1)),
    }),
  };
}

/**
 * A weak Normal-Gamma prior centred on a reference sample: mean = its mean, one pseudo-point for the mean,
 * shape 1 and rate = its variance, so E[precision] = 1/variance.
 */
export function normalGammaPriorFrom(reference: readonly number[]): NormalGamma {
  const n = reference.length;
  if (n < 2) throw new RangeError('the reference sample needs at least 2 points');
  const mean = reference.reduce((a, b) => a + b, 0) / n;
  const variance = reference.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return { mean, meanStrength: 1, shape: 1, rate: variance > 0 ? variance : 1 };
}

/** Gamma(shape, rate) on a Poisson rate. */
export interface PoissonGamma {
  shape: number;
  rate: number;
}

/**
 * Poisson counts with a Gamma prior on the rate: the predictive is negative binomial,
 * p(x) = Γ(a + x)/(Γ(a)·x!) · (b/(b + 1))^a · (1/(b + 1))^x; one count updates a' = a + x, b' = b + 1.
 */
export function poissonGammaModel(prior: PoissonGamma): ConjugateModel<PoissonGamma> {
  if (!(prior.shape > 0 && prior.rate > 0)) throw new RangeError('shape and rate must be positive');
  return {
    name: 'poisson-gamma',
    prior,
    logPredictive: ({ shape, rate }, x) => {
      if (!(x >= 0) || !Number.isInteger(x)) return Number.NEGATIVE_INFINITY;
      return (
        logGamma(shape + x) -
        logGamma(shape) -
        logGamma(x + 1) +
        shape * Math.log(rate / (rate + 1)) -
        x * Math.log1p(rate)
      );
    },
    update: ({ shape, rate }, x) => ({ shape: shape + x, rate: rate + 1 }),
  };
}

/** A weak Gamma prior centred on a reference sample's mean count: shape 1, rate 1/mean. */
export function poissonGammaPriorFrom(reference: readonly number[]): PoissonGamma {
  const mean = reference.reduce((a, b) => a + b, 0) / Math.max(reference.length, 1);
  return { shape: 1, rate: 1 / Math.max(mean, 1e-9) };
}
