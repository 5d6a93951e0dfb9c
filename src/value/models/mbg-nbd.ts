import { logHyp2f1 } from '../special/hyp2f1.ts';
import { logistic } from '../special/log-space.ts';
import {
  type BetaGeometricParameters,
  betaGeometricModelLogLikelihood,
  fitBetaGeometric,
} from './beta-geometric.ts';
import type { FitOptions, FittedModel, RepeatPurchaseRow } from './types.ts';

/**
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007): as BG/NBD, but a customer may also drop out right
 * after the first purchase, so P(alive) < 1 even with no repeat purchase.
 */
export type MbgNbdParameters = BetaGeometricParameters;

/** Σ weight·ln L(r, α, a, b | x, t_x, T). */
export function mbgNbdLogLikelihood(
  params: MbgNbdParameters,
  rows: readonly RepeatPurchaseRow[],
  gradient?: number[],
): number {
  return betaGeometricModelLogLikelihood(true, params, rows, gradient);
}

/** Maximum-likelihood MBG/NBD fit. */
export function fitMbgNbd(
  rows: readonly RepeatPurchaseRow[],
  options: FitOptions<MbgNbdParameters> = {},
): FittedModel<MbgNbdParameters> {
  return fitBetaGeometric(true, rows, options);
}

/** E[X(t)]: expected purchases of a new customer in (0, t]. */
export function mbgNbdExpectedPurchases(p: MbgNbdParameters, t: number): number {
  const { r, alpha, a, b } = p;
  const f = logHyp2f1(r, b + 1, a + b, t / (alpha + t));
  return (b / (a - 1)) * (1 - Math.exp(r * Math.log(alpha / (alpha + t)) + f.log) * f.sign);
}

/** P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)). */
export function mbgNbdProbabilityAlive(p: MbgNbdParameters, x: number, tx: number, T: number): number {
  const logOdds = Math.log(p.a / (p.b + x)) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
  return logistic(-logOdds);
}

/** E[Y(t) | x, t_x, T]: expected purchases in (T, T + t]. */
export function mbgNbdConditionalExpectedPurchases(
  p: MbgNbdParameters,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  const { r, alpha, a, b } = p;
  const f = logHyp2f1(r + x, b + x + 1, a + b + x, t / (alpha + T + t));
  const survivors = Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t)) + f.log) * f.sign;
  return ((a + b + x) / (a - 1)) * (1 - survivors) * mbgNbdProbabilityAlive(p, x, tx, T);
}
