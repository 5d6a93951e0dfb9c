/**
 * The small pieces of SQL the funnel builders write differently for DuckDB and ClickHouse.
 * @module
 */
import { literal, param, type SqlDialect } from '../sql/dialect.ts';
import { type EventMatcher, matchFields } from './definition.ts';

/** The condition an event matches: every field given, one of its values. */
export function matcherCondition(dialect: SqlDialect, matcher: EventMatcher): string {
  const terms = matchFields.flatMap((field) => {
    const values = matcher[field];
    return values ? [`${field} IN (${values.map((value) => literal(dialect, value)).join(', ')})`] : [];
  });
  return `(${terms.join(' AND ')})`;
}

/** A bit set from conditions: bit k − 1 is set when condition k holds. */
export function bitSet(conditions: readonly string[]): string {
  return conditions
    .map((condition, index) => `(CASE WHEN ${condition} THEN ${2 ** index} ELSE 0 END)`)
    .join(' + ');
}

/** Whether bit `index` (from 0) of a bit set is set. */
export function hasBit(dialect: SqlDialect, expression: string, index: number): string {
  const bit = 2 ** index;
  return dialect === 'duckdb' ? `(${expression} & ${bit}) <> 0` : `bitAnd(${expression}, ${bit}) <> 0`;
}

/** A timestamp as whole milliseconds since the epoch. */
export function epochMs(dialect: SqlDialect, expression: string): string {
  return dialect === 'duckdb' ? `epoch_ms(${expression})` : `toUnixTimestamp64Milli(${expression})`;
}

/** The group's values where a condition holds, as a list (empty or NULL when none). */
export function listWhere(dialect: SqlDialect, expression: string, condition: string): string {
  return dialect === 'duckdb'
    ? `list(${expression}) FILTER (WHERE ${condition})`
    : `groupArrayIf(${expression}, ${condition})`;
}

/** Whether a list (possibly NULL) holds a value `v` for which `predicate` (written over `v`) holds. */
export function listHas(dialect: SqlDialect, list: string, predicate: string): string {
  return dialect === 'duckdb'
    ? `coalesce(len(list_filter(${list}, v -> ${predicate})), 0) > 0`
    : `arrayExists(v -> ${predicate}, ${list})`;
}

/**
 * The smallest value of `expression` over the rows where `condition` holds (NULL when none), as
 * an aggregate to window. DuckDB's filtered aggregate runs faster there than a minimum of a CASE.
 */
export function minWhere(dialect: SqlDialect, expression: string, condition: string): string {
  return dialect === 'duckdb'
    ? `min(${expression}) FILTER (WHERE ${condition})`
    : `minIf(toNullable(${expression}), ${condition})`;
}

/** The median (interpolated between the two middle values) of a BIGINT expression, as DOUBLE. */
export function median(dialect: SqlDialect, expression: string): string {
  return dialect === 'duckdb'
    ? `quantile_cont(${expression}, 0.5)`
    : `quantileExactInclusive(0.5)(${expression})`;
}

/** A sum of BIGINT milliseconds as DOUBLE (exact below 2⁵³). */
export function sumAsDouble(dialect: SqlDialect, expression: string): string {
  return dialect === 'duckdb' ? `CAST(sum(${expression}) AS DOUBLE)` : `toFloat64(sum(${expression}))`;
}

/** The value `offset` rows further in the window, or NULL / 0 past its end (callers guard on the bit set). */
export function lead(dialect: SqlDialect, expression: string, offset: number, window: string): string {
  return dialect === 'duckdb'
    ? `lead(${expression}, ${offset}) OVER (${window})`
    : `leadInFrame(${expression}, ${offset}) OVER (${window} ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)`;
}

/** The previous row's value in the window, or -1 on the first row. */
export function lag(dialect: SqlDialect, expression: string, window: string): string {
  return dialect === 'duckdb'
    ? `lag(${expression}, 1, CAST(-1 AS BIGINT)) OVER (${window})`
    : `lagInFrame(${expression}, 1, CAST(-1 AS BIGINT)) OVER (${window} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
}

/** A parameter bound as a whole number (DuckDB binds numbers as DOUBLE, so it is cast). */
export function wholeNumber(dialect: SqlDialect, name: string): string {
  const bound = param(dialect, name, 'Int64');
  return dialect === 'duckdb' ? `CAST(${bound} AS BIGINT)` : bound;
}
