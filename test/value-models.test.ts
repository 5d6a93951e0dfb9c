import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bgBbLogLikelihood,
  bgNbdConditionalExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  compressRepeatPurchases,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  gammaGammaLogLikelihood,
  mbgNbdConditionalExpectedPurchases,
  mbgNbdLogLikelihood,
  mbgNbdProbabilityAlive,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
  type RepeatPurchaseRow,
  summariseTransactions,
} from '../src/value/index.ts';
import {
  logDeathIntegralByQuadrature,
  logDeathIntegralBySeries,
} from '../src/value/models/pareto-integral.ts';

const transactions = readFileSync(new URL('./fixtures/cdnow/cdnowElog.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [, sampleId, date, , sales] = line.split(',');
    return { customerId: sampleId as string, date: date as string, amount: Number(sales) };
  });
const weeks = summariseTransactions(transactions, { calibrationEnd: '1997-09-30', unit: 'week' });
const days = summariseTransactions(transactions, { calibrationEnd: '1997-09-30', unit: 'day' });
const sample = weeks.slice(0, 300);

/** Central differences of f at θ, one parameter at a time. */
function numericGradient(f: (theta: number[]) => number, theta: number[]): number[] {
  return theta.map((t, i) => {
    const h = 1e-6 * t;
    const at = (d: number) => f(theta.map((v, j) => (j === i ? v + d : v)));
    return (at(h) - at(-h)) / (2 * h);
  });
}

function expectGradient(f: (theta: number[], g?: number[]) => number, theta: number[]): void {
  const exact = [0, 0, 0, 0].slice(0, theta.length);
  f(theta, exact);
  const numeric = numericGradient((t) => f(t), theta);
  exact.forEach((g, i) => {
    expect(Math.abs(g - (numeric[i] as number))).toBeLessThan(1e-5 * Math.max(1, Math.abs(g)));
  });
}

describe('exact gradients agree with finite differences', () => {
  it('BG/NBD and MBG/NBD', () => {
    const bg = (t: number[], g?: number[]) =>
      bgNbdLogLikelihood({ r: t[0], alpha: t[1], a: t[2], b: t[3] } as never, sample, g);
    const mbg = (t: number[], g?: number[]) =>
      mbgNbdLogLikelihood({ r: t[0], alpha: t[1], a: t[2], b: t[3] } as never, sample, g);
    expectGradient(bg, [0.3, 5, 0.8, 2.5]);
    expectGradient(mbg, [0.5, 6, 0.9, 1.6]);
  });

  it('Pareto/NBD on both sides of α = β', () => {
    const f = (t: number[], g?: number[]) =>
      paretoNbdLogLikelihood({ r: t[0], alpha: t[1], s: t[2], beta: t[3] } as never, sample, g);
    expectGradient(f, [0.55, 10.6, 0.6, 11.7]);
    expectGradient(f, [0.8, 14, 1.3, 3]);
    expectGradient(f, [0.2, 0.5, 0.3, 60]);
  });

  it('BG/BB and Gamma-Gamma', () => {
    const rows = [
      { frequency: 0, recency: 0, periods: 6, weight: 30 },
      { frequency: 2, recency: 4, periods: 6, weight: 7 },
      { frequency: 6, recency: 6, periods: 6, weight: 12 },
    ];
    const bb = (t: number[], g?: number[]) =>
      bgBbLogLikelihood({ alpha: t[0], beta: t[1], gamma: t[2], delta: t[3] } as never, rows, g);
    expectGradient(bb, [1.2, 0.75, 0.66, 2.8]);
    const spend = weeks.map((c) => ({ frequency: c.frequency, monetaryValue: c.monetaryValue ?? 0 }));
    const gg = (t: number[], g?: number[]) =>
      gammaGammaLogLikelihood({ p: t[0], q: t[1], gamma: t[2] } as never, spend, g);
    expectGradient(gg, [6, 3.7, 15]);
  });
});

describe('Pareto/NBD likelihood', () => {
  /** L by direct quadrature of ∫ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ over (t_x, T] (Simpson, 20,000 panels). */
  function likelihoodByQuadrature(
    p: { r: number; alpha: number; s: number; beta: number },
    x: number,
    tx: number,
    T: number,
  ) {
    const n = 20_000;
    const h = (T - tx) / n;
    const f = (tau: number) => (p.alpha + tau) ** -(p.r + x) * (p.beta + tau) ** -(p.s + 1);
    let integral = f(tx) + f(T);
    for (let i = 1; i < n; i++) integral += (i % 2 ? 4 : 2) * f(tx + i * h);
    integral *= h / 3;
    const lead = Math.exp(lgamma(p.r + x) - lgamma(p.r) + p.r * Math.log(p.alpha) + p.s * Math.log(p.beta));
    return lead * ((p.alpha + T) ** -(p.r + x) * (p.beta + T) ** -p.s + p.s * integral);
  }
  function lgamma(v: number): number {
    // Stirling with enough terms for v ≥ 0.5 after a shift; only used as an independent check here.
    let shift = 0;
    while (v < 20) shift -= Math.log(v++);
    return (
      shift + (v - 0.5) * Math.log(v) - v + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * v) - 1 / (360 * v ** 3)
    );
  }

  it('agrees with direct integration, whichever of α and β is larger', () => {
    for (const p of [
      { r: 0.55, alpha: 10.6, s: 0.6, beta: 11.7 },
      { r: 0.8, alpha: 14, s: 1.3, beta: 3 },
      { r: 2, alpha: 0.2, s: 0.4, beta: 80 },
      { r: 1.5, alpha: 5, s: 0.7, beta: 5 },
    ]) {
      for (const [x, tx, T] of [
        [0, 0, 38.86],
        [2, 30.43, 38.86],
        [12, 5, 39],
      ] as [number, number, number][]) {
        const ours = paretoNbdLogLikelihood(p, [{ frequency: x, recency: tx, T }]);
        expect(ours).toBeCloseTo(Math.log(likelihoodByQuadrature(p, x, tx, T)), 8);
      }
    }
  });
});

describe('Pareto/NBD death integral', () => {
  it('gives the same value and gradient by ₂F₁ series and by quadrature', () => {
    const cases: [number, number, number, number, number, number, number][] = [
      [0.55, 10.6, 0.6, 11.7, 2, 30.43, 38.86],
      [0.5, 1, 0.6, 10, 0, 0, 39],
      [0.8, 0.05, 0.5, 3, 250, 30, 39],
      [0.5, 20, 500, 5, 3, 10, 39],
      [50, 2, 0.5, 5, 3, 0, 39],
    ];
    for (const args of cases) {
      const series = logDeathIntegralBySeries(...args);
      const quadrature = logDeathIntegralByQuadrature(...args);
      expect(quadrature.value).toBeCloseTo(series.value, 9);
      quadrature.d.forEach((d, i) => {
        expect(d).toBeCloseTo(series.d[i] as number, 8);
      });
    }
  });
});

describe('fitting', () => {
  it('gives the same parameters on compressed (weighted) and on one-row-per-customer data', () => {
    const compressed = compressRepeatPurchases(weeks);
    expect(compressed.length).toBeLessThan(weeks.length);
    expect(compressed.reduce((s, r) => s + r.weight, 0)).toBe(weeks.length);
    const full = fitBgNbd(weeks);
    const weighted = fitBgNbd(compressed);
    expect(weighted.logLikelihood).toBeCloseTo(full.logLikelihood, 6);
    for (const k of ['r', 'alpha', 'a', 'b'] as const)
      expect(weighted.parameters[k]).toBeCloseTo(full.parameters[k], 5);
  });

  it('reports standard errors and convergence diagnostics', () => {
    const fit = fitBgNbd(weeks);
    expect(fit.diagnostics.hessianPositiveDefinite).toBe(true);
    for (const se of Object.values(fit.standardErrors)) expect(se).toBeGreaterThan(0);
    expect(fit.standardErrors.r).toBeLessThan(0.05);
    expect(fit.diagnostics.gradientNorm).toBeLessThan(1e-6);
    expect(fit.customers).toBe(2357);
  });

  it('shrinks the parameters under an L2 penalty', () => {
    const plain = fitBgNbd(weeks).parameters;
    const penalised = fitBgNbd(weeks, { penalizer: 0.1 }).parameters;
    const size = (p: typeof plain) => p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2;
    expect(size(penalised)).toBeLessThan(size(plain));
  });

  it('never just fails on degenerate data: it stops at the edge of the range and says so', () => {
    const noRepeats = Array.from({ length: 100 }, (_, i) => ({ frequency: 0, recency: 0, T: 10 + (i % 7) }));
    const oneCustomer = [{ frequency: 3, recency: 5, T: 9 }];
    for (const rows of [noRepeats, oneCustomer]) {
      for (const fitModel of [fitBgNbd, fitMbgNbd, fitParetoNbd]) {
        const result = fitModel(rows);
        expect(Number.isFinite(result.logLikelihood)).toBe(true);
        expect(result.diagnostics.warnings.length).toBeGreaterThan(0);
      }
    }
  });

  it('falls back to Nelder-Mead when the quasi-Newton runs out of iterations, and still converges', () => {
    const fit = fitBgNbd(weeks, { maxIterations: 3 });
    const methods = fit.diagnostics.attempts.map((a) => a.method);
    expect(methods).toContain('nelder-mead');
    expect(fit.parameters.r).toBeCloseTo(0.2426, 2);
  });
});

describe('time units', () => {
  const horizons: [number, number][] = [
    [39, 273],
    [4, 28],
  ];

  it('scaling weeks to days scales α and β and changes no prediction', () => {
    const checks: [RepeatPurchaseRow, RepeatPurchaseRow][] = weeks
      .slice(0, 50)
      .map((w, i) => [w, days[i] as RepeatPurchaseRow]);
    const bgW = fitBgNbd(weeks).parameters;
    const bgD = fitBgNbd(days).parameters;
    expect(bgD.alpha / bgW.alpha).toBeCloseTo(7, 4);
    const mbgW = fitMbgNbd(weeks).parameters;
    const mbgD = fitMbgNbd(days).parameters;
    const pnW = fitParetoNbd(weeks).parameters;
    const pnD = fitParetoNbd(days).parameters;
    expect(pnD.beta / pnW.beta).toBeCloseTo(7, 3);
    for (const [w, d] of checks) {
      for (const [tw, td] of horizons) {
        expect(bgNbdConditionalExpectedPurchases(bgD, td, d.frequency, d.recency, d.T)).toBeCloseTo(
          bgNbdConditionalExpectedPurchases(bgW, tw, w.frequency, w.recency, w.T),
          5,
        );
        expect(mbgNbdConditionalExpectedPurchases(mbgD, td, d.frequency, d.recency, d.T)).toBeCloseTo(
          mbgNbdConditionalExpectedPurchases(mbgW, tw, w.frequency, w.recency, w.T),
          5,
        );
        expect(paretoNbdConditionalExpectedPurchases(pnD, td, d.frequency, d.recency, d.T)).toBeCloseTo(
          paretoNbdConditionalExpectedPurchases(pnW, tw, w.frequency, w.recency, w.T),
          4,
        );
      }
      expect(paretoNbdProbabilityAlive(pnD, d.frequency, d.recency, d.T)).toBeCloseTo(
        paretoNbdProbabilityAlive(pnW, w.frequency, w.recency, w.T),
        4,
      );
    }
  });

  it('reports the log-likelihood in the stated unit: LL(days) = LL(weeks) − Σx·ln 7', () => {
    const repeats = weeks.reduce((s, c) => s + c.frequency, 0);
    expect(fitBgNbd(days).logLikelihood + repeats * Math.log(7)).toBeCloseTo(
      fitBgNbd(weeks).logLikelihood,
      4,
    );
  });
});

describe('probability alive', () => {
  const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const mbg = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };

  it('is exactly 1 under BG/NBD without repeat purchases, below 1 under MBG/NBD', () => {
    expect(bgNbdProbabilityAlive(bg, 0, 0, 38.86)).toBe(1);
    expect(mbgNbdProbabilityAlive(mbg, 0, 0, 38.86)).toBeLessThan(1);
  });

  it('stays within [0, 1] and falls as the last purchase gets older', () => {
    let previous = 1;
    for (const tx of [38, 30, 20, 10, 1]) {
      const p = bgNbdProbabilityAlive(bg, 5, tx, 38.86);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(previous);
      previous = p;
    }
    expect(bgNbdProbabilityAlive(bg, 200, 0.1, 1e4)).toBeGreaterThanOrEqual(0);
  });
});

describe('Gamma-Gamma input', () => {
  it('ignores customers without repeat purchases and refuses non-positive spend', () => {
    const fit = fitGammaGamma(
      weeks.map((c) => ({ frequency: c.frequency, monetaryValue: c.monetaryValue ?? 0 })),
    );
    expect(fit.customers).toBe(946);
    expect(() => fitGammaGamma([{ frequency: 2, monetaryValue: 0 }])).toThrow(RangeError);
  });
});
