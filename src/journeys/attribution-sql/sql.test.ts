import { describe, expect, it } from 'vitest';
import type { Store } from '../../store/port.ts';
import { sqlDialects } from '../sql/dialect.ts';
import type { JourneyEvent } from '../sql/journey-events.ts';
import { fixtureSource, runOnClickHouse, runOnDuckDb } from '../testing/engines.ts';
import { type AttributionDefinitionInput, parseAttributionDefinition } from './definition.ts';
import { attributionPaths } from './journeys.ts';
import { attribution, runAttribution } from './run.ts';
import { buildAttributionSql, readAttributionRows } from './sql.ts';
import { handEvents, handRange, randomEvents } from './test-fixtures.ts';

// sums of revenue may differ in the last bits between engines.
const rounded = <T extends { revenue?: number }>(rows: T[]) =>
  rows.map((r) => ({ ...r, revenue: Math.round((r.revenue ?? 0) * 1e6) / 1e6 }));

async function onBothEngines(events: JourneyEvent[], input: AttributionDefinitionInput) {
  const definition = parseAttributionDefinition(input);
  const answers = [];
  for (const [dialect, run] of [
    ['duckdb', runOnDuckDb],
    ['clickhouse', runOnClickHouse],
  ] as const) {
    const statement = buildAttributionSql(fixtureSource, definition, dialect);
    answers.push(rounded(readAttributionRows(await run(events, statement))));
  }
  return answers;
}

describe('attribution journeys SQL', () => {
  it('is pinned for every dialect', () => {
    for (const input of [
      {},
      { ...handRange, item: 'touchpoint', collapseRepeats: false, lookbackDays: 7 },
    ] as const)
      expect(
        sqlDialects.map((d) => buildAttributionSql(fixtureSource, parseAttributionDefinition(input), d).sql),
      ).toMatchSnapshot();
  });

  it.each<[string, AttributionDefinitionInput]>([
    ['in the range', handRange],
    ['with repeats, by touchpoint', { ...handRange, item: 'touchpoint', collapseRepeats: false }],
    ['with a 1-day lookback', { ...handRange, lookbackDays: 1 }],
    ['up to the latest event', { from: handRange.from }],
    ['every event a touch', { ...handRange, touches: 'all' }],
  ])('gives the engine journeys on the hand-solved customers, %s', async (_, input) => {
    const expected = rounded(attributionPaths(handEvents, parseAttributionDefinition(input)));
    for (const answer of await onBothEngines(handEvents, input)) expect(answer).toEqual(expected);
  });

  it.each<[string, AttributionDefinitionInput]>([
    ['with the defaults', {}],
    [
      'by touchpoint, repeats kept, 3 days back',
      { item: 'touchpoint', collapseRepeats: false, lookbackDays: 3 },
    ],
    ['over a range', { from: '2026-03-20T00:00:00Z', to: '2026-05-01T00:00:00Z', lookbackDays: 10 }],
    // events older than from − lookback are skipped by the DuckDB statement: they can change nothing
    ['from a date, every event a touch', { from: '2026-04-01T00:00:00Z', lookbackDays: 2, touches: 'all' }],
  ])('gives the engine journeys on 300 random events, %s', async (_, input) => {
    const events = randomEvents(7, 300);
    const expected = rounded(attributionPaths(events, parseAttributionDefinition(input)));
    expect(expected.filter((p) => p.conversions > 0 && p.channels.length > 0).length).toBeGreaterThan(3);
    expect(expected.some((p) => p.nonConversions > 0)).toBe(true);
    for (const answer of await onBothEngines(events, input)) expect(answer).toEqual(expected);
  });

  it('runs on a store and credits the journeys as the engine does', async () => {
    const store: Pick<Store, 'dialect' | 'query'> = {
      dialect: 'duckdb',
      query: (sql, params) => runOnDuckDb(handEvents, { sql, params: params ?? {} }) as never,
    };
    const result = await runAttribution(store, fixtureSource, handRange);
    expect(result).toEqual(attribution(handEvents, parseAttributionDefinition(handRange)));
    await expect(runAttribution(store, fixtureSource, { lookbackDays: 400 })).rejects.toThrow(/lookbackDays/);
  });
});
