/**
 * The attribution journeys in ClickHouse SQL: the same steps as the DuckDB builder, with a sorted
 * `groupArray` for each journey's touches and `arrayFilter` to fold repeats.
 * @module
 */
import { mergeParams } from '../paths/parse.ts';
import { param, type SqlStatement } from '../sql/dialect.ts';
import type { AttributionDefinition } from './definition.ts';
import { attributionParams, where } from './sql-duckdb.ts';

/** The ClickHouse statement computing `attributionPaths()` over `source`; same rows as the DuckDB one. */
export function attributionSqlClickHouse(
  source: SqlStatement,
  definition: AttributionDefinition,
): SqlStatement {
  const end =
    definition.to === null
      ? '(SELECT max(ts) + toIntervalMillisecond(1) FROM journey_events)'
      : param('clickhouse', 'attribution_to', 'DateTime64(3)');
  const sinceFrom = definition.from === null ? '' : param('clickhouse', 'attribution_from', 'DateTime64(3)');
  const lookback = param('clickhouse', 'attribution_lookback_ms', 'Int64');
  const conversion = param('clickhouse', 'attribution_conversion', 'String');
  const path = definition.collapseRepeats
    ? 'arrayFilter((x, i) -> i = 1 OR x != touched[i - 1], touched, arrayEnumerate(touched))'
    : 'touched';
  const sql = `WITH journey_events AS (
${source.sql}
),
marked AS (
  SELECT profile_id, ts, ${definition.item} AS item,
    action = ${conversion} AS is_conversion,
    ifNull(revenue, 0) AS value
  FROM journey_events${where(definition, `ts < ${end}`, conversion)}
),
assigned AS (
  SELECT profile_id, ts, item, is_conversion,
    min(if(is_conversion, ts, NULL)) OVER (PARTITION BY profile_id ORDER BY ts, is_conversion
      ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS journey_end
  FROM marked
),
touches AS (
  SELECT profile_id, journey_end, arrayMap(p -> p.2, arraySort(groupArray((ts, item)))) AS items
  FROM assigned
  WHERE NOT is_conversion
    AND ts >= ifNull(journey_end, ${end}) - toIntervalMillisecond(${lookback})${
      sinceFrom === '' ? '' : `\n    AND (journey_end IS NULL OR journey_end >= ${sinceFrom})`
    }
  GROUP BY profile_id, journey_end
),
conversions AS (
  SELECT profile_id, ts, count() AS conversions, sum(value) AS revenue
  FROM marked
  WHERE is_conversion${sinceFrom === '' ? '' : ` AND ts >= ${sinceFrom}`}
  GROUP BY profile_id, ts
),
journeys AS (
  SELECT t.items AS touched, toUInt64(c.conversions) AS converted, toFloat64(c.revenue) AS earned
  FROM conversions AS c
  LEFT JOIN touches AS t ON t.profile_id = c.profile_id AND t.journey_end = c.ts
  UNION ALL
  SELECT items AS touched, toUInt64(0) AS converted, toFloat64(0) AS earned FROM touches WHERE journey_end IS NULL
)
SELECT ${path} AS path, sum(converted) AS conversions, countIf(converted = 0) AS non_conversions,
  sum(earned) AS revenue
FROM journeys
GROUP BY path
ORDER BY conversions DESC, non_conversions DESC`;
  return { sql, params: mergeParams(source.params, attributionParams(definition)) };
}
