import { describe, expect, it } from 'vitest';
import { sqlDialects } from '../sql/dialect.ts';
import { journeySource } from './journey-source.ts';
import { runStoredOnClickHouse, runStoredOnDuckDb, type StoredTables } from './testing/stored-tables.ts';

const day = (d: number) => Date.UTC(2026, 0, d);
const journeyRow = (workspace: string, profile: string, ts: number) => ({
  workspace_id: workspace,
  profile_id: profile,
  ts,
  channel: 'web',
  action: 'view_accueil',
  touchpoint: 'web:view_accueil',
  stage: 'discover',
  event: 'Accueil',
  revenue: null,
});

describe('the source every journey analysis reads', () => {
  it('is written for both engines, with and without a time range', () => {
    expect(
      sqlDialects.flatMap((d) => [
        journeySource(d, 'w'),
        journeySource(d, 'w', { from: new Date(day(2)), to: new Date(day(4)) }),
      ]),
    ).toMatchSnapshot();
  });

  it("selects the workspace's rows in the half-open range, on both engines", async () => {
    const tables: StoredTables = {
      journey_events: [
        journeyRow('w', 'p1', day(1)),
        journeyRow('w', 'p2', day(2)),
        journeyRow('w', 'p3', day(3) + 1),
        journeyRow('w', 'p4', day(4)),
        journeyRow('other', 'p5', day(3)),
      ],
    };
    // By hand: [2 Jan, 4 Jan) holds p2 (on its lower bound) and p3, not p4 (on the upper bound).
    const cases = [
      [{}, ['p1', 'p2', 'p3', 'p4']],
      [{ from: new Date(day(2)), to: new Date(day(4)) }, ['p2', 'p3']],
      [{ from: new Date(day(3)) }, ['p3', 'p4']],
      [{ to: new Date(day(2)) }, ['p1']],
    ] as const;
    for (const [dialect, run] of [
      ['duckdb', runStoredOnDuckDb],
      ['clickhouse', runStoredOnClickHouse],
    ] as const) {
      for (const [range, profiles] of cases) {
        const source = journeySource(dialect, 'w', range);
        const rows = await run(tables, { ...source, sql: `${source.sql} ORDER BY profile_id` });
        expect(
          rows.map((r) => r.profile_id),
          `${dialect} ${JSON.stringify(range)}`,
        ).toEqual(profiles);
        expect(Object.keys(rows[0] ?? {})).toEqual([
          'profile_id',
          'ts',
          'channel',
          'action',
          'touchpoint',
          'stage',
          'event',
          'revenue',
        ]);
      }
    }
  }, 60_000);
});
