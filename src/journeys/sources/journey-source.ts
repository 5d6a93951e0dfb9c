/**
 * The `source` every journey analysis takes: the workspace's materialised `journey_events`.
 * @module
 */
import { param, type SqlDialect, type SqlStatement } from '../sql/dialect.ts';

/** A half-open time range: events at or after `from` and before `to` (either may be left open). */
export interface JourneyRange {
  from?: Date;
  to?: Date;
}

/**
 * The SELECT of the workspace's `journey_events` columns, optionally within a time range. Run
 * `ensureJourneyEvents` first so that the table is up to date.
 * @example
 * const source = journeySource('duckdb', 'default', { from: new Date('2026-01-01') });
 * // source.sql: SELECT profile_id, ts, … FROM journey_events WHERE workspace_id = $source_workspace AND ts >= …
 */
export function journeySource(
  dialect: SqlDialect,
  workspaceId: string,
  range: JourneyRange = {},
): SqlStatement {
  const conditions = [`workspace_id = ${param(dialect, 'source_workspace', 'String')}`];
  const params: SqlStatement['params'] = { source_workspace: workspaceId };
  const time = (name: string) =>
    dialect === 'duckdb'
      ? `CAST(${param(dialect, name, 'DateTime64(3)')} AS TIMESTAMPTZ)`
      : param(dialect, name, 'DateTime64(3)');
  if (range.from) {
    conditions.push(`ts >= ${time('source_from')}`);
    params.source_from = range.from;
  }
  if (range.to) {
    conditions.push(`ts < ${time('source_to')}`);
    params.source_to = range.to;
  }
  // Qualified in DuckDB: an analysis's own `journey_events` CTE must not hide the table when a
  // statement nests another one (the paths of a funnel's drop-offs).
  const table = dialect === 'duckdb' ? 'main.journey_events' : 'journey_events';
  return {
    sql: `SELECT profile_id, ts, channel, action, touchpoint, stage, event, revenue
FROM ${table} WHERE ${conditions.join(' AND ')}`,
    params,
  };
}
