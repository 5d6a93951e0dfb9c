import { describe, expect, it } from 'vitest';
import { fixtureSource, runOnClickHouse, runOnDuckDb } from '../testing/engines.ts';
import {
  type Interval,
  intervalIndex,
  intervalIndexSql,
  intervalSpan,
  intervalStartDate,
} from './intervals.ts';
import { journeyEvent } from './retention-fixture.ts';

/** Instants either side of a month boundary and a year boundary (31 Dec 2025 is a Wednesday). */
const instants = [
  '2025-12-28T23:59:59.999Z', // Sunday
  '2025-12-29T00:00:00.000Z', // Monday
  '2025-12-31T23:59:59.999Z',
  '2026-01-01T00:00:00.000Z',
  '2026-01-31T23:59:59.999Z',
  '2026-02-01T00:00:00.000Z',
];

describe('interval indexes', () => {
  it('puts each instant in its UTC day, ISO week and calendar month', () => {
    const starts = (interval: Interval) =>
      instants.map((at) => intervalStartDate(intervalIndex(Date.parse(at), interval), interval));
    expect(starts('day')).toEqual([
      '2025-12-28',
      '2025-12-29',
      '2025-12-31',
      '2026-01-01',
      '2026-01-31',
      '2026-02-01',
    ]);
    expect(starts('week')).toEqual([
      '2025-12-22',
      '2025-12-29',
      '2025-12-29',
      '2025-12-29',
      '2026-01-26',
      '2026-01-26',
    ]);
    expect(starts('month')).toEqual([
      '2025-12-01',
      '2025-12-01',
      '2025-12-01',
      '2026-01-01',
      '2026-01-01',
      '2026-02-01',
    ]);
  });

  it('numbers months as year × 12 + month, so December to January is one period', () => {
    // 2025 × 12 + 12 = 24312; 2026 × 12 + 1 = 24313.
    expect(intervalIndex(Date.parse('2025-12-31T23:59:59.999Z'), 'month')).toBe(24312);
    expect(intervalIndex(Date.parse('2026-01-01T00:00:00Z'), 'month')).toBe(24313);
  });

  it('spans the intervals overlapping [from, to)', () => {
    const span = intervalSpan(new Date('2025-12-31T00:00:00Z'), new Date('2026-01-05T00:00:00Z'), 'week');
    // to is exclusive: 5 Jan 00:00 (a Monday) starts a week that is not included.
    expect([span.first, span.last].map((index) => intervalStartDate(index, 'week'))).toEqual([
      '2025-12-29',
      '2025-12-29',
    ]);
  });

  it.each([
    ['duckdb', runOnDuckDb],
    ['clickhouse', runOnClickHouse],
  ] as const)('gives the same indexes in %s SQL', async (dialect, run) => {
    const rows = instants.map((at, i) => journeyEvent(`e${i}`, at, 'web', 'page_viewed'));
    for (const interval of ['day', 'week', 'month'] as const) {
      const sql = `SELECT profile_id, ${intervalIndexSql(dialect, interval, 'ts')} AS period
        FROM (${fixtureSource.sql}) AS e ORDER BY profile_id`;
      const result = await run(rows, { sql, params: {} });
      expect(result.map((row) => Number(row.period))).toEqual(
        instants.map((at) => intervalIndex(Date.parse(at), interval)),
      );
    }
  });
});

describe('interval indexes in a DuckDB session on another time zone', () => {
  it('stay UTC', async () => {
    // 23:30 UTC on 31 Dec is already 1 January in Tokyo: the month must still be December.
    const rows = [journeyEvent('a', '2025-12-31T23:30:00Z', 'web', 'page_viewed')];
    const sql = `SET TimeZone = 'Asia/Tokyo';
      SELECT month(ts) AS tokyo_month, ${intervalIndexSql('duckdb', 'month', 'ts')} AS month_index,
        ${intervalIndexSql('duckdb', 'day', 'ts')} AS day_index FROM fixture_events`;
    const [row] = await runOnDuckDb(rows, { sql, params: {} });
    expect([row?.tokyo_month, row?.month_index, row?.day_index]).toEqual([
      1,
      24312,
      intervalIndex(Date.parse('2025-12-31T23:30:00Z'), 'day'),
    ]);
  });
});
