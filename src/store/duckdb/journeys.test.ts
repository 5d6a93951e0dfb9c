import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DuckDBStore, openDuckDBStore } from './duckdb-store.ts';

let dir: string;
let store: DuckDBStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'panorama-journey-tables-'));
  store = await openDuckDBStore(dir);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Rows as a literal VALUES list, so the test needs no events: (profile, minutes after midnight, action). */
function select(rows: [string, number, string][], extra: Record<string, string> = {}) {
  const values = rows
    .map(
      ([profile, minute, action]) =>
        `('${profile}', TIMESTAMPTZ '2026-01-01 00:00:00+00' + INTERVAL ${minute} MINUTE, 'web', '${action}',
        'web:${action}', NULL, 'E', NULL::DOUBLE)`,
    )
    .join(', ');
  return {
    sql: `SELECT * FROM (VALUES ${values}) AS t(profile_id, ts, channel, action, touchpoint, stage, event, revenue)
      WHERE $keep = 'yes'`,
    params: { keep: 'yes', ...extra },
  };
}

const stored = (workspace: string) =>
  store.query<{ profile_id: string; minute: number; action: string }>(
    `SELECT profile_id, (epoch(ts) - epoch(TIMESTAMPTZ '2026-01-01 00:00:00+00')) / 60 AS minute, action
     FROM journey_events WHERE workspace_id = $w`,
    { w: workspace },
  );

describe('The journey_events table on DuckDB', () => {
  it("replaces only the workspace's rows, writes them sorted by profile and time, and records the build", async () => {
    await store.journeys.materialise('other', select([['q', 1, 'x']]), 'd0');
    const first = await store.journeys.materialise(
      'w',
      select([
        ['p2', 5, 'b'],
        ['p1', 9, 'c'],
        ['p2', 1, 'a'],
      ]),
      'd1',
    );
    expect(first).toEqual({ rows: 3 });
    // Read back in storage order: sorted on write, so p1 first, then p2's two in time order.
    expect(await stored('w')).toEqual([
      { profile_id: 'p1', minute: 9, action: 'c' },
      { profile_id: 'p2', minute: 1, action: 'a' },
      { profile_id: 'p2', minute: 5, action: 'b' },
    ]);
    const state = await store.journeys.state('w');
    expect(state).toMatchObject({ digest: 'd1', rows: 3 });
    expect(Math.abs((state?.builtAt.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);

    await store.journeys.materialise('w', select([['p3', 2, 'z']]), 'd2');
    expect(await stored('w')).toEqual([{ profile_id: 'p3', minute: 2, action: 'z' }]);
    expect(await store.journeys.state('w')).toMatchObject({ digest: 'd2', rows: 1 });
    expect(await stored('other')).toEqual([{ profile_id: 'q', minute: 1, action: 'x' }]);
    expect(await store.journeys.state('nobody')).toBeUndefined();
  });

  it('keeps the previous rows and state when a build fails', async () => {
    await store.journeys.materialise('w', select([['p1', 1, 'a']]), 'd1');
    const broken = { sql: 'SELECT NULL AS profile_id, now() AS ts, 1, 2, 3, 4, 5, 6', params: {} };
    await expect(store.journeys.materialise('w', broken, 'd2')).rejects.toThrow(/NOT NULL|profile_id/);
    expect(await stored('w')).toEqual([{ profile_id: 'p1', minute: 1, action: 'a' }]);
    expect(await store.journeys.state('w')).toMatchObject({ digest: 'd1', rows: 1 });
  });

  it('refuses a SELECT using the parameter it reserves', async () => {
    await expect(
      store.journeys.materialise('w', select([['p1', 1, 'a']], { journey_store_workspace: 'x' }), 'd'),
    ).rejects.toThrow(RangeError);
  });
});
