import { describe, expect, it } from 'vitest';
import { bgNbdExpectedPurchases } from '../models/bg-nbd.ts';
import { mbgNbdExpectedPurchases } from '../models/mbg-nbd.ts';
import { paretoNbdExpectedPurchases } from '../models/pareto-nbd.ts';
import { logBeta } from '../special/log-gamma.ts';
import { logDeathBracketByQuadrature, paretoNbdProbabilityOfPurchases } from './pareto-purchase-count.ts';
import {
  bgNbdProbabilityOfPurchases,
  mbgNbdProbabilityOfPurchases,
  probabilityOfPurchases,
} from './purchase-count.ts';

// CDNOW parameters: Fader, Hardie & Lee 2005 (BG/NBD), BTYDplus (MBG/NBD), BTYD's walkthrough (Pareto/NBD).
const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const mbg = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
const pareto = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };
// The same shapes with α > β, for the other branch of the Pareto/NBD hypergeometric.
const paretoAlphaLarger = { r: 0.5534, alpha: 14, s: 0.6061, beta: 5 };

type Pmf = (t: number, n: number) => number;
const models: [string, Pmf, (t: number) => number][] = [
  ['BG/NBD', (t, n) => bgNbdProbabilityOfPurchases(bg, t, n), (t) => bgNbdExpectedPurchases(bg, t)],
  ['MBG/NBD', (t, n) => mbgNbdProbabilityOfPurchases(mbg, t, n), (t) => mbgNbdExpectedPurchases(mbg, t)],
  [
    'Pareto/NBD (α < β)',
    (t, n) => paretoNbdProbabilityOfPurchases(pareto, t, n),
    (t) => paretoNbdExpectedPurchases(pareto, t),
  ],
  [
    'Pareto/NBD (α > β)',
    (t, n) => paretoNbdProbabilityOfPurchases(paretoAlphaLarger, t, n),
    (t) => paretoNbdExpectedPurchases(paretoAlphaLarger, t),
  ],
];

describe('probability of n purchases for a new customer', () => {
  it('gives lifetimes’ BG/NBD values at (0.243, 4.414, 0.793, 2.426)', () => {
    // lifetimes tests/test_estimation.py (BetaGeoFitter.probability_of_n_purchases_up_to_time).
    expect(bgNbdProbabilityOfPurchases(bg, 2, 10) / 1.07869e-7).toBeCloseTo(1, 4);
    expect(Math.abs(bgNbdProbabilityOfPurchases(bg, 39, 0) - 0.5737864)).toBeLessThan(1e-4);
    const n11to20 = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map((n) =>
      bgNbdProbabilityOfPurchases(bg, 30, n),
    );
    expect(n11to20[0]).toBeCloseTo(0.0019995214, 5);
    expect(n11to20[9]).toBeCloseTo(0.000222226, 5);
    for (let i = 1; i < n11to20.length; i++)
      expect(n11to20[i] as number).toBeLessThan(n11to20[i - 1] as number);
  });

  it.each(models)('sums to 1 over n and has E[X(t)] as its mean under %s', (_, pmf, expectation) => {
    for (const t of [1, 39, 78]) {
      let total = 0;
      let mean = 0;
      for (let n = 0; n <= 300; n++) {
        const p = pmf(t, n);
        expect(p).toBeGreaterThanOrEqual(0);
        total += p;
        mean += n * p;
      }
      expect(Math.abs(total - 1)).toBeLessThan(1e-6);
      expect(mean).toBeCloseTo(expectation(t), 6);
    }
  });

  it('is certain to be 0 purchases in a period of length 0', () => {
    for (const [, pmf] of models) {
      expect(pmf(0, 0)).toBe(1);
      expect(pmf(0, 3)).toBe(0);
    }
  });

  it('gives MBG/NBD’s P(X(t) = 0) in closed form: dropped at once, or alive and no purchase', () => {
    // P(X(t)=0) = E[p] + B(a, b+1)/B(a, b) · (α/(α+t))^r.
    const t = 20;
    const expected =
      mbg.a / (mbg.a + mbg.b) +
      Math.exp(logBeta(mbg.a, mbg.b + 1) - logBeta(mbg.a, mbg.b)) * (mbg.alpha / (mbg.alpha + t)) ** mbg.r;
    expect(mbgNbdProbabilityOfPurchases(mbg, t, 0)).toBeCloseTo(expected, 14);
  });

  it('agrees between the Pareto/NBD closed form and direct integration of the death-time integrand', () => {
    for (const p of [pareto, paretoAlphaLarger]) {
      for (const [t, n] of [
        [30, 0],
        [30, 5],
        [2, 3],
        [78, 12],
        [39, 30],
      ] as const) {
        const closed = paretoNbdProbabilityOfPurchases(p, t, n);
        // Rebuild the probability with the quadrature bracket only.
        const aliveAllAlong =
          negativeBinomialCoefficient(p.r, n) *
          (p.alpha / (p.alpha + t)) ** p.r *
          (t / (p.alpha + t)) ** n *
          (p.beta / (p.beta + t)) ** p.s;
        const weight = Math.exp(
          p.r * Math.log(p.alpha) + p.s * Math.log(p.beta) + logBeta(p.r + n, p.s + 1) - logBeta(p.r, p.s),
        );
        const direct = aliveAllAlong + weight * Math.exp(logDeathBracketByQuadrature(p, t, n));
        expect(closed / direct).toBeCloseTo(1, 10);
      }
    }
  });

  it('keeps tiny probabilities accurate where the closed form would cancel (large n)', () => {
    const p = paretoNbdProbabilityOfPurchases(pareto, 39, 150);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-8);
    // Decreasing in n far in the tail.
    expect(paretoNbdProbabilityOfPurchases(pareto, 39, 151)).toBeLessThan(p);
  });

  it('dispatches on the fitted model and refuses the others', () => {
    expect(probabilityOfPurchases({ model: 'bg-nbd', parameters: bg }, 39, 0)).toBe(
      bgNbdProbabilityOfPurchases(bg, 39, 0),
    );
    expect(probabilityOfPurchases({ model: 'pareto-nbd', parameters: pareto }, 10, 2)).toBe(
      paretoNbdProbabilityOfPurchases(pareto, 10, 2),
    );
    expect(() => probabilityOfPurchases({ model: 'gamma-gamma', parameters: {} }, 1, 0)).toThrow(RangeError);
  });

  it('rejects a negative period, a negative or fractional count', () => {
    expect(() => bgNbdProbabilityOfPurchases(bg, -1, 0)).toThrow(RangeError);
    expect(() => mbgNbdProbabilityOfPurchases(mbg, 1, -1)).toThrow(RangeError);
    expect(() => paretoNbdProbabilityOfPurchases(pareto, 1, 1.5)).toThrow(RangeError);
    expect(() => bgNbdProbabilityOfPurchases(bg, Number.NaN, 0)).toThrow(/period length/);
  });
});

/** Γ(r+n) / (Γ(r) n!) by its product form. */
function negativeBinomialCoefficient(r: number, n: number): number {
  let c = 1;
  for (let j = 0; j < n; j++) c *= (r + j) / (j + 1);
  return c;
}
