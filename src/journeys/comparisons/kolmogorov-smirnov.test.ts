import { describe, expect, it } from 'vitest';
import { logGamma } from '../maths/distributions.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import { kolmogorovSurvival, smirnovExactSurvival } from './kolmogorov-distribution.ts';
import { kolmogorovSmirnovTest } from './kolmogorov-smirnov.ts';

describe('two-sample Kolmogorov–Smirnov test', () => {
  it('gives the hand-solved exact p-values of tiny samples', () => {
    // (1,2,3) vs (4,5,6): D = 1; of the C(6,3) = 20 orderings, only the 2 fully separated reach D = 1.
    const separated = kolmogorovSmirnovTest([1, 2, 3], [4, 5, 6]);
    expect(separated).toMatchObject({ statistic: 1, method: 'exact', ties: false });
    expect(separated.pValue).toBeCloseTo(2 / 20, 14);
    // (1,2,4) vs (3,5,6): D = 2/3; the orderings that keep |i − j| ≤ 1 alternate pairs: 2³ = 8 of 20.
    const mixed = kolmogorovSmirnovTest([1, 2, 4], [3, 5, 6]);
    expect(mixed.statistic).toBeCloseTo(2 / 3, 14);
    expect(mixed.pValue).toBeCloseTo(1 - 8 / 20, 14);
    expect(mixed.atValue).toBe(2);
  });

  it('matches the Gnedenko–Korolyuk closed form for equal samples (n = 20)', () => {
    // P(D ≥ k/n) = 2·Σ_{j≥1} (−1)^{j−1}·C(2n, n − jk)/C(2n, n).
    const n = 20;
    const logChoose = (a: number, b: number) => logGamma(a + 1) - logGamma(b + 1) - logGamma(a - b + 1);
    for (const k of [3, 5, 8, 10]) {
      let closed = 0;
      for (let j = 1; j * k <= n; j++)
        closed += (j % 2 ? 2 : -2) * Math.exp(logChoose(2 * n, n - j * k) - logChoose(2 * n, n));
      expect(smirnovExactSurvival(n, n, k * n)).toBeCloseTo(closed, 12);
    }
    expect(smirnovExactSurvival(n, n, 5 * n)).toBeCloseTo(0.5713360049, 9);
  });

  it('gives the tabulated Kolmogorov critical values: 1.2238, 1.3581, 1.6276 for 10%, 5%, 1%', () => {
    expect(kolmogorovSurvival(1.2238)).toBeCloseTo(0.1, 4);
    expect(kolmogorovSurvival(1.3581)).toBeCloseTo(0.05, 4);
    expect(kolmogorovSurvival(1.6276)).toBeCloseTo(0.01, 4);
    // K(1) = 0.7300 and K(0.5) = 0.0361, from either series.
    expect(kolmogorovSurvival(1)).toBeCloseTo(0.27, 4);
    expect(kolmogorovSurvival(0.5)).toBeCloseTo(1 - 0.0361, 4);
    expect(kolmogorovSurvival(0.9999999)).toBeCloseTo(kolmogorovSurvival(1), 6);
  });

  it('uses the asymptotic p-value with ties, e.g. basket sizes in whole items', () => {
    const r = seededRandom(11);
    const before = Array.from({ length: 400 }, () => 1 + r.poisson(2));
    const after = Array.from({ length: 500 }, () => 1 + r.poisson(3));
    const result = kolmogorovSmirnovTest(before, after);
    expect(result.method).toBe('asymptotic');
    expect(result.ties).toBe(true);
    expect(result.pValue).toBeCloseTo(
      kolmogorovSurvival(Math.sqrt((400 * 500) / 900) * result.statistic),
      14,
    );
    expect(result.pValue).toBeLessThan(1e-6);
  });

  it('finds no difference between two samples of one distribution', () => {
    const r = seededRandom(12);
    const before = Array.from({ length: 90 }, () => -Math.log(1 - r.uniform()));
    const after = Array.from({ length: 100 }, () => -Math.log(1 - r.uniform()));
    const result = kolmogorovSmirnovTest(before, after);
    expect(result.method).toBe('exact');
    expect(result.pValue).toBeGreaterThan(0.05);
    expect(kolmogorovSmirnovTest(before, after, { method: 'asymptotic' }).pValue).toBeGreaterThan(0.05);
  });
});
