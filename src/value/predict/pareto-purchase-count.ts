import { gaussLegendre } from '../../maths/gauss-legendre.ts';
import type { ParetoNbdParameters } from '../models/pareto-nbd.ts';
import { logHyp2f1 } from '../special/hyp2f1.ts';
import { logBeta, logGamma } from '../special/log-gamma.ts';
import { logAddExp, logSubExp } from '../special/log-space.ts';
import { checkPurchaseCount } from './input-checks.ts';
import { logNegativeBinomialPmf, negativeBinomial } from './negative-binomial.ts';

/**
 * P(X(t) = n) for a new Pareto/NBD customer (Fader & Hardie 2006, note 012; BTYD `pnbd.pmf`):
 * alive all along and n purchases, NB(n)·(β/(β+t))^s, plus died at τ < t after n purchases,
 * α^r β^s B(r+n, s+1)/B(r, s) · [B₁ − Σ_{i=0..n} Γ(r+s+i)/(Γ(r+s) i!) tⁱ B₂(i)], with
 * B₁ = ₂F₁(r+s, b; r+s+n+1; |α−β|/m) / m^(r+s), B₂(i) = ₂F₁(r+s+i, b; r+s+n+1; |α−β|/(m+t)) / (m+t)^(r+s+i),
 * m = max(α, β), b = s+1 if α ≥ β else r+n.
 * The bracket is ∫₀^∞ minus ∫_t^∞ of the death-time integrand; when the two agree to many digits
 * (large n, small t) it is integrated directly over (0, t] instead.
 */
export function paretoNbdProbabilityOfPurchases(p: ParetoNbdParameters, t: number, n: number): number {
  checkPurchaseCount(t, n);
  if (t === 0) return n === 0 ? 1 : 0;
  const { r, alpha, s, beta } = p;
  const aliveAllAlong =
    logNegativeBinomialPmf(negativeBinomial(r, alpha, t), n) + s * (Math.log(beta) - Math.log(beta + t));
  const weight = r * Math.log(alpha) + s * Math.log(beta) + logBeta(r + n, s + 1) - logBeta(r, s);
  const diedBefore = weight + logDeathBracket(p, t, n);
  return Math.exp(logAddExp(aliveAllAlong, diedBefore));
}

/** Digits the closed form may lose to cancellation (leaving ~1e-10) before the direct integral takes over. */
const maxCancellation = 6;

function logDeathBracket(p: ParetoNbdParameters, t: number, n: number): number {
  const { r, alpha, s, beta } = p;
  const m = Math.max(alpha, beta);
  const gap = Math.abs(alpha - beta);
  const b = alpha >= beta ? s + 1 : r + n;
  const c = r + s + n + 1;
  const whole = logHyp2f1(r + s, b, c, gap / m).log - (r + s) * Math.log(m);
  let beyond = Number.NEGATIVE_INFINITY;
  for (let i = 0; i <= n; i++) {
    const coefficient = i * Math.log(t) + logGamma(r + s + i) - logGamma(r + s) - logGamma(i + 1);
    const f = logHyp2f1(r + s + i, b, c, gap / (m + t));
    beyond = logAddExp(beyond, coefficient + f.log - (r + s + i) * Math.log(m + t));
  }
  const bracket = logSubExp(whole, beyond);
  if (Number.isFinite(bracket) && whole - bracket < maxCancellation * Math.LN10) return bracket;
  return logDeathBracketByQuadrature(p, t, n);
}

const rule = gaussLegendre(32);

/**
 * The same bracket as (r+s)_{n+1}/n! · ∫₀ᵗ τⁿ (α+τ)^−(r+n) (β+τ)^−(s+1) dτ, by Gauss-Legendre panels in
 * log space. τⁿ is the only sharp factor, so about n/16 panels of 32 nodes integrate it to double precision.
 */
export function logDeathBracketByQuadrature(p: ParetoNbdParameters, t: number, n: number): number {
  const { r, alpha, s, beta } = p;
  const panels = Math.min(512, Math.max(4, Math.ceil(n / 16) + Math.ceil(t / Math.min(alpha, beta))));
  const width = t / panels;
  let sum = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < panels; k++) {
    const centre = (k + 0.5) * width;
    for (let i = 0; i < rule.nodes.length; i++) {
      const tau = centre + 0.5 * width * (rule.nodes[i] as number);
      const logF = n * Math.log(tau) - (r + n) * Math.log(alpha + tau) - (s + 1) * Math.log(beta + tau);
      sum = logAddExp(sum, logF + Math.log(0.5 * width * (rule.weights[i] as number)));
    }
  }
  // (r+s)_{n+1} / n! = Γ(r+s+n+1) / (Γ(r+s) n!)
  return sum + logGamma(r + s + n + 1) - logGamma(r + s) - logGamma(n + 1);
}
