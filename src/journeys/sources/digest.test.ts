import { describe, expect, it } from 'vitest';
import type { Store } from '../../store/port.ts';
import { sqlDialects } from '../sql/dialect.ts';
import { defaultTouchpointMapping } from '../touchpoints/defaults.ts';
import { parseTouchpointMapping } from '../touchpoints/parse.ts';
import { journeyDigest, journeyInputsSql } from './digest.ts';
import { journeyEventsSelect } from './journey-events-select.ts';
import { runStoredOnClickHouse, runStoredOnDuckDb, type StoredTables } from './testing/stored-tables.ts';

const event = (workspace: string, id: string, receivedAt: number) => ({
  workspace_id: workspace,
  message_id: id,
  channel: 'web',
  type: 'track',
  name: 'Order Completed',
  user_id: null,
  anonymous_id: 'a',
  timestamp: receivedAt - 1000,
  received_at: receivedAt,
  properties: {},
});

describe('what journey_events is built from', () => {
  it('is read by one statement on both engines', () => {
    expect(sqlDialects.map((d) => journeyInputsSql(d))).toMatchSnapshot();
  });

  it('counts events, merges, splits and links of the workspace, on both engines', async () => {
    const tables: StoredTables = {
      events: [
        event('w', 'm1', Date.UTC(2026, 0, 1)),
        event('w', 'm2', Date.UTC(2026, 0, 3)),
        event('x', 'm3', Date.UTC(2026, 0, 9)),
      ],
      identity_state: [
        { workspace_id: 'w', events_stitched: 2, rules_digest: 'r1', updated_at: Date.UTC(2026, 0, 4) },
        { workspace_id: 'x', events_stitched: 1, rules_digest: 'r2', updated_at: Date.UTC(2026, 0, 9) },
      ],
      identity_merges: [
        { workspace_id: 'w', merge_id: 'g1' },
        { workspace_id: 'w', merge_id: 'g2' },
        { workspace_id: 'x', merge_id: 'g3' },
      ],
      identity_splits: [{ workspace_id: 'w', split_id: 's1' }],
      identity_operator_links: [],
    };
    for (const [dialect, run] of [
      ['duckdb', runStoredOnDuckDb],
      ['clickhouse', runStoredOnClickHouse],
    ] as const) {
      const [row] = await run(tables, { sql: journeyInputsSql(dialect), params: { digest_workspace: 'w' } });
      const time = (value: unknown) =>
        value instanceof Date ? value.getTime() : Date.parse(`${String(value).replace(' ', 'T')}Z`);
      expect(
        { ...row, last_received: time(row?.last_received), identity_updated: time(row?.identity_updated) },
        dialect,
      ).toEqual({
        events: 2,
        last_received: Date.UTC(2026, 0, 3),
        events_stitched: 2,
        rules_digest: 'r1',
        identity_updated: Date.UTC(2026, 0, 4),
        merges: 2,
        splits: 1,
        operator_links: 0,
      });
    }
  }, 60_000);

  it('changes with the mapping and with the state of the tables, and only then', async () => {
    let inputs: Record<string, unknown> = { events: 2, merges: 0 };
    const db: Pick<Store, 'dialect' | 'query'> = {
      dialect: 'duckdb',
      query: async <Row>() => [inputs] as Row[],
    };
    const select = journeyEventsSelect('duckdb', 'w', defaultTouchpointMapping);
    const first = await journeyDigest(db, 'w', select);
    expect(await journeyDigest(db, 'w', journeyEventsSelect('duckdb', 'w', defaultTouchpointMapping))).toBe(
      first,
    );
    const remapped = journeyEventsSelect(
      'duckdb',
      'w',
      parseTouchpointMapping({ rules: [{ event: 'X', stage: 'buy' }] }),
    );
    expect(await journeyDigest(db, 'w', remapped)).not.toBe(first);
    expect(
      await journeyDigest(db, 'w', journeyEventsSelect('duckdb', 'x', defaultTouchpointMapping)),
    ).not.toBe(first);
    inputs = { events: 3, merges: 0 };
    expect(await journeyDigest(db, 'w', select)).not.toBe(first);
    inputs = { events: 2, merges: 1 };
    expect(await journeyDigest(db, 'w', select)).not.toBe(first);
  });
});
