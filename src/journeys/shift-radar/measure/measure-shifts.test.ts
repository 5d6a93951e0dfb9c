import { describe, expect, it } from 'vitest';
import type { SqlStatement } from '../../sql/dialect.ts';
import { fixtureSource, runOnDuckDb } from '../../testing/engines.ts';
import { FIXTURE_START, randomEvents } from '../test-fixtures.ts';
import { baseLookback } from './batch-parts.ts';
import { batchBreakdowns, measureShifts } from './measure-shifts.ts';
import { channelTableOf, transitionsOf } from './period-engine.ts';

const DAY = 86_400_000;
const grouped = (name: string, params: SqlStatement['params']) => ({ name, statement: { sql: '', params } });

describe('batching breakdowns', () => {
  it('keeps together the breakdowns whose parameters agree, in order', () => {
    const segment = grouped('segment', { breakdown_workspace: 'w' });
    const tier = grouped('value_tier', { breakdown_workspace: 'w' });
    const city = grouped('trait:city', { breakdown_workspace: 'w', breakdown_trait: 'city' });
    const country = grouped('trait:country', { breakdown_workspace: 'w', breakdown_trait: 'country' });
    // city joins the first batch (no trait bound yet); country binds the trait to another value
    expect(batchBreakdowns([segment, tier, city, country]).map((b) => b.map((g) => g.name))).toEqual([
      ['segment', 'value_tier', 'trait:city'],
      ['trait:country'],
    ]);
    expect(batchBreakdowns([])).toEqual([]);
  });
});

describe('measuring every shift at once', () => {
  it('answers each shift its breakdowns, in order, as the plain computation does', async () => {
    const events = randomEvents(11, 400, 50);
    // two breakdowns binding the same parameter to different values: measured by two statements
    const byCut = (cut: string): SqlStatement => ({
      sql: "SELECT DISTINCT profile_id, CASE WHEN profile_id < $cut THEN 'below' ELSE 'above' END AS breakdown FROM fixture_events",
      params: { cut },
    });
    const shifts = [
      {
        before: { from: FIXTURE_START, to: FIXTURE_START + 14 * DAY },
        after: { from: FIXTURE_START + 16 * DAY, to: FIXTURE_START + 30 * DAY },
      },
      {
        before: { from: FIXTURE_START + 20 * DAY, to: FIXTURE_START + 34 * DAY },
        after: { from: FIXTURE_START + 36 * DAY, to: FIXTURE_START + 50 * DAY },
      },
    ];
    const statements: string[] = [];
    const db = {
      dialect: 'duckdb' as const,
      query: async (sql: string, params: SqlStatement['params'] = {}) => {
        statements.push(sql);
        return runOnDuckDb(events, { sql, params });
      },
    } as never;
    const measured = await measureShifts(db, fixtureSource, {
      periods: shifts,
      breakdowns: [
        { name: 'p3', statement: byCut('p3') },
        { name: 'p6', statement: byCut('p6') },
      ],
      series: ['orders'],
    });
    // four statements per batch of breakdowns, whatever the number of shifts
    expect(statements).toHaveLength(8);
    expect(measured.map((m) => m.map((b) => b.breakdown))).toEqual([
      ['p3', 'p6'],
      ['p3', 'p6'],
    ]);
    const profiles = [...new Set(events.map((e) => e.profileId))];
    // sums of values may differ in the last bits with the order they are added in
    const sorted = <T>(rows: T[]) =>
      rows
        .map((r) => JSON.stringify(r, (_, v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)))
        .sort();
    for (const [shift, periods] of shifts.entries())
      for (const cut of ['p3', 'p6']) {
        const cellOf = new Map(profiles.map((p) => [p, p < cut ? 'below' : 'above']));
        const m = measured[shift]?.find((b) => b.breakdown === cut);
        expect(sorted(m?.facts ?? [])).toEqual(sorted(channelTableOf(events, { periods, cellOf })));
        expect(sorted(m?.transitions ?? [])).toEqual(sorted(transitionsOf(events, { periods, cellOf })));
        expect(m?.seriesCustomers.some((r) => r.series === 'orders')).toBe(true);
      }
  });
});

describe('the customer base of a shift early in the history', () => {
  const day = 86_400_000;
  it('looks back as far as the data goes, the same for both periods', () => {
    // data from day 0; a shift whose first period starts on day 40: both bases look back 40 days
    expect(baseLookback({ historyFrom: 0 }, 40 * day)).toBe(40 * day);
    // a year of data before it: the full 365 days
    expect(baseLookback({ historyFrom: 0 }, 400 * day)).toBe(365 * day);
    expect(baseLookback({ historyDays: 30, historyFrom: 0 }, 400 * day)).toBe(30 * day);
    // without a data start, the full history days
    expect(baseLookback({}, 40 * day)).toBe(365 * day);
  });
});
