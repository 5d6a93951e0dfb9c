import { describe, expect, it } from 'vitest';
import { type SqlStatement, sqlDialects } from '../sql/dialect.ts';
import { fixtureSource, runOnClickHouse, runOnDuckDb } from '../testing/engines.ts';
import { randomJourneyEvents } from './random-events.ts';
import { retention } from './retention.ts';
import { cohortHistory } from './retention-fixture.ts';
import { parseRetentionDefinition } from './retention-schema.ts';
import { retentionStatement } from './retention-sql.ts';
import { readRetention } from './run-retention.ts';

const engines = [
  ['duckdb', runOnDuckDb],
  ['clickhouse', runOnClickHouse],
] as const;

/** Profiles a–e by the first letter: vowels are gold, the rest silver (f and g have no row). */
const breakdownSource: SqlStatement = {
  sql: `SELECT profile_id, CASE WHEN profile_id IN ('a', 'e') THEN 'gold' ELSE 'silver' END AS breakdown
  FROM fixture_events WHERE profile_id IN ('a', 'b', 'c', 'd', 'e', 'p1', 'p2', 'p3')`,
  params: {},
};
const breakdownRows = ['a', 'b', 'c', 'd', 'e', 'p1', 'p2', 'p3'].map((profileId) => ({
  profileId,
  breakdown: profileId === 'a' || profileId === 'e' ? 'gold' : 'silver',
}));

const definitions = {
  monthly: parseRetentionDefinition({ from: '2026-01-01', to: '2026-03-01', maxPeriods: 3 }),
  allMonths: parseRetentionDefinition({ from: '2025-11-01', to: '2027-01-01', maxPeriods: 6 }),
  contacts: parseRetentionDefinition({
    cohortBy: 'first_contact',
    returnEvent: { withStage: true },
    interval: 'week',
    from: '2025-12-01',
    to: '2026-12-01',
    maxPeriods: 10,
  }),
  daily: parseRetentionDefinition({
    purchase: { action: 'order_completed', channel: ['web', 'app'] },
    returnEvent: {},
    interval: 'day',
    from: '2025-12-25',
    to: '2026-01-10',
    maxPeriods: 40,
  }),
};

describe('retention SQL', () => {
  it('is pinned for both dialects', () => {
    expect(
      sqlDialects.map((dialect) => retentionStatement(fixtureSource, definitions.monthly, dialect).sql),
    ).toMatchSnapshot();
    expect(
      sqlDialects.map(
        (dialect) => retentionStatement(fixtureSource, definitions.contacts, dialect, breakdownSource).sql,
      ),
    ).toMatchSnapshot();
  });

  it.each(engines)('gives the hand-solved cohorts on %s', async (dialect, run) => {
    const statement = retentionStatement(fixtureSource, definitions.monthly, dialect);
    const result = readRetention(await run(cohortHistory, statement), definitions.monthly);
    const cells = result.groups[0]?.cohorts.map((cohort) => [
      cohort.start,
      cohort.size,
      cohort.periods.map((cell) => [cell.returned, cell.rollingReturned]),
    ]);
    // Solved in retention.test.ts: January {a, b, g}, February {d, e}.
    expect(cells).toEqual([
      [
        '2026-01-01',
        3,
        [
          [1, 2],
          [0, 2],
          [1, 2],
          [1, 1],
        ],
      ],
      [
        '2026-02-01',
        2,
        [
          [0, 1],
          [1, 1],
          [0, 0],
        ],
      ],
    ]);
  });

  it.each(engines)('equals the engine on a seeded random history on %s', async (dialect, run) => {
    const events = randomJourneyEvents(7, 500);
    for (const definition of Object.values(definitions)) {
      const statement = retentionStatement(fixtureSource, definition, dialect, breakdownSource);
      const expected = retention(events, definition, breakdownRows);
      expect(expected.groups.flatMap((group) => group.cohorts).length).toBeGreaterThan(1);
      expect(readRetention(await run(events, statement), definition)).toEqual(expected);
    }
  });

  it.each(engines)('gives one empty group on an empty source on %s', async (dialect, run) => {
    const statement = retentionStatement(fixtureSource, definitions.monthly, dialect);
    expect(readRetention(await run([], statement), definitions.monthly)).toEqual({
      interval: 'month',
      groups: [{ breakdown: null, cohorts: [], allCohorts: [] }],
    });
  });
});
