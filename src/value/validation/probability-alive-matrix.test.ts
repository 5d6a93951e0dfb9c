import { describe, expect, it } from 'vitest';
import { probabilityAliveMatrix } from './probability-alive-matrix.ts';

describe('probabilityAliveMatrix', () => {
  it('evaluates every frequency (column) × recency (row) at one age T', () => {
    const calls: number[][] = [];
    const matrix = probabilityAliveMatrix(
      (x, tx, T) => {
        calls.push([x, tx, T]);
        return x / 10 + tx / 100;
      },
      2,
      3.5,
    );
    expect(matrix.frequencies).toEqual([0, 1, 2]);
    expect(matrix.recencies).toEqual([0, 1, 2, 3]);
    expect(matrix.values).toHaveLength(4);
    expect(matrix.values[3]?.[2]).toBeCloseTo(0.23, 12);
    expect(matrix.values[1]?.[0]).toBeCloseTo(0.01, 12);
    expect(calls.every(([, , T]) => T === 3.5)).toBe(true);
    expect(calls).toHaveLength(12);
  });
});
