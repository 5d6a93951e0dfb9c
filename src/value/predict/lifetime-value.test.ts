import { describe, expect, it } from 'vitest';
import { bgNbdConditionalExpectedPurchases } from '../models/bg-nbd.ts';
import { paretoNbdConditionalExpectedPurchases, paretoNbdLogLikelihood } from '../models/pareto-nbd.ts';
import type { PurchaseForecaster } from '../repeat-purchase-model.ts';
import { logGamma } from '../special/log-gamma.ts';
import { continuousRate, monthLength } from './discounting.ts';
import { customerLifetimeValue, discountedPurchases, type LifetimeValueOptions } from './lifetime-value.ts';
import {
  discountedPurchasesFromExpectation,
  discountedSurvival,
  paretoNbdDiscountedResidualPurchases,
} from './residual-purchases.ts';

const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const pareto = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };

/** A forecaster over fixed parameters, as `fitPurchaseModel` would return after a fit. */
function forecaster(
  model: 'bg-nbd' | 'pareto-nbd',
  parameters: object,
  expectedPurchases: PurchaseForecaster['expectedPurchases'],
): PurchaseForecaster {
  return {
    fit: { model, parameters } as PurchaseForecaster['fit'],
    expectedPurchases,
    probabilityAlive: () => Number.NaN,
  };
}
const bgNbd = forecaster('bg-nbd', bg, (x, tx, T, t) => bgNbdConditionalExpectedPurchases(bg, t, x, tx, T));
/** Always alive, buying at 0.5 a week whatever the history. */
const steady = forecaster('bg-nbd', {}, (_x, _tx, _T, t) => 0.5 * t);
const customer = { frequency: 2, recency: 30.43, T: 38.86 };
const monthly = (monthlyRate: number, months = 12): LifetimeValueOptions => ({
  months,
  unit: 'week',
  discounting: { convention: 'monthly', monthlyRate },
});

describe('monthly discrete CLV (lifetimes’ convention)', () => {
  it('equals E[Y(H)] × spend when nothing is discounted', () => {
    const horizon = 12 * monthLength('week');
    const clv = customerLifetimeValue(bgNbd, { ...customer, expectedSpend: 35 }, monthly(0));
    expect(clv.value).toBeCloseTo(35 * bgNbdConditionalExpectedPurchases(bg, horizon, 2, 30.43, 38.86), 12);
    expect(clv.convention).toMatch(/^monthly discrete: .* L = 4\.348 weeks/);
  });

  it('is an annuity for a steady buyer: λL · spend · (1 − (1+d)^−H) / d', () => {
    const L = monthLength('week');
    const d = 0.01;
    const expected = 0.5 * L * 20 * ((1 - (1 + d) ** -12) / d);
    const clv = customerLifetimeValue(steady, { ...customer, expectedSpend: 20 }, monthly(d));
    expect(clv.value).toBeCloseTo(expected, 10);
    expect(clv.discountedPurchases * clv.expectedSpend).toBe(clv.value);
  });

  it('uses lifetimes’ 4.345-week month when asked', () => {
    const options: LifetimeValueOptions = {
      months: 1,
      unit: 'week',
      discounting: { convention: 'monthly', monthlyRate: 0, monthLength: 4.345 },
    };
    expect(discountedPurchases(steady, customer, options)).toBeCloseTo(0.5 * 4.345, 12);
    expect(monthLength('day')).toBeCloseTo(30.4375, 12);
    expect(monthLength('month')).toBe(1);
  });

  it('is 0 over 0 months and refuses negative or fractional horizons', () => {
    expect(discountedPurchases(bgNbd, customer, monthly(0.01, 0))).toBe(0);
    expect(() => discountedPurchases(bgNbd, customer, monthly(0.01, -1))).toThrow(RangeError);
    expect(() => discountedPurchases(bgNbd, customer, monthly(0.01, 2.5))).toThrow(/whole number of months/);
    expect(() => discountedPurchases(bgNbd, customer, monthly(-1))).toThrow(RangeError);
  });
});

describe('continuous CLV', () => {
  const continuous = (annualRate: number, months: number): LifetimeValueOptions => ({
    months,
    unit: 'week',
    discounting: { convention: 'continuous', annualRate },
  });

  it('turns 15 % a year into δ = ln(1.15) per year, 0.00268 a week (FHL 2005’s 0.0027)', () => {
    expect(continuousRate({ annualRate: 0.15 }, 'week')).toBeCloseTo(Math.log(1.15) / (365.25 / 7), 15);
    expect(continuousRate({ annualRate: 0.15 }, 'week')).toBeCloseTo(0.0027, 4);
    expect(continuousRate({ ratePerUnit: 0.0027 }, 'week')).toBe(0.0027);
  });

  it('is λ(1 − e^−δH)/δ for a steady buyer', () => {
    const delta = continuousRate({ annualRate: 0.15 }, 'week');
    const H = 24 * monthLength('week');
    const value = discountedPurchases(steady, customer, continuous(0.15, 24));
    expect(value).toBeCloseTo((0.5 * -Math.expm1(-delta * H)) / delta, 10);
    expect(discountedPurchases(steady, customer, continuous(0, 24))).toBeCloseTo(0.5 * H, 10);
  });

  it('agrees with a fine Stieltjes sum of e^−δt over BG/NBD’s expected purchases', () => {
    const delta = 0.01;
    const H = 52;
    const E = (t: number) => bgNbdConditionalExpectedPurchases(bg, t, 2, 30.43, 38.86);
    let sum = 0;
    const steps = 20_000;
    for (let k = 1; k <= steps; k++) {
      const [a, b] = [((k - 1) * H) / steps, (k * H) / steps];
      sum += Math.exp(-delta * ((a + b) / 2)) * (E(b) - E(a));
    }
    expect(discountedPurchasesFromExpectation(E, delta, H)).toBeCloseTo(sum, 7);
  });

  it('needs a finite horizon for BG/NBD and a positive rate for an unlimited one', () => {
    expect(() => discountedPurchases(bgNbd, customer, continuous(0.15, Number.POSITIVE_INFINITY))).toThrow(
      /finite horizon/,
    );
    expect(() => discountedSurvival(0.6, 50, 0, Number.POSITIVE_INFINITY)).toThrow(/positive discount rate/);
  });
});

describe('Pareto/NBD discounted expected residual transactions (DERT)', () => {
  it('matches BTYD’s closed form with Tricomi’s Ψ(s, s; z) for s < 1', () => {
    // BTYD pnbd.DERT: Ψ(s, s; z) = z^(1−s)/(s−1) · ₁F₁(1; 2−s; z) + Γ(1−s) e^z, z = δ(β+T).
    const delta = 0.0027;
    for (const [x, tx, T] of [
      [0, 0, 38.86],
      [2, 30.43, 38.86],
      [7, 35, 77.86],
      [26, 30.86, 31],
    ] as const) {
      const { r, alpha, s, beta } = pareto;
      const z = delta * (beta + T);
      const tricomi = (z ** (1 - s) / (s - 1)) * hyp1f1(1, 2 - s, z) + Math.exp(logGamma(1 - s) + z);
      const ll = paretoNbdLogLikelihood(pareto, [{ frequency: x, recency: tx, T }]);
      const btyd = Math.exp(
        r * Math.log(alpha) +
          s * Math.log(beta) +
          (s - 1) * Math.log(delta) +
          logGamma(r + x + 1) +
          Math.log(tricomi) -
          logGamma(r) -
          (r + x + 1) * Math.log(alpha + T) -
          ll,
      );
      expect(paretoNbdDiscountedResidualPurchases(pareto, delta, x, tx, T) / btyd).toBeCloseTo(1, 10);
    }
  });

  it('is λ/δ for a customer whose rate is known and who never drops out', () => {
    // λ ~ Γ(r, r/λ) and μ ~ Γ(s, β) with r and β huge: point mass at λ = 0.3 and μ ≈ 0.
    const known = { r: 1e9, alpha: 1e9 / 0.3, s: 1, beta: 1e12 };
    expect(paretoNbdDiscountedResidualPurchases(known, 0.01, 0, 0, 0)).toBeCloseTo(0.3 / 0.01, 6);
    expect(paretoNbdDiscountedResidualPurchases(known, 0.01, 0, 0, 0, 52)).toBeCloseTo(
      (0.3 * -Math.expm1(-0.52)) / 0.01,
      6,
    );
  });

  it('is λ/(δ + μ) when both rates are known', () => {
    const known = { r: 1e9, alpha: 1e9 / 0.3, s: 1e9, beta: 1e9 / 0.02 };
    expect(paretoNbdDiscountedResidualPurchases(known, 0.01, 0, 0, 0)).toBeCloseTo(0.3 / 0.03, 5);
  });

  it('agrees over a finite horizon with integrating its conditional expectation', () => {
    const delta = 0.002;
    const E = (t: number) => paretoNbdConditionalExpectedPurchases(pareto, t, 2, 30.43, 38.86);
    const direct = discountedPurchasesFromExpectation(E, delta, 104);
    expect(paretoNbdDiscountedResidualPurchases(pareto, delta, 2, 30.43, 38.86, 104)).toBeCloseTo(direct, 10);
  });

  it('is used for continuous CLV under Pareto/NBD, also over an unlimited horizon', () => {
    const model = forecaster('pareto-nbd', pareto, (x, tx, T, t) =>
      paretoNbdConditionalExpectedPurchases(pareto, t, x, tx, T),
    );
    const options: LifetimeValueOptions = {
      months: Number.POSITIVE_INFINITY,
      unit: 'week',
      discounting: { convention: 'continuous', ratePerUnit: 0.0027 },
    };
    const clv = customerLifetimeValue(model, { ...customer, expectedSpend: 10 }, options);
    expect(clv.discountedPurchases).toBe(
      paretoNbdDiscountedResidualPurchases(pareto, 0.0027, 2, 30.43, 38.86),
    );
    expect(clv.convention).toBe(
      'continuous: ∫ e^(−δt) dE[Y(t)] over an unlimited horizon × spend, δ = 0.0027 per week',
    );
  });

  it('rejects impossible histories and spend', () => {
    expect(() => paretoNbdDiscountedResidualPurchases(pareto, 0.01, 1, 40, 39)).toThrow(RangeError);
    expect(() => paretoNbdDiscountedResidualPurchases(pareto, 0.01, 1.5, 1, 39)).toThrow(RangeError);
    expect(() => paretoNbdDiscountedResidualPurchases(pareto, -0.01, 1, 1, 39)).toThrow(RangeError);
    expect(() =>
      customerLifetimeValue(bgNbd, { ...customer, expectedSpend: Number.NaN }, monthly(0)),
    ).toThrow(/expected spend/);
  });
});

/** ₁F₁(a; b; z) by its power series (z small and positive here). */
function hyp1f1(a: number, b: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 1000 && Math.abs(term) > 1e-18 * Math.abs(sum); k++) {
    term *= (((a + k) / (b + k)) * z) / (k + 1);
    sum += term;
  }
  return sum;
}
