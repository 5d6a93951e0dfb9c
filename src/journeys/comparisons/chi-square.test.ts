import { describe, expect, it } from 'vitest';
import { chiSquareIndependence } from './chi-square.ts';

describe('chi-square test of independence', () => {
  it('gives Agresti’s party identification by gender figures', () => {
    // Agresti (2007), An Introduction to Categorical Data Analysis, 2nd ed., §2.4 (GSS): females 762/327/468,
    // males 484/239/477 (Democrat/Independent/Republican): X² = 30.07, G² = 30.02, df = 2; adjusted
    // residuals 4.50, 0.70, −5.32 for females. With df = 2, P(χ² ≥ x) = e^(−x/2).
    const result = chiSquareIndependence([
      [762, 327, 468],
      [484, 239, 477],
    ]);
    expect(result.statistic).toBeCloseTo(30.07, 2);
    expect(result.likelihoodRatio).toBeCloseTo(30.02, 2);
    expect(result.degreesOfFreedom).toBe(2);
    expect(result.pValue).toBeCloseTo(Math.exp(-result.statistic / 2), 15);
    expect(result.adjustedResiduals[0]?.map((r) => Number(r.toFixed(2)))).toEqual([4.5, 0.7, -5.32]);
    // Cramér's V = √(30.07/2757) = 0.1044.
    expect(result.cramersV).toBeCloseTo(0.1044, 4);
    expect(result.effectSize).toBe(result.cramersV);
  });

  it('gives the Wikipedia neighbourhood × occupation example: X² ≈ 24.6 on 6 df', () => {
    // en.wikipedia.org "Chi-squared test", example: 650 residents, expected white-collar count in A 80.54.
    const result = chiSquareIndependence([
      [90, 60, 104, 95],
      [30, 50, 51, 20],
      [30, 40, 45, 35],
    ]);
    expect(result.expected[0]?.[0]).toBeCloseTo(80.54, 2);
    expect(result.statistic).toBeCloseTo(24.571, 3);
    expect(result.degreesOfFreedom).toBe(6);
    // V = √(24.571/(650·2)).
    expect(result.cramersV).toBeCloseTo(Math.sqrt(24.5712 / 1300), 4);
    expect(result.pValue).toBeGreaterThan(0.0003);
    expect(result.pValue).toBeLessThan(0.0005);
  });

  it('gives a worked textbook p-value: X² = 6.8917, p = 0.031878 on 2 df', () => {
    // Gender × party poll, worked solution (wizedu): males 36/45/25, females 51/38/13.
    const result = chiSquareIndependence([
      [36, 45, 25],
      [51, 38, 13],
    ]);
    expect(result.statistic).toBeCloseTo(6.891667643, 8);
    expect(result.pValue).toBeCloseTo(0.03187817, 7);
  });

  it('leaves out a category nobody used and reports no test for a single column', () => {
    const withEmpty = chiSquareIndependence([
      [36, 0, 45, 25],
      [51, 0, 38, 13],
    ]);
    expect(withEmpty.degreesOfFreedom).toBe(2);
    expect(withEmpty.statistic).toBeCloseTo(6.891667643, 8);
    const single = chiSquareIndependence([[10], [20]]);
    expect(single).toMatchObject({ degreesOfFreedom: 0, pValue: 1, cramersV: 0 });
  });
});
