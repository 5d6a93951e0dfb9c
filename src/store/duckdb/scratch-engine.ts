import {
  type DuckDBConnection,
  type DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBResult,
  DuckDBTypeId,
  type DuckDBValue,
  JSDuckDBValueConverter,
} from '@duckdb/node-api';
import type { SqlValue } from '../port.ts';

/**
 * An in-memory DuckDB for one command's work on files: no data directory, no lock, nothing
 * written to disk. Its `query` has the shape of `Store.query`, so the same SQL builders run on it.
 */
export interface ScratchEngine {
  readonly dialect: 'duckdb';
  /** Runs SQL with named parameters and returns plain row objects (BIGINTs as numbers). */
  query<Row extends Record<string, unknown>>(sql: string, params?: Record<string, SqlValue>): Promise<Row[]>;
  /** The same, column by column: no object per row, for results of millions of rows. */
  queryColumns(sql: string, params?: Record<string, SqlValue>): Promise<Record<string, unknown[]>>;
  /** Bytes DuckDB's buffer manager holds now, asked on a connection of its own (so during a query too). */
  memoryBytes(): Promise<number>;
  close(): void;
}

export interface ScratchOptions {
  /** DuckDB worker threads (default: one for a small input, else DuckDB's one per core). */
  threads?: number;
  /**
   * The size of the file the work reads. Under 16 MiB one thread is used: on the CDNOW log (2 MB)
   * a second one doubled the CPU time and added a third to the wall time.
   */
  inputBytes?: number;
  /** e.g. '2GB' (default: DuckDB's, 80 % of the machine's memory). */
  memoryLimit?: string;
}

const smallInputBytes = 16 * 2 ** 20;

/**
 * Opens an in-memory DuckDB. Local times without an offset are read in this process's time zone,
 * as JavaScript's `Date.parse` reads them; results come back in any order unless the SQL sorts.
 */
export async function openScratchEngine(options: ScratchOptions = {}): Promise<ScratchEngine> {
  const config: Record<string, string> = { preserve_insertion_order: 'false' };
  const small = options.inputBytes !== undefined && options.inputBytes < smallInputBytes;
  const threads = options.threads ?? (small ? 1 : undefined);
  if (threads !== undefined) config.threads = String(threads);
  if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
  const instance = await DuckDBInstance.create(':memory:', config);
  const connection = await instance.connect();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  await connection.run(`SET TimeZone = '${zone.replaceAll("'", "''")}'`);
  let monitor: DuckDBConnection | undefined;
  return {
    dialect: 'duckdb',
    async query<Row extends Record<string, unknown>>(sql: string, params: Record<string, SqlValue> = {}) {
      return (await readRows(await connection.run(sql, duckdbValues(params)))) as Row[];
    },
    async queryColumns(sql: string, params: Record<string, SqlValue> = {}) {
      return readColumns(await connection.run(sql, duckdbValues(params)));
    },
    async memoryBytes() {
      monitor ??= await instance.connect();
      const reader = await monitor.runAndReadAll(
        'SELECT sum(memory_usage_bytes)::DOUBLE AS bytes FROM duckdb_memory()',
      );
      return Number(reader.getRows()[0]?.[0] ?? 0);
    },
    close() {
      monitor?.closeSync();
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Runs `work` on a fresh scratch engine and always closes it. */
export async function withScratchEngine<T>(
  work: (engine: ScratchEngine) => Promise<T>,
  options: ScratchOptions = {},
): Promise<T> {
  const engine = await openScratchEngine(options);
  try {
    return await work(engine);
  } finally {
    engine.close();
  }
}

/** Column types read as they come (BIGINTs then made numbers): much faster than the generic converter. */
const primitive = new Set<DuckDBTypeId>([
  DuckDBTypeId.BOOLEAN,
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.VARCHAR,
]);

function duckdbValues(params: Record<string, SqlValue>): Record<string, DuckDBValue> {
  const values: Record<string, DuckDBValue> = {};
  for (const [key, value] of Object.entries(params)) {
    values[key] = value instanceof Date ? value.toISOString() : value;
  }
  return values;
}

async function readColumns(result: DuckDBResult): Promise<Record<string, unknown[]>> {
  const names = result.deduplicatedColumnNames();
  const types = names.map((_, c) => result.columnTypeId(c));
  const columns: unknown[][] = names.map(() => []);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    types.forEach((type, c) => {
      const into = columns[c] as unknown[];
      for (const value of columnValues(chunk, c, type)) into.push(value);
    });
  }
  return Object.fromEntries(names.map((name, c) => [name, columns[c] as unknown[]]));
}

async function readRows(result: DuckDBResult): Promise<Record<string, unknown>[]> {
  const names = result.deduplicatedColumnNames();
  const types = names.map((_, c) => result.columnTypeId(c));
  const rows: Record<string, unknown>[] = [];
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const columns = types.map((type, c) => columnValues(chunk, c, type));
    for (let r = 0; r < chunk.rowCount; r++) {
      const row: Record<string, unknown> = {};
      for (let c = 0; c < names.length; c++) row[names[c] as string] = (columns[c] as unknown[])[r];
      rows.push(row);
    }
  }
  return rows;
}

function columnValues(chunk: DuckDBDataChunk, column: number, type: DuckDBTypeId): unknown[] {
  if (!primitive.has(type)) return chunk.convertColumnValues(column, JSDuckDBValueConverter);
  const values: unknown[] = chunk.getColumnValues(column);
  for (let r = 0; r < values.length; r++) {
    if (typeof values[r] === 'bigint') values[r] = Number(values[r]);
  }
  return values;
}
