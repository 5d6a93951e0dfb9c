/**
 * SQL fragments every shift-radar statement shares, written once per dialect: instants as epoch
 * milliseconds (so day buckets never depend on a session time zone), integer division, and the
 * setting that gives ClickHouse's outer joins standard NULLs.
 * @module
 */
import { type ParamType, param, type SqlDialect, type SqlStatement } from '../sql/dialect.ts';

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

/** `ts` as epoch milliseconds (BIGINT / Int64). */
export function epochMs(dialect: SqlDialect, column = 'ts'): string {
  return dialect === 'duckdb' ? `epoch_ms(${column})` : `toUnixTimestamp64Milli(${column})`;
}

/** Floor division of two non-negative integers. */
export function intDiv(dialect: SqlDialect, a: string, b: string): string {
  return dialect === 'duckdb' ? `(${a}) // (${b})` : `intDiv(${a}, ${b})`;
}

/** A cast to a double, which both engines write alike. */
export function asDouble(expression: string): string {
  return `CAST(${expression} AS DOUBLE)`;
}

/**
 * What a CTE used more than once is declared with so that DuckDB reads its source again for each use (with
 * each use's filters pushed down) rather than storing its rows first, which costs more on millions of rows.
 */
export function inline(dialect: SqlDialect): string {
  return dialect === 'duckdb' ? 'NOT MATERIALIZED ' : '';
}

/** The tail a ClickHouse statement needs so that unmatched LEFT JOIN columns are NULL, as in DuckDB. */
export function statementTail(dialect: SqlDialect): string {
  return dialect === 'clickhouse' ? '\nSETTINGS join_use_nulls = 1' : '';
}

/** Collects named parameters and writes their placeholders for one dialect. */
export class Params {
  readonly values: SqlStatement['params'] = {};
  constructor(readonly dialect: SqlDialect) {}
  /** Binds a value and answers its placeholder. */
  bind(name: string, value: string | number, type: ParamType): string {
    this.values[name] = value;
    return param(this.dialect, name, type);
  }
}

/**
 * Opens a statement on the journey_events source, merging the source's parameters. `leading` CTEs come
 * before journey_events, so that a profile SELECT reading the stored `journey_events` table (as the
 * breakdown sources do) still sees the table rather than the CTE that shadows it. DuckDB is told not to
 * materialise the source: each reference then reads only the rows and columns it needs.
 */
export function withJourneyEvents(
  source: SqlStatement,
  ctes: string[],
  body: string,
  params: Params,
  leading: string[] = [],
) {
  return {
    sql: `WITH ${[...leading, `journey_events AS ${inline(params.dialect)}(${source.sql})`, ...ctes].join(',\n')}\n${body}`,
    params: { ...source.params, ...params.values },
  };
}
