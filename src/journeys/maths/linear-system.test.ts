import { describe, expect, it } from 'vitest';
import { solveLinearSystem } from './linear-system.ts';

describe('linear systems', () => {
  it('solves a system that needs pivoting, for two right-hand sides', () => {
    // [0 2 1; 1 1 1; 2 1 0]·x = b with x = (1, 2, 3) and x = (−1, 0, 4).
    const matrix = [
      [0, 2, 1],
      [1, 1, 1],
      [2, 1, 0],
    ];
    const [first, second] = solveLinearSystem(matrix, [
      [7, 6, 4],
      [4, 3, -2],
    ]);
    for (const [i, v] of (first ?? []).entries()) expect(v).toBeCloseTo([1, 2, 3][i] as number, 13);
    for (const [i, v] of (second ?? []).entries()) expect(v).toBeCloseTo([-1, 0, 4][i] as number, 13);
  });

  it('refuses a singular matrix', () => {
    expect(() =>
      solveLinearSystem(
        [
          [1, 2],
          [2, 4],
        ],
        [[1, 2]],
      ),
    ).toThrow(RangeError);
  });
});
