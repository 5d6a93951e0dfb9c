import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBPreparedStatement,
  type DuckDBValue,
} from '@duckdb/node-api';
import { PanoramaError } from '../../errors.ts';
import type {
  ApiKeyStore,
  EventStore,
  IdentityStore,
  JourneyStore,
  MatchingStore,
  PrivacyStore,
  ProfileStore,
  SourceStore,
  SqlValue,
  Store,
} from '../port.ts';
import type { NewRefusal, StoredEvent } from '../types.ts';
import { DuckDBApiKeys } from './api-keys.ts';
import {
  eventRowJson,
  eventRowsJson,
  insertEventsSql,
  insertRefusalsSql,
  refusalRowsJson,
} from './event-rows.ts';
import { DuckDBIdentity } from './identity.ts';
import { DuckDBJourneys } from './journeys.ts';
import { DuckDBMatching } from './matching.ts';
import { DuckDBPrivacy } from './privacy.ts';
import { DuckDBProfiles } from './profiles.ts';
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
    // Checkpoints every 64 MB of write-ahead log instead of DuckDB's 16 MB: under a steady
    // ingest load each checkpoint stalls commits for 0.2–0.5 s, and fewer of them raised the
    // stored rate by about a fifth (docs/benchmarks.md). Commits stay durable in the log.
    instance = await DuckDBInstance.create(path, { threads: '2', checkpoint_threshold: '64MB' });
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
  const appenders = [await instance.connect(), await instance.connect()];
  const [reader, identity, profiles, privacy, matching, journeys] = [
    await instance.connect(),
    await instance.connect(),
    await instance.connect(),
    await instance.connect(),
    await instance.connect(),
    await instance.connect(),
  ];
  return new DuckDBStore(
    instance,
    writer,
    reader,
    appenders,
    identity,
    profiles,
    privacy,
    matching,
    [],
    journeys,
  );
}

export class DuckDBStore implements Store {
  readonly dialect = 'duckdb' as const;
  readonly events: EventStore;
  readonly sources: SourceStore;
  readonly apiKeys: ApiKeyStore;
  readonly identity: IdentityStore;
  readonly profiles: ProfileStore;
  readonly privacy: PrivacyStore;
  readonly matching: MatchingStore;
  readonly journeys: JourneyStore;
  /** Reads take turns on these: a slow analysis does not hold up a customer look-up. */
  private readonly readers: ConnectionPool;

  /**
   * `appenders` are the connections event writes take turns on, each write holding one for
   * its whole transaction (so nothing else runs inside it): two writes under way at once keep
   * both DuckDB threads busy. `identityConnection` carries the identity tables' transactions.
   */
  constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
    private readonly appenders: readonly DuckDBConnection[] = [writer],
    private readonly identityConnection: DuckDBConnection = writer,
    private readonly profilesConnection: DuckDBConnection = writer,
    private readonly privacyConnection: DuckDBConnection = writer,
    private readonly matchingConnection: DuckDBConnection = writer,
    private readonly moreReaders: readonly DuckDBConnection[] = [],
    private readonly journeysConnection: DuckDBConnection = writer,
  ) {
    this.readers = new ConnectionPool([reader, ...moreReaders]);
    this.events = new DuckDBEvents(writer, new ConnectionPool(appenders), this);
    this.sources = new DuckDBSources(writer, this);
    this.apiKeys = new DuckDBApiKeys(writer, this);
    this.identity = new DuckDBIdentity(identityConnection);
    this.profiles = new DuckDBProfiles(profilesConnection, (sql, params) => this.query(sql, params));
    this.privacy = new DuckDBPrivacy(privacyConnection, (sql, params) => this.query(sql, params));
    this.matching = new DuckDBMatching(matchingConnection);
    this.journeys = new DuckDBJourneys(journeysConnection);
  }

  async query<Row extends Record<string, unknown>>(
    sql: string,
    params: Record<string, SqlValue> = {},
  ): Promise<Row[]> {
    const values: Record<string, DuckDBValue> = {};
    for (const [key, value] of Object.entries(params)) {
      values[key] = value instanceof Date ? value.toISOString() : value;
    }
    const result = await this.readers.use((connection) => connection.runAndReadAll(sql, values));
    return result.getRowObjectsJS().map((row) => plainRow(row) as Row);
  }

  async close(): Promise<void> {
    await this.writer.run('CHECKPOINT').catch(() => undefined);
    for (const connection of this.appenders) if (connection !== this.writer) connection.closeSync();
    if (this.identityConnection !== this.writer) this.identityConnection.closeSync();
    const extras = [
      this.profilesConnection,
      this.privacyConnection,
      this.matchingConnection,
      this.journeysConnection,
      ...this.moreReaders,
    ];
    for (const extra of extras) if (extra !== this.writer) extra.closeSync();
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

/** Lends each connection to one user at a time; a borrower waits for a free one. */
class ConnectionPool {
  private readonly free: DuckDBConnection[];
  private readonly waiting: ((connection: DuckDBConnection) => void)[] = [];

  constructor(connections: readonly DuckDBConnection[]) {
    this.free = [...connections];
  }

  async use<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection =
      this.free.pop() ?? (await new Promise<DuckDBConnection>((resolve) => this.waiting.push(resolve)));
    try {
      return await work(connection);
    } finally {
      const next = this.waiting.shift();
      if (next) next(connection);
      else this.free.push(connection);
    }
  }
}

class DuckDBEvents implements EventStore {
  private readonly insertEvents = new Map<DuckDBConnection, Promise<DuckDBPreparedStatement>>();
  /** Rows serialised ahead of their write by `prepare`. */
  private readonly preparedRows = new WeakMap<StoredEvent, string>();

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly appenders: ConnectionPool,
    private readonly store: DuckDBStore,
  ) {}

  /**
   * Serialises the events' rows now, while an earlier write may still be under way, so that
   * their own write only joins them. Optional: `append` serialises what was not prepared.
   * Events are immutable, so a row serialised early is the row of the event appended later.
   */
  prepare(events: readonly StoredEvent[]): void {
    for (const event of events) {
      try {
        this.preparedRows.set(event, eventRowJson(event));
      } catch {
        // Left to `append`, which fails the write the way it always has.
      }
    }
  }

  /** Safe to call while another append is under way: each holds its own connection. */
  async append(events: readonly StoredEvent[], refusals: readonly NewRefusal[] = []): Promise<void> {
    if (events.length === 0 && refusals.length === 0) return;
    await this.appenders.use(async (connection) => {
      if (refusals.length === 0) {
        await this.appendEvents(connection, events);
        return;
      }
      await connection.run('BEGIN TRANSACTION');
      try {
        if (events.length > 0) await this.appendEvents(connection, events);
        await connection.run(insertRefusalsSql, { rows: refusalRowsJson(refusals) });
        await connection.run('COMMIT');
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  private async appendEvents(connection: DuckDBConnection, events: readonly StoredEvent[]): Promise<void> {
    let prepared = this.insertEvents.get(connection);
    if (!prepared) {
      prepared = connection.prepare(insertEventsSql);
      this.insertEvents.set(connection, prepared);
    }
    const statement = await prepared;
    statement.bindVarchar(1, eventRowsJson(events, this.preparedRows));
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
