/**
 * The paths statement for a dialect, and the reader of its rows.
 * @module
 */
import type { SqlDialect, SqlStatement } from '../sql/dialect.ts';
import type { PathsDefinition } from './definition.ts';
import { assemblePaths, type EdgeTally, type NodeTally, type PathsResult } from './sankey.ts';
import { pathsSqlClickHouse } from './sql-clickhouse.ts';
import { pathsSqlDuckDb } from './sql-duckdb.ts';

/**
 * The statement computing the paths Sankey in `dialect`, over `source` (a SELECT of the
 * `journey_events` columns), restricted to the profiles `profiles` selects when given.
 * @example buildPathsSql(source, parsePathsDefinition({ start: 'web:cart_viewed' }), 'duckdb')
 */
export function buildPathsSql(
  source: SqlStatement,
  definition: PathsDefinition,
  dialect: SqlDialect,
  profiles?: SqlStatement,
): SqlStatement {
  return dialect === 'duckdb'
    ? pathsSqlDuckDb(source, definition, profiles)
    : pathsSqlClickHouse(source, definition, profiles);
}

/** Reads the rows of either dialect's paths statement into the Sankey. */
export function readPathsRows(
  rows: readonly Record<string, unknown>[],
  definition: PathsDefinition,
): PathsResult {
  const edges: EdgeTally[] = [];
  const nodes: NodeTally[] = [];
  let total = 0;
  for (const row of rows) {
    const step = Number(row.step);
    const item = String(row.item);
    if (row.kind === 'edge')
      edges.push({
        step,
        item,
        next: String(row.next),
        count: Number(row.count),
        averageMs: Number(row.average_ms),
      });
    else if (row.kind === 'node')
      nodes.push({ step, item, count: Number(row.count), dropOff: Number(row.drop_off) });
    else total = Number(row.count);
  }
  return assemblePaths(edges, nodes, total, definition.count);
}
