/**
 * The `attempts` relation for each order type: one row per attempt, its entry `pos` and `channel`,
 * `deadline` (entry + window) and `t1`…`tn` (epoch ms each step was reached, NULL past its reach),
 * as `attempts.ts` defines them. Each step is a window or an equality join, never a scan per attempt.
 * @module
 */
import type { SqlDialect } from '../sql/dialect.ts';
import type { FunnelDefinition } from './definition.ts';
import { orderedAttempts } from './sql-ordered.ts';
import { hasBit, lag, lead, minWhere } from './sql-parts.ts';

/** The CTEs from `tagged` to `attempts` for the definition's order type. */
export function attemptsByOrder(d: SqlDialect, definition: FunnelDefinition, entryRange: string[]): string[] {
  if (definition.order === 'strict') return strictAttempts(d, definition, entryRange);
  if (definition.order === 'any') return anyOrderAttempts(d, definition, entryRange);
  return orderedAttempts(d, definition, entryRange, funnelOrder(definition, false));
}

/**
 * The funnel's total order of a profile's events: time, then the steps matched as a number (events
 * matching no step last, for strict funnels), then channel when the breakdown reads it.
 */
function funnelOrder(definition: FunnelDefinition, allEvents: boolean): string {
  const keys = [
    't',
    ...(allEvents ? ['mask = 0'] : []),
    'mask',
    ...(definition.breakdown === 'channel' ? ['channel'] : []),
  ];
  return `PARTITION BY profile_id ORDER BY ${keys.join(', ')}`;
}

/** Step k must be the event right after step k − 1 among all the profile's events: a lead. */
function strictAttempts(d: SqlDialect, definition: FunnelDefinition, entryRange: string[]): string[] {
  const n = definition.steps.length;
  const order = funnelOrder(definition, true);
  const steps = Array.from({ length: n - 1 }, (_, i) => i + 2);
  const leads = steps.map(
    (k) =>
      `${lead(d, 'mask', k - 1, order)} AS mask_at_${k},\n    ${lead(d, 't', k - 1, order)} AS t_at_${k}`,
  );
  const times = steps.map(
    (k) =>
      `CASE WHEN ${k > 2 ? `t${k - 1} IS NOT NULL AND ` : ''}${hasBit(d, `mask_at_${k}`, k - 1)} AND t_at_${k} <= deadline THEN t_at_${k} END AS t${k}`,
  );
  return [
    `ranked AS (
  SELECT profile_id, channel, t, mask,
    row_number() OVER (${order}) AS pos,
    ${leads.join(',\n    ')}
  FROM tagged
)`,
    `attempts AS (
  SELECT profile_id, pos, channel, t + ${definition.windowMs} AS deadline, t AS t1,
    ${times.join(',\n    ')}
  FROM ranked
  WHERE ${[hasBit(d, 'mask', 0), ...entryRange].join(' AND ')}
)`,
  ];
}

/**
 * Each step's first event at or after the entry (a minimum over later rows), kept if in time; step
 * k is reached at the k-th of these times, found by counting the times before each (ties by step).
 * Attempts from one instant are alike, so only its first event enters; the minimum over later rows
 * then sees the whole instant.
 */
function anyOrderAttempts(d: SqlDialect, definition: FunnelDefinition, entryRange: string[]): string[] {
  const n = definition.steps.length;
  const order = funnelOrder(definition, false);
  const later = `${order} ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING`;
  const steps = Array.from({ length: n }, (_, i) => i + 1);
  const firsts = steps.map(
    (i) => `${minWhere(d, 't', hasBit(d, 'mask', i - 1))} OVER (${later}) AS first_${i}`,
  );
  const done = steps.map(
    (i) => `CASE WHEN first_${i} <= t + ${definition.windowMs} THEN first_${i} END AS done_${i}`,
  );
  const before = (i: number) =>
    steps
      .filter((j) => j !== i)
      .map((j) => `(CASE WHEN done_${j} ${j < i ? '<=' : '<'} done_${i} THEN 1 ELSE 0 END)`)
      .join(' + ');
  const ranks = steps.map((i) => `CASE WHEN done_${i} IS NOT NULL THEN ${before(i)} END AS rank_${i}`);
  const times = steps
    .slice(1)
    .map(
      (k) => `CASE ${steps.map((i) => `WHEN rank_${i} = ${k - 1} THEN done_${i}`).join(' ')} END AS t${k}`,
    );
  return [
    `ranked AS (
  SELECT profile_id, channel, t,
    row_number() OVER (${order}) AS pos,
    ${lag(d, 't', order)} AS previous_t,
    ${firsts.join(',\n    ')}
  FROM tagged
  WHERE mask <> 0
)`,
    `completions AS (
  SELECT profile_id, pos, channel, t + ${definition.windowMs} AS deadline, t AS t1,
    ${done.join(',\n    ')}
  FROM ranked
  WHERE ${['previous_t <> t', ...entryRange].join(' AND ')}
)`,
    `completion_ranks AS (
  SELECT profile_id, pos, channel, deadline, t1, ${steps.map((i) => `done_${i}`).join(', ')},
    ${ranks.join(',\n    ')}
  FROM completions
)`,
    `attempts AS (
  SELECT profile_id, pos, channel, deadline, t1,
    ${times.join(',\n    ')}
  FROM completion_ranks
)`,
  ];
}
