import { digamma, logGamma } from '../special/log-gamma.ts';
import { logAddExp } from '../special/log-space.ts';
import { fitMaximumLikelihood } from './maximum-likelihood.ts';
import { logBetaRatio, type RepeatPurchaseColumns, repeatPurchaseColumns } from './rows.ts';
import type { FitOptions, FittedModel, RepeatPurchaseRow } from './types.ts';

interface FrequencyTerms {
  head: number;
  dHeadR: number;
  first: ReturnType<typeof logBetaRatio>;
  second: ReturnType<typeof logBetaRatio> | undefined;
}

/**
 * Shared by BG/NBD and MBG/NBD. ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln(e^A + e^B) with
 * A = ln B(a, b+x+m)/B(a,b) − (r+x) ln(α+T) and B = ln B(a+1, b+x−1+m)/B(a,b) − (r+x) ln(α+t_x),
 * m = 1 for MBG/NBD (where B is present for every customer) and 0 for BG/NBD (B only when x > 0).
 */
export function betaGeometricLogLikelihood(
  modified: boolean,
  c: RepeatPurchaseColumns,
  theta: readonly number[],
  gradient?: number[],
): number {
  const [r, alpha, a, b] = theta as [number, number, number, number];
  const m = modified ? 1 : 0;
  const lnAlpha = Math.log(alpha);
  const lgR = logGamma(r);
  const psiR = digamma(r);
  let total = 0;
  let gR = 0;
  let gAlpha = 0;
  let gA = 0;
  let gB = 0;
  // Everything that depends on x alone is computed once per distinct frequency.
  const byFrequency = new Map<number, FrequencyTerms>();
  const termsFor = (x: number): FrequencyTerms => {
    let t = byFrequency.get(x);
    if (!t) {
      t = {
        head: logGamma(r + x) - lgR + r * lnAlpha,
        dHeadR: digamma(r + x) - psiR + lnAlpha,
        first: logBetaRatio(a, b, 0, x + m),
        second: modified || x > 0 ? logBetaRatio(a, b, 1, x - 1 + m) : undefined,
      };
      byFrequency.set(x, t);
    }
    return t;
  };
  for (let i = 0; i < c.x.length; i++) {
    const w = c.w[i] as number;
    if (w === 0) continue;
    const x = c.x[i] as number;
    const { head, dHeadR, first, second } = termsFor(x);
    const T = c.T[i] as number;
    const tx = c.tx[i] as number;
    const lnAT = Math.log(alpha + T);
    const lnATx = Math.log(alpha + tx);
    const termA = first.value - (r + x) * lnAT;
    const termB = second ? second.value - (r + x) * lnATx : Number.NEGATIVE_INFINITY;
    const mix = logAddExp(termA, termB);
    total += w * (head + mix);
    if (gradient) {
      const pA = Math.exp(termA - mix);
      const pB = 1 - pA;
      gR += w * (dHeadR - pA * lnAT - pB * lnATx);
      gAlpha += w * (r / alpha - (r + x) * (pA / (alpha + T) + pB / (alpha + tx)));
      gA += w * (pA * first.dA + (second ? pB * second.dA : 0));
      gB += w * (pA * first.dB + (second ? pB * second.dB : 0));
    }
  }
  if (gradient) {
    gradient[0] = (gradient[0] ?? 0) + gR;
    gradient[1] = (gradient[1] ?? 0) + gAlpha;
    gradient[2] = (gradient[2] ?? 0) + gA;
    gradient[3] = (gradient[3] ?? 0) + gB;
  }
  return total;
}

/** The parameters BG/NBD and MBG/NBD share (they differ only in when a customer may drop out). */
export interface BetaGeometricParameters {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

const names = ['r', 'alpha', 'a', 'b'] as const;

/** Σ weight·ln L of BG/NBD (`modified` false) or MBG/NBD (true), with its gradient when asked. */
export function betaGeometricModelLogLikelihood(
  modified: boolean,
  params: BetaGeometricParameters,
  rows: readonly RepeatPurchaseRow[],
  gradient?: number[],
): number {
  return betaGeometricLogLikelihood(
    modified,
    repeatPurchaseColumns(rows),
    names.map((k) => params[k]),
    gradient,
  );
}

/** Maximum-likelihood fit of BG/NBD (`modified` false) or MBG/NBD (true), from the same starts. */
export function fitBetaGeometric(
  modified: boolean,
  rows: readonly RepeatPurchaseRow[],
  options: FitOptions<BetaGeometricParameters> = {},
): FittedModel<BetaGeometricParameters> {
  const c = repeatPurchaseColumns(rows);
  const s = c.meanT;
  return fitMaximumLikelihood(
    {
      model: modified ? 'mbg-nbd' : 'bg-nbd',
      names,
      logLikelihood: (theta, gradient) => betaGeometricLogLikelihood(modified, c, theta, gradient),
      totalWeight: c.totalWeight,
      scales: [1, s, 1, 1],
      starts: [
        [1, s / 8, 1, 3],
        [0.5, s / 2, 0.5, 1],
        [2, s / 20, 2, 8],
      ],
    },
    options,
  );
}
