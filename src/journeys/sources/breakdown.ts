/**
 * The profile attributes a journey analysis can be broken down by, and the SELECT giving each
 * profile's group.
 * @module
 */
import { param, type SqlDialect, type SqlStatement } from '../sql/dialect.ts';

/**
 * What splits profiles into groups: their RFM segment, their value tier, or the latest value of
 * one of their traits.
 */
export type ProfileBreakdown =
  | { kind: 'segment' }
  | { kind: 'value_tier' }
  | { kind: 'trait'; trait: string };

/** The group of a profile that has none (never valued, or without the trait). */
export const noBreakdown = 'none';

/**
 * `(profile_id, breakdown)`, one row per profile of `journey_events`: its RFM segment or value
 * tier (as text) in its latest valuation, or the latest value of the trait as text (a JSON string
 * unquoted, anything else as JSON); `'none'` when it has none. Its profiles are those of
 * `journey_events` as the statement sees it: inside an analysis, after its
 * `journey_events AS (<source>)` CTE, exactly the source's profiles (ClickHouse lets that CTE
 * shadow the table anywhere in the statement, so the source is what it always reads).
 * @example
 * const groups = breakdownSource('duckdb', 'default', { kind: 'trait', trait: 'city' });
 * // WITH journey_events AS (…), groups AS (${groups.sql}) SELECT breakdown, count(*) … JOIN groups USING (profile_id)
 */
export function breakdownSource(
  dialect: SqlDialect,
  workspaceId: string,
  by: ProfileBreakdown,
): SqlStatement {
  const w = param(dialect, 'breakdown_workspace', 'String');
  const params: SqlStatement['params'] = { breakdown_workspace: workspaceId };
  let values: string;
  if (by.kind === 'trait') {
    params.breakdown_trait = by.trait;
    const text =
      dialect === 'duckdb'
        ? `value ->> '$'`
        : `multiIf(JSONType(value) = 'String', JSONExtractString(value), JSONType(value) = 'Null', NULL, value)`;
    values = latest(
      dialect,
      `SELECT profile_id, ${text} AS breakdown, observed_at, message_id FROM profile_traits
    WHERE workspace_id = ${w} AND trait = ${param(dialect, 'breakdown_trait', 'String')}`,
      'observed_at DESC, message_id DESC',
    );
  } else {
    const column =
      by.kind === 'segment'
        ? 'rfm_segment'
        : dialect === 'duckdb'
          ? 'CAST(value_tier AS VARCHAR)'
          : 'toString(value_tier)';
    values = latest(
      dialect,
      `SELECT profile_id, ${column} AS breakdown, as_of FROM profile_values WHERE workspace_id = ${w}`,
      'as_of DESC',
    );
  }
  // ClickHouse fills an unmatched LEFT JOIN row with '' (unless join_use_nulls), so a missing
  // profile is told by its empty id there.
  const group =
    dialect === 'duckdb'
      ? `coalesce(b.breakdown, '${noBreakdown}')`
      : `if(ifNull(b.profile_id, '') = '', '${noBreakdown}', ifNull(b.breakdown, '${noBreakdown}'))`;
  const sql = `SELECT j.profile_id AS profile_id, ${group} AS breakdown
FROM (SELECT DISTINCT profile_id FROM journey_events) AS j
LEFT JOIN (SELECT profile_id, breakdown FROM (${values})) AS b ON b.profile_id = j.profile_id`;
  return { sql, params };
}

/**
 * `(profile_id, clv, value_tier)` of every valued profile in its latest valuation. A profile that
 * was never valued has no row, and a valued one without a CLV (too few purchases for the spend
 * model) keeps a NULL CLV: it is unknown, not zero, so weighting by value must decide what to do.
 */
export function profileValueSource(dialect: SqlDialect, workspaceId: string): SqlStatement {
  const w = param(dialect, 'value_workspace', 'String');
  const sql = `SELECT profile_id, clv, value_tier FROM (${latest(
    dialect,
    `SELECT profile_id, clv, value_tier, as_of FROM profile_values WHERE workspace_id = ${w}`,
    'as_of DESC',
  )})`;
  return { sql, params: { value_workspace: workspaceId } };
}

/** Keeps each profile's first row in `order` of the rows `select` gives. */
function latest(dialect: SqlDialect, select: string, order: string): string {
  return dialect === 'duckdb'
    ? `${select}\n    QUALIFY row_number() OVER (PARTITION BY profile_id ORDER BY ${order}) = 1`
    : `${select}\n    ORDER BY profile_id, ${order} LIMIT 1 BY profile_id`;
}
