/**
 * Lifecycle in SQL: one row per profile and interval of its whole history (active or not), each
 * compared with the profile's first, previous and next rows in one window pass, then counted per
 * (breakdown, interval, status).
 * @module
 */
import type { SqlDialect, SqlStatement } from '../sql/dialect.ts';
import { eventMatcherSql } from './event-matcher.ts';
import { intervalIndexSql, intervalSpan, intervalStartMs } from './intervals.ts';
import type { LifecycleDefinition } from './lifecycle.ts';
import { mergeParams, profileBreakdownCte, timeBound } from './statement-parts.ts';

/**
 * The lifecycle statement over `source` (the whole history as `journey_events`), optionally per
 * value of `breakdown` (a SELECT of `profile_id, breakdown`). Rows: `breakdown`, `period`
 * (interval index), `status` (new, returning, resurrecting, dormant) and `profiles`; intervals
 * with no profile in a status give no row. `readLifecycle` turns them into the result.
 */
export function lifecycleStatement(
  source: SqlStatement,
  definition: LifecycleDefinition,
  dialect: SqlDialect,
  breakdown?: SqlStatement,
): SqlStatement {
  const { first, last } = intervalSpan(definition.from, definition.to, definition.interval);
  const index = (column: string) => intervalIndexSql(dialect, definition.interval, column);
  // the interval before the first decides its returning and dormant profiles
  const from = timeBound(
    dialect,
    'lifecycle_from',
    new Date(intervalStartMs(first - 1, definition.interval)),
  );
  const to = timeBound(dialect, 'lifecycle_to', new Date(intervalStartMs(last + 1, definition.interval)));
  const noBreakdown = dialect === 'duckdb' ? 'CAST(NULL AS VARCHAR)' : 'CAST(NULL AS Nullable(String))';
  const breakdownCte = breakdown === undefined ? '' : `,\n${profileBreakdownCte(dialect, breakdown)}`;
  const breakdownJoin =
    breakdown === undefined ? '' : '\nLEFT JOIN profile_breakdown AS b ON b.profile_id = s.profile_id';
  const lag = dialect === 'duckdb' ? 'lag' : 'lagInFrame';
  const lead = dialect === 'duckdb' ? 'lead' : 'leadInFrame';
  // ClickHouse's lagInFrame/leadInFrame give 0, not NULL, past the partition (no interval index is 0)
  const frame = dialect === 'duckdb' ? '' : ' ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING';
  const notNext =
    dialect === 'duckdb'
      ? '(following IS DISTINCT FROM period + 1 OR following_active = 0)'
      : '(following != period + 1 OR following_active = 0)';
  // the dormant rows' period is named `following_period`: ClickHouse would read `period` in WHERE as the alias
  const sql = `WITH journey_events AS (
${source.sql}
)${breakdownCte},
profile_periods AS (
  SELECT profile_id, ${index('ts')} AS period,
    max(CASE WHEN ts >= ${from.sql} AND ts < ${to.sql} AND ${eventMatcherSql(dialect, definition.activity)} THEN 1 ELSE 0 END) AS active
  FROM journey_events
  GROUP BY profile_id, period
),
sequences AS (
  SELECT profile_id, period, active,
    first_value(period) OVER profile_history AS created_period,
    ${lag}(period) OVER profile_history AS previous,
    ${lag}(active) OVER profile_history AS previous_active,
    ${lead}(period) OVER profile_history AS following,
    ${lead}(active) OVER profile_history AS following_active
  FROM profile_periods
  WINDOW profile_history AS (PARTITION BY profile_id ORDER BY period${frame})
),
statuses AS (
  SELECT profile_id, period,
    CASE
      WHEN period = created_period THEN 'new'
      WHEN previous = period - 1 AND previous_active = 1 THEN 'returning'
      ELSE 'resurrecting'
    END AS status
  FROM sequences
  WHERE active = 1 AND period BETWEEN ${first} AND ${last}
  UNION ALL
  SELECT profile_id, period + 1 AS following_period, 'dormant' AS status
  FROM sequences
  WHERE active = 1 AND ${notNext} AND period + 1 BETWEEN ${first} AND ${last}
)
SELECT ${breakdown === undefined ? noBreakdown : 'b.breakdown'} AS breakdown, s.period AS period, s.status AS status,
  count(*) AS profiles
FROM statuses AS s${breakdownJoin}
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3`;
  return { sql, params: mergeParams(source.params, breakdown?.params ?? {}, from.params, to.params) };
}
