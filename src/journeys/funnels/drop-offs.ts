/**
 * Who dropped off a funnel step: the profiles whose best attempt reached step k but not step k + 1,
 * by profile id, a page at a time. The pure engine's answer and the SQL statement.
 * @module
 */
import type { SqlDialect, SqlStatement } from '../sql/dialect.ts';
import type { JourneyEvent } from '../sql/journey-events.ts';
import type { FunnelDefinition } from './definition.ts';
import { funnelConversions } from './engine.ts';
import { bestAttemptsChain } from './sql-attempts.ts';
import { wholeNumber } from './sql-parts.ts';

export interface DropOffPage {
  limit: number;
  offset: number;
}

export interface FunnelDropOff {
  profileId: string;
  /** When the best attempt entered, and when it reached its last step (epoch ms). */
  enteredAt: number;
  reachedAt: number;
}

export interface FunnelDropOffs {
  step: number;
  profiles: FunnelDropOff[];
  /** Whether another page follows. */
  hasMore: boolean;
}

/**
 * The profiles who reached `step` but not the next one, over plain events.
 * @example
 * funnelDropOffs(events, definition, 2, { limit: 50, offset: 0 })
 * // { step: 2, profiles: [{ profileId: 'p1', enteredAt: …, reachedAt: … }, …], hasMore: false }
 */
export function funnelDropOffs(
  events: readonly JourneyEvent[],
  definition: FunnelDefinition,
  step: number,
  page: DropOffPage,
): FunnelDropOffs {
  checkDropOffs(definition, step, page);
  const dropped = funnelConversions(events, definition).filter((c) => c.times.length === step);
  return {
    step,
    profiles: dropped.slice(page.offset, page.offset + page.limit).map((c) => ({
      profileId: c.profileId,
      enteredAt: c.times[0] as number,
      reachedAt: c.times[step - 1] as number,
    })),
    hasMore: dropped.length > page.offset + page.limit,
  };
}

/** The statement listing one page of drop-offs at `step` (one row more than the page, to tell if more follow). */
export function buildFunnelDropOffs(
  source: SqlStatement,
  definition: FunnelDefinition,
  dialect: SqlDialect,
  step: number,
  page: DropOffPage,
): SqlStatement {
  checkDropOffs(definition, step, page);
  const chain = bestAttemptsChain(source, definition, dialect);
  const sql = `${chain.sql}
SELECT profile_id, t1 AS entered_at, t${step} AS reached_at
FROM best
WHERE reach = ${step}
ORDER BY profile_id
LIMIT ${wholeNumber(dialect, 'page_size')} OFFSET ${wholeNumber(dialect, 'page_offset')}`;
  return { sql, params: { ...chain.params, page_size: page.limit + 1, page_offset: page.offset } };
}

function checkDropOffs(definition: FunnelDefinition, step: number, page: DropOffPage): void {
  const last = definition.steps.length - 1;
  if (!Number.isInteger(step) || step < 1 || step > last) {
    throw new RangeError(`funnel drop-offs: step must be a whole number from 1 to ${last} (got ${step})`);
  }
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > 10_000) {
    throw new RangeError(
      `funnel drop-offs: limit must be a whole number from 1 to 10000 (got ${page.limit})`,
    );
  }
  if (!Number.isInteger(page.offset) || page.offset < 0) {
    throw new RangeError(`funnel drop-offs: offset must be a whole number from 0 (got ${page.offset})`);
  }
}
