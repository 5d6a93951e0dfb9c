/**
 * The attribution journeys statement for a dialect, and the reader of its rows.
 * @module
 */
import type { JourneyPathCount } from '../markov/journey-paths.ts';
import type { SqlDialect, SqlStatement } from '../sql/dialect.ts';
import type { AttributionDefinition } from './definition.ts';
import { byPathKey } from './journeys.ts';
import { attributionSqlClickHouse } from './sql-clickhouse.ts';
import { attributionSqlDuckDb } from './sql-duckdb.ts';

/**
 * The statement computing the aggregated journeys in `dialect`, over `source` (a SELECT of the
 * `journey_events` columns).
 * @example buildAttributionSql(source, parseAttributionDefinition({ lookbackDays: 14 }), 'duckdb')
 */
export function buildAttributionSql(
  source: SqlStatement,
  definition: AttributionDefinition,
  dialect: SqlDialect,
): SqlStatement {
  return dialect === 'duckdb'
    ? attributionSqlDuckDb(source, definition)
    : attributionSqlClickHouse(source, definition);
}

/** Reads the rows of either dialect's statement into path counts, in a stable order. */
export function readAttributionRows(rows: readonly Record<string, unknown>[]): JourneyPathCount[] {
  return rows
    .map((row) => ({
      channels: (row.path as unknown[]).map(String),
      conversions: Number(row.conversions),
      nonConversions: Number(row.non_conversions),
      revenue: Number(row.revenue),
    }))
    .sort(byPathKey);
}
