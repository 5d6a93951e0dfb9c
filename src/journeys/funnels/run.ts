/**
 * Running a funnel on a store: build the statement for its dialect, query, read the rows.
 * @module
 */
import type { Store } from '../../store/port.ts';
import type { SqlStatement } from '../sql/dialect.ts';
import type { FunnelDefinition } from './definition.ts';
import { buildFunnelDropOffs, type DropOffPage, type FunnelDropOffs } from './drop-offs.ts';
import { readFunnel, readFunnelDropOffs } from './read.ts';
import type { FunnelResult } from './result.ts';
import { buildFunnel } from './sql-funnel.ts';

type FunnelStore = Pick<Store, 'dialect' | 'query'>;

/**
 * The funnel over `source` on the store, broken down by the profile attribute `breakdown` selects
 * (`profile_id`, `breakdown`) or by the definition's entry channel.
 * @example
 * await runFunnel(store, journeyEventsSource, parseFunnelDefinition(body))
 */
export async function runFunnel(
  db: FunnelStore,
  source: SqlStatement,
  definition: FunnelDefinition,
  breakdown?: SqlStatement,
): Promise<FunnelResult> {
  const statement = buildFunnel(source, definition, db.dialect, breakdown);
  return readFunnel(await db.query(statement.sql, statement.params), definition);
}

/** One page of the profiles whose best attempt reached `step` but not the next, by profile id. */
export async function runFunnelDropOffs(
  db: FunnelStore,
  source: SqlStatement,
  definition: FunnelDefinition,
  step: number,
  page: DropOffPage,
): Promise<FunnelDropOffs> {
  const statement = buildFunnelDropOffs(source, definition, db.dialect, step, page);
  return readFunnelDropOffs(await db.query(statement.sql, statement.params), step, page.limit);
}
