/**
 * Runs a journey SQL statement for real on both engines, over fixture `journey_events` rows:
 * DuckDB in memory, and ClickHouse through chdb (the embedded ClickHouse engine). Tests use it to
 * check that each dialect's SQL gives the pure engine's answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, DuckDBTimestampTZValue } from '@duckdb/node-api';
import type { SqlStatement } from '../sql/dialect.ts';
import type { JourneyEvent } from '../sql/journey-events.ts';

/** The SELECT that tests pass as `source`: the fixture table holding the rows. */
export const fixtureSource: SqlStatement = { sql: 'SELECT * FROM fixture_events', params: {} };

/** Runs the statement on DuckDB over a table `fixture_events` holding the rows. */
export async function runOnDuckDb(
  rows: readonly JourneyEvent[],
  statement: SqlStatement,
): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await loadFixtureOnDuckDb(connection, rows);
    return await readOnDuckDb(connection, statement);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Creates `fixture_events` on an open DuckDB connection and appends the rows. */
export async function loadFixtureOnDuckDb(
  connection: DuckDBConnection,
  rows: readonly JourneyEvent[],
): Promise<void> {
  await connection.run(`CREATE TABLE fixture_events (profile_id VARCHAR, ts TIMESTAMPTZ, channel VARCHAR,
    action VARCHAR, touchpoint VARCHAR, stage VARCHAR, event VARCHAR, revenue DOUBLE)`);
  const appender = await connection.createAppender('fixture_events');
  for (const row of rows) {
    appender.appendVarchar(row.profileId);
    appender.appendTimestampTZ(new DuckDBTimestampTZValue(BigInt(row.ts) * 1000n));
    appender.appendVarchar(row.channel);
    appender.appendVarchar(row.action);
    appender.appendVarchar(row.touchpoint);
    if (row.stage === null) appender.appendNull();
    else appender.appendVarchar(row.stage);
    appender.appendVarchar(row.event);
    if (row.revenue === null) appender.appendNull();
    else appender.appendDouble(row.revenue);
    appender.endRow();
  }
  appender.closeSync();
}

/** Runs the statement on an open DuckDB connection: dates as ISO text, 64-bit integers as numbers. */
export async function readOnDuckDb(
  connection: DuckDBConnection,
  statement: SqlStatement,
): Promise<Record<string, unknown>[]> {
  const values = Object.fromEntries(
    Object.entries(statement.params).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  );
  const result = await connection.runAndReadAll(statement.sql, values as never);
  return result.getRowObjectsJS().map((row) => {
    for (const key of Object.keys(row)) if (typeof row[key] === 'bigint') row[key] = Number(row[key]);
    return row as Record<string, unknown>;
  });
}

/**
 * Runs the statement on ClickHouse (chdb) over a table `fixture_events` holding the rows; answers
 * the rows as ClickHouse's JSONEachRow gives them (64-bit integers as numbers).
 */
export async function runOnClickHouse(
  rows: readonly JourneyEvent[],
  statement: SqlStatement,
): Promise<Record<string, unknown>[]> {
  return withChdbSession((session) => {
    session.query(`CREATE TABLE fixture_events (profile_id String, ts DateTime64(3, 'UTC'), channel String,
      action String, touchpoint String, stage Nullable(String), event String, revenue Nullable(Float64))
      ENGINE = MergeTree ORDER BY (profile_id, ts)`);
    insertJsonRows(
      session,
      'fixture_events',
      rows.map((row) => ({
        profile_id: row.profileId,
        ts: chdbTime(row.ts),
        channel: row.channel,
        action: row.action,
        touchpoint: row.touchpoint,
        stage: row.stage,
        event: row.event,
        revenue: row.revenue,
      })),
    );
    return readOnClickHouse(session, statement);
  });
}

type ChdbSession = InstanceType<typeof import('chdb').Session>;

/** A ClickHouse `DateTime64(3)` text for an instant in epoch ms. */
export function chdbTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** Runs `work` in a chdb session of its own, in a folder removed afterwards. */
export async function withChdbSession<T>(work: (session: ChdbSession) => T | Promise<T>): Promise<T> {
  const { Session } = await import('chdb');
  const dir = mkdtempSync(join(tmpdir(), 'panorama-chdb-'));
  const session = new Session(dir);
  try {
    return await work(session);
  } finally {
    session.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Inserts plain objects into a chdb table (as JSONEachRow). */
export function insertJsonRows(session: ChdbSession, table: string, rows: readonly object[]): void {
  if (rows.length === 0) return;
  session.query(
    `INSERT INTO ${table} FORMAT JSONEachRow ${rows.map((row) => JSON.stringify(row)).join('\n')}`,
  );
}

/** Runs the statement in a chdb session: dates bound as ClickHouse times; rows as JSONEachRow gives them. */
export function readOnClickHouse(session: ChdbSession, statement: SqlStatement): Record<string, unknown>[] {
  const params = Object.fromEntries(
    Object.entries(statement.params).map(([k, v]) => [k, v instanceof Date ? chdbTime(v.getTime()) : v]),
  );
  return session
    .queryBind(statement.sql, params, 'JSONEachRow')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
