import { describe, expect, it } from 'vitest';
import { pelt, poissonCost } from '../../change-points/index.ts';
import { seededRandom } from '../../testing/seeded-random.ts';
import { pointStart, type ShiftSeries, weeklySums } from '../series/read-series.ts';
import { FIXTURE_START } from '../test-fixtures.ts';
import { detectChanges, type SeriesChange } from './detect-changes.ts';
import { groupChanges } from './group-changes.ts';
import { watchSeries } from './watch-series.ts';
import { poissonExposureCost, weekdayFactors, weekdayOf } from './weekday-costs.ts';

const DAY = 86_400_000;
/** Weekday factors (0 = Sunday): shops shut on Sunday, Monday catches up. */
const pattern = [0, 2, 1, 1, 1, 1, 1];
const daily = (values: number[], kind: ShiftSeries['kind'] = 'count'): ShiftSeries => ({
  name: 'orders',
  key: '',
  kind,
  grain: 'day',
  origin: FIXTURE_START,
  values,
  trials: values.map(() => 0),
});
const patterned = (days: number, level: (t: number) => number) =>
  Array.from({ length: days }, (_, t) => (pattern[weekdayOf(FIXTURE_START, t)] as number) * level(t));

describe('weekday-aware costs', () => {
  it('numbers the days of the week from the origin', () => {
    // 2026-03-02 is a Monday
    expect([0, 5, 6].map((t) => weekdayOf(FIXTURE_START, t))).toEqual([1, 6, 0]);
  });

  it('costs Poisson counts against their exposures', () => {
    // S = 6, E = 3: C = 2·(6 − 6·ln 2) = 3.682234
    expect(poissonExposureCost([2, 4], [1, 2]).cost(0, 2)).toBeCloseTo(3.682234, 6);
    expect(poissonExposureCost([2, 4], [1, 2]).level(0, 2)).toBe(2);
  });

  it('recovers the weekday pattern despite a level shift', () => {
    const values = patterned(28, (t) => (t < 14 ? 4 : 1));
    const levels = values.map((_, t) => (t < 14 ? 4 : 1));
    // every weekday's counts are exactly f_d × level, so f_d comes back exactly
    weekdayFactors(values, FIXTURE_START, levels).forEach((f, d) => {
      expect(f).toBeCloseTo(pattern[d] as number, 12);
    });
  });
});

describe('detecting when a series shifted', () => {
  it('dates a mid-week shift to its day despite the weekday pattern', () => {
    // level 4 then 1 from day 24 (a Thursday); weekly sums 28, 28, 28, 19, 7, 7, 7, 7
    const changes = detectChanges(daily(patterned(56, (t) => (t < 24 ? 4 : 1))));
    expect(changes.map((c) => c.day)).toEqual([24]);
    expect(changes[0]?.date).toBe(FIXTURE_START + 24 * DAY);
    // 4 and 1 a day; the weekday pattern and the levels are estimated in turn, within 1e-3 after 4 rounds
    expect(changes[0]?.levelBefore).toBeCloseTo(4, 3);
    expect(changes[0]?.levelAfter).toBeCloseTo(1, 3);
  });

  it('finds nothing in a steady weekly pattern, where daily PELT sees changes everywhere', () => {
    const values = patterned(84, () => 20);
    expect(detectChanges(daily(values))).toEqual([]);
    expect(pelt(poissonCost(values), { penalty: { kind: 'mbic' } }).changePoints.length).toBeGreaterThan(10);
  });

  it('dates a seeded random shift of a share within three days', () => {
    const rng = seededRandom(11);
    const trials = patterned(140, () => 20);
    const values = trials.map((m, t) => {
      let wins = 0;
      for (let k = 0; k < m; k++) if (rng.uniform() < (t < 80 ? 0.5 : 0.2)) wins++;
      return wins;
    });
    const changes = detectChanges({ ...daily(values, 'share'), trials });
    expect(changes).toHaveLength(1);
    expect(Math.abs((changes[0]?.day as number) - 80)).toBeLessThanOrEqual(3);
  });
});

describe('grouping the changes of several series', () => {
  it('groups changes a few days apart and dates the group by their joint evidence', () => {
    const change = (series: string, day: number, gains: [number, number][]): SeriesChange => ({
      series,
      key: '',
      day,
      date: FIXTURE_START + day * DAY,
      levelBefore: 1,
      levelAfter: 2,
      gain: Math.max(...gains.map(([, g]) => g)),
      gains: gains.map(([d, gain]) => ({ date: FIXTURE_START + d * DAY, gain })),
      penalty: 'MBIC',
    });
    const shifts = groupChanges([
      // orders alone would say day 10 (gain 5), contacts day 12 (gain 9); summed: day 10 = 5 + 4, day 11 = 4 + 8,
      // day 12 = 1 + 9, so the two together say day 11 (12)
      change('orders', 10, [
        [10, 5],
        [11, 4],
        [12, 1],
      ]),
      change('contacts', 12, [
        [10, 4],
        [11, 8],
        [12, 9],
        [13, 2],
      ]),
      change('orders', 30, [[30, 1]]),
    ]);
    expect(shifts.map((s) => [s.date, s.seriesCount])).toEqual([
      [FIXTURE_START + 11 * DAY, 2],
      [FIXTURE_START + 30 * DAY, 1],
    ]);
  });
});

describe('watching a series online', () => {
  it('raises one alert after a weekly drop, pointing back to it, and none on a steady series', () => {
    const rng = seededRandom(3);
    const weeks = Array.from({ length: 50 }, (_, w) => rng.poisson(w < 30 ? 50 : 20));
    const series: ShiftSeries = { ...weeklySums(daily([])), values: weeks, trials: weeks.map(() => 0) };
    const alerts = watchSeries(series);
    expect(alerts).toHaveLength(1);
    const raised = ((alerts[0]?.raisedAt as number) - FIXTURE_START) / (7 * DAY);
    expect(raised).toBeGreaterThanOrEqual(30);
    expect(raised).toBeLessThanOrEqual(33);
    expect(alerts[0]?.changeAt).toBe(pointStart(series, 30));
    const steady = weeks.map(() => rng.poisson(50));
    expect(watchSeries({ ...series, values: steady })).toEqual([]);
  });
});
