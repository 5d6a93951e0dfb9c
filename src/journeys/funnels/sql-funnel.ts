/**
 * The funnel as one SQL statement: per profile its best attempt (`sql-attempts.ts`), then one row of
 * totals overall (`group_order` 0) and, with a breakdown, one per group in display order (each
 * profile counted twice over a two-row `scopes` relation, so `best` is computed once).
 * @module
 */
import type { SqlDialect, SqlStatement } from '../sql/dialect.ts';
import type { FunnelDefinition } from './definition.ts';
import { timeToConvertEdges } from './result.ts';
import { bestAttemptsChain } from './sql-attempts.ts';
import { median, sumAsDouble, wholeNumber } from './sql-parts.ts';

/**
 * The statement computing a funnel over `source` (a SELECT of the `journey_events` columns).
 * `breakdown`, a SELECT of `(profile_id, breakdown)` with one row per profile, breaks the result
 * down by that value; otherwise the definition's `breakdown: 'channel'` breaks it down by the
 * entry event's channel. Values past `breakdownLimit` are folded into one "other" group. The
 * breakdown SELECT runs with `journey_events` naming the funnel's profiles (one `profile_id` each).
 * @example
 * buildFunnel(fixtureSource, parseFunnelDefinition({ steps: [{ event: 'Produit' }, { event: 'Panier' }] }), 'duckdb')
 * // { sql: 'WITH journey_events AS (SELECT * FROM fixture_events), tagged AS (…) … SELECT …', params: {} }
 */
export function buildFunnel(
  source: SqlStatement,
  definition: FunnelDefinition,
  dialect: SqlDialect,
  breakdown?: SqlStatement,
): SqlStatement {
  if (breakdown !== undefined && definition.breakdown !== null) {
    throw new RangeError('funnel: give either a profile breakdown or breakdown "channel", not both');
  }
  const chain = bestAttemptsChain(source, definition, dialect);
  const params = { ...chain.params, ...(breakdown?.params ?? {}) };
  const totals = totalsColumns(dialect, definition.steps.length);
  const overall = `SELECT NULL AS group_value, 0 AS other, 0 AS group_order,\n  ${totals}\nFROM best`;
  if (breakdown === undefined && definition.breakdown === null)
    return { sql: `${chain.sql}\n${overall}`, params };
  params.breakdown_limit = definition.breakdownLimit;
  const shown = `group_rank <= ${wholeNumber(dialect, 'breakdown_limit')}`;
  const value =
    breakdown === undefined
      ? 'b.channel'
      : `CASE WHEN p.known = 1 THEN CAST(p.breakdown AS ${dialect === 'duckdb' ? 'VARCHAR' : 'Nullable(String)'}) END`;
  const join =
    breakdown === undefined
      ? ''
      : `\n  LEFT JOIN (${attributesOfBest(breakdown.sql)}) AS p ON b.profile_id = p.profile_id`;
  const sql = `${chain.sql},
grouped AS (
  SELECT b.*, ${value} AS value
  FROM best AS b${join}
),
sized AS (
  SELECT *, count(*) OVER (PARTITION BY value) AS group_size
  FROM grouped
),
ranked_groups AS (
  SELECT *, dense_rank() OVER (ORDER BY group_size DESC, value ASC NULLS LAST) AS group_rank
  FROM sized
)
SELECT CASE WHEN scope = 1 AND ${shown} THEN value END AS group_value,
  CASE WHEN scope = 1 AND NOT (${shown}) THEN 1 ELSE 0 END AS other,
  CASE WHEN scope = 0 THEN 0 ELSE min(group_rank) END AS group_order,
  ${totals}
FROM ranked_groups CROSS JOIN (SELECT 0 AS scope UNION ALL SELECT 1 AS scope) AS scopes
GROUP BY scope, group_value, other
ORDER BY group_order`;
  return { sql, params };
}

/**
 * The profile breakdown run over the funnel's profiles only: inside it, `journey_events` holds one
 * `profile_id` per profile of `best`. The breakdown source reads the profiles of `journey_events`;
 * over the whole relation, read a second time, DuckDB would materialise every event of every
 * profile (a quarter of the statement's time over 10 M events) instead of scanning the step events
 * once.
 */
function attributesOfBest(breakdownSql: string): string {
  return `WITH journey_events AS (SELECT profile_id FROM best)
    SELECT profile_id, breakdown, 1 AS known FROM (${breakdownSql}) AS attributes`;
}

/** entered, then per step k ≥ 2 reached_k and the time columns, then the histogram of the last step. */
function totalsColumns(dialect: SqlDialect, steps: number): string {
  const columns = ['count(*) AS entered'];
  for (let k = 2; k <= steps; k++) {
    columns.push(
      `count(t${k}) AS reached_${k}`,
      `${median(dialect, `t${k} - t${k - 1}`)} AS median_previous_${k}`,
      `${sumAsDouble(dialect, `t${k} - t${k - 1}`)} AS sum_previous_${k}`,
      `${median(dialect, `t${k} - t1`)} AS median_entry_${k}`,
      `${sumAsDouble(dialect, `t${k} - t1`)} AS sum_entry_${k}`,
    );
  }
  timeToConvertEdges.forEach((from, bucket) => {
    const to = timeToConvertEdges[bucket + 1];
    const upper = to === undefined ? '' : ` AND t${steps} - t1 < ${to}`;
    columns.push(`count(CASE WHEN t${steps} - t1 >= ${from}${upper} THEN 1 END) AS histogram_${bucket}`);
  });
  return columns.join(',\n  ');
}
