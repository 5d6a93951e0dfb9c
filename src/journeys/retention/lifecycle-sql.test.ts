import { describe, expect, it } from 'vitest';
import { type SqlStatement, sqlDialects } from '../sql/dialect.ts';
import { fixtureSource, runOnClickHouse, runOnDuckDb } from '../testing/engines.ts';
import { lifecycle } from './lifecycle.ts';
import { parseLifecycleDefinition } from './lifecycle-schema.ts';
import { lifecycleStatement } from './lifecycle-sql.ts';
import { randomJourneyEvents } from './random-events.ts';
import { cohortHistory } from './retention-fixture.ts';
import { readLifecycle } from './run-lifecycle.ts';

const engines = [
  ['duckdb', runOnDuckDb],
  ['clickhouse', runOnClickHouse],
] as const;

/** Profiles whose id ends in 1, 2 or 3 are "north", the others have no value. */
const breakdownSource: SqlStatement = {
  sql: `SELECT DISTINCT profile_id, 'north' AS breakdown FROM fixture_events
  WHERE profile_id LIKE '%1' OR profile_id LIKE '%2' OR profile_id LIKE '%3'`,
  params: {},
};

const definitions = {
  monthly: parseLifecycleDefinition({ interval: 'month', from: '2026-01-01', to: '2026-05-01' }),
  weekly: parseLifecycleDefinition({ interval: 'week', from: '2025-12-10', to: '2026-03-01' }),
  daily: parseLifecycleDefinition({
    interval: 'day',
    activity: { action: ['order_completed', 'ticket_opened'] },
    from: '2025-12-20',
    to: '2026-01-12',
  }),
};

describe('lifecycle SQL', () => {
  it('is pinned for both dialects', () => {
    expect(
      sqlDialects.map((dialect) => lifecycleStatement(fixtureSource, definitions.weekly, dialect).sql),
    ).toMatchSnapshot();
    expect(
      sqlDialects.map(
        (dialect) => lifecycleStatement(fixtureSource, definitions.monthly, dialect, breakdownSource).sql,
      ),
    ).toMatchSnapshot();
  });

  it.each(engines)('gives the hand-solved monthly lifecycle on %s', async (dialect, run) => {
    const definition = definitions.monthly;
    const result = readLifecycle(
      await run(cohortHistory, lifecycleStatement(fixtureSource, definition, dialect)),
      definition,
    );
    // Solved in lifecycle.test.ts.
    expect(result.groups[0]?.periods.map((p) => [p.new, p.returning, p.resurrecting, p.dormant])).toEqual([
      [3, 2, 0, 0],
      [2, 1, 0, -4],
      [0, 1, 1, -2],
      [0, 0, 1, -2],
    ]);
  });

  it.each(engines)('equals the engine on a seeded random history on %s', async (dialect, run) => {
    const events = randomJourneyEvents(11, 500);
    const breakdown = [...new Set(events.map((event) => event.profileId))]
      .filter((id) => /[123]$/.test(id))
      .map((profileId) => ({ profileId, breakdown: 'north' }));
    for (const definition of Object.values(definitions)) {
      const expected = lifecycle(events, definition, breakdown);
      expect(expected.groups).toHaveLength(2);
      const statement = lifecycleStatement(fixtureSource, definition, dialect, breakdownSource);
      expect(readLifecycle(await run(events, statement), definition)).toEqual(expected);
    }
  });
});
