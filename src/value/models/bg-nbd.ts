import { logHyp2f1 } from '../special/hyp2f1.ts';
import { logistic } from '../special/log-space.ts';
import {
  type BetaGeometricParameters,
  betaGeometricModelLogLikelihood,
  fitBetaGeometric,
} from './beta-geometric.ts';
import type { FitOptions, FittedModel, RepeatPurchaseRow } from './types.ts';

/** BG/NBD (Fader, Hardie & Lee 2005): Poisson purchases at rate λ ~ Γ(r, α); after each purchase the customer drops out with p ~ Beta(a, b). */
export type BgNbdParameters = BetaGeometricParameters;

/** Σ weight·ln L(r, α, a, b | x, t_x, T), with its gradient in the natural parameters when asked. */
export function bgNbdLogLikelihood(
  params: BgNbdParameters,
  rows: readonly RepeatPurchaseRow[],
  gradient?: number[],
): number {
  return betaGeometricModelLogLikelihood(false, params, rows, gradient);
}

/** Maximum-likelihood BG/NBD fit. Example: `fitBgNbd(summaries).parameters.r`. */
export function fitBgNbd(
  rows: readonly RepeatPurchaseRow[],
  options: FitOptions<BgNbdParameters> = {},
): FittedModel<BgNbdParameters> {
  return fitBetaGeometric(false, rows, options);
}

/** E[X(t)]: expected purchases of a new customer in (0, t]. */
export function bgNbdExpectedPurchases(p: BgNbdParameters, t: number): number {
  const { r, alpha, a, b } = p;
  const f = logHyp2f1(r, b, a + b - 1, t / (alpha + t));
  return ((a + b - 1) / (a - 1)) * (1 - Math.exp(r * Math.log(alpha / (alpha + t)) + f.log) * f.sign);
}

/** ln of the odds of having dropped out: ln[a/(b+x−1)] + (r+x) ln[(α+T)/(α+t_x)] (−∞ when x = 0). */
function logDeadOdds(p: BgNbdParameters, x: number, tx: number, T: number): number {
  if (x === 0) return Number.NEGATIVE_INFINITY;
  return Math.log(p.a / (p.b + x - 1)) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
}

/** P(alive | x, t_x, T). It is 1 for customers with no repeat purchase, a known property of BG/NBD. */
export function bgNbdProbabilityAlive(p: BgNbdParameters, x: number, tx: number, T: number): number {
  return logistic(-logDeadOdds(p, x, tx, T));
}

/** E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] for a customer with this history. */
export function bgNbdConditionalExpectedPurchases(
  p: BgNbdParameters,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  const { r, alpha, a, b } = p;
  const f = logHyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const survivors = Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t)) + f.log) * f.sign;
  return ((a + b + x - 1) / (a - 1)) * (1 - survivors) * bgNbdProbabilityAlive(p, x, tx, T);
}
