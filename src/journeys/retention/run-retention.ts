/**
 * Reading the retention statement's rows, and running it on a store.
 * @module
 */
import type { Store } from '../../store/port.ts';
import type { SqlStatement } from '../sql/dialect.ts';
import {
  assembleRetention,
  type CohortTally,
  type RetentionDefinition,
  type RetentionResult,
} from './retention.ts';
import { retentionStatement } from './retention-sql.ts';

/**
 * The retention result from the rows of `retentionStatement` (either dialect): the same value
 * `retention` computes on the same events.
 */
export function readRetention(
  rows: readonly Record<string, unknown>[],
  definition: Pick<RetentionDefinition, 'interval' | 'maxPeriods'>,
): RetentionResult {
  const tallies = new Map<string, CohortTally>();
  let lastIndex: number | null = null;
  for (const row of rows) {
    const breakdown = row.breakdown === null || row.breakdown === undefined ? null : String(row.breakdown);
    const cohort = Number(row.cohort);
    const period = Number(row.period);
    const profiles = Number(row.profiles);
    lastIndex = Number(row.last_period);
    const key = JSON.stringify([breakdown, cohort]);
    const tally = tallies.get(key) ?? {
      breakdown,
      cohort,
      size: 0,
      returnedIn: new Map<number, number>(),
      lastReturnIn: new Map<number, number>(),
    };
    tallies.set(key, tally);
    if (row.kind === 'size') tally.size = profiles;
    else if (row.kind === 'returned') tally.returnedIn.set(period, profiles);
    else if (row.kind === 'last_return') tally.lastReturnIn.set(period, profiles);
    else throw new Error(`unexpected retention row kind ${String(row.kind)}`);
  }
  return assembleRetention([...tallies.values()], lastIndex, definition);
}

/**
 * Retention computed by the store's engine over `source` (the whole history as `journey_events`),
 * optionally per value of `breakdown` (a SELECT of `profile_id, breakdown`).
 * @example await runRetention(store, source, parseRetentionDefinition({ from: '2026-01-01', to: '2026-07-01' }))
 */
export async function runRetention(
  db: Pick<Store, 'dialect' | 'query'>,
  source: SqlStatement,
  definition: RetentionDefinition,
  breakdown?: SqlStatement,
): Promise<RetentionResult> {
  const statement = retentionStatement(source, definition, db.dialect, breakdown);
  return readRetention(await db.query(statement.sql, statement.params), definition);
}
