/**
 * The paths analysis in ClickHouse SQL: the same steps as the DuckDB builder, with ClickHouse's
 * frame-bound `lagInFrame`, sorted `groupArray` and array functions.
 * @module
 */
import { literal, param, type SqlStatement } from '../sql/dialect.ts';
import { ELIDED_STEPS, type PathsDefinition } from './definition.ts';
import { mergeParams } from './parse.ts';
import { pathFilters } from './sql-filters.ts';

/**
 * The ClickHouse statement computing `paths()` over `source`, optionally only for the profiles
 * `profiles` selects; same rows as `pathsSqlDuckDb`.
 */
export function pathsSqlClickHouse(
  source: SqlStatement,
  definition: PathsDefinition,
  profiles?: SqlStatement,
): SqlStatement {
  const { conditions, params } = pathFilters(definition, 'clickhouse', profiles);
  const column = definition.item;
  const anchors: Record<string, string> = {};
  if (definition.start !== null) anchors.paths_start = definition.start;
  if (definition.end !== null) anchors.paths_end = definition.end;
  const byProfiles = definition.count === 'profiles';
  const count = byProfiles ? 'uniqExact(profile_id)' : 'count()';
  const countEnds = byProfiles ? 'uniqExactIf(profile_id, is_last)' : 'countIf(is_last)';
  const gap = param('clickhouse', 'paths_gap_ms', 'Int64');
  const start = param('clickhouse', 'paths_start', 'String');
  const sql = `WITH journey_events AS (
${source.sql}
),
steps AS (
  SELECT profile_id, ts, assumeNotNull(${column}) AS item,
    row_number() OVER w = 1
      OR toUnixTimestamp64Milli(ts) - toUnixTimestamp64Milli(lagInFrame(ts) OVER w) > ${gap} AS starts_session,
    lagInFrame(assumeNotNull(${column})) OVER w AS previous_item
  FROM journey_events
  WHERE ${conditions.join('\n    AND ')}
  WINDOW w AS (PARTITION BY profile_id ORDER BY ts, ${column} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
sessions AS (
  SELECT profile_id, ts, item,
    sum(toUInt64(starts_session)) OVER (PARTITION BY profile_id ORDER BY ts, item
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session
  FROM steps
  WHERE starts_session OR item != previous_item
),
lists AS (
  SELECT profile_id, arraySort(groupArray((ts, item))) AS pairs,
    arrayMap(p -> p.2, pairs) AS session_items,
    arrayMap(p -> toUnixTimestamp64Milli(p.1), pairs) AS session_times
  FROM sessions
  GROUP BY profile_id, session
),
${cutClickHouse(definition)},
path_steps AS (
  SELECT profile_id, step, items[step] AS item, items[step + 1] AS next,
    times[step + 1] - times[step] AS gap_ms, step = length(items) AS is_last
  FROM cut
  ARRAY JOIN arrayEnumerate(items) AS step
),
nodes AS (
  SELECT step, item, ${count} AS reached, ${countEnds} AS drop_off
  FROM path_steps
  GROUP BY step, item
),
edges AS (
  SELECT step, item, next, ${count} AS taken, avg(gap_ms) AS average_ms
  FROM path_steps
  WHERE NOT is_last
  GROUP BY step, item, next
  ORDER BY taken DESC, step, item, next
  LIMIT ${definition.edgeLimit}
),
joined AS (
  SELECT step, item FROM edges
  UNION DISTINCT SELECT step + 1, next FROM edges${definition.start === null ? '' : `\n  UNION DISTINCT SELECT 1, ${start}`}
)
SELECT 'edge' AS kind, toInt64(step) AS step, item, next, toUInt64(taken) AS count, toUInt64(0) AS drop_off,
  toFloat64(average_ms) AS average_ms
FROM edges
UNION ALL
SELECT 'node', toInt64(n.step), n.item, '', toUInt64(n.reached), toUInt64(n.drop_off), toFloat64(0)
FROM nodes AS n INNER JOIN joined AS j ON toInt64(n.step) = toInt64(j.step) AND n.item = j.item
UNION ALL
SELECT 'total', toInt64(0), '', '', toUInt64(${count}), toUInt64(0), toFloat64(0) FROM cut`;
  return {
    sql,
    params: mergeParams(source.params, profiles?.params ?? {}, params, anchors, {
      paths_gap_ms: definition.sessionGapMinutes * 60_000,
    }),
  };
}

function cutClickHouse(definition: PathsDefinition): string {
  const d = definition.depth;
  const start = param('clickhouse', 'paths_start', 'String');
  const end = param('clickhouse', 'paths_end', 'String');
  if (definition.start === null && definition.end === null)
    return `cut AS (
  SELECT profile_id, arraySlice(session_items, 1, ${d}) AS items, arraySlice(session_times, 1, ${d}) AS times FROM lists
)`;
  if (definition.end === null)
    return `cut AS (
  SELECT profile_id, toInt64(indexOf(session_items, ${start})) AS s,
    arraySlice(session_items, s, ${d}) AS items, arraySlice(session_times, s, ${d}) AS times
  FROM lists
  WHERE s > 0
)`;
  if (definition.start === null)
    return `cut AS (
  SELECT profile_id, toInt64(indexOf(session_items, ${end})) AS e, greatest(1, e - ${d - 1}) AS b,
    arraySlice(session_items, b, e - b + 1) AS items, arraySlice(session_times, b, e - b + 1) AS times
  FROM lists
  WHERE e > 0
)`;
  return `bounded AS (
  SELECT profile_id, session_items, session_times, toInt64(indexOf(session_items, ${start})) AS s,
    toInt64(indexOf(arraySlice(session_items, s + 1), ${end})) AS k, s + k AS e
  FROM lists
  WHERE s > 0 AND k > 0
),
cut AS (
  SELECT profile_id,
    if(e - s < ${d}, arraySlice(session_items, s, e - s + 1),
      arrayConcat(arraySlice(session_items, s, ${d - 2}), [${literal('clickhouse', ELIDED_STEPS)}, ${end}])) AS items,
    if(e - s < ${d}, arraySlice(session_times, s, e - s + 1),
      arrayConcat(arraySlice(session_times, s, ${d - 2}), [session_times[s + ${d - 2}], session_times[e]])) AS times
  FROM bounded
)`;
}
