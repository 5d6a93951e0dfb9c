import { describe, expect, it } from 'vitest';
import { sqlDialects } from '../sql/dialect.ts';
import { breakdownSource, profileValueSource } from './breakdown.ts';
import { journeySource } from './journey-source.ts';
import { runStoredOnClickHouse, runStoredOnDuckDb, type StoredTables } from './testing/stored-tables.ts';

const engines = [
  ['duckdb', runStoredOnDuckDb],
  ['clickhouse', runStoredOnClickHouse],
] as const;

const journeyRow = (profile: string, workspace = 'w') => ({
  workspace_id: workspace,
  profile_id: profile,
  ts: Date.UTC(2026, 0, 1),
  channel: 'web',
  action: 'view_accueil',
  touchpoint: 'web:view_accueil',
  stage: null,
  event: 'Accueil',
  revenue: null,
});
const valueRow = (profile: string, asOf: string, segment: string, tier: number, clv: number | null) => ({
  workspace_id: 'w',
  profile_id: profile,
  as_of: asOf,
  probability_alive: 0.5,
  expected_purchases_90d: 1,
  clv,
  value_tier: tier,
  rfm_segment: segment,
  rfm_recency: 1,
  rfm_frequency: 1,
  rfm_monetary: 1,
});
const traitRow = (profile: string, value: unknown, minute: number, messageId = `m${minute}`) => ({
  workspace_id: 'w',
  profile_id: profile,
  trait: 'city',
  value,
  source: 'crm',
  channel: 'crm',
  observed_at: Date.UTC(2026, 0, 1, 0, minute),
  message_id: messageId,
});

/** p1 was valued twice (the later valuation counts), p2 once without a CLV, p3 never; p9 is not in `journey_events`. */
const tables: StoredTables = {
  journey_events: [
    journeyRow('p1'),
    journeyRow('p1'),
    journeyRow('p2'),
    journeyRow('p3'),
    journeyRow('p4', 'other'),
  ],
  profile_values: [
    valueRow('p1', '2026-01-01', 'champions', 1, 900),
    valueRow('p1', '2026-02-01', 'at_risk', 3, 120.5),
    valueRow('p2', '2026-02-01', 'new', 5, null),
    valueRow('p9', '2026-02-01', 'lost', 5, 1),
  ],
  profile_traits: [
    traitRow('p1', 'Paris', 1),
    traitRow('p1', 'Lyon', 2),
    traitRow('p2', 69003, 1),
    // Two observations at the same time: the larger message id is taken as the later.
    traitRow('p3', 'Nantes', 5, 'm-a'),
    traitRow('p3', 'Brest', 5, 'm-b'),
    { ...traitRow('p2', 'Nice', 9), trait: 'favourite_city' },
  ],
};

/** The groups as an analysis sees them: after the CTE of its source (the workspace's rows). */
async function groups(
  dialect: (typeof engines)[number][0],
  run: (typeof engines)[number][1],
  by: Parameters<typeof breakdownSource>[2],
) {
  const source = journeySource(dialect, 'w');
  const groups = breakdownSource(dialect, 'w', by);
  const sql = `WITH journey_events AS (${source.sql}), groups AS (${groups.sql}) SELECT * FROM groups ORDER BY profile_id`;
  const rows = await run(tables, { sql, params: { ...source.params, ...groups.params } });
  return Object.fromEntries(rows.map((r) => [r.profile_id, r.breakdown]));
}

describe('profile attributes for breakdowns and value weighting', () => {
  it('is written for both engines', () => {
    expect(
      sqlDialects.flatMap((d) => [
        breakdownSource(d, 'w', { kind: 'segment' }),
        breakdownSource(d, 'w', { kind: 'value_tier' }),
        breakdownSource(d, 'w', { kind: 'trait', trait: 'city' }),
        profileValueSource(d, 'w'),
      ]),
    ).toMatchSnapshot();
  });

  it("gives each journey profile its latest segment, tier or trait, 'none' without one, on both engines", async () => {
    for (const [dialect, run] of engines) {
      expect(await groups(dialect, run, { kind: 'segment' }), dialect).toEqual({
        p1: 'at_risk',
        p2: 'new',
        p3: 'none',
      });
      expect(await groups(dialect, run, { kind: 'value_tier' }), dialect).toEqual({
        p1: '3',
        p2: '5',
        p3: 'none',
      });
      expect(await groups(dialect, run, { kind: 'trait', trait: 'city' }), dialect).toEqual({
        p1: 'Lyon',
        p2: '69003',
        p3: 'Brest',
      });
      expect(await groups(dialect, run, { kind: 'trait', trait: 'unknown' }), dialect).toEqual({
        p1: 'none',
        p2: 'none',
        p3: 'none',
      });
    }
  }, 60_000);

  it("takes the source's profiles only, on both engines", async () => {
    for (const [dialect, run] of engines) {
      const groups = breakdownSource(dialect, 'w', { kind: 'segment' });
      // The analysis's source keeps p1's two rows: p2 and p3 are not its profiles.
      const sql = `WITH journey_events AS (SELECT profile_id FROM journey_events WHERE profile_id = 'p1'),
        groups AS (${groups.sql})
        SELECT g.breakdown AS breakdown, count(*) AS n FROM journey_events AS j JOIN groups AS g ON g.profile_id = j.profile_id
        GROUP BY g.breakdown`;
      expect(await run(tables, { sql, params: groups.params }), dialect).toEqual([
        { breakdown: 'at_risk', n: 2 },
      ]);
      const all = await run(tables, {
        sql: `WITH journey_events AS (SELECT profile_id FROM journey_events WHERE profile_id = 'p1'), groups AS (${groups.sql}) SELECT count(*) AS n FROM groups`,
        params: groups.params,
      });
      expect(all, dialect).toEqual([{ n: 1 }]);
    }
  }, 60_000);

  it("gives each valued profile's latest CLV and tier, a missing CLV left NULL, on both engines", async () => {
    for (const [dialect, run] of engines) {
      const source = profileValueSource(dialect, 'w');
      const rows = await run(tables, { ...source, sql: `${source.sql} ORDER BY profile_id` });
      expect(rows, dialect).toEqual([
        { profile_id: 'p1', clv: 120.5, value_tier: 3 },
        { profile_id: 'p2', clv: null, value_tier: 5 },
        { profile_id: 'p9', clv: 1, value_tier: 5 },
      ]);
    }
  }, 60_000);
});
