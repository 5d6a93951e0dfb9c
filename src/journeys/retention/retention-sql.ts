/**
 * Retention in SQL: the engine finds each profile's start, its cohort and the periods it came back
 * in, and returns one row per (kind, breakdown, cohort, period) count, never one per event. A
 * profile came back in a period when its latest return event of that period is after its start,
 * so the events are reduced to one row per (profile, period) before meeting the cohorts.
 * @module
 */
import type { SqlDialect, SqlStatement } from '../sql/dialect.ts';
import { eventMatcherSql } from './event-matcher.ts';
import { intervalIndex, intervalIndexSql, intervalStartMs } from './intervals.ts';
import type { RetentionDefinition } from './retention.ts';
import { mergeParams, profileBreakdownCte, timeBound } from './statement-parts.ts';

/**
 * The retention statement over `source` (a SELECT of the `journey_events` columns, holding the
 * whole history), optionally per value of `breakdown` (a SELECT of `profile_id, breakdown`). Rows:
 * `kind` (`size`: cohort members; `returned`: came back in `period`; `last_return`: latest return
 * in `period`), `breakdown`, `cohort` (interval index), `period`, `profiles`, and `last_period`,
 * the interval index of the source's latest event. `readRetention` turns them into the result.
 * @example retentionStatement(fixtureSource, definition, 'duckdb').sql
 */
export function retentionStatement(
  source: SqlStatement,
  definition: RetentionDefinition,
  dialect: SqlDialect,
  breakdown?: SqlStatement,
): SqlStatement {
  const index = (column: string) => intervalIndexSql(dialect, definition.interval, column);
  const from = timeBound(dialect, 'retention_from', definition.from);
  const to = timeBound(dialect, 'retention_to', definition.to);
  // no return counts after the last cohort's last period
  const lastPeriod = intervalIndex(definition.to.getTime() - 1, definition.interval) + definition.maxPeriods;
  const until = timeBound(
    dialect,
    'retention_until',
    new Date(intervalStartMs(lastPeriod + 1, definition.interval)),
  );
  const startFilter =
    definition.cohortBy === 'first_purchase' ? eventMatcherSql(dialect, definition.purchase) : 'TRUE';
  const noBreakdown = dialect === 'duckdb' ? 'CAST(NULL AS VARCHAR)' : 'CAST(NULL AS Nullable(String))';
  const breakdownCte = breakdown === undefined ? '' : `,\n${profileBreakdownCte(dialect, breakdown)}`;
  const breakdownJoin =
    breakdown === undefined ? '' : '\n  LEFT JOIN profile_breakdown AS b ON b.profile_id = s.profile_id';
  const sql = `WITH journey_events AS (
${source.sql}
)${breakdownCte},
starts AS (
  SELECT profile_id, min(ts) AS start_ts
  FROM journey_events
  WHERE ${startFilter}
  GROUP BY profile_id
),
cohorts AS (
  SELECT s.profile_id AS profile_id, s.start_ts AS start_ts, ${index('s.start_ts')} AS cohort,
    ${breakdown === undefined ? noBreakdown : 'b.breakdown'} AS breakdown
  FROM starts AS s${breakdownJoin}
  WHERE s.start_ts >= ${from.sql} AND s.start_ts < ${to.sql}
),
return_periods AS (
  SELECT profile_id, ${index('ts')} AS period, max(ts) AS last_ts
  FROM journey_events
  WHERE ts > ${from.sql} AND ts < ${until.sql} AND ${eventMatcherSql(dialect, definition.returnEvent)}
  GROUP BY profile_id, period
),
returns AS (
  SELECT c.profile_id AS profile_id, c.breakdown AS breakdown, c.cohort AS cohort, r.period - c.cohort AS period
  FROM return_periods AS r
  JOIN cohorts AS c ON c.profile_id = r.profile_id
  WHERE r.last_ts > c.start_ts AND r.period - c.cohort <= ${definition.maxPeriods}
),
facts AS (
  SELECT 'size' AS kind, breakdown, cohort, 0 AS period FROM cohorts
  UNION ALL
  SELECT 'returned' AS kind, breakdown, cohort, period FROM returns
  UNION ALL
  SELECT 'last_return' AS kind, breakdown, cohort, max(period) AS period
  FROM returns GROUP BY profile_id, breakdown, cohort
),
data_end AS (
  SELECT ${index('max(ts)')} AS last_period FROM journey_events
)
SELECT f.kind AS kind, f.breakdown AS breakdown, f.cohort AS cohort, f.period AS period,
  count(*) AS profiles, d.last_period AS last_period
FROM facts AS f CROSS JOIN data_end AS d
GROUP BY f.kind, f.breakdown, f.cohort, f.period, d.last_period
ORDER BY kind, breakdown, cohort, period`;
  return {
    sql,
    params: mergeParams(source.params, breakdown?.params ?? {}, from.params, to.params, until.params),
  };
}
