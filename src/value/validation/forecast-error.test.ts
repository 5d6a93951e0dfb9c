import { describe, expect, it } from 'vitest';
import { aggregateForecastError, meanAbsoluteError } from './forecast-error.ts';

describe('aggregateForecastError', () => {
  it('compares the predicted and actual totals', () => {
    // 1.5 + 0 + 2 = 3.5 against 1 + 1 + 2 = 4 → −0.5 / 4
    expect(aggregateForecastError([1.5, 0, 2], [1, 1, 2])).toEqual({
      predicted: 3.5,
      actual: 4,
      relativeError: -0.125,
    });
  });

  it('has no relative error when nobody bought', () => {
    expect(aggregateForecastError([0.5], [0]).relativeError).toBeNaN();
  });
});

describe('meanAbsoluteError', () => {
  it('averages |predicted − actual| over customers', () => {
    // (0.5 + 1 + 0) / 3
    expect(meanAbsoluteError([1.5, 0, 2], [1, 1, 2])).toBeCloseTo(0.5, 12);
  });

  it('is NaN without customers and refuses columns of different lengths', () => {
    expect(meanAbsoluteError([], [])).toBeNaN();
    expect(() => meanAbsoluteError([1], [])).toThrow(RangeError);
  });
});
