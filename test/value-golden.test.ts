import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bgBbConditionalExpectedPurchases,
  bgBbProbabilityAlive,
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  gammaGammaExpectedSpend,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdExpectedPurchases,
  paretoNbdProbabilityAlive,
  summariseTransactions,
} from '../src/value/index.ts';

// Published figures: Fader, Hardie & Lee 2005 (BG/NBD, Pareto/NBD), BTYDplus via lifetimes (MBG/NBD),
// Fader & Hardie note 025 (Gamma-Gamma), Fader, Hardie & Shang 2010 (BG/BB). CDNOW: 39-week calibration, weeks.
const fixtures = new URL('./fixtures/', import.meta.url);
const lines = (file: string) => readFileSync(new URL(file, fixtures), 'utf8').trim().split('\n').slice(1);

/** The 6,919 transactions of the 2,357-customer CDNOW sample (BTYD's cdnowElog). */
const transactions = lines('cdnow/cdnowElog.csv').map((line) => {
  const [, sampleId, date, , sales] = line.split(',');
  return { customerId: sampleId as string, date: date as string, amount: Number(sales) };
});
const cdnow = summariseTransactions(transactions, { calibrationEnd: '1997-09-30', unit: 'week' });

/** Hardie's own summary of the same sample, with weeks rounded to two decimals. */
const hardie = lines('cdnow/cdnow_customers_summary_with_transactions.csv').map((line) => {
  const [, x, tx, T, zbar] = line.split(',').map(Number) as [number, number, number, number, number];
  return { frequency: x, recency: tx, T, monetaryValue: zbar };
});

const donations = lines('donations/donations.csv').map((line) => {
  const [frequency, recency, periods, weight] = line.split(',').map(Number) as [
    number,
    number,
    number,
    number,
  ];
  return { frequency, recency, periods, weight };
});

/** The value rounded as the paper printed it. */
const printed = (value: number, decimals: number) => Number(value.toFixed(decimals));

describe('CDNOW sample summary', () => {
  it('has the 2,357 customers and 946 repeat buyers of the papers, and agrees with Hardie’s file', () => {
    expect(cdnow).toHaveLength(2357);
    expect(cdnow.filter((c) => c.frequency > 0)).toHaveLength(946);
    cdnow.forEach((c, i) => {
      const h = hardie[i];
      expect(c.frequency).toBe(h?.frequency);
      expect(Math.abs(c.recency - (h?.recency ?? 0))).toBeLessThanOrEqual(0.0051);
      expect(Math.abs(c.T - (h?.T ?? 0))).toBeLessThanOrEqual(0.0051);
      expect(Math.abs((c.monetaryValue ?? 0) - (h?.monetaryValue ?? 0))).toBeLessThanOrEqual(0.0051);
    });
  });
});

describe('BG/NBD on CDNOW (Fader, Hardie & Lee 2005)', () => {
  it('reproduces r = 0.243, α = 4.414, a = 0.793, b = 2.426 and LL = −9582.4 from the transaction log', () => {
    const fit = fitBgNbd(cdnow);
    const { r, alpha, a, b } = fit.parameters;
    expect([printed(r, 3), printed(alpha, 3), printed(a, 3), printed(b, 3)]).toEqual([
      0.243, 4.414, 0.793, 2.426,
    ]);
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThan(0.1);
    expect(fit.diagnostics.converged).toBe(true);
  });

  it('reproduces them from Hardie’s summary file, with E[Y(39) | 2, 30.43, 38.86] = 1.226', () => {
    const fit = fitBgNbd(hardie);
    const { r, alpha, a, b } = fit.parameters;
    expect([printed(r, 3), printed(alpha, 3), printed(a, 3), printed(b, 3)]).toEqual([
      0.243, 4.414, 0.793, 2.426,
    ]);
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThan(0.1);
    expect(printed(bgNbdConditionalExpectedPurchases(fit.parameters, 39, 2, 30.43, 38.86), 3)).toBe(1.226);
  });

  it('gives standard errors that match an independent numpy Hessian', () => {
    // scipy/numpy: central second differences of an independent log-likelihood at the optimum.
    const se = fitBgNbd(hardie).standardErrors;
    expect(se.r).toBeCloseTo(0.0125573, 5);
    expect(se.alpha).toBeCloseTo(0.378221, 4);
    expect(se.a).toBeCloseTo(0.185718, 4);
    expect(se.b).toBeCloseTo(0.705343, 4);
  });

  it('gives lifetimes’ E[X(t)] at t = 1, 32 and 78 weeks', () => {
    const params = fitBgNbd(hardie).parameters;
    expect(bgNbdExpectedPurchases(params, 1)).toBeCloseTo(0.0532, 3);
    expect(bgNbdExpectedPurchases(params, 32)).toBeCloseTo(1.0437, 3);
    expect(bgNbdExpectedPurchases(params, 78)).toBeCloseTo(1.8576, 3);
  });
});

describe('Pareto/NBD on CDNOW (Fader, Hardie & Lee 2005)', () => {
  it('reproduces r = 0.553, α = 10.578, s = 0.606, β = 11.669 and LL = −9595.0 from the transaction log', () => {
    const fit = fitParetoNbd(cdnow);
    const { r, alpha, s, beta } = fit.parameters;
    expect([printed(r, 3), printed(alpha, 3), printed(s, 3), printed(beta, 3)]).toEqual([
      0.553, 10.578, 0.606, 11.669,
    ]);
    expect(Math.abs(fit.logLikelihood - -9595.0)).toBeLessThan(0.1);
    expect(fit.diagnostics.converged).toBe(true);
  });

  it('gives BTYD’s E[Y(52) | 26, 30.86, 31] = 25.46, P(alive) = 0.9979 and E[X(t)] for t = 1..9 weeks', () => {
    const params = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };
    const btyd = [0.05078, 0.09916, 0.14543, 0.1898, 0.23247, 0.27361, 0.31335, 0.35181, 0.38909];
    btyd.forEach((expected, i) => {
      expect(Math.abs(paretoNbdExpectedPurchases(params, i + 1) - expected)).toBeLessThan(0.01);
    });
    expect(paretoNbdConditionalExpectedPurchases(params, 52, 26, 30.86, 31)).toBeCloseTo(25.46, 1);
    expect(Math.abs(paretoNbdProbabilityAlive(params, 26, 30.86, 31) - 0.9979)).toBeLessThan(0.001);
  });
});

describe('MBG/NBD on CDNOW (BTYDplus, as lifetimes and PyMC-Marketing assert)', () => {
  it('reproduces r = 0.525, α = 6.183, a = 0.891, b = 1.614', () => {
    const { r, alpha, a, b } = fitMbgNbd(cdnow).parameters;
    expect([printed(r, 3), printed(alpha, 3), printed(a, 3), printed(b, 3)]).toEqual([
      0.525, 6.183, 0.891, 1.614,
    ]);
  });
});

describe('Gamma-Gamma on the 946 CDNOW repeat buyers (Fader & Hardie, note 025)', () => {
  it('reproduces p = 6.25, q = 3.74, γ = 15.44 from the transaction log', () => {
    const fit = fitGammaGamma(
      cdnow.map((c) => ({ frequency: c.frequency, monetaryValue: c.monetaryValue ?? 0 })),
    );
    const { p, q, gamma } = fit.parameters;
    expect([printed(p, 2), printed(q, 2), printed(gamma, 2)]).toEqual([6.25, 3.74, 15.44]);
    expect(fit.customers).toBe(946);
  });

  it('matches scipy on Hardie’s file, where spend rounded to cents moves γ to 15.448', () => {
    // Independent optimum: scipy Nelder-Mead on log-parameters to 1e-12 gives (6.24880, 3.74459, 15.44775).
    const fit = fitGammaGamma(hardie);
    expect(fit.parameters.p).toBeCloseTo(6.2488, 3);
    expect(fit.parameters.q).toBeCloseTo(3.74459, 3);
    expect(fit.parameters.gamma).toBeCloseTo(15.44775, 2);
  });

  it('gives note 025’s expected spend for the first customers', () => {
    const params = { p: 6.25, q: 3.74, gamma: 15.44 };
    const expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    hardie.slice(0, 10).forEach((c, i) => {
      expect(
        Math.abs(gammaGammaExpectedSpend(params, c.frequency, c.monetaryValue) - (expected[i] as number)),
      ).toBeLessThan(0.1);
    });
  });
});

describe('BG/BB on the donations (Fader, Hardie & Shang 2010)', () => {
  const fit = fitBgBb(donations);

  it('reproduces α = 1.204, β = 0.750, γ = 0.657, δ = 2.783', () => {
    const { alpha, beta, gamma, delta } = fit.parameters;
    expect([printed(alpha, 3), printed(beta, 3), printed(gamma, 3), printed(delta, 3)]).toEqual([
      1.204, 0.75, 0.657, 2.783,
    ]);
    expect(fit.customers).toBe(11104);
  });

  it('gives the same parameters on the 11,104 donors one row each as on the 22 weighted patterns', () => {
    const exploded = donations.flatMap(({ weight, ...pattern }) =>
      Array.from({ length: weight }, () => pattern),
    );
    const again = fitBgBb(exploded).parameters;
    for (const k of ['alpha', 'beta', 'gamma', 'delta'] as const)
      expect(again[k]).toBeCloseTo(fit.parameters[k], 4);
  });

  it('gives Table 6’s P(alive in 2002) and the workbook’s expected donations in the next 5 years', () => {
    const alive = [
      [0, 0],
      [2, 4],
      [6, 6],
    ].map(([x, tx]) => printed(bgBbProbabilityAlive(fit.parameters, x as number, tx as number, 6), 2));
    expect(alive).toEqual([0.11, 0.59, 0.93]);
    const next5 = donations.reduce(
      (sum, d) =>
        sum + d.weight * bgBbConditionalExpectedPurchases(fit.parameters, 5, d.frequency, d.recency, 6),
      0,
    );
    expect(Math.abs(next5 - 12884.2)).toBeLessThan(1.5);
  });
});
