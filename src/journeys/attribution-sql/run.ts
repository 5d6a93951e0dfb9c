/**
 * Attribution on a store: build the journeys statement for its engine, run it, credit the paths.
 * @module
 */
import type { Store } from '../../store/port.ts';
import type { SqlStatement } from '../sql/dialect.ts';
import type { JourneyEvent } from '../sql/journey-events.ts';
import { type AttributionResult, attributeJourneys } from './credits.ts';
import {
  type AttributionDefinition,
  type AttributionDefinitionInput,
  parseAttributionDefinition,
} from './definition.ts';
import { attributionPaths } from './journeys.ts';
import { buildAttributionSql, readAttributionRows } from './sql.ts';

/**
 * Attribution of plain events: the reference semantics (`attributionPaths`, then the models).
 * @example attribution(events, parseAttributionDefinition({}))
 */
export function attribution(
  events: readonly JourneyEvent[],
  definition: AttributionDefinition,
): AttributionResult {
  return attributeJourneys(attributionPaths(events, definition));
}

/**
 * Runs an attribution on the store's engine: the journeys are aggregated in SQL (one row per
 * distinct path), then credited by first-touch, last-touch, linear and Markov removal effect.
 * `definition` is the raw request body or CLI flags, checked here.
 * @example await runAttribution(store, journeySource, { item: 'channel', lookbackDays: 30 })
 */
export async function runAttribution(
  db: Pick<Store, 'dialect' | 'query'>,
  source: SqlStatement,
  definition: AttributionDefinitionInput,
): Promise<AttributionResult> {
  const statement = buildAttributionSql(source, parseAttributionDefinition(definition), db.dialect);
  return attributeJourneys(readAttributionRows(await db.query(statement.sql, statement.params)));
}
