import { describe, expect, it } from 'vitest';
import { lexicographicScore } from './ranking.ts';
import { topGroupSize, topShareCapture } from './top-share.ts';

describe('topGroupSize', () => {
  it('takes ⌊share · n⌋ customers, at least one, as pandas head(int(n * share))', () => {
    expect(topGroupSize(2357, 0.1)).toBe(235);
    expect(topGroupSize(30, 0.1)).toBe(3);
    expect(topGroupSize(5, 0.1)).toBe(1);
    expect(topGroupSize(0, 0.1)).toBe(0);
    expect(() => topGroupSize(10, 0)).toThrow(RangeError);
  });
});

describe('topShareCapture', () => {
  // 20 customers, so the top 10 % is 2 customers; 20 hold-out purchases in all.
  const actual = [3, 4, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8];

  it('is the share of hold-out purchases made by the highest-scored customers', () => {
    const scores = [9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7];
    expect(topShareCapture(scores, actual)).toEqual({ customers: 2, capture: (3 + 8) / 20 });
  });

  it('lets the earlier customer win a tie at the boundary', () => {
    const scores = [9, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(topShareCapture(scores, actual).capture).toBe((3 + 4) / 20);
  });

  it('takes a tie-break folded into the score (frequency, then recency)', () => {
    const frequency = [9, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const recency = [30, 10, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(topShareCapture(lexicographicScore(frequency, recency), actual).capture).toBe((3 + 5) / 20);
  });

  it('is 1 for the oracle when the top group made every purchase, NaN when nobody bought', () => {
    const few = [0, 0, 0, 0, 0, 0, 0, 0, 0, 6];
    expect(topShareCapture(few, few).capture).toBe(1);
    expect(topShareCapture(few, new Array(10).fill(0)).capture).toBeNaN();
  });
});
