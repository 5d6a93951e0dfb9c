import { describe, expect, it } from 'vitest';
import type { Store } from '../../store/port.ts';
import { type SqlStatement, sqlDialects } from '../sql/dialect.ts';
import type { JourneyEvent } from '../sql/journey-events.ts';
import { fixtureSource, runOnClickHouse, runOnDuckDb } from '../testing/engines.ts';
import { type PathsDefinitionInput, parsePathsDefinition } from './definition.ts';
import { paths, runPaths } from './run.ts';
import type { PathsResult } from './sankey.ts';
import { buildPathsSql, readPathsRows } from './sql.ts';
import { handEvents, randomEvents } from './test-fixtures.ts';

const chosen: SqlStatement = {
  sql: "SELECT 'A' AS profile_id UNION ALL SELECT 'C' AS profile_id",
  params: {},
};

// times compared to the microsecond: the engines' averages may differ in the last bits.
const rounded = (result: PathsResult) => ({
  ...result,
  edges: result.edges.map((e) => ({ ...e, averageSeconds: Math.round(e.averageSeconds * 1e6) / 1e6 })),
});

async function onBothEngines(events: JourneyEvent[], input: PathsDefinitionInput, profiles?: SqlStatement) {
  const definition = parsePathsDefinition(input);
  const answers = [];
  for (const [dialect, run] of [
    ['duckdb', runOnDuckDb],
    ['clickhouse', runOnClickHouse],
  ] as const) {
    const statement = buildPathsSql(fixtureSource, definition, dialect, profiles);
    answers.push(rounded(readPathsRows(await run(events, statement), definition)));
  }
  return answers;
}

describe('paths SQL', () => {
  it('is pinned for every dialect and anchor', () => {
    const definitions: PathsDefinitionInput[] = [
      {},
      { start: 'web:home', from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z', count: 'profiles' },
      { end: 'web:cart', item: 'stage', include: ['discover', 'web:cart'], exclude: ["it's"] },
      { start: 'web:home', end: 'web:cart', depth: 4, edgeLimit: 10 },
    ];
    for (const input of definitions)
      expect(
        sqlDialects.map((d) => buildPathsSql(fixtureSource, parsePathsDefinition(input), d, chosen).sql),
      ).toMatchSnapshot();
  });

  it('binds its parameters with the source and profiles ones, refusing a clash', () => {
    const source = { sql: 'SELECT * FROM fixture_events WHERE ts > $since', params: { since: 1 } };
    const statement = buildPathsSql(source, parsePathsDefinition({ start: 'web:home' }), 'duckdb');
    expect(statement.params).toEqual({ since: 1, paths_start: 'web:home', paths_gap_ms: 1_800_000 });
    const clash = { sql: source.sql, params: { paths_start: 'other' } };
    expect(() => buildPathsSql(clash, parsePathsDefinition({ start: 'web:home' }), 'duckdb')).toThrow(
      /"paths_start" is bound twice/,
    );
  });

  it.each<[string, PathsDefinitionInput]>([
    ['from session starts', { depth: 3 }],
    ['in profiles', { depth: 3, count: 'profiles' }],
    ['without excluded items', { exclude: ['web:product'] }],
    ['from a start item', { start: 'web:product', depth: 3 }],
    ['to an end item', { end: 'web:cart', depth: 2 }],
    ['between two items', { start: 'web:home', end: 'web:cart', depth: 3, edgeLimit: 3 }],
  ])('gives the engine answer on the hand-solved events, %s', async (_, input) => {
    const expected = rounded(paths(handEvents, parsePathsDefinition(input)));
    expect(expected.edges.length).toBeGreaterThan(0);
    for (const answer of await onBothEngines(handEvents, input)) expect(answer).toEqual(expected);
  });

  it('keeps only the profiles a SELECT names, within the date range', async () => {
    const input = { from: '2026-03-02T09:02:00Z', to: '2026-03-02T10:01:00Z' };
    const expected = rounded(paths(handEvents, parsePathsDefinition(input), new Set(['A', 'C'])));
    for (const answer of await onBothEngines(handEvents, input, chosen)) expect(answer).toEqual(expected);
  });

  it.each<[string, PathsDefinitionInput]>([
    ['touchpoints', { depth: 6, edgeLimit: 12 }],
    ['stages, in profiles', { item: 'stage', count: 'profiles', sessionGapMinutes: 45 }],
    [
      'from a start',
      { start: 'web:product', include: ['web:product', 'web:cart', 'app:home', 'email:opened'] },
    ],
    ['to an end', { end: 'store:order_completed', depth: 4, count: 'profiles' }],
    ['between', { start: 'web:home', end: 'web:cart', depth: 4, edgeLimit: 8 }],
  ])('gives the engine answer on 400 random events, %s', async (_, input) => {
    const events = randomEvents(20260302, 400);
    const expected = rounded(paths(events, parsePathsDefinition(input)));
    expect(expected.edges.length).toBeGreaterThan(2);
    for (const answer of await onBothEngines(events, input)) expect(answer).toEqual(expected);
  });

  it('runs on a store, checking the raw definition first', async () => {
    const store: Pick<Store, 'dialect' | 'query'> = {
      dialect: 'clickhouse',
      query: (sql, params) => runOnClickHouse(handEvents, { sql, params: params ?? {} }) as never,
    };
    const result = await runPaths(store, fixtureSource, { start: 'web:product', depth: 3 }, chosen);
    expect(rounded(result)).toEqual(
      rounded(
        paths(handEvents, parsePathsDefinition({ start: 'web:product', depth: 3 }), new Set(['A', 'C'])),
      ),
    );
    await expect(runPaths(store, fixtureSource, { depth: 1 })).rejects.toThrow(/paths definition: depth/);
  });
});
