import { describe, expect, it } from 'vitest';
import { sqlDialects } from '../../sql/dialect.ts';
import { fixtureSource, runOnClickHouse, runOnDuckDb } from '../../testing/engines.ts';
import { FIXTURE_START, handWrittenEvents, randomEvents } from '../test-fixtures.ts';
import { readSeries, type ShiftSeries, weeklySums } from './read-series.ts';
import { buildSeriesQuery, computeSeriesRows } from './series-query.ts';

const DAY = 86_400_000;
const range = { from: FIXTURE_START, to: FIXTURE_START + 3 * DAY };
const find = (series: ReturnType<typeof readSeries>, name: string, key = '') =>
  series.find((s) => s.name === name && s.key === key);

describe('the daily series of the radar', () => {
  it('counts orders, revenue, shares, contacts, stages and conversion of a hand-solved fixture', () => {
    const series = readSeries(computeSeriesRows(handWrittenEvents, range), range);
    // day 0: a (web 40) and b (store 60); day 1: c (app 25.5); day 2: b (store 10)
    expect(find(series, 'orders')?.values).toEqual([2, 1, 1]);
    expect(find(series, 'revenue')?.values).toEqual([100, 25.5, 10]);
    expect(find(series, 'orders_by_channel', 'store')?.values).toEqual([1, 0, 1]);
    // store's share: 1 of 2 orders on day 0, none of 1 on day 1, 1 of 1 on day 2
    expect(find(series, 'channel_share', 'store')?.values).toEqual([1, 0, 1]);
    expect(find(series, 'channel_share', 'store')?.trials).toEqual([2, 1, 1]);
    // web: a's three events and c's page view on day 0 are two customers
    expect(find(series, 'active_customers', 'web')?.values).toEqual([2, 0, 0]);
    expect(find(series, 'contacts', 'call_centre')?.values).toEqual([0, 1, 0]);
    expect(find(series, 'contacts', 'chat')?.values).toEqual([0, 0, 1]);
    expect(find(series, 'stage_customers', 'discover')?.values).toEqual([2, 1, 0]);
    // day 0: a and c browsed, a bought (1 of 2); day 1: c browsed and bought (1 of 1); day 2: nobody browsed
    expect(find(series, 'conversion')?.values).toEqual([1, 1, 0]);
    expect(find(series, 'conversion')?.trials).toEqual([2, 1, 0]);
  });

  it('sums whole weeks and leaves a partial week out', () => {
    const [orders] = readSeries(computeSeriesRows(handWrittenEvents, range, ['orders']), range, ['orders']);
    const long = { ...(orders as ShiftSeries), values: Array.from({ length: 16 }, (_, i) => i) };
    // 0+…+6 = 21 and 7+…+13 = 70; days 14 and 15 are a partial week
    expect(weeklySums(long).values).toEqual([21, 70]);
    expect(weeklySums(long).grain).toBe('week');
  });

  it('writes one statement per dialect', () => {
    expect(
      sqlDialects.map((d) => buildSeriesQuery(fixtureSource, range, ['orders', 'conversion'], d).sql),
    ).toMatchSnapshot();
  });

  it.each([
    ['duckdb', runOnDuckDb],
    ['clickhouse', runOnClickHouse],
  ] as const)('gives the plain computation on %s, hand-written and random fixtures', async (dialect, run) => {
    for (const [events, r] of [
      [handWrittenEvents, range],
      [randomEvents(7), { from: FIXTURE_START + DAY / 2, to: FIXTURE_START + 40 * DAY }],
    ] as const) {
      const rows = await run(events, buildSeriesQuery(fixtureSource, r, undefined, dialect));
      const expected = readSeries(computeSeriesRows(events, r), r);
      const actual = readSeries(rows, r);
      expect(actual.map((s) => [s.name, s.key])).toEqual(expected.map((s) => [s.name, s.key]));
      actual.forEach((s, i) => {
        expect(s.trials).toEqual(expected[i]?.trials);
        s.values.forEach((v, j) => {
          expect(v).toBeCloseTo(expected[i]?.values[j] as number, 9);
        });
      });
    }
  });
});
