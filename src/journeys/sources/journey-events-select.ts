/**
 * The SELECT that builds a workspace's `journey_events` rows from the stored events and the
 * identity tables, with a touchpoint mapping applied.
 * @module
 */
import { param, type SqlDialect, type SqlStatement } from '../sql/dialect.ts';
import type { TouchpointMapping } from '../touchpoints/mapping.ts';
import { revenueSql, touchpointSql } from '../touchpoints/touchpoint-sql.ts';

/**
 * One row per stored event of the workspace: its profile, time, channel, action, touchpoint,
 * stage, name and revenue. The profile is the stitched one; an event identity has not reached yet
 * (or could not place) gets `user:<user id>`, else `anon:<anonymous id>`, else
 * `message:<message id>`, so that no event is lost and a later stitch only moves it (on the
 * demo, `message:` trails are the employees' anonymous eNPS answers and reviews whose author
 * identity dropped). On ClickHouse the stored tables are expected with the same names and
 * columns, `events.properties` holding the JSON as text.
 * @example
 * const select = journeyEventsSelect('duckdb', 'default', defaultTouchpointMapping);
 * await store.journeys.materialise('default', select, digest);
 */
export function journeyEventsSelect(
  dialect: SqlDialect,
  workspaceId: string,
  mapping: TouchpointMapping,
): SqlStatement {
  const workspace = param(dialect, 'journey_workspace', 'String');
  const mapped = touchpointSql(dialect, mapping, 'events');
  // Identity keeps one row per message; the GROUP BY makes "one row per event" hold regardless.
  const sql = `WITH event_profiles AS (
  SELECT message_id, min(profile_id) AS profile_id
  FROM identity_event_profiles WHERE workspace_id = ${workspace}
  GROUP BY message_id
),
mapped AS (
  SELECT
    coalesce(nullif(p.profile_id, ''), 'user:' || events.user_id, 'anon:' || events.anonymous_id,
      'message:' || events.message_id) AS profile_id,
    events.timestamp AS ts,
    events.channel AS channel,
    ${mapped.action} AS action,
    ${mapped.stage} AS stage,
    ${mapped.event} AS event,
    events.properties AS properties
  FROM events LEFT JOIN event_profiles AS p ON p.message_id = events.message_id
  WHERE events.workspace_id = ${workspace}
)
SELECT profile_id, ts, channel, action, channel || ':' || action AS touchpoint, stage, event,
  ${revenueSql(dialect, mapping, 'action', 'mapped')} AS revenue
FROM mapped`;
  return { sql, params: { journey_workspace: workspaceId } };
}
