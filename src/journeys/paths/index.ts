/**
 * Paths for a Sankey: what customers did step by step from a start item, up to an end item, or
 * between the two, one path per session, as a pure engine and as SQL for DuckDB and ClickHouse.
 * @module
 */
export { cutPaths, type SessionPath } from './cut-paths.ts';
export {
  ELIDED_STEPS,
  type PathItem,
  PathItemSchema,
  type PathsDefinition,
  type PathsDefinitionInput,
  PathsDefinitionSchema,
  parsePathsDefinition,
} from './definition.ts';
export { paths, runPaths } from './run.ts';
export {
  assemblePaths,
  nodeKey,
  type PathEdge,
  type PathNode,
  type PathsResult,
  pathsSankey,
} from './sankey.ts';
export { buildPathsSql, readPathsRows } from './sql.ts';
export { pathsSqlClickHouse } from './sql-clickhouse.ts';
export { pathsSqlDuckDb } from './sql-duckdb.ts';
