import { DuckDBInstance, DuckDBTimestampTZValue } from '@duckdb/node-api';
import type { JourneyEvent } from '../../src/journeys/sql/journey-events.ts';
import type { SqlValue } from '../../src/store/port.ts';

/** A DuckDB in memory holding journey events as `fixture_events`, queried like a store. */
export interface FixtureDb {
  readonly dialect: 'duckdb';
  query<Row extends Record<string, unknown>>(sql: string, params?: Record<string, SqlValue>): Promise<Row[]>;
  close(): void;
}

/** Loads the events once, so that a whole radar run (a dozen statements) reads them without reloading. */
export async function openFixtureDb(events: readonly JourneyEvent[]): Promise<FixtureDb> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE fixture_events (profile_id VARCHAR, ts TIMESTAMPTZ, channel VARCHAR,
    action VARCHAR, touchpoint VARCHAR, stage VARCHAR, event VARCHAR, revenue DOUBLE)`);
  const appender = await connection.createAppender('fixture_events');
  for (const e of events) {
    appender.appendVarchar(e.profileId);
    appender.appendTimestampTZ(new DuckDBTimestampTZValue(BigInt(e.ts) * 1000n));
    appender.appendVarchar(e.channel);
    appender.appendVarchar(e.action);
    appender.appendVarchar(e.touchpoint);
    if (e.stage === null) appender.appendNull();
    else appender.appendVarchar(e.stage);
    appender.appendVarchar(e.event);
    if (e.revenue === null) appender.appendNull();
    else appender.appendDouble(e.revenue);
    appender.endRow();
  }
  appender.closeSync();
  return {
    dialect: 'duckdb',
    async query<Row>(sql: string, params: Record<string, SqlValue> = {}) {
      const values = Object.fromEntries(
        Object.entries(params).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
      );
      const result = await connection.runAndReadAll(sql, values as never);
      return result.getRowObjectsJS().map((row) => {
        for (const key of Object.keys(row)) if (typeof row[key] === 'bigint') row[key] = Number(row[key]);
        return row as Row;
      });
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
