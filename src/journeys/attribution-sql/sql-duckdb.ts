/**
 * The attribution journeys in DuckDB SQL. Each event becomes one BIGINT, `ms × 2^20 + item
 * number` (the item's rank, so that ties in time order by item), a conversion taking the highest
 * number so that it follows the touches of its instant; each profile's numbers are listed by a
 * hash aggregate and sorted with `list_sort`, much cheaper than a window over every event. The
 * touches between two conversions are then one slice of that list, cut to the lookback, and only
 * the distinct paths, as item numbers, are counted and turned back into items.
 * @module
 */
import { mergeParams } from '../paths/parse.ts';
import type { SqlStatement } from '../sql/dialect.ts';
import type { AttributionDefinition } from './definition.ts';

/** Item numbers take the low 20 bits of an event's key; the highest marks a conversion. */
const ITEMS = 1_048_576;
const CONVERSION = ITEMS - 1;

/**
 * The DuckDB statement computing `attributionPaths()` over `source` (a SELECT of the
 * `journey_events` columns). Rows: `path` (list), `conversions`, `non_conversions`, `revenue`; read
 * them with `readAttributionRows`.
 */
export function attributionSqlDuckDb(source: SqlStatement, definition: AttributionDefinition): SqlStatement {
  const end =
    definition.to === null
      ? '(SELECT max(ms) + 1 FROM marked)'
      : 'epoch_ms(CAST($attribution_to AS TIMESTAMPTZ))';
  const sinceFrom = definition.from === null ? '' : 'epoch_ms(CAST($attribution_from AS TIMESTAMPTZ))';
  const path = definition.collapseRepeats
    ? 'list_transform(list_filter(list_zip(touched, list_prepend(NULL, touched), true), z -> z[2] IS NULL OR z[1] <> z[2]), z -> z[1])'
    : 'touched';
  const sql = `WITH journey_events AS NOT MATERIALIZED (
${source.sql}
),
marked AS NOT MATERIALIZED (
  SELECT profile_id, epoch_ms(ts) AS ms, ${definition.item} AS item,
    action = $attribution_conversion AS is_conversion, coalesce(revenue, 0) AS revenue
  FROM journey_events${where(
    definition,
    'ts < CAST($attribution_to AS TIMESTAMPTZ)',
    '$attribution_conversion',
    definition.from === null ? [] : ['ts >= CAST($attribution_since AS TIMESTAMPTZ)'],
  )}
),
numbers AS MATERIALIZED (
  SELECT item, CASE WHEN n < ${CONVERSION} THEN n
    ELSE CAST(error('attribution: more than ${CONVERSION - 1} distinct items') AS BIGINT) END AS n
  FROM (SELECT item, row_number() OVER (ORDER BY item) AS n FROM (SELECT DISTINCT item FROM marked))
),
timelines AS MATERIALIZED (
  SELECT m.profile_id, list_sort(list(m.ms * ${ITEMS} + CASE WHEN m.is_conversion THEN ${CONVERSION} ELSE i.n END)) AS keys,
    list(m.ms) FILTER (WHERE m.is_conversion) AS converted_at, list(m.revenue) FILTER (WHERE m.is_conversion) AS earned
  FROM marked AS m JOIN numbers AS i ON i.item = m.item
  GROUP BY m.profile_id
),
segments AS (
  SELECT profile_id, keys, list_transform(list_filter(list_zip(keys, range(1, len(keys) + 1)),
    q -> q[1] % ${ITEMS} = ${CONVERSION}), q -> q[2]) AS ends
  FROM timelines
),
bounds AS (
  SELECT profile_id, keys, unnest(list_prepend(0, ends)) + 1 AS a, unnest(list_append(ends, NULL)) AS c
  FROM segments
),
touches AS (
  SELECT profile_id, journey_end,
    list_transform(list_filter(list_slice(keys, a, coalesce(c - 1, len(keys))), y -> y // ${ITEMS} >= cutoff), y -> y % ${ITEMS}) AS items
  FROM (
    SELECT profile_id, keys, a, c, keys[c] // ${ITEMS} AS journey_end,
      coalesce(keys[c] // ${ITEMS}, ${end}) - $attribution_lookback_ms AS cutoff
    FROM bounds
  )${
    sinceFrom === ''
      ? ''
      : `
  WHERE journey_end IS NULL OR journey_end >= ${sinceFrom}`
  }
),
conversions AS (
  SELECT profile_id, ms, count(*) AS conversions, sum(revenue) AS revenue
  FROM (SELECT profile_id, unnest(converted_at) AS ms, unnest(earned) AS revenue FROM timelines)${sinceFrom === '' ? '' : `\n  WHERE ms >= ${sinceFrom}`}
  GROUP BY profile_id, ms
),
journeys AS (
  SELECT coalesce(j.items, []::BIGINT[]) AS touched, c.conversions AS converted, c.revenue AS earned
  FROM conversions AS c
  LEFT JOIN (SELECT * FROM touches WHERE len(items) > 0) AS j ON j.profile_id = c.profile_id AND j.journey_end = c.ms
  UNION ALL
  SELECT items, 0, 0 FROM touches WHERE journey_end IS NULL AND len(items) > 0
),
paths AS (
  SELECT ${path} AS path, sum(converted) AS conversions,
    count(*) FILTER (WHERE converted = 0) AS non_conversions, sum(earned) AS revenue
  FROM journeys
  GROUP BY ALL
)
SELECT list_transform(p.path, x -> d.names[x]) AS path, p.conversions, p.non_conversions, p.revenue
FROM paths AS p, (SELECT list(item ORDER BY n) AS names FROM numbers) AS d
ORDER BY p.conversions DESC, p.non_conversions DESC`;
  // A touch older than `from` − lookback can reach no kept journey, nor can a conversion bound one.
  const since: Record<string, Date> =
    definition.from === null
      ? {}
      : { attribution_since: new Date(definition.from.getTime() - definition.lookbackDays * 86_400_000) };
  return { sql, params: mergeParams(source.params, attributionParams(definition), since) };
}

/**
 * The WHERE both dialects put on `journey_events`: before the range end, touches with a stage,
 * and `more` conditions.
 */
export function where(
  definition: AttributionDefinition,
  beforeEnd: string,
  conversion: string,
  more: readonly string[] = [],
): string {
  const conditions = [
    ...more,
    ...(definition.to === null ? [] : [beforeEnd]),
    ...(definition.touches === 'staged' ? [`(action = ${conversion} OR stage IS NOT NULL)`] : []),
  ];
  return conditions.length === 0 ? '' : `\n  WHERE ${conditions.join(' AND ')}`;
}

/** The parameters both dialects bind. */
export function attributionParams(definition: AttributionDefinition): Record<string, string | number | Date> {
  return {
    attribution_conversion: definition.conversion,
    attribution_lookback_ms: definition.lookbackDays * 86_400_000,
    ...(definition.from === null ? {} : { attribution_from: definition.from }),
    ...(definition.to === null ? {} : { attribution_to: definition.to }),
  };
}
