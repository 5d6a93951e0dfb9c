import { describe, expect, it } from 'vitest';
import { customerEquity, valueTiers } from './value-tiers.ts';

const customers = (values: number[]) => values.map((value, i) => ({ customerId: `c${i + 1}`, value }));

describe('customer equity', () => {
  it('is the sum of the values, 0 for nobody', () => {
    expect(customerEquity([1, 2, 3.5])).toBe(6.5);
    expect(customerEquity([])).toBe(0);
  });

  it('rejects negative or missing values', () => {
    expect(() => customerEquity([1, -2])).toThrow(RangeError);
    expect(() => customerEquity([Number.NaN])).toThrow(/customer 0/);
  });
});

describe('value tiers', () => {
  it('puts one customer per decile for values 1..10, most valuable first', () => {
    const tiers = valueTiers(customers([3, 1, 4, 10, 5, 9, 2, 6, 8, 7]));
    expect(tiers.equity).toBe(55);
    expect(tiers.customers.map((c) => c.value)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(tiers.customers.map((c) => c.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(tiers.customers[0]?.customerId).toBe('c4');
  });

  it('gives the top shares by interpolating between whole customers', () => {
    const tiers = valueTiers(customers([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(tiers.topTenPercentShare).toBeCloseTo(10 / 55, 15);
    // A tenth of the best customer is the top 1 % of ten customers.
    expect(tiers.topOnePercentShare).toBeCloseTo(1 / 55, 15);
  });

  it('draws the Pareto curve from (0, 0) to (1, 1) through the hand-summed points', () => {
    const curve = valueTiers(customers([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 10).paretoCurve;
    expect(curve).toHaveLength(11);
    expect(curve[0]).toEqual({ customerShare: 0, valueShare: 0 });
    expect(curve[5]?.valueShare).toBeCloseTo(40 / 55, 15);
    expect(curve[10]).toEqual({ customerShare: 1, valueShare: 1 });
    expect(valueTiers(customers([1, 2, 3])).paretoCurve).toHaveLength(101);
  });

  it('never splits tied customers across ranks or deciles', () => {
    const tiers = valueTiers(customers([5, 5, 5, 1, 1, 0, 0, 0, 0, 0]));
    expect(tiers.customers.map((c) => c.rank)).toEqual([1, 1, 1, 4, 4, 6, 6, 6, 6, 6]);
    expect(tiers.customers.map((c) => c.decile)).toEqual([1, 1, 1, 4, 4, 6, 6, 6, 6, 6]);
    expect(tiers.topTenPercentShare).toBeCloseTo(5 / 17, 15);
  });

  it('holds no value anywhere when every value is 0', () => {
    const tiers = valueTiers(customers([0, 0, 0, 0]));
    expect(tiers.equity).toBe(0);
    expect(tiers.customers.every((c) => c.rank === 1 && c.decile === 1)).toBe(true);
    expect(tiers.topOnePercentShare).toBe(0);
    expect(tiers.paretoCurve.every((p) => p.valueShare === 0)).toBe(true);
  });

  it('gives a single customer the whole value and the first decile', () => {
    const tiers = valueTiers(customers([42]));
    expect(tiers.customers).toEqual([{ customerId: 'c1', value: 42, rank: 1, decile: 1 }]);
    expect(tiers.topOnePercentShare).toBeCloseTo(0.01, 15);
    expect(tiers.topTenPercentShare).toBeCloseTo(0.1, 15);
    expect(tiers.paretoCurve[50]?.valueShare).toBeCloseTo(0.5, 15);
  });

  it('is empty for no customers and rejects a curve without points', () => {
    const tiers = valueTiers([]);
    expect(tiers.customers).toEqual([]);
    expect(tiers.topTenPercentShare).toBe(0);
    expect(() => valueTiers(customers([1]), 0)).toThrow(RangeError);
    expect(() => valueTiers(customers([1, -1]))).toThrow(RangeError);
  });
});
