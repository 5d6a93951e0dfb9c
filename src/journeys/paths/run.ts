/**
 * Paths on a store: build the statement for its engine, run it, read the Sankey.
 * @module
 */
import type { Store } from '../../store/port.ts';
import type { SqlStatement } from '../sql/dialect.ts';
import type { JourneyEvent } from '../sql/journey-events.ts';
import { cutPaths } from './cut-paths.ts';
import { type PathsDefinition, type PathsDefinitionInput, parsePathsDefinition } from './definition.ts';
import { type PathsResult, pathsSankey } from './sankey.ts';
import { buildPathsSql, readPathsRows } from './sql.ts';

/**
 * The paths Sankey of plain events: the reference semantics (see `cutPaths` and `pathsSankey`).
 * @example paths(events, parsePathsDefinition({ end: 'web:order_completed', count: 'profiles' }))
 */
export function paths(
  events: readonly JourneyEvent[],
  definition: PathsDefinition,
  profiles?: ReadonlySet<string>,
): PathsResult {
  return pathsSankey(cutPaths(events, definition, profiles), definition);
}

/**
 * Runs a paths analysis on the store's engine. `definition` is the raw request body or CLI flags,
 * checked here; `profiles`, a SELECT of `profile_id` (for example the drop-offs of a funnel step),
 * restricts the paths to those profiles.
 * @example await runPaths(store, journeySource, { start: 'web:checkout_started', depth: 4 })
 */
export async function runPaths(
  db: Pick<Store, 'dialect' | 'query'>,
  source: SqlStatement,
  definition: PathsDefinitionInput,
  profiles?: SqlStatement,
): Promise<PathsResult> {
  const checked = parsePathsDefinition(definition);
  const statement = buildPathsSql(source, checked, db.dialect, profiles);
  return readPathsRows(await db.query(statement.sql, statement.params), checked);
}
