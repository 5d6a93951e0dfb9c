import { describe, expect, it } from 'vitest';
import { compareConversionRates } from './beta-binomial.ts';
import { differenceCdf, probabilityGreaterExact } from './beta-difference.ts';

describe('Beta-Binomial comparison of conversion rates', () => {
  it('gives P(B > A) solved by hand', () => {
    // A ~ Beta(1, 1), B ~ Beta(2, 1): ∫₀¹ 2b·b db = 2/3. A ~ Beta(2, 1), B ~ Beta(1, 2): ∫ 2a(1 − a)² da = 1/6.
    expect(probabilityGreaterExact({ alpha: 1, beta: 1 }, { alpha: 2, beta: 1 })).toBeCloseTo(2 / 3, 14);
    expect(probabilityGreaterExact({ alpha: 2, beta: 1 }, { alpha: 1, beta: 2 })).toBeCloseTo(1 / 6, 14);
    // Uniform prior: no data before, one conversion in one trial after.
    const result = compareConversionRates({ conversions: 0, trials: 0 }, { conversions: 1, trials: 1 });
    expect(result.probabilityAfterHigher).toBeCloseTo(2 / 3, 14);
    expect(result.method).toBe('exact');
  });

  it('gives the hand-solved credible interval of a difference of two uniforms: ±(1 − √0.05)', () => {
    // D = U₂ − U₁ is triangular on [−1, 1]: F(d) = (1 + d)²/2 below 0, so F(d) = 0.025 at d = √0.05 − 1.
    const result = compareConversionRates({ conversions: 0, trials: 0 }, { conversions: 0, trials: 0 });
    expect(result.credibleInterval[0]).toBeCloseTo(Math.sqrt(0.05) - 1, 9);
    expect(result.credibleInterval[1]).toBeCloseTo(1 - Math.sqrt(0.05), 9);
    expect(result.probabilityAfterHigher).toBeCloseTo(0.5, 14);
  });

  it('agrees with the exact closed form by quadrature, to 1e-10', () => {
    const cases = [
      [
        { alpha: 121, beta: 881 },
        { alpha: 151, beta: 851 },
      ],
      [
        { alpha: 3, beta: 10_000 },
        { alpha: 30, beta: 900 },
      ],
      [
        { alpha: 1, beta: 50 },
        { alpha: 2, beta: 3 },
      ],
      [
        { alpha: 1001, beta: 99_001 },
        { alpha: 1101, beta: 98_901 },
      ],
    ] as const;
    for (const [a, b] of cases)
      expect(1 - differenceCdf(a, b)(0)).toBeCloseTo(probabilityGreaterExact(a, b) as number, 10);
  });

  it('uses quadrature for a Jeffreys prior and keeps symmetric cases symmetric', () => {
    const jeffreys = { alpha: 0.5, beta: 0.5 };
    const same = compareConversionRates(
      { conversions: 40, trials: 1000 },
      { conversions: 40, trials: 1000 },
      { prior: jeffreys },
    );
    expect(same.method).toBe('quadrature');
    expect(same.probabilityAfterHigher).toBeCloseTo(0.5, 10);
    expect(same.credibleInterval[0]).toBeCloseTo(-same.credibleInterval[1], 9);
  });

  it('reads a real lift: 120/1000 → 150/1000', () => {
    const result = compareConversionRates(
      { conversions: 120, trials: 1000 },
      { conversions: 150, trials: 1000 },
    );
    // Posterior means 121/1002 and 151/1002.
    expect(result.difference).toBeCloseTo(30 / 1002, 12);
    expect(result.relativeChange).toBeCloseTo(151 / 121 - 1, 12);
    expect(result.probabilityAfterHigher).toBeGreaterThan(0.97);
    expect(result.posteriorProbability).toBe(result.probabilityAfterHigher);
    const [low, high] = result.credibleInterval;
    // The normal approximation 0.030 ± 1.96·0.0152 gives (0.0002, 0.0598); the exact one sits close to it.
    expect(low).toBeGreaterThan(-0.002);
    expect(low).toBeLessThan(0.003);
    expect(high).toBeGreaterThan(0.057);
    expect(high).toBeLessThan(0.062);
    const cdf = differenceCdf(result.before, result.after);
    expect(cdf(low)).toBeCloseTo(0.025, 9);
    expect(cdf(high)).toBeCloseTo(0.975, 9);
  });
});
