import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { PanoramaError } from '../../errors.ts';
import type { EventStore, SourceStore, SqlValue, Store } from '../port.ts';
import type { NewRefusal, StoredEvent } from '../types.ts';
import { eventRowsJson, insertEventsSql, insertRefusalsSql, refusalRowsJson } from './event-rows.ts';
import { migrate } from './schema-version.ts';
import { DuckDBSources } from './sources.ts';

export const databaseFileName = 'panorama.duckdb';

/**
 * Opens (and creates, then migrates) the DuckDB database of a data directory.
 * Only one process may hold it: a second one gets `store.locked`.
 */
export async function openDuckDBStore(dataDir: string): Promise<DuckDBStore> {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, databaseFileName);
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, { threads: '2' });
  } catch (error) {
    const message = (error as Error).message;
    if (/lock/i.test(message)) {
      throw new PanoramaError(
        'store.locked',
        `Another Panorama process is using ${dataDir}. Stop it, or give this command another --data directory. (${message})`,
      );
    }
    throw error;
  }
  const writer = await instance.connect();
  await migrate(writer);
  return new DuckDBStore(instance, writer, await instance.connect());
}

export class DuckDBStore implements Store {
  readonly dialect = 'duckdb' as const;
  readonly events: EventStore;
  readonly sources: SourceStore;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
  ) {
    this.events = new DuckDBEvents(writer, this);
    this.sources = new DuckDBSources(writer, this);
  }

  async query<Row extends Record<string, unknown>>(
    sql: string,
    params: Record<string, SqlValue> = {},
  ): Promise<Row[]> {
    const values: Record<string, DuckDBValue> = {};
    for (const [key, value] of Object.entries(params)) {
      values[key] = value instanceof Date ? value.toISOString() : value;
    }
    const result = await this.reader.runAndReadAll(sql, values);
    return result.getRowObjectsJS().map((row) => plainRow(row) as Row);
  }

  async close(): Promise<void> {
    await this.writer.run('CHECKPOINT').catch(() => undefined);
    this.writer.closeSync();
    this.reader.closeSync();
    this.instance.closeSync();
  }
}

/** Turns DuckDB's bigint counts into numbers, keeping everything else as it is. */
function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(row)) {
    const value = row[key];
    if (typeof value === 'bigint') row[key] = Number(value);
  }
  return row;
}

class DuckDBEvents implements EventStore {
  private insertEvents: Promise<import('@duckdb/node-api').DuckDBPreparedStatement> | undefined;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly store: DuckDBStore,
  ) {}

  async append(events: readonly StoredEvent[], refusals: readonly NewRefusal[] = []): Promise<void> {
    if (events.length === 0 && refusals.length === 0) return;
    if (refusals.length === 0) {
      await this.appendEvents(events);
      return;
    }
    await this.connection.run('BEGIN TRANSACTION');
    try {
      if (events.length > 0) await this.appendEvents(events);
      await this.connection.run(insertRefusalsSql, { rows: refusalRowsJson(refusals) });
      await this.connection.run('COMMIT');
    } catch (error) {
      await this.connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async appendEvents(events: readonly StoredEvent[]): Promise<void> {
    this.insertEvents ??= this.connection.prepare(insertEventsSql);
    const statement = await this.insertEvents;
    statement.bindVarchar(1, eventRowsJson(events));
    await statement.run();
  }

  async recentMessageIds(since: Date) {
    const rows = await this.store.query<{ workspace_id: string; message_id: string; received_at: Date }>(
      `SELECT workspace_id, message_id, received_at FROM events
       WHERE received_at >= $since::TIMESTAMPTZ AND origin = 'api'`,
      { since },
    );
    return rows.map((r) => ({
      workspaceId: r.workspace_id,
      messageId: r.message_id,
      receivedAt: r.received_at,
    }));
  }

  async existingMessageIds(workspaceId: string, messageIds: readonly string[]): Promise<Set<string>> {
    if (messageIds.length === 0) return new Set();
    const rows = await this.store.query<{ message_id: string }>(
      `SELECT e.message_id FROM events e
       SEMI JOIN (SELECT unnest(from_json($ids::JSON, '["VARCHAR"]')) AS id) wanted ON e.message_id = wanted.id
       WHERE e.workspace_id = $workspace`,
      { ids: JSON.stringify(messageIds), workspace: workspaceId },
    );
    return new Set(rows.map((r) => r.message_id));
  }

  async count(workspaceId?: string): Promise<number> {
    const rows = await this.store.query<{ n: number }>(
      workspaceId === undefined
        ? 'SELECT count(*) AS n FROM events'
        : 'SELECT count(*) AS n FROM events WHERE workspace_id = $workspace',
      workspaceId === undefined ? {} : { workspace: workspaceId },
    );
    return rows[0]?.n ?? 0;
  }

  async exportTo(path: string, format: 'parquet' | 'csv'): Promise<number> {
    const literal = `'${path.replaceAll("'", "''")}'`;
    const options = format === 'parquet' ? '(FORMAT parquet, COMPRESSION zstd)' : '(FORMAT csv, HEADER true)';
    await this.connection.run(
      `COPY (SELECT * FROM events ORDER BY timestamp, message_id) TO ${literal} ${options}`,
    );
    return this.count();
  }
}
