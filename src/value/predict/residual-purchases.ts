import { gaussLegendre } from '../../maths/gauss-legendre.ts';
import { type ParetoNbdParameters, paretoNbdProbabilityAlive } from '../models/pareto-nbd.ts';
import { checkHistory } from './input-checks.ts';

const rule = gaussLegendre(20);

function checkRateAndHorizon(delta: number, horizon: number): void {
  if (!(Number.isFinite(delta) && delta >= 0))
    throw new RangeError(`discount rate must be finite and ≥ 0, got ${delta}`);
  if (!(horizon >= 0)) throw new RangeError(`horizon must be ≥ 0, got ${horizon}`);
  if (horizon === Number.POSITIVE_INFINITY && delta === 0)
    throw new RangeError('an unlimited horizon needs a positive discount rate');
}

/**
 * Discounted expected residual purchases (DERT) of a Pareto/NBD customer, at continuous rate δ per time
 * unit over (T, T + horizon] (Fader, Hardie & Lee 2005, "RFM and CLV", when the horizon is unlimited):
 * alive customers buy at λ ~ Γ(r+x, α+T) until death at μ ~ Γ(s, β+T), so
 * DERT = P(alive) · (r+x)/(α+T) · ∫₀^H e^(−δt) ((β+T)/(β+T+t))^s dt.
 * The paper writes the unlimited integral as (β+T)^s δ^(s−1) Ψ(s, s; δ(β+T)) with Tricomi's Ψ; it is summed
 * here by quadrature, which also serves finite horizons and any s.
 * @example paretoNbdDiscountedResidualPurchases(params, Math.log(1.15) / 52, 2, 30.43, 38.86)
 */
export function paretoNbdDiscountedResidualPurchases(
  p: ParetoNbdParameters,
  delta: number,
  frequency: number,
  recency: number,
  T: number,
  horizon = Number.POSITIVE_INFINITY,
): number {
  checkHistory(frequency, recency, T);
  checkRateAndHorizon(delta, horizon);
  const rate = (p.r + frequency) / (p.alpha + T);
  return (
    paretoNbdProbabilityAlive(p, frequency, recency, T) *
    rate *
    discountedSurvival(p.s, p.beta + T, delta, horizon)
  );
}

/**
 * ∫₀^H e^(−δt) (B/(B+t))^s dt: the discounted time a customer with dropout rate μ ~ Γ(s, B) stays alive.
 * With t = B(e^w − 1) the integrand is exp(−δB(e^w − 1) + (1−s)w), smooth in w; panels are cut so that the
 * exponent moves by at most 8 across one, and the sum stops once the integrand is e^−45 below its peak.
 */
export function discountedSurvival(s: number, B: number, delta: number, horizon: number): number {
  checkRateAndHorizon(delta, horizon);
  if (horizon === 0) return 0;
  const exponent = (w: number) => -delta * B * Math.expm1(w) + (1 - s) * w;
  const slope = (w: number) => -delta * B * Math.exp(w) + (1 - s);
  const end = Math.log1p(horizon / B);
  const peakAt = s < 1 && delta > 0 ? Math.max(0, Math.log((1 - s) / (delta * B))) : s < 1 ? end : 0;
  const peak = exponent(Math.min(peakAt, end));
  let sum = 0;
  let w = 0;
  for (let panel = 0; panel < 100_000 && w < end; panel++) {
    if (w > peakAt && exponent(w) < peak - 45) break;
    const width = Math.min(0.5, 8 / Math.abs(slope(w)), end - w);
    for (let i = 0; i < rule.nodes.length; i++) {
      const v = w + 0.5 * width * (1 + (rule.nodes[i] as number));
      sum += 0.5 * width * (rule.weights[i] as number) * Math.exp(exponent(v));
    }
    w += width;
  }
  return B * sum;
}

/**
 * ∫₀^H e^(−δt) dE[Y(t)] for any model's conditional expectation E[Y(t)] (E[Y(0)] = 0), integrated by parts
 * as e^(−δH) E[Y(H)] + δ ∫₀^H e^(−δt) E[Y(t)] dt so that only E[Y] is needed; the integral is Gauss-Legendre
 * on at least 8 panels. Used for BG/NBD and MBG/NBD, whose horizon must then be finite.
 */
export function discountedPurchasesFromExpectation(
  expected: (t: number) => number,
  delta: number,
  horizon: number,
): number {
  checkRateAndHorizon(delta, horizon);
  if (!Number.isFinite(horizon))
    throw new RangeError('this model needs a finite horizon for continuous discounting');
  if (horizon === 0) return 0;
  const atEnd = Math.exp(-delta * horizon) * expected(horizon);
  if (delta === 0) return atEnd;
  const panels = Math.min(1000, Math.max(8, Math.ceil(2 * delta * horizon)));
  const width = horizon / panels;
  let integral = 0;
  for (let k = 0; k < panels; k++) {
    for (let i = 0; i < rule.nodes.length; i++) {
      const t = (k + 0.5 * (1 + (rule.nodes[i] as number))) * width;
      integral += 0.5 * width * (rule.weights[i] as number) * Math.exp(-delta * t) * expected(t);
    }
  }
  return atEnd + delta * integral;
}
