/**
 * Pieces the retention, lifecycle and channel-mix builders share: a time bound written so that no
 * session time zone can shift it, the per-profile breakdown relation, and parameter merging.
 * @module
 */
import type { SqlValue } from '../../store/port.ts';
import type { SqlDialect, SqlStatement } from '../sql/dialect.ts';
import { param } from '../sql/dialect.ts';

/**
 * A timestamp parameter compared with `ts`: DuckDB gets the ISO instant cast to `TIMESTAMPTZ`,
 * ClickHouse a UTC wall-clock string read as `DateTime64(3, 'UTC')`.
 * @example timeBound('clickhouse', 'lifecycle_from', new Date('2026-01-05T00:00:00Z')).sql
 * // "toDateTime64({lifecycle_from:String}, 3, 'UTC')"
 */
export function timeBound(dialect: SqlDialect, name: string, at: Date): SqlStatement {
  if (dialect === 'duckdb') {
    return { sql: `CAST(${param(dialect, name, 'String')} AS TIMESTAMPTZ)`, params: { [name]: at } };
  }
  const wallClock = at.toISOString().replace('T', ' ').replace('Z', '');
  return { sql: `toDateTime64(${param(dialect, name, 'String')}, 3, 'UTC')`, params: { [name]: wallClock } };
}

/**
 * The CTE `profile_breakdown (profile_id, breakdown)` over a breakdown source: one text value per
 * profile (the smallest when the source gives several), so joining it never multiplies rows.
 */
export function profileBreakdownCte(dialect: SqlDialect, breakdown: SqlStatement): string {
  const value = dialect === 'duckdb' ? 'CAST(breakdown AS VARCHAR)' : 'toNullable(toString(breakdown))';
  return `profile_breakdown AS (
  SELECT profile_id, min(${value}) AS breakdown
  FROM (${breakdown.sql}) AS breakdown_source
  GROUP BY profile_id
)`;
}

/**
 * The parameters of several statement parts in one record; a name given twice must carry the
 * same value, else the parts would silently read each other's parameter.
 */
export function mergeParams(...parts: Record<string, SqlValue>[]): Record<string, SqlValue> {
  const merged: Record<string, SqlValue> = {};
  for (const part of parts) {
    for (const [name, value] of Object.entries(part)) {
      if (name in merged && !sameValue(merged[name] ?? null, value)) {
        throw new RangeError(`SQL parameter "${name}" is given twice with different values`);
      }
      merged[name] = value;
    }
  }
  return merged;
}

function sameValue(a: SqlValue, b: SqlValue): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}
