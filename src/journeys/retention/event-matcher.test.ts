import { describe, expect, it } from 'vitest';
import { runOnClickHouse, runOnDuckDb } from '../testing/engines.ts';
import { eventMatcher, eventMatcherSql, matchesEvent } from './event-matcher.ts';
import { journeyEvent } from './retention-fixture.ts';

const events = [
  journeyEvent('a', '2026-01-01T10:00:00Z', 'web', 'order_completed'),
  journeyEvent('b', '2026-01-01T10:00:00Z', 'store', 'order_completed'),
  journeyEvent('c', '2026-01-01T10:00:00Z', 'email', 'email_sent', null),
  journeyEvent("d'o", '2026-01-01T10:00:00Z', "l'app", 'page_viewed'),
];

const matchers = {
  everything: eventMatcher({}),
  webOrders: eventMatcher({ action: 'order_completed', channel: ['web', 'app'] }),
  staged: eventMatcher({ withStage: true }),
  quoted: eventMatcher({ channel: "l'app" }),
  emails: eventMatcher({ stage: ['buy', 'discover'], touchpoint: 'email:email_sent' }),
};

/** Which of a, b, c, d'o each matcher accepts, worked out from the rows above. */
const expected = {
  everything: ['a', 'b', 'c', "d'o"],
  webOrders: ['a'],
  staged: ['a', 'b', "d'o"],
  quoted: ["d'o"],
  emails: [], // c's e-mail has no stage, so no stage value can match it
};

describe('event matchers', () => {
  it('match every listed column, any listed value', () => {
    for (const [name, matcher] of Object.entries(matchers)) {
      const kept = events.filter((event) => matchesEvent(event, matcher)).map((event) => event.profileId);
      expect([name, kept]).toEqual([name, expected[name as keyof typeof expected]]);
    }
  });

  it('read one value as a list of one', () => {
    expect(eventMatcher({ action: 'order_completed', withStage: false })).toEqual({
      action: ['order_completed'],
      withStage: false,
    });
  });

  it.each([
    ['duckdb', runOnDuckDb],
    ['clickhouse', runOnClickHouse],
  ] as const)('select the same events in %s SQL', async (dialect, run) => {
    for (const [name, matcher] of Object.entries(matchers)) {
      const sql = `SELECT profile_id FROM fixture_events WHERE ${eventMatcherSql(dialect, matcher)} ORDER BY profile_id`;
      const kept = (await run(events, { sql, params: {} })).map((row) => row.profile_id);
      expect([name, kept]).toEqual([name, expected[name as keyof typeof expected]]);
    }
  });
});
