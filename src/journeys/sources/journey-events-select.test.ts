import { describe, expect, it } from 'vitest';
import { type SqlStatement, sqlDialects } from '../sql/dialect.ts';
import type { JourneyEvent } from '../sql/journey-events.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import { defaultTouchpointMapping } from '../touchpoints/defaults.ts';
import type { TouchpointMapping } from '../touchpoints/mapping.ts';
import { parseTouchpointMapping } from '../touchpoints/parse.ts';
import { journeyEventsOf, type StoredJourneyInput } from './journey-events-of.ts';
import { journeyEventsSelect } from './journey-events-select.ts';
import {
  runStoredOnClickHouse,
  runStoredOnDuckDb,
  type StoredEventRow,
  type StoredTables,
} from './testing/stored-tables.ts';

const small = parseTouchpointMapping({
  defaults: false,
  rules: [{ event: 'Order Completed', stage: 'buy' }],
});
const at = (minute: number) => Date.UTC(2026, 2, 1, 9, minute);

function row(
  messageId: string,
  fields: Partial<StoredEventRow> & Pick<StoredEventRow, 'channel' | 'type' | 'name'>,
): StoredEventRow {
  return {
    workspace_id: 'w',
    message_id: messageId,
    user_id: null,
    anonymous_id: null,
    timestamp: at(0),
    properties: {},
    ...fields,
  };
}

/** Reads either engine's rows back as `JourneyEvent`s, in (profile, time, event) order. */
async function journeyEventsOn(
  engine: typeof runStoredOnDuckDb,
  tables: StoredTables,
  statement: SqlStatement,
): Promise<JourneyEvent[]> {
  const rows = await engine(tables, statement);
  return rows.map((r) => ({
    profileId: String(r.profile_id),
    ts: r.ts instanceof Date ? r.ts.getTime() : Date.parse(`${String(r.ts).replace(' ', 'T')}Z`),
    channel: String(r.channel),
    action: String(r.action),
    touchpoint: String(r.touchpoint),
    stage: r.stage === null ? null : String(r.stage),
    event: String(r.event),
    revenue: r.revenue === null ? null : Number(r.revenue),
  }));
}

const ordered = (sql: SqlStatement): SqlStatement => ({
  ...sql,
  sql: `${sql.sql}\nORDER BY profile_id, ts, event`,
});
const byProfileAndTime = (a: JourneyEvent, b: JourneyEvent) =>
  a.profileId.localeCompare(b.profileId) || a.ts - b.ts || JSON.stringify(a).localeCompare(JSON.stringify(b));

const inputOf = (e: StoredEventRow): StoredJourneyInput => ({
  messageId: e.message_id,
  userId: e.user_id,
  anonymousId: e.anonymous_id,
  timestamp: e.timestamp,
  channel: e.channel,
  type: e.type,
  name: e.name,
  properties: e.properties,
});

describe('building journey_events from the stored events', () => {
  it('is written for both engines', () => {
    expect(sqlDialects.map((d) => journeyEventsSelect(d, 'w', small))).toMatchSnapshot();
  });

  it('gives each event of the workspace one row, on its stitched profile or a fallback', async () => {
    const tables: StoredTables = {
      events: [
        row('m1', { channel: 'web', type: 'page', name: 'Accueil', anonymous_id: 'a1', timestamp: at(1) }),
        row('m2', {
          channel: 'web',
          type: 'track',
          name: 'Order Completed',
          user_id: 'u1',
          anonymous_id: 'a1',
          timestamp: at(2),
          properties: { revenue: 59.9, total: 64.8 },
        }),
        row('m3', {
          channel: 'store',
          type: 'track',
          name: 'Order Completed',
          user_id: 'u2',
          properties: { total: 20 },
        }),
        row('m4', { channel: 'web', type: 'page', name: 'Produit', anonymous_id: 'a9', timestamp: at(3) }),
        row('m5', { channel: 'crm', type: 'identify', name: null, timestamp: at(4) }),
        row('m6', { workspace_id: 'other', channel: 'web', type: 'page', name: 'Accueil', user_id: 'u1' }),
      ],
      identity_event_profiles: [
        { workspace_id: 'w', message_id: 'm1', profile_id: 'p1' },
        { workspace_id: 'w', message_id: 'm2', profile_id: 'p1' },
        // A duplicated identity row must not duplicate the event.
        { workspace_id: 'w', message_id: 'm2', profile_id: 'p1' },
        // Another workspace's row for the same message id must not be used.
        { workspace_id: 'other', message_id: 'm3', profile_id: 'p-other' },
      ],
    };
    // By hand: m1, m2 are p1's; m3 has no identity row but a user id; m4 only an anonymous id;
    // m5 neither; m6 is another workspace's. Only `Order Completed` has a stage in `small`.
    const expected: JourneyEvent[] = [
      {
        profileId: 'anon:a9',
        ts: at(3),
        channel: 'web',
        action: 'view_produit',
        touchpoint: 'web:view_produit',
        stage: null,
        event: 'Produit',
        revenue: null,
      },
      {
        profileId: 'message:m5',
        ts: at(4),
        channel: 'crm',
        action: 'identify',
        touchpoint: 'crm:identify',
        stage: null,
        event: 'identify',
        revenue: null,
      },
      {
        profileId: 'p1',
        ts: at(1),
        channel: 'web',
        action: 'view_accueil',
        touchpoint: 'web:view_accueil',
        stage: null,
        event: 'Accueil',
        revenue: null,
      },
      {
        profileId: 'p1',
        ts: at(2),
        channel: 'web',
        action: 'order_completed',
        touchpoint: 'web:order_completed',
        stage: 'buy',
        event: 'Order Completed',
        revenue: 59.9,
      },
      {
        profileId: 'user:u2',
        ts: at(0),
        channel: 'store',
        action: 'order_completed',
        touchpoint: 'store:order_completed',
        stage: 'buy',
        event: 'Order Completed',
        revenue: 20,
      },
    ];
    for (const engine of [runStoredOnDuckDb, runStoredOnClickHouse]) {
      const dialect = engine === runStoredOnDuckDb ? 'duckdb' : 'clickhouse';
      expect(
        await journeyEventsOn(engine, tables, ordered(journeyEventsSelect(dialect, 'w', small))),
        dialect,
      ).toEqual(expected);
    }
  }, 30_000);

  it('gives journeyEventsOf’s rows on a few hundred random events, on both engines', async () => {
    const random = seededRandom(51);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random.uniform() * items.length)] as T;
    const events = Array.from({ length: 300 }, (_, i) =>
      row(`m${i}`, {
        channel: pick(['web', 'app', 'email', 'store', 'call_centre', 'survey']),
        type: pick(['track', 'page', 'screen', 'identify']),
        name: pick(['Accueil', 'Produit', 'Order Completed', 'Email Sent', 'Ticket Opened', 'Aide', null]),
        user_id: pick([null, 'u1', 'u2']),
        anonymous_id: pick([null, 'a1', 'a2', 'a3']),
        timestamp: at(Math.floor(random.uniform() * 10_000)),
        properties: pick([{}, null, { revenue: 12.5 }, { total: 30 }, { surveyType: 'enps' }]),
      }),
    );
    const profiles = events
      .filter(() => random.uniform() < 0.6)
      .map((e) => ({ workspace_id: 'w', message_id: e.message_id, profile_id: pick(['p1', 'p2', 'p3']) }));
    const mapping: TouchpointMapping = defaultTouchpointMapping;
    const expected = journeyEventsOf(
      events.map(inputOf),
      new Map(profiles.map((p) => [p.message_id, p.profile_id])),
      mapping,
    ).sort(byProfileAndTime);
    expect(new Set(expected.map((e) => e.profileId)).size).toBeGreaterThan(5);
    for (const engine of [runStoredOnDuckDb, runStoredOnClickHouse]) {
      const dialect = engine === runStoredOnDuckDb ? 'duckdb' : 'clickhouse';
      const rows = await journeyEventsOn(
        engine,
        { events, identity_event_profiles: profiles },
        journeyEventsSelect(dialect, 'w', mapping),
      );
      expect(rows.sort(byProfileAndTime), dialect).toEqual(expected);
    }
  }, 60_000);
});
