import { describe, expect, it } from 'vitest';
import { twoProportionTest } from './proportions.ts';

describe('two-proportion z-test', () => {
  it('gives Agresti’s aspirin figures: difference 0.0077, SE 0.0015, 95% CI (0.005, 0.011)', () => {
    // Physicians' Health Study (Agresti 2007, §2.2.3): heart attacks 189/11 034 on placebo, 104/11 037 on
    // aspirin. Here "before" = aspirin, "after" = placebo so the difference is positive.
    const result = twoProportionTest(
      { conversions: 104, trials: 11037 },
      { conversions: 189, trials: 11034 },
    );
    expect(result.after).toBeCloseTo(0.0171, 4);
    expect(result.before).toBeCloseTo(0.0094, 4);
    expect(result.difference).toBeCloseTo(0.0077, 4);
    expect(result.confidenceInterval[0]).toBeCloseTo(0.005, 3);
    expect(result.confidenceInterval[1]).toBeCloseTo(0.011, 3);
    // pooled p̂ = 293/22 071, SE₀ = √(p̂(1 − p̂)(1/11 037 + 1/11 034)) = 0.0015407, z = 5.001.
    expect(result.z).toBeCloseTo(5.0014, 3);
    expect(result.pValue).toBeCloseTo(5.7e-7, 7);
    expect(result.relativeChange).toBeCloseTo(0.0171289 / 0.0094229 - 1, 4);
  });

  it('has no evidence when both periods convert alike', () => {
    const result = twoProportionTest({ conversions: 30, trials: 300 }, { conversions: 30, trials: 300 });
    expect(result).toMatchObject({ difference: 0, z: 0, pValue: 1, relativeChange: 0 });
  });

  it('refuses more conversions than trials', () => {
    expect(() => twoProportionTest({ conversions: 3, trials: 2 }, { conversions: 1, trials: 2 })).toThrow(
      RangeError,
    );
  });
});
