import { describe, expect, it } from 'vitest';
import { dayNumber } from '../summary/time-unit.ts';
import { trackingCurve } from './tracking.ts';

// Three customers joining a week apart (2024-01-01 is a Monday) and E[X(t)] = t/2 purchases per week.
const cohort = [
  { customerId: 'ada', firstPurchase: '2024-01-01' },
  { customerId: 'bob', firstPurchase: '2024-01-08' },
  { customerId: 'cy', firstPurchase: '2024-01-15' },
];
const purchases = [
  ['ada', '2024-01-01'],
  ['ada', '2024-01-03'],
  ['ada', '2024-01-10'],
  ['ada', '2024-01-10'],
  ['ada', '2024-01-20'],
  ['bob', '2024-01-08'],
  ['bob', '2024-01-09'],
  ['cy', '2024-01-15'],
  ['zoe', '2024-01-02'],
  ['zoe', '2024-01-04'],
].map(([customerId, date]) => ({ customerId: customerId as string, day: dayNumber(date as string) }));
const linear = (t: number) => t / 2;

describe('trackingCurve', () => {
  it('counts repeat purchase days per week, once per day, for the cohort only', () => {
    const points = trackingCurve(cohort, purchases, linear, { end: '2024-01-21' });
    expect(points.map((p) => p.lastDay)).toEqual(['2024-01-07', '2024-01-14', '2024-01-21']);
    expect(points.map((p) => p.actual)).toEqual([1, 2, 1]);
    expect(points.map((p) => p.cumulativeActual)).toEqual([1, 3, 4]);
  });

  it('sums E[X(t − t0)] over the customers who have joined by the end of each week', () => {
    // week 1: ada 1/2; week 2: ada 2/2 + bob 1/2; week 3: ada 3/2 + bob 2/2 + cy 1/2
    const points = trackingCurve(cohort, purchases, linear, { end: '2024-01-21' });
    expect(points.map((p) => p.cumulativePredicted)).toEqual([0.5, 1.5, 3]);
    expect(points.map((p) => p.predicted)).toEqual([0.5, 1, 1.5]);
  });

  it('stops a last, partial week at the end day', () => {
    // 17 days: ada 17/14 + bob 10/14 + cy 3/14 = 30/14; ada's purchase on the 20th is past the end
    const last = trackingCurve(cohort, purchases, linear, { end: '2024-01-17' }).at(-1);
    expect(last).toMatchObject({ period: 3, lastDay: '2024-01-17', cumulativeActual: 3 });
    expect(last?.cumulativePredicted).toBeCloseTo(30 / 14, 12);
  });

  it('starts where asked, but not after a first purchase', () => {
    const points = trackingCurve(cohort, purchases, linear, { start: '2023-12-25', end: '2024-01-21' });
    expect(points.map((p) => p.actual)).toEqual([0, 1, 2, 1]);
    expect(() =>
      trackingCurve(cohort, purchases, linear, { start: '2024-01-02', end: '2024-01-21' }),
    ).toThrow(RangeError);
  });
});
