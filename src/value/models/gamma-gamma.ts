import { digamma, logGamma } from '../special/log-gamma.ts';
import { fitMaximumLikelihood } from './maximum-likelihood.ts';
import type { FitOptions, FittedModel, SpendRow } from './types.ts';

/**
 * Gamma-Gamma spend model (Fader & Hardie 2013, note 025): each purchase ~ Γ(p, ν), ν ~ Γ(q, γ).
 * Only repeat buyers carry information; rows with frequency 0 are ignored.
 */
export interface GammaGammaParameters {
  p: number;
  q: number;
  gamma: number;
}

const names = ['p', 'q', 'gamma'] as const;

interface Columns {
  x: Float64Array;
  m: Float64Array;
  w: Float64Array;
  totalWeight: number;
  meanSpend: number;
}

function columns(rows: readonly SpendRow[]): Columns {
  const kept = rows.filter((r) => r.frequency > 0);
  const c = {
    x: new Float64Array(kept.length),
    m: new Float64Array(kept.length),
    w: new Float64Array(kept.length),
    totalWeight: 0,
    meanSpend: 0,
  };
  kept.forEach((row, i) => {
    const w = row.weight ?? 1;
    if (!(row.monetaryValue > 0) || !(w >= 0)) {
      throw new RangeError(
        `repeat buyer ${i}: mean spend must be positive (filter zero or negative spend first)`,
      );
    }
    c.x[i] = row.frequency;
    c.m[i] = row.monetaryValue;
    c.w[i] = w;
    c.totalWeight += w;
    c.meanSpend += w * row.monetaryValue;
  });
  c.meanSpend /= c.totalWeight || 1;
  return c;
}

/** ln f(z̄ | p, q, γ, x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(x z̄ + γ). */
function logLikelihood(c: Columns, theta: readonly number[], gradient?: number[]): number {
  const [p, q, gamma] = theta as [number, number, number];
  const lgQ = logGamma(q);
  const psiQ = digamma(q);
  const lnGamma = Math.log(gamma);
  let total = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  for (let i = 0; i < c.x.length; i++) {
    const w = c.w[i] as number;
    const x = c.x[i] as number;
    const lnM = Math.log(c.m[i] as number);
    const lnX = Math.log(x);
    const lnDenominator = Math.log(x * (c.m[i] as number) + gamma);
    const px = p * x;
    total +=
      w *
      (logGamma(px + q) -
        logGamma(px) -
        lgQ +
        q * lnGamma +
        (px - 1) * lnM +
        px * lnX -
        (px + q) * lnDenominator);
    if (gradient) {
      const psiSum = digamma(px + q);
      gp += w * x * (psiSum - digamma(px) + lnM + lnX - lnDenominator);
      gq += w * (psiSum - psiQ + lnGamma - lnDenominator);
      gg += w * (q / gamma - (px + q) / (x * (c.m[i] as number) + gamma));
    }
  }
  if (gradient) {
    gradient[0] = (gradient[0] ?? 0) + gp;
    gradient[1] = (gradient[1] ?? 0) + gq;
    gradient[2] = (gradient[2] ?? 0) + gg;
  }
  return total;
}

/** Σ weight·ln f(z̄ | p, q, γ, x) over repeat buyers. */
export function gammaGammaLogLikelihood(
  params: GammaGammaParameters,
  rows: readonly SpendRow[],
  gradient?: number[],
): number {
  return logLikelihood(
    columns(rows),
    names.map((k) => params[k]),
    gradient,
  );
}

/** Maximum-likelihood Gamma-Gamma fit on the repeat buyers among `rows`. */
export function fitGammaGamma(
  rows: readonly SpendRow[],
  options: FitOptions<GammaGammaParameters> = {},
): FittedModel<GammaGammaParameters> {
  const c = columns(rows);
  const scale = c.meanSpend;
  return fitMaximumLikelihood(
    {
      model: 'gamma-gamma',
      names,
      logLikelihood: (theta, gradient) => logLikelihood(c, theta, gradient),
      totalWeight: c.totalWeight,
      scales: [1, 1, scale],
      starts: [
        [1, 2, scale],
        [5, 5, scale * 2],
        [0.5, 1.5, scale / 4],
      ],
    },
    options,
  );
}

/** E[Z | x, z̄]: a weighted mean of the population mean pγ/(q−1) and the customer's own mean z̄. */
export function gammaGammaExpectedSpend(
  params: GammaGammaParameters,
  frequency: number,
  monetaryValue: number,
): number {
  const { p, q, gamma } = params;
  const populationMean = (p * gamma) / (q - 1);
  if (frequency === 0) return populationMean;
  const weight = (q - 1) / (p * frequency + q - 1);
  return weight * populationMean + (1 - weight) * monetaryValue;
}
