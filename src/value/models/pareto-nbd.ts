import { digamma, logGamma } from '../special/log-gamma.ts';
import { logAddExp } from '../special/log-space.ts';
import { fitMaximumLikelihood } from './maximum-likelihood.ts';
import { type LogTerm, logDeathIntegral } from './pareto-integral.ts';
import { type RepeatPurchaseColumns, repeatPurchaseColumns } from './rows.ts';
import type { FitOptions, FittedModel, RepeatPurchaseRow } from './types.ts';

/** Pareto/NBD (Schmittlein, Morrison & Colombo 1987): purchase rate λ ~ Γ(r, α), dropout rate μ ~ Γ(s, β). */
export interface ParetoNbdParameters {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

const names = ['r', 'alpha', 's', 'beta'] as const;

/** Per customer: ln of the "alive at T" and "died in (t_x, T]" parts of L, without the common ln Γ(r+x) − ln Γ(r) + r ln α + s ln β. */
function logParts(
  theta: readonly number[],
  x: number,
  tx: number,
  T: number,
): { alive: LogTerm; dead: LogTerm } {
  const [r, alpha, s, beta] = theta as [number, number, number, number];
  const lnAT = Math.log(alpha + T);
  const lnBT = Math.log(beta + T);
  const alive: LogTerm = {
    value: -(r + x) * lnAT - s * lnBT,
    d: [-lnAT, -(r + x) / (alpha + T), -lnBT, -s / (beta + T)],
  };
  const integral = logDeathIntegral(r, alpha, s, beta, x, tx, T);
  const dead: LogTerm = {
    value: Math.log(s) + integral.value,
    d: [integral.d[0], integral.d[1], integral.d[2] + 1 / s, integral.d[3]],
  };
  return { alive, dead };
}

function logLikelihood(c: RepeatPurchaseColumns, theta: readonly number[], gradient?: number[]): number {
  const [r, alpha, s, beta] = theta as [number, number, number, number];
  const head = -logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const psiR = digamma(r);
  let total = 0;
  const g = [0, 0, 0, 0];
  for (let i = 0; i < c.x.length; i++) {
    const w = c.w[i] as number;
    if (w === 0) continue;
    const x = c.x[i] as number;
    const { alive, dead } = logParts(theta, x, c.tx[i] as number, c.T[i] as number);
    const mix = logAddExp(alive.value, dead.value);
    total += w * (logGamma(r + x) + head + mix);
    if (gradient) {
      const pAlive = Math.exp(alive.value - mix);
      const pDead = 1 - pAlive;
      const mixD = alive.d.map((da, k) => pAlive * da + (pDead > 0 ? pDead * (dead.d[k] as number) : 0));
      g[0] = (g[0] as number) + w * (digamma(r + x) - psiR + Math.log(alpha) + (mixD[0] as number));
      g[1] = (g[1] as number) + w * (r / alpha + (mixD[1] as number));
      g[2] = (g[2] as number) + w * (Math.log(beta) + (mixD[2] as number));
      g[3] = (g[3] as number) + w * (s / beta + (mixD[3] as number));
    }
  }
  if (gradient) for (let k = 0; k < 4; k++) gradient[k] = (gradient[k] ?? 0) + (g[k] as number);
  return total;
}

/** Σ weight·ln L(r, α, s, β | x, t_x, T), with its gradient in the natural parameters when asked. */
export function paretoNbdLogLikelihood(
  params: ParetoNbdParameters,
  rows: readonly RepeatPurchaseRow[],
  gradient?: number[],
): number {
  return logLikelihood(
    repeatPurchaseColumns(rows),
    names.map((k) => params[k]),
    gradient,
  );
}

/** Maximum-likelihood Pareto/NBD fit. */
export function fitParetoNbd(
  rows: readonly RepeatPurchaseRow[],
  options: FitOptions<ParetoNbdParameters> = {},
): FittedModel<ParetoNbdParameters> {
  const c = repeatPurchaseColumns(rows);
  const scale = c.meanT;
  return fitMaximumLikelihood(
    {
      model: 'pareto-nbd',
      names,
      logLikelihood: (theta, gradient) => logLikelihood(c, theta, gradient),
      totalWeight: c.totalWeight,
      scales: [1, scale, 1, scale],
      starts: [
        [1, scale / 4, 1, scale / 4],
        [0.5, scale, 0.5, scale / 2],
        [2, scale / 20, 2, scale],
      ],
    },
    options,
  );
}

/** P(alive | x, t_x, T). */
export function paretoNbdProbabilityAlive(p: ParetoNbdParameters, x: number, tx: number, T: number): number {
  const { alive, dead } = logParts(
    names.map((k) => p[k]),
    x,
    tx,
    T,
  );
  return Math.exp(alive.value - logAddExp(alive.value, dead.value));
}

/** E[X(t)] = rβ / (α(s−1)) · [1 − (β/(β+t))^(s−1)] (the s → 1 limit is handled). */
export function paretoNbdExpectedPurchases(p: ParetoNbdParameters, t: number): number {
  return (p.r / p.alpha) * lifetimeExposure(p.s, p.beta, t);
}

/** E[Y(t) | x, t_x, T] = P(alive) · (r+x)/(α+T) · (β+T)/(s−1) · [1 − ((β+T)/(β+T+t))^(s−1)]. */
export function paretoNbdConditionalExpectedPurchases(
  p: ParetoNbdParameters,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  return (
    paretoNbdProbabilityAlive(p, x, tx, T) *
    ((p.r + x) / (p.alpha + T)) *
    lifetimeExposure(p.s, p.beta + T, t)
  );
}

/** E[min(lifetime, t)] for an exponential dropout with rate ~ Γ(s, β): β/(s−1) · [1 − (β/(β+t))^(s−1)]. */
function lifetimeExposure(s: number, beta: number, t: number): number {
  const logRatio = Math.log1p(t / beta);
  if (Math.abs(s - 1) < 1e-10) return beta * logRatio;
  return (beta * -Math.expm1(-(s - 1) * logRatio)) / (s - 1);
}
