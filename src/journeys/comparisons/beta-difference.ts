import { compositeRule } from '../../maths/gauss-legendre.ts';
import {
  betaCdf,
  betaQuantile,
  logBeta,
  standardNormalCdf,
  standardNormalQuantile,
} from '../maths/distributions.ts';

/** A Beta(α, β) posterior of a conversion rate. */
export interface BetaPosterior {
  alpha: number;
  beta: number;
}

/**
 * P(X_B > X_A) for independent Beta posteriors, exactly when α_B is an integer (Miller 2015, "Formulas
 * for Bayesian A/B testing"): Σ_{i=0}^{α_B−1} B(α_A + i, β_A + β_B) / ((β_B + i)·B(1 + i, β_B)·B(α_A, β_A)).
 * Returns null when α_B is not an integer (use `differenceCdf` then).
 */
export function probabilityGreaterExact(a: BetaPosterior, b: BetaPosterior): number | null {
  if (!Number.isInteger(b.alpha) || b.alpha > 1e6) return null;
  let total = 0;
  for (let i = 0; i < b.alpha; i++)
    total += Math.exp(
      logBeta(a.alpha + i, a.beta + b.beta) -
        Math.log(b.beta + i) -
        logBeta(1 + i, b.beta) -
        logBeta(a.alpha, a.beta),
    );
  return Math.min(1, Math.max(0, total));
}

/**
 * The CDF of D = X_B − X_A, F(d) = P(X_B − X_A ≤ d), by numeric integration over the narrower posterior X
 * on a normal scale z, x = Q_X(Φ(z)): F(d) = ∫ G(Q_X(Φ(z)))·φ(z) dz over [−10, 10] (the mass beyond is
 * below 1e-22), with G the CDF of the other rate shifted by d. The integrand is bounded and smooth (the
 * other posterior is the wider one) except where x ± d meets 0 or 1; a composite 8-point Gauss–Legendre
 * rule on 40 panels integrates it, with the panel holding such a kink split there.
 */
export function differenceCdf(a: BetaPosterior, b: BetaPosterior): (d: number) => number {
  const variance = (p: BetaPosterior) =>
    (p.alpha * p.beta) / ((p.alpha + p.beta) ** 2 * (p.alpha + p.beta + 1));
  const overA = variance(a) <= variance(b);
  const narrow = overA ? a : b;
  const wide = overA ? b : a;
  const toX = (z: number) => betaQuantile(standardNormalCdf(z), narrow.alpha, narrow.beta);
  // X_B ≤ X_A + d: over A it is F_B(a + d); over B it is 1 − F_A(b − d).
  const integrand = (x: number, d: number) =>
    overA ? betaCdf(x + d, wide.alpha, wide.beta) : 1 - betaCdf(x - d, wide.alpha, wide.beta);
  const panels = Array.from({ length: PANELS }, (_, p) => {
    const rule = compositeRule(LOW + p * WIDTH, LOW + (p + 1) * WIDTH, 1, ORDER);
    return {
      ...rule,
      xs: rule.nodes.map(toX),
      weights: rule.weights.map((w, i) => w * normalDensity(rule.nodes[i] as number)),
    };
  });
  const onPiece = (from: number, to: number, d: number) => {
    const rule = compositeRule(from, to, 1, ORDER);
    return rule.nodes.reduce(
      (t, z, i) => t + (rule.weights[i] as number) * normalDensity(z) * integrand(toX(z), d),
      0,
    );
  };
  return (d: number) => {
    const kinks = (overA ? [-d, 1 - d] : [d, 1 + d])
      .filter((x) => x > 0 && x < 1)
      .map((x) => standardNormalQuantile(betaCdf(x, narrow.alpha, narrow.beta)))
      .filter((z) => z > LOW && z < -LOW);
    let total = 0;
    panels.forEach((panel, p) => {
      const left = LOW + p * WIDTH;
      const inside = kinks.filter((z) => z > left && z < left + WIDTH).sort((u, v) => u - v);
      if (inside.length === 0) {
        panel.xs.forEach((x, i) => {
          total += (panel.weights[i] as number) * integrand(x, d);
        });
        return;
      }
      const cuts = [left, ...inside, left + WIDTH];
      for (let k = 0; k + 1 < cuts.length; k++) total += onPiece(cuts[k] as number, cuts[k + 1] as number, d);
    });
    return Math.min(1, Math.max(0, total));
  };
}

const LOW = -10;
const PANELS = 40;
const WIDTH = 0.5;
const ORDER = 8;

function normalDensity(z: number): number {
  return Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
}

/** The q-quantile of a monotone CDF on [−1, 1] by bisection to 1e-12. */
export function quantileByBisection(cdf: (d: number) => number, q: number): number {
  let low = -1;
  let high = 1;
  while (high - low > 1e-12) {
    const mid = (low + high) / 2;
    if (cdf(mid) < q) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
