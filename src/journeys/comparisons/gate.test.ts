import { describe, expect, it } from 'vitest';
import { chiSquareIndependence } from './chi-square.ts';
import { defaultMinimumEffects, isMaterialChange } from './gate.ts';

describe('materiality gate', () => {
  it('calls a tiny but significant shift in a huge sample too small', () => {
    // 1 000 000 journeys per period, channel share 50.0% → 50.5%: X² ≈ 50, p ≈ 1e-12, V ≈ 0.005.
    const table = [
      [500_000, 500_000],
      [505_000, 495_000],
    ];
    const test = chiSquareIndependence(table);
    expect(test.pValue).toBeLessThan(1e-10);
    expect(isMaterialChange(test, { minimumEffect: defaultMinimumEffects.cramersV })).toEqual({
      material: false,
      significant: true,
      largeEnough: false,
      reason: 'too_small',
    });
  });

  it('calls a large shift in a handful of journeys not significant', () => {
    const test = chiSquareIndependence([
      [3, 2],
      [1, 4],
    ]);
    expect(isMaterialChange(test, { minimumEffect: 0.1 }).reason).toBe('not_significant');
  });

  it('reads posteriors and p-values, and needs one of them', () => {
    expect(
      isMaterialChange({ effectSize: -0.3, posteriorProbability: 0.99 }, { minimumEffect: 0.1 }).material,
    ).toBe(true);
    expect(isMaterialChange({ effectSize: 0.05, pValue: 0.2 }, { minimumEffect: 0.1 }).reason).toBe(
      'neither',
    );
    expect(() => isMaterialChange({ effectSize: 1 }, { minimumEffect: 0.1 })).toThrow(RangeError);
  });
});
