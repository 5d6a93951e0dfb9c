import { logGamma } from '../special/log-gamma.ts';
import { logAddExp } from '../special/log-space.ts';
import { fitMaximumLikelihood } from './maximum-likelihood.ts';
import { logBetaRatio } from './rows.ts';
import type { DiscreteRow, FitOptions, FittedModel } from './types.ts';

/**
 * BG/BB (Fader, Hardie & Shang 2010) for discrete opportunities: purchase probability p ~ Beta(α, β),
 * dropout probability θ ~ Beta(γ, δ) at each opportunity.
 */
export interface BgBbParameters {
  alpha: number;
  beta: number;
  gamma: number;
  delta: number;
}

const names = ['alpha', 'beta', 'gamma', 'delta'] as const;

interface Columns {
  x: Int32Array;
  tx: Int32Array;
  n: Int32Array;
  w: Float64Array;
  totalWeight: number;
}

/** Validates rows and lays them out as columns, merging identical (x, t_x, n) patterns into weights. */
function columns(rows: readonly DiscreteRow[]): Columns {
  const patterns = new Map<string, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const n: number[] = [];
  const w: number[] = [];
  let totalWeight = 0;
  rows.forEach((row, i) => {
    const weight = row.weight ?? 1;
    const ok = [row.frequency, row.recency, row.periods].every(Number.isInteger);
    if (
      !ok ||
      row.frequency < 0 ||
      row.frequency > row.recency ||
      row.recency > row.periods ||
      !(weight >= 0)
    ) {
      throw new RangeError(`row ${i}: need integers 0 ≤ frequency ≤ recency ≤ periods and weight ≥ 0`);
    }
    totalWeight += weight;
    const key = `${row.frequency}|${row.recency}|${row.periods}`;
    const at = patterns.get(key);
    if (at !== undefined) {
      w[at] = (w[at] as number) + weight;
      return;
    }
    patterns.set(key, w.length);
    x.push(row.frequency);
    tx.push(row.recency);
    n.push(row.periods);
    w.push(weight);
  });
  return {
    x: Int32Array.from(x),
    tx: Int32Array.from(tx),
    n: Int32Array.from(n),
    w: Float64Array.from(w),
    totalWeight,
  };
}

/** One term B(α+x, β+m)/B(α,β) · B(γ+k, δ+j)/B(γ,δ) in log form, with its gradient. */
function logTerm(
  theta: readonly number[],
  x: number,
  m: number,
  k: number,
  j: number,
): { value: number; d: number[] } {
  const [alpha, beta, gamma, delta] = theta as [number, number, number, number];
  const purchase = logBetaRatio(alpha, beta, x, m);
  const dropout = logBetaRatio(gamma, delta, k, j);
  return { value: purchase.value + dropout.value, d: [purchase.dA, purchase.dB, dropout.dA, dropout.dB] };
}

/** Per-customer log terms: alive through all n opportunities, then dying after opportunity t_x + i. */
function customerTerms(
  theta: readonly number[],
  x: number,
  tx: number,
  n: number,
): { value: number; d: number[] }[] {
  const terms = [logTerm(theta, x, n - x, 0, n)];
  for (let i = 0; i <= n - tx - 1; i++) terms.push(logTerm(theta, x, tx - x + i, 1, tx + i));
  return terms;
}

function logLikelihood(c: Columns, theta: readonly number[], gradient?: number[]): number {
  let total = 0;
  const g = [0, 0, 0, 0];
  for (let i = 0; i < c.x.length; i++) {
    const w = c.w[i] as number;
    if (w === 0) continue;
    const terms = customerTerms(theta, c.x[i] as number, c.tx[i] as number, c.n[i] as number);
    const mix = terms.reduce((acc, t) => logAddExp(acc, t.value), Number.NEGATIVE_INFINITY);
    total += w * mix;
    if (gradient) {
      for (const t of terms) {
        const share = Math.exp(t.value - mix);
        for (let k = 0; k < 4; k++) g[k] = (g[k] as number) + w * share * (t.d[k] as number);
      }
    }
  }
  if (gradient) for (let k = 0; k < 4; k++) gradient[k] = (gradient[k] ?? 0) + (g[k] as number);
  return total;
}

/** Σ weight·ln L(α, β, γ, δ | x, t_x, n). */
export function bgBbLogLikelihood(
  params: BgBbParameters,
  rows: readonly DiscreteRow[],
  gradient?: number[],
): number {
  return logLikelihood(
    columns(rows),
    names.map((k) => params[k]),
    gradient,
  );
}

/** Maximum-likelihood BG/BB fit. */
export function fitBgBb(
  rows: readonly DiscreteRow[],
  options: FitOptions<BgBbParameters> = {},
): FittedModel<BgBbParameters> {
  const c = columns(rows);
  return fitMaximumLikelihood(
    {
      model: 'bg-bb',
      names,
      logLikelihood: (theta, gradient) => logLikelihood(c, theta, gradient),
      totalWeight: c.totalWeight,
      starts: [
        [1, 1, 1, 1],
        [0.5, 2, 0.5, 2],
        [2, 0.5, 2, 0.5],
      ],
    },
    options,
  );
}

/** P(alive at opportunity n + periodsAhead | x, t_x, n); periodsAhead = 1 is the paper's "alive next period". */
export function bgBbProbabilityAlive(
  p: BgBbParameters,
  x: number,
  tx: number,
  n: number,
  periodsAhead = 1,
): number {
  const theta = names.map((k) => p[k]);
  const terms = customerTerms(theta, x, tx, n);
  const mix = terms.reduce((acc, t) => logAddExp(acc, t.value), Number.NEGATIVE_INFINITY);
  return Math.exp(logTerm(theta, x, n - x, 0, n + periodsAhead).value - mix);
}

/** Γ(1+δ+k)/Γ(γ+δ+k) */
function survivalRatio(p: BgBbParameters, k: number): number {
  return Math.exp(logGamma(1 + p.delta + k) - logGamma(p.gamma + p.delta + k));
}

/** E[X(n)]: expected purchases in the first n opportunities of a new customer. */
export function bgBbExpectedPurchases(p: BgBbParameters, n: number): number {
  const lead = (p.alpha / (p.alpha + p.beta)) * (p.delta / (p.gamma - 1));
  return lead * (1 - Math.exp(logGamma(p.gamma + p.delta) - logGamma(1 + p.delta)) * survivalRatio(p, n));
}

/** E[X(n, n + future) | x, t_x, n]: expected purchases in the next `future` opportunities. */
export function bgBbConditionalExpectedPurchases(
  p: BgBbParameters,
  future: number,
  x: number,
  tx: number,
  n: number,
): number {
  const theta = names.map((k) => p[k]);
  const terms = customerTerms(theta, x, tx, n);
  const mix = terms.reduce((acc, t) => logAddExp(acc, t.value), Number.NEGATIVE_INFINITY);
  const purchase = logBetaRatio(p.alpha, p.beta, x + 1, n - x).value;
  const lead =
    Math.exp(purchase - mix + logGamma(p.gamma + p.delta) - logGamma(1 + p.delta)) *
    (p.delta / (p.gamma - 1));
  return lead * (survivalRatio(p, n) - survivalRatio(p, n + future));
}
