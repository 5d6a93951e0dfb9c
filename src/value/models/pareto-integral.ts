import { gaussLegendre } from '../../maths/gauss-legendre.ts';
import { logHyp2f1 } from '../special/hyp2f1.ts';
import { logAddExp, logSubExp } from '../special/log-space.ts';

export interface LogTerm {
  value: number;
  /** ∂value/∂(r, α, s, β) */
  d: [number, number, number, number];
}

/**
 * By series: ln of ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ = [F(t_x)/(m+t_x)^a − F(T)/(m+T)^a] / a, with a = r+s+x,
 * m = max(α, β) and F(u) = ₂F₁(a, b; a+1; |α−β|/(m+u)), b = s+1 when α ≥ β and r+x otherwise
 * (the branch keeps the argument in [0, 1)). −∞ when t_x = T.
 */
export function logDeathIntegralBySeries(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
): LogTerm {
  const a = r + s + x;
  const alphaLarger = alpha >= beta;
  const m = alphaLarger ? alpha : beta;
  const b = alphaLarger ? s + 1 : r + x;
  const at = (u: number): LogTerm => {
    const z = Math.abs(alpha - beta) / (m + u);
    const f = logHyp2f1(a, b, a + 1, z);
    const lnMu = Math.log(m + u);
    // ∂z/∂α and ∂z/∂β for the branch in use.
    const dzAlpha = alphaLarger ? (beta + u) / ((m + u) * (m + u)) : -1 / (m + u);
    const dzBeta = alphaLarger ? -1 / (m + u) : (alpha + u) / ((m + u) * (m + u));
    const dLnMAlpha = alphaLarger ? -a / (m + u) : 0;
    const dLnMBeta = alphaLarger ? 0 : -a / (m + u);
    const dA = f.dA + f.dC - lnMu; // a and c = a + 1 both move with r and s
    return {
      value: f.log - a * lnMu,
      d: [
        dA + (alphaLarger ? 0 : f.dB),
        f.dZ * dzAlpha + dLnMAlpha,
        dA + (alphaLarger ? f.dB : 0),
        f.dZ * dzBeta + dLnMBeta,
      ],
    };
  };
  const upper = at(tx);
  const lower = at(T);
  const value = logSubExp(upper.value, lower.value);
  if (value === Number.NEGATIVE_INFINITY) return { value, d: [0, 0, 0, 0] };
  const wu = Math.exp(upper.value - value);
  const wl = Math.exp(lower.value - value);
  const d = upper.d.map((du, k) => wu * du - wl * (lower.d[k] as number)) as LogTerm['d'];
  return { value: value - Math.log(a), d: [d[0] - 1 / a, d[1], d[2] - 1 / a, d[3]] };
}

/**
 * The ₂F₁ series peaks near term b·z/(1−z) and then decays like zᵏ; past ~300 terms quadrature is
 * cheaper, and as exact.
 */
function seriesIsShort(b: number, z: number): boolean {
  return z <= 0.75 && (b * z) / (1 - z) <= 200;
}

/** ln ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ and its gradient in (r, α, s, β); −∞ when t_x = T. */
export function logDeathIntegral(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
): LogTerm {
  const z = Math.abs(alpha - beta) / (Math.max(alpha, beta) + tx);
  const b = alpha >= beta ? s + 1 : r + x;
  return seriesIsShort(b, z)
    ? logDeathIntegralBySeries(r, alpha, s, beta, x, tx, T)
    : logDeathIntegralByQuadrature(r, alpha, s, beta, x, tx, T);
}

const rule = gaussLegendre(32);

/**
 * The same integral by Gauss-Legendre in v = ln(m + τ), m = min(α, β): the integrand is then analytic in
 * a strip of half-width π around the path, and panels are cut so that no panel spans more than a
 * factor e^16 of its exponential trend, which keeps 32 nodes per panel at double precision.
 */
export function logDeathIntegralByQuadrature(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
): LogTerm {
  if (T <= tx) return { value: Number.NEGATIVE_INFINITY, d: [0, 0, 0, 0] };
  const p = r + x;
  const q = s + 1;
  const m = Math.min(alpha, beta);
  const from = Math.log(m + tx);
  // The integrand falls at least this fast in v; beyond e^−45 of its start it adds nothing.
  const decay = p - 1 + (q * (m + tx)) / (Math.max(alpha, beta) + tx);
  const to = decay > 0 ? Math.min(Math.log(m + T), from + 45 / decay) : Math.log(m + T);
  // Steepest log-slope of the integrand in v: |1 − p| from the first factor, q(m+T)/(M+T) at most from the second.
  const slope = Math.abs(1 - p) + (q * (m + T)) / (Math.max(alpha, beta) + T);
  const panels = Math.min(256, Math.max(1, Math.ceil((slope * (to - from)) / 16)));
  const width = (to - from) / panels;
  let logSum = Number.NEGATIVE_INFINITY;
  const logs: number[] = [];
  const points: number[] = [];
  for (let k = 0; k < panels; k++) {
    const centre = from + (k + 0.5) * width;
    for (let i = 0; i < rule.nodes.length; i++) {
      const v = centre + 0.5 * width * (rule.nodes[i] as number);
      const tau = Math.exp(v) - m;
      const logF =
        v -
        p * Math.log(alpha + tau) -
        q * Math.log(beta + tau) +
        Math.log(0.5 * width * (rule.weights[i] as number));
      logs.push(logF);
      points.push(tau);
      logSum = logAddExp(logSum, logF);
    }
  }
  const d: LogTerm['d'] = [0, 0, 0, 0];
  logs.forEach((logF, i) => {
    const share = Math.exp(logF - logSum);
    const tau = points[i] as number;
    d[0] -= share * Math.log(alpha + tau);
    d[1] -= (share * p) / (alpha + tau);
    d[2] -= share * Math.log(beta + tau);
    d[3] -= (share * q) / (beta + tau);
  });
  return { value: logSum, d };
}
