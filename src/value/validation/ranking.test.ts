import { describe, expect, it } from 'vitest';
import { averageRanks, lexicographicScore, rankDescending, spearmanCorrelation } from './ranking.ts';

describe('averageRanks', () => {
  it('gives tied values the mean of the ranks they span, as scipy.stats.rankdata', () => {
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    expect(averageRanks([0, 0, 0])).toEqual([2, 2, 2]);
  });
});

describe('spearmanCorrelation', () => {
  it('is 1 − 6Σd²/(n(n²−1)) without ties', () => {
    // d = −1, 1, −1, 1, 0 → 1 − 6·4/(5·24) = 0.8
    expect(spearmanCorrelation([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
    expect(spearmanCorrelation([1, 2, 3], [30, 20, 10])).toBeCloseTo(-1, 12);
  });

  it('uses average ranks for ties on one side', () => {
    // ranks (1, 2.5, 2.5, 4) and (1, 3, 2, 4): Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5 → 4.5/√22.5 = 3/√10
    expect(spearmanCorrelation([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(3 / Math.sqrt(10), 12);
  });

  it('uses average ranks for ties on both sides', () => {
    // ranks (2, 2, 2, 4, 5) and (2, 4, 2, 2, 5): Σdxdy = 4, Σdx² = Σdy² = 8 → 0.5
    expect(spearmanCorrelation([0, 0, 0, 1, 2], [0, 1, 0, 0, 3])).toBeCloseTo(0.5, 12);
  });

  it('is NaN for a constant side or fewer than two customers, as scipy', () => {
    expect(spearmanCorrelation([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(spearmanCorrelation([1], [1])).toBeNaN();
  });

  it('refuses columns of different lengths', () => {
    expect(() => spearmanCorrelation([1, 2], [1])).toThrow(RangeError);
  });
});

describe('rankDescending', () => {
  it('orders from the highest score and keeps the customers’ order among equals', () => {
    expect(rankDescending([1, 3, 3, 2])).toEqual([1, 2, 3, 0]);
  });
});

describe('lexicographicScore', () => {
  it('orders by the first key and breaks its ties with the next', () => {
    expect(lexicographicScore([2, 2, 0, 2], [5, 3, 0, 5])).toEqual([3, 2, 1, 3]);
    expect(lexicographicScore([4, 1, 9])).toEqual([2, 1, 3]);
  });
});
