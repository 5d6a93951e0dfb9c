import { describe, expect, it } from 'vitest';
import { holdoutByFrequency } from './frequency-groups.ts';

describe('holdoutByFrequency', () => {
  it('averages actual and predicted hold-out purchases per calibration frequency, 7 and more together', () => {
    const frequency = [0, 0, 1, 3, 8, 7, 12];
    const actual = [0, 1, 2, 2, 9, 4, 11];
    const predicted = [0.25, 0.25, 1, 2.5, 8, 5, 9];
    expect(holdoutByFrequency(frequency, actual, predicted)).toEqual([
      { frequency: 0, label: '0', customers: 2, actual: 0.5, predicted: 0.25 },
      { frequency: 1, label: '1', customers: 1, actual: 2, predicted: 1 },
      { frequency: 3, label: '3', customers: 1, actual: 2, predicted: 2.5 },
      { frequency: 7, label: '7+', customers: 3, actual: 8, predicted: 22 / 3 },
    ]);
  });

  it('censors where asked', () => {
    const groups = holdoutByFrequency([0, 1, 2, 5], [0, 1, 2, 3], [0, 1, 2, 3], 2);
    expect(groups.map((g) => [g.label, g.customers, g.actual])).toEqual([
      ['0', 1, 0],
      ['1', 1, 1],
      ['2+', 2, 2.5],
    ]);
  });

  it('refuses a negative frequency', () => {
    expect(() => holdoutByFrequency([-1], [0], [0])).toThrow(RangeError);
  });
});
