import { logGamma } from '../special/log-gamma.ts';

/**
 * The NBD count of purchases in (0, t] of an always-alive customer, λ ~ Γ(r, α): purchases are negative
 * binomial with p = α/(α+t) and q = t/(α+t). Kept in logs so that q near 1 or large counts never overflow.
 */
export interface NegativeBinomial {
  r: number;
  logP: number;
  logQ: number;
}

export function negativeBinomial(r: number, alpha: number, t: number): NegativeBinomial {
  return { r, logP: Math.log(alpha / (alpha + t)), logQ: Math.log(t / (alpha + t)) };
}

/** ln P(N = j) = ln Γ(r+j) − ln Γ(r) − ln j! + r ln p + j ln q. */
export function logNegativeBinomialPmf(nb: NegativeBinomial, j: number): number {
  if (j === 0) return nb.r * nb.logP;
  return logGamma(nb.r + j) - logGamma(nb.r) - logGamma(j + 1) + nb.r * nb.logP + j * nb.logQ;
}

/**
 * ln P(N ≥ x). Below the mean it is 1 minus a short head; above it the tail is summed directly, so that
 * a tail of 1e-12 keeps its digits instead of being lost in 1 − 0.999999999999.
 */
export function logNegativeBinomialTail(nb: NegativeBinomial, x: number): number {
  if (x <= 0) return 0;
  if (nb.logQ === Number.NEGATIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  const q = Math.exp(nb.logQ);
  const mean = (nb.r * q) / Math.exp(nb.logP);
  if (x <= mean) {
    let head = 0;
    for (let j = 0; j < x; j++) head += Math.exp(logNegativeBinomialPmf(nb, j));
    return Math.log1p(-Math.min(head, 1));
  }
  // Summed relative to its first term: past the mean the ratios (r+j)q/(j+1) stay near or below q < 1.
  let term = 1;
  let sum = 1;
  for (let j = x; j < x + 10_000_000; j++) {
    // Later ratios lie between this one and q, so the rest is below term·ρ/(1−ρ) with ρ the larger.
    const ratio = ((nb.r + j) / (j + 1)) * q;
    const bound = Math.max(ratio, q);
    if (bound < 1 && (term * bound) / (1 - bound) < 1e-17 * sum) break;
    term *= ratio;
    sum += term;
  }
  return logNegativeBinomialPmf(nb, x) + Math.log(sum);
}
