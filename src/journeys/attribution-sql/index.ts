/**
 * Attribution from the event store: journeys built from `journey_events` (touches up to each
 * conversion, within a lookback), aggregated per distinct path in SQL for DuckDB and ClickHouse,
 * then credited by the engines of `attribution/`.
 * @module
 */
export { type AttributionResult, attributeJourneys } from './credits.ts';
export {
  type AttributionDefinition,
  type AttributionDefinitionInput,
  AttributionDefinitionSchema,
  parseAttributionDefinition,
} from './definition.ts';
export { attributionPaths } from './journeys.ts';
export { attribution, runAttribution } from './run.ts';
export { buildAttributionSql, readAttributionRows } from './sql.ts';
export { attributionSqlClickHouse } from './sql-clickhouse.ts';
export { attributionSqlDuckDb } from './sql-duckdb.ts';
