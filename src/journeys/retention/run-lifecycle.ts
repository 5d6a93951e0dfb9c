/**
 * Reading the lifecycle statement's rows, and running it on a store.
 * @module
 */
import type { Store } from '../../store/port.ts';
import type { SqlStatement } from '../sql/dialect.ts';
import {
  assembleLifecycle,
  type LifecycleDefinition,
  type LifecycleResult,
  type LifecycleStatus,
  lifecycleStatuses,
} from './lifecycle.ts';
import { lifecycleStatement } from './lifecycle-sql.ts';

/**
 * The lifecycle result from the rows of `lifecycleStatement` (either dialect): the same value
 * `lifecycle` computes on the same events.
 */
export function readLifecycle(
  rows: readonly Record<string, unknown>[],
  definition: Pick<LifecycleDefinition, 'interval' | 'from' | 'to'>,
): LifecycleResult {
  const tallies = rows.map((row) => {
    const status = String(row.status) as LifecycleStatus;
    if (!lifecycleStatuses.includes(status)) throw new Error(`unexpected lifecycle status ${status}`);
    return {
      breakdown: row.breakdown === null || row.breakdown === undefined ? null : String(row.breakdown),
      period: Number(row.period),
      status,
      profiles: Number(row.profiles),
    };
  });
  return assembleLifecycle(tallies, definition);
}

/**
 * The lifecycle computed by the store's engine over `source` (the whole history as
 * `journey_events`), optionally per value of `breakdown` (a SELECT of `profile_id, breakdown`).
 * @example await runLifecycle(store, source, parseLifecycleDefinition({ from: '2026-01-05', to: '2026-04-06' }))
 */
export async function runLifecycle(
  db: Pick<Store, 'dialect' | 'query'>,
  source: SqlStatement,
  definition: LifecycleDefinition,
  breakdown?: SqlStatement,
): Promise<LifecycleResult> {
  const statement = lifecycleStatement(source, definition, db.dialect, breakdown);
  return readLifecycle(await db.query(statement.sql, statement.params), definition);
}
