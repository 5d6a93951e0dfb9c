import { describe, expect, it } from 'vitest';
import { binByBaselineQuantiles, populationStabilityIndex } from './psi.ts';

describe('population stability index', () => {
  it('gives the hand-computed index of a channel mix moving from 50/30/20 to 30/30/40', () => {
    // (0.3 − 0.5)·ln(0.3/0.5) + 0 + (0.4 − 0.2)·ln 2 = 0.102165 + 0.138629 = 0.240795: moderate.
    const result = populationStabilityIndex([50, 30, 20], [30, 30, 40]);
    expect(result.index).toBeCloseTo(0.2407946, 7);
    expect(result.level).toBe('moderate');
    expect(result.bins[2]?.contribution).toBeCloseTo(0.2 * Math.LN2, 12);
    // PSI/(1/100 + 1/100) = 12.04 on 3 − 1 = 2 df, where P(χ² ≥ x) = e^(−x/2).
    expect(result.pValue).toBeCloseTo(Math.exp(-result.index / 0.02 / 2), 14);
  });

  it('puts the stated epsilon in an empty bin', () => {
    // p = (1, 0 → 1e-4), q = (½, ½): (½ − 1)·ln ½ + (½ − 0)·ln(½/1e-4) = 0.346574 + 4.258597.
    const result = populationStabilityIndex([10, 0], [5, 5]);
    expect(result.epsilon).toBe(1e-4);
    expect(result.index).toBeCloseTo(0.5 * Math.LN2 + 0.5 * Math.log(0.5 / 1e-4), 12);
    expect(result.level).toBe('major');
    const wider = populationStabilityIndex([10, 0], [5, 5], { epsilon: 1e-2 });
    expect(wider.index).toBeCloseTo(0.5 * Math.LN2 + 0.5 * Math.log(0.5 / 1e-2), 12);
  });

  it('is 0 and stable for identical shares, ignoring bins empty in both periods', () => {
    const result = populationStabilityIndex([20, 0, 80], [40, 0, 160]);
    expect(result).toMatchObject({ index: 0, level: 'stable', pValue: 1 });
  });

  it('bins a continuous measure at the baseline deciles', () => {
    const before = Array.from({ length: 100 }, (_, i) => i);
    const after = Array.from({ length: 50 }, (_, i) => 50 + i);
    const binned = binByBaselineQuantiles(before, after);
    expect(binned.cuts).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(binned.before).toEqual([11, 10, 10, 10, 10, 10, 10, 10, 10, 9]);
    expect(binned.after).toEqual([0, 0, 0, 0, 1, 10, 10, 10, 10, 9]);
  });
});
