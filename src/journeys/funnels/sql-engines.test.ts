import { describe, expect, it } from 'vitest';
import type { SqlDialect, SqlStatement } from '../sql/dialect.ts';
import type { JourneyEvent } from '../sql/journey-events.ts';
import { fixtureSource, runOnClickHouse, runOnDuckDb } from '../testing/engines.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import type { FunnelDefinition, FunnelOrder } from './definition.ts';
import { funnelDropOffs } from './drop-offs.ts';
import { funnel, funnelConversions } from './engine.ts';
import { checkoutFunnel, excludedJourneys, fiveJourneys, visit } from './fixtures.ts';
import { runFunnel, runFunnelDropOffs } from './run.ts';
import { parseFunnelDefinition } from './schema.ts';

const engines = [
  ['duckdb', runOnDuckDb],
  ['clickhouse', runOnClickHouse],
] as const;
const orders: FunnelOrder[] = ['ordered', 'strict', 'any'];

/** A store over fixture rows, as `runFunnel` sees one. */
function fixtureStore(dialect: SqlDialect, rows: readonly JourneyEvent[]) {
  const run = dialect === 'duckdb' ? runOnDuckDb : runOnClickHouse;
  return {
    dialect,
    query: async <Row extends Record<string, unknown>>(sql: string, params: SqlStatement['params'] = {}) =>
      (await run(rows, { sql, params })) as Row[],
  };
}

/** 400 events of 40 profiles on a two-hour grid over five days: many ties, repeats and restarts. */
function randomJourneys(seed: number): JourneyEvent[] {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random.uniform() * values.length)] as T;
  return Array.from({ length: 400 }, () => {
    const event = visit(
      `p${Math.floor(random.uniform() * 40)}`,
      2 * Math.floor(random.uniform() * 60),
      pick(['A', 'B', 'C', 'D', 'Z']),
      pick(['web', 'app', 'store']),
    );
    return { ...event, stage: random.uniform() < 0.3 ? null : 'buy' };
  });
}

function randomFunnels(order: FunnelOrder): FunnelDefinition[] {
  return [
    parseFunnelDefinition({
      order,
      steps: [{ event: 'A' }, { event: ['B', 'A'] }, { event: 'C', channel: ['web', 'app'] }, { event: 'B' }],
      window: { value: 30, unit: 'hours' },
      from: '2026-03-03',
      to: '2026-03-06T12:00:00Z',
      exclusions: [
        { event: 'Z', fromStep: 2, toStep: 4 },
        { stage: 'buy', event: 'D', fromStep: 1, toStep: 2 },
      ],
      breakdown: 'channel',
      breakdownLimit: 2,
    }),
    parseFunnelDefinition({
      order,
      steps: [{ event: 'A' }, { event: 'A' }, { stage: 'buy' }],
      window: { value: 2, unit: 'days' },
    }),
  ];
}

describe('the funnel SQL on DuckDB and ClickHouse', () => {
  it.each(orders)('gives the engine’s answer on the hand-solved journeys (%s)', async (order) => {
    const quoted = ['Produit', 'Panier', "Aide d'achat", 'Paiement'].map((event, i) =>
      visit('q', i, event, "web'2"),
    );
    const journeys = [
      ...fiveJourneys,
      ...excludedJourneys,
      ...quoted,
      visit('late', 40, 'Produit'),
      visit('late', 50, 'Panier'),
    ];
    const definition = checkoutFunnel({
      order,
      from: '2026-03-02',
      to: '2026-03-03T12:00:00Z',
      exclusions: [{ event: ['Aide', "Aide d'achat"], fromStep: 2, toStep: 3 }],
      breakdown: 'channel',
    });
    const expected = funnel(journeys, definition);
    expect(expected.overall.entered).toBeGreaterThan(8);
    // q's only attempt in order is disqualified by "Aide d'achat"; in any order it re-enters at the basket.
    const profiles = funnelConversions(journeys, definition).map((c) => c.profileId);
    expect(profiles.includes('q')).toBe(order === 'any');
    for (const [dialect] of engines) {
      expect(await runFunnel(fixtureStore(dialect, journeys), fixtureSource, definition)).toEqual(expected);
    }
  });

  it.each(orders)('gives the engine’s answer on seeded random journeys with ties (%s)', async (order) => {
    const journeys = randomJourneys(7);
    const definitions = randomFunnels(order);
    for (const definition of definitions) {
      const expected = funnel(journeys, definition);
      expect(expected.overall.steps[2]?.reached).toBeGreaterThan(0);
      for (const [dialect] of engines) {
        expect(await runFunnel(fixtureStore(dialect, journeys), fixtureSource, definition)).toEqual(expected);
      }
    }
    const page = { limit: 3, offset: 1 };
    const dropped = funnelDropOffs(journeys, definitions[0] as FunnelDefinition, 2, page);
    expect(dropped.profiles).toHaveLength(3);
    for (const [dialect] of engines) {
      const store = fixtureStore(dialect, journeys);
      expect(
        await runFunnelDropOffs(store, fixtureSource, definitions[0] as FunnelDefinition, 2, page),
      ).toEqual(dropped);
    }
  });

  it('breaks down by a profile attribute selected in SQL, as the engine does with the same values', async () => {
    const journeys = randomJourneys(11);
    const tier = "CASE count(*) % 4 WHEN 0 THEN 'w' WHEN 1 THEN 'x' WHEN 2 THEN 'y' ELSE 'z' END";
    const breakdown = {
      sql: `SELECT profile_id, ${tier} AS breakdown FROM fixture_events GROUP BY profile_id HAVING count(*) > 7`,
      params: {},
    };
    const counts = new Map<string, number>();
    for (const event of journeys) counts.set(event.profileId, (counts.get(event.profileId) ?? 0) + 1);
    const tiers = new Map(
      [...counts]
        .filter(([, count]) => count > 7)
        .map(([profileId, count]) => [profileId, 'wxyz'.charAt(count % 4)]),
    );
    const definition = parseFunnelDefinition({ steps: [{ event: 'A' }, { event: 'C' }], breakdownLimit: 2 });
    const expected = funnel(journeys, definition, tiers);
    expect(expected.breakdown.map((g) => g.other)).toEqual([false, false, true]);
    for (const [dialect] of engines) {
      expect(await runFunnel(fixtureStore(dialect, journeys), fixtureSource, definition, breakdown)).toEqual(
        expected,
      );
    }
  });

  it('runs the profile breakdown over the funnel’s profiles, one row each, named journey_events', async () => {
    const journeys = randomJourneys(13);
    // As the sources' breakdowns do, it reads `journey_events`: there it sees each profile once.
    const breakdown = {
      sql: 'SELECT profile_id, CAST(count(*) AS VARCHAR) AS breakdown FROM journey_events GROUP BY profile_id',
      params: {},
    };
    const definition = parseFunnelDefinition({ steps: [{ event: 'A' }, { event: 'B' }] });
    const once = new Map(journeys.map((event) => [event.profileId, '1']));
    const expected = funnel(journeys, definition, once);
    expect(expected.breakdown.map((g) => [g.value, g.entered])).toEqual([['1', expected.overall.entered]]);
    for (const [dialect] of engines) {
      expect(await runFunnel(fixtureStore(dialect, journeys), fixtureSource, definition, breakdown)).toEqual(
        expected,
      );
    }
  });

  it('answers an empty funnel with zeros', async () => {
    const definition = checkoutFunnel({ from: '2030-01-01' });
    const expected = funnel(fiveJourneys, definition);
    expect(expected.overall.entered).toBe(0);
    for (const [dialect] of engines) {
      expect(await runFunnel(fixtureStore(dialect, fiveJourneys), fixtureSource, definition)).toEqual(
        expected,
      );
    }
  });
});
