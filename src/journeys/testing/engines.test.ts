import { describe, expect, it } from 'vitest';
import { param } from '../sql/dialect.ts';
import type { JourneyEvent } from '../sql/journey-events.ts';
import { runOnClickHouse, runOnDuckDb } from './engines.ts';

const rows: JourneyEvent[] = [
  {
    profileId: 'p1',
    ts: Date.UTC(2026, 0, 1, 10),
    channel: 'web',
    action: 'page_viewed',
    touchpoint: 'web:page_viewed',
    stage: 'discover',
    event: 'Accueil',
    revenue: null,
  },
  {
    profileId: 'p1',
    ts: Date.UTC(2026, 0, 2, 10),
    channel: 'store',
    action: 'order_completed',
    touchpoint: 'store:order_completed',
    stage: 'buy',
    event: 'Order Completed',
    revenue: 12.5,
  },
  {
    profileId: "p'2",
    ts: Date.UTC(2026, 0, 3),
    channel: 'chat',
    action: 'ticket_opened',
    touchpoint: 'chat:ticket_opened',
    stage: null,
    event: 'Ticket Opened',
    revenue: null,
  },
];

describe('running journey SQL on both engines', () => {
  it('gives the same rows from DuckDB and ClickHouse for the same fixture', async () => {
    for (const [dialect, run] of [
      ['duckdb', runOnDuckDb],
      ['clickhouse', runOnClickHouse],
    ] as const) {
      const sql = `SELECT profile_id, count(*) AS events, sum(revenue) AS revenue,
        max(ts) >= ${param(dialect, 'since', 'DateTime64(3)')} AS recent
        FROM fixture_events GROUP BY profile_id ORDER BY profile_id`;
      const result = await run(rows, { sql, params: { since: new Date(Date.UTC(2026, 0, 2)) } });
      expect(
        result.map((r) => [
          r.profile_id,
          Number(r.events),
          r.revenue === null ? null : Number(r.revenue),
          Boolean(r.recent),
        ]),
      ).toEqual([
        ["p'2", 1, null, true],
        ['p1', 2, 12.5, true],
      ]);
    }
  });
});
