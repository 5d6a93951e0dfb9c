/**
 * The paths analysis in DuckDB SQL. Each event becomes one BIGINT, `ms × 2^20 + item number` (the
 * item's rank among the distinct items, so that ties in time order by item as the engine does);
 * each profile's numbers are listed by a hash aggregate and sorted with `list_sort`, which costs
 * little more than the aggregate, where a window or an ordered aggregate sorts every event at
 * once and costs several times more. Sessions, folded repeats and the cut are then list
 * functions over these numbers, and only the Sankey's edges and nodes, keyed by item number, are
 * turned back into items.
 * @module
 */
import type { SqlStatement } from '../sql/dialect.ts';
import { ELIDED_STEPS, type PathsDefinition } from './definition.ts';
import { mergeParams } from './parse.ts';
import { pathFilters } from './sql-filters.ts';

/**
 * Item numbers take the low 20 bits of an event's key: the item's rank × 4 (up to 262,143 distinct
 * items), plus 1 for the start item and 2 for the end item, so that anchors are found by a bit.
 */
const ITEMS = 1_048_576;
/** A kept step is its event key × 2, plus 1 when it starts a session. */
const STEP = 2 * ITEMS;

/**
 * The DuckDB statement computing `paths()` over `source` (a SELECT of `journey_events` columns),
 * optionally only for the profiles `profiles` selects. Rows: `kind` ('edge' | 'node' | 'total'),
 * `step`, `item`, `next`, `count`, `drop_off`, `average_ms`; read them with `readPathsRows`.
 */
export function pathsSqlDuckDb(
  source: SqlStatement,
  definition: PathsDefinition,
  profiles?: SqlStatement,
): SqlStatement {
  const { conditions, params } = pathFilters(definition, 'duckdb', profiles);
  const column = definition.item;
  const anchors: Record<string, string> = {};
  if (definition.start !== null) anchors.paths_start = definition.start;
  if (definition.end !== null) anchors.paths_end = definition.end;
  const who = definition.count === 'profiles' ? 'DISTINCT profile_id' : '*';
  const sql = `WITH journey_events AS NOT MATERIALIZED (
${source.sql}
),
filtered AS NOT MATERIALIZED (
  SELECT profile_id, epoch_ms(ts) AS ms, ${column} AS item
  FROM journey_events
  WHERE ${conditions.join('\n    AND ')}
),
numbers AS MATERIALIZED (
  SELECT item, CASE WHEN rank < ${ITEMS / 4} THEN rank * 4 + ${anchorBits(definition)}
    ELSE CAST(error('paths: more than ${ITEMS / 4 - 1} distinct items') AS BIGINT) END AS n
  FROM (SELECT item, row_number() OVER (ORDER BY item) AS rank FROM (SELECT DISTINCT item FROM filtered))
),
timelines AS (
  SELECT f.profile_id, list_sort(list(f.ms * ${ITEMS} + i.n)) AS keys
  FROM filtered AS f JOIN numbers AS i ON i.item = f.item
  GROUP BY f.profile_id
),
folded AS (
  SELECT profile_id, list_filter(list_transform(list_zip(keys, list_prepend(NULL, keys), true),
      p -> p[1] * 2 + CASE
        WHEN p[2] IS NULL OR p[1] // ${ITEMS} - p[2] // ${ITEMS} > $paths_gap_ms THEN 1
        WHEN p[1] % ${ITEMS} <> p[2] % ${ITEMS} THEN 0 END),
    y -> y IS NOT NULL) AS steps
  FROM timelines
),
${cutDuckDb(definition)},
path_steps AS (
  SELECT profile_id, unnest(range(1, len(path) + 1)) AS step, unnest(path) AS key, unnest(path[2:]) AS next_key
  FROM cut
),
tallies AS MATERIALIZED (
  SELECT GROUPING(step, n, next_n) AS kind, step, n, next_n, count(${who}) AS reached,
    count(${who}) FILTER (WHERE next_key IS NULL) AS drop_off, count(${who}) FILTER (WHERE step = 1) AS paths,
    avg(next_key // ${STEP} - key // ${STEP}) AS average_ms
  FROM (SELECT profile_id, step, key, next_key, key // 2 % ${ITEMS} AS n, next_key // 2 % ${ITEMS} AS next_n FROM path_steps)
  GROUP BY GROUPING SETS ((step, n, next_n), (step, n), ())
),
named AS (
  SELECT n, item FROM numbers UNION ALL SELECT 0, '${ELIDED_STEPS}'
),
edges AS (
  SELECT t.step, i.item, j.item AS next, t.reached AS taken, t.average_ms
  FROM tallies AS t JOIN named AS i ON i.n = t.n JOIN named AS j ON j.n = t.next_n
  WHERE t.kind = 0
  ORDER BY taken DESC, t.step, i.item, j.item
  LIMIT ${definition.edgeLimit}
),
joined AS (
  SELECT step, item FROM edges
  UNION SELECT step + 1, next FROM edges${definition.start === null ? '' : '\n  UNION SELECT 1, $paths_start'}
)
SELECT 'edge' AS kind, step, item, next, taken AS count, 0 AS drop_off, average_ms FROM edges
UNION ALL
SELECT 'node', t.step, i.item, NULL, t.reached, t.drop_off, NULL
FROM tallies AS t JOIN named AS i ON i.n = t.n JOIN joined AS j ON t.step = j.step AND i.item = j.item
WHERE t.kind = 1
UNION ALL
SELECT 'total', 0, NULL, NULL, coalesce(max(paths) FILTER (WHERE kind = 7), 0), 0, NULL FROM tallies`;
  return {
    sql,
    params: mergeParams(source.params, profiles?.params ?? {}, params, anchors, {
      paths_gap_ms: definition.sessionGapMinutes * 60_000,
    }),
  };
}

function anchorBits(definition: PathsDefinition): string {
  const bits = [
    ...(definition.start === null ? [] : ['CASE WHEN item = $paths_start THEN 1 ELSE 0 END']),
    ...(definition.end === null ? [] : ['CASE WHEN item = $paths_end THEN 2 ELSE 0 END']),
  ];
  return bits.length === 0 ? '0' : bits.join(' + ');
}

/** Per profile, which steps are the start item (`starts_at`) and the end item (`ends_at`), as 1 or 0. */
function marks(definition: PathsDefinition): string {
  return [
    ...(definition.start === null ? [] : [', list_transform(steps, y -> y // 2 % 2) AS starts_at']),
    ...(definition.end === null ? [] : [', list_transform(steps, y -> y // 4 % 2) AS ends_at']),
  ].join('');
}

/**
 * The `cut` relation, one row per path (`path`: its steps), from each session's bounds `a`..`b`
 * in `steps`. Anchors are found by their marks (`starts_at`, `ends_at`).
 */
function cutDuckDb(definition: PathsDefinition): string {
  const d = definition.depth;
  if (definition.start !== null && definition.end === null) return cutFromStartDuckDb(d);
  const bounds = `sessions AS (
  SELECT profile_id, steps,
    list_transform(list_filter(list_zip(steps, range(1, len(steps) + 1)), p -> p[1] % 2 = 1), p -> p[2]) AS starts
  FROM folded
),
bounds AS (
  SELECT profile_id, steps${marks(definition)},
    unnest(starts) AS a, unnest(list_append(list_transform(starts[2:], k -> k - 1), len(steps))) AS b
  FROM sessions
)`;
  // the absolute position of the first marked step in marks[from..b], NULL when none is
  const find = (marks: string, from: string) =>
    `${from} - 1 + nullif(list_position(list_slice(${marks}, ${from}, b), 1), 0)`;
  if (definition.start === null && definition.end === null)
    return `${bounds},
cut AS (
  SELECT profile_id, list_slice(steps, a, least(a + ${d - 1}, b)) AS path FROM bounds
)`;
  if (definition.start === null)
    return `${bounds},
cut AS (
  SELECT profile_id, list_slice(steps, greatest(a, e - ${d - 1}), e) AS path
  FROM (SELECT profile_id, steps, a, ${find('ends_at', 'a')} AS e FROM bounds)
  WHERE e IS NOT NULL
)`;
  return `${bounds},
anchored AS (
  SELECT profile_id, steps, s, ${find('ends_at', 's + 1')} AS e
  FROM (SELECT profile_id, steps, ends_at, b, ${find('starts_at', 'a')} AS s FROM bounds)
  WHERE s IS NOT NULL
),
cut AS (
  SELECT profile_id, CASE WHEN e - s < ${d} THEN list_slice(steps, s, e)
    ELSE list_concat(list_slice(steps, s, s + ${d - 3}), [steps[s + ${d - 2}] // ${STEP} * ${STEP}, steps[e]]) END AS path
  FROM anchored
  WHERE e IS NOT NULL
)`;
}

/**
 * Paths from the first start item of each session, without splitting the profile into sessions:
 * the steps that start a session or are the start item, in order, as `position × 4 + 2 × starts a
 * session + is the start item`; a start item is its session's first when it starts the session or
 * follows a session start that is not one. Its path is the `depth` steps from it, cut before the
 * next session's start.
 */
function cutFromStartDuckDb(d: number): string {
  return `marked AS (
  SELECT profile_id, steps, list_filter(list_transform(list_zip(steps, range(1, len(steps) + 1)),
    q -> q[2] * 4 + q[1] % 2 * 2 + q[1] // 2 % 2), v -> v % 4 > 0) AS m
  FROM folded
),
firsts AS (
  SELECT profile_id, steps, unnest(list_transform(list_filter(list_zip(m, list_prepend(NULL, m), true),
    z -> z[1] % 2 = 1 AND (z[1] % 4 = 3 OR z[2] % 4 = 2)), z -> z[1] // 4)) AS s
  FROM marked
),
heads AS (
  SELECT profile_id, list_slice(steps, s, s + ${d - 1}) AS head FROM firsts
),
cut AS (
  SELECT profile_id, list_slice(head, 1, coalesce(nullif(list_position(list_transform(head[2:], y -> y % 2), 1), 0), ${d})) AS path
  FROM heads
)`;
}
