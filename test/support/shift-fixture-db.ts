import { DuckDBInstance } from '@duckdb/node-api';
import type { JourneyEvent } from '../../src/journeys/sql/journey-events.ts';
import { loadFixtureOnDuckDb, readOnDuckDb } from '../../src/journeys/testing/engines.ts';
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
  await loadFixtureOnDuckDb(connection, events);
  return {
    dialect: 'duckdb',
    async query<Row>(sql: string, params: Record<string, SqlValue> = {}) {
      return (await readOnDuckDb(connection, { sql, params })) as Row[];
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
