/**
 * What every journey SQL builder shares: the engine dialects it writes for, the statement it
 * returns, and how a named parameter is written in each dialect.
 * @module
 */
import type { SqlValue } from '../../store/port.ts';

/** The engines a journey analysis can run on (the store's `dialect`). */
export type SqlDialect = 'duckdb' | 'clickhouse';

export const sqlDialects: readonly SqlDialect[] = ['duckdb', 'clickhouse'];

/** One statement and its named parameters, ready for `store.query(sql, params)`. */
export interface SqlStatement {
  sql: string;
  params: Record<string, SqlValue>;
}

/** The ClickHouse type a parameter is bound as (DuckDB infers it from the value). */
export type ParamType = 'String' | 'Int64' | 'Float64' | 'DateTime64(3)';

/**
 * A named parameter as the dialect writes it: `$name` for DuckDB, `{name:Type}` for ClickHouse.
 * @example param('clickhouse', 'from', 'DateTime64(3)') // '{from:DateTime64(3)}'
 */
export function param(dialect: SqlDialect, name: string, type: ParamType): string {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new RangeError(`invalid parameter name "${name}"`);
  return dialect === 'duckdb' ? `$${name}` : `{${name}:${type}}`;
}

/** A string literal, quotes doubled (DuckDB) or backslash-escaped (ClickHouse). */
export function literal(dialect: SqlDialect, value: string): string {
  const escaped =
    dialect === 'duckdb'
      ? value.replaceAll("'", "''")
      : value.replaceAll('\\', '\\\\').replaceAll("'", "\\'");
  return `'${escaped}'`;
}
