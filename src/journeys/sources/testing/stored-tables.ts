/**
 * Runs SQL for real over hand-made store tables (events, identity, values, traits, journey
 * events) on both engines: DuckDB with the store's own migrations, and ClickHouse (chdb) with the
 * same tables in ClickHouse types (JSON columns as text). Tests of the journey sources use it.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { migrations } from '../../../store/duckdb/migrations.ts';
import type { SqlStatement } from '../../sql/dialect.ts';
import {
  chdbTime,
  insertJsonRows,
  readOnClickHouse,
  readOnDuckDb,
  withChdbSession,
} from '../../testing/engines.ts';

type Row = Record<string, unknown>;

/** Rows per table, columns by their SQL names; times in epoch ms, JSON columns as objects. */
export interface StoredTables {
  events?: StoredEventRow[];
  identity_event_profiles?: { workspace_id: string; message_id: string; profile_id: string }[];
  profile_values?: Row[];
  profile_traits?: Row[];
  journey_events?: Row[];
  identity_state?: Row[];
  identity_merges?: Row[];
  identity_splits?: Row[];
  identity_operator_links?: Row[];
}

/** The columns of `events` the journey sources read. */
export interface StoredEventRow {
  workspace_id: string;
  message_id: string;
  channel: string;
  type: string;
  name: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  timestamp: number;
  received_at?: number;
  properties: Record<string, unknown> | null;
}

const timeColumns = new Set([
  'timestamp',
  'received_at',
  'ts',
  'observed_at',
  'updated_at',
  'merged_at',
  'decided_at',
]);
const jsonColumns = new Set(['properties', 'value', 'absorbed', 'linked_by', 'sides', 'identifiers']);

/** ClickHouse versions of the store's tables (only the columns the sources read, plus keys). */
const clickHouseTables: Record<keyof StoredTables, string> = {
  events: `workspace_id String, message_id String, channel String, type String, name Nullable(String),
    user_id Nullable(String), anonymous_id Nullable(String), timestamp DateTime64(3, 'UTC'),
    received_at DateTime64(3, 'UTC'), properties Nullable(String)`,
  identity_event_profiles: 'workspace_id String, message_id String, profile_id String',
  profile_values: `workspace_id String, profile_id String, as_of Date, clv Nullable(Float64), value_tier Int32,
    rfm_segment String`,
  profile_traits: `workspace_id String, profile_id String, trait String, value String,
    observed_at DateTime64(3, 'UTC'), message_id String`,
  journey_events: `workspace_id String, profile_id String, ts DateTime64(3, 'UTC'), channel String, action String,
    touchpoint String, stage Nullable(String), event String, revenue Nullable(Float64)`,
  identity_state: `workspace_id String, events_stitched Int64, rules_digest String, updated_at DateTime64(3, 'UTC')`,
  identity_merges: 'workspace_id String, merge_id String',
  identity_splits: 'workspace_id String, split_id String',
  identity_operator_links: 'workspace_id String, link_id String',
};

/** What the store's NOT NULL columns the sources never read hold in the DuckDB fixture. */
const duckDbDefaults: Partial<Record<keyof StoredTables, (row: Row) => Row>> = {
  events: (row) => ({
    source_id: 'source',
    received_at: row.timestamp as number,
    timestamp_clamped: false,
    origin: 'api',
    ...row,
  }),
  identity_merges: (row) => ({
    merged_at: 0,
    message_id: 'message',
    rule: 'rule',
    into_profile_id: 'profile',
    absorbed: '[]',
    linked_by: '[]',
    sides: '[]',
    ...row,
  }),
  identity_splits: (row) => ({ merge_id: 'merge', sides: '[]', decided_by: 'ops', decided_at: 0, ...row }),
  identity_operator_links: (row) => ({ identifiers: '[]', decided_by: 'ops', decided_at: 0, ...row }),
};

/** Runs the statement on DuckDB, over the store's schema holding these rows. */
export async function runStoredOnDuckDb(
  tables: StoredTables,
  statement: SqlStatement,
): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const migration of migrations) await connection.run(migration.sql);
    for (const [table, rows] of Object.entries(tables) as [keyof StoredTables, Row[]][]) {
      for (const given of rows) {
        const row = duckDbDefaults[table]?.(given) ?? given;
        const columns = Object.keys(row);
        const values = columns.map((c) =>
          timeColumns.has(c)
            ? `make_timestamptz($${c}::BIGINT * 1000)`
            : jsonColumns.has(c)
              ? `$${c}::JSON`
              : `$${c}`,
        );
        const params = Object.fromEntries(
          columns.map((c) => [c, jsonColumns.has(c) && row[c] !== null ? JSON.stringify(row[c]) : row[c]]),
        );
        await connection.run(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values.join(', ')})`,
          params as never,
        );
      }
    }
    return await readOnDuckDb(connection, statement);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Runs the statement on ClickHouse (chdb), over the same tables in ClickHouse types. */
export async function runStoredOnClickHouse(
  tables: StoredTables,
  statement: SqlStatement,
): Promise<Record<string, unknown>[]> {
  return withChdbSession((session) => {
    for (const [table, columns] of Object.entries(clickHouseTables)) {
      session.query(`CREATE TABLE ${table} (${columns}) ENGINE = MergeTree ORDER BY tuple()`);
    }
    for (const [table, rows] of Object.entries(tables) as [string, Row[]][]) {
      const converted = rows.map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([c, v]) => [
            c,
            timeColumns.has(c) && typeof v === 'number'
              ? chdbTime(v)
              : jsonColumns.has(c) && v !== null
                ? JSON.stringify(v)
                : v,
          ]),
        ),
      );
      insertJsonRows(session, table, converted);
    }
    return readOnClickHouse(session, statement);
  });
}
