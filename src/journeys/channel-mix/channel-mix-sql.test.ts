import { describe, expect, it } from 'vitest';
import { randomJourneyEvents } from '../retention/random-events.ts';
import { type SqlStatement, sqlDialects } from '../sql/dialect.ts';
import { fixtureSource, runOnClickHouse, runOnDuckDb } from '../testing/engines.ts';
import { channelMix } from './channel-mix.ts';
import { fortnight } from './channel-mix-fixture.ts';
import { parseChannelMixDefinition } from './channel-mix-schema.ts';
import { channelMixStatement } from './channel-mix-sql.ts';
import { readChannelMix } from './run-channel-mix.ts';

const engines = [
  ['duckdb', runOnDuckDb],
  ['clickhouse', runOnClickHouse],
] as const;

/** Profiles whose number is even are "even"; the others have no value. */
const breakdownSource: SqlStatement = {
  sql: `SELECT profile_id, 'even' AS breakdown FROM fixture_events
  WHERE profile_id LIKE '%0' OR profile_id LIKE '%2' OR profile_id LIKE '%4' OR profile_id LIKE '%6'
    OR profile_id LIKE '%8'`,
  params: {},
};
const evenRows = (ids: string[]) =>
  [...new Set(ids)]
    .filter((id) => /[02468]$/.test(id))
    .map((profileId) => ({ profileId, breakdown: 'even' }));

const definitions = {
  fortnight: parseChannelMixDefinition({ from: '2025-12-29', to: '2026-01-12' }),
  weekly: parseChannelMixDefinition({ from: '2025-12-01', to: '2026-03-02' }),
  monthly: parseChannelMixDefinition({ interval: 'month', from: '2025-11-15', to: '2026-12-01' }),
  daily: parseChannelMixDefinition({ interval: 'day', activity: {}, from: '2025-12-20', to: '2026-01-20' }),
};

describe('channel-mix SQL', () => {
  it('is pinned for both dialects', () => {
    expect(
      sqlDialects.map((dialect) => channelMixStatement(fixtureSource, definitions.fortnight, dialect).sql),
    ).toMatchSnapshot();
    expect(
      sqlDialects.map(
        (dialect) => channelMixStatement(fixtureSource, definitions.monthly, dialect, breakdownSource).sql,
      ),
    ).toMatchSnapshot();
  });

  it.each(engines)('gives the hand-solved fortnight on %s', async (dialect, run) => {
    const definition = definitions.fortnight;
    const result = readChannelMix(
      await run(fortnight, channelMixStatement(fixtureSource, definition, dialect)),
      definition,
    );
    // Solved in channel-mix.test.ts.
    const group = result.groups[0];
    expect(
      group?.periods.map((p) => [p.start, p.customers, p.channelsPerCustomer.map((c) => c.customers)]),
    ).toEqual([
      ['2025-12-29', 2, [1, 1, 0]],
      ['2026-01-05', 4, [3, 0, 1]],
    ]);
    expect(group?.total.channels.map((c) => [c.channel, c.customers])).toEqual([
      ['store', 2],
      ['web', 2],
      ['app', 1],
      ['call_centre', 1],
      ['email', 1],
    ]);
  });

  it.each(engines)(
    'runs the breakdown over the active customers, one row each, on %s',
    async (dialect, run) => {
      // As the sources' breakdowns do, it reads `journey_events`: there it sees each customer once.
      const onceEach: SqlStatement = {
        sql: 'SELECT profile_id, CAST(count(*) AS VARCHAR) AS breakdown FROM journey_events GROUP BY profile_id',
        params: {},
      };
      const events = randomJourneyEvents(29, 300);
      const definition = definitions.weekly;
      const rows = [...new Set(events.map((event) => event.profileId))].map((profileId) => ({
        profileId,
        breakdown: '1',
      }));
      const expected = channelMix(events, definition, rows);
      expect(expected.groups.map((group) => group.breakdown)).toEqual(['1']);
      const statement = channelMixStatement(fixtureSource, definition, dialect, onceEach);
      expect(readChannelMix(await run(events, statement), definition)).toEqual(expected);
    },
  );

  it.each(engines)('equals the engine on a seeded random history on %s', async (dialect, run) => {
    const events = randomJourneyEvents(23, 500);
    for (const definition of [definitions.weekly, definitions.monthly, definitions.daily]) {
      const expected = channelMix(events, definition, evenRows(events.map((event) => event.profileId)));
      expect(expected.groups).toHaveLength(2);
      const statement = channelMixStatement(fixtureSource, definition, dialect, breakdownSource);
      expect(readChannelMix(await run(events, statement), definition)).toEqual(expected);
    }
  });
});
