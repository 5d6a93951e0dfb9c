/**
 * Channel mix in SQL: the distinct (customer, interval, channel) activity, counted per channel
 * and per number of channels, per interval and over the whole range. (One list of channels per
 * customer and interval was tried: DuckDB's list aggregates made it half as slow again.)
 *
 * The breakdown source reads the profiles of `journey_events`; it is given the active customers
 * under that name instead. Read twice, `journey_events` would be materialised whole by DuckDB
 * (every event of every profile, a third of the statement's time over 10 M events) rather than
 * scanned once with the range and activity filters pushed into the scan.
 * @module
 */
import { eventMatcherSql } from '../retention/event-matcher.ts';
import { intervalIndexSql, intervalSpan, intervalStartMs } from '../retention/intervals.ts';
import { mergeParams, profileBreakdownCte, timeBound } from '../retention/statement-parts.ts';
import type { SqlDialect, SqlStatement } from '../sql/dialect.ts';
import type { ChannelMixDefinition } from './channel-mix.ts';

/**
 * The channel-mix statement over `source` (a SELECT of the `journey_events` columns), optionally
 * per value of `breakdown` (a SELECT of `profile_id, breakdown`). Rows: `kind` (`channel` or
 * `channels_used`), `breakdown`, `period` (interval index, NULL for the whole range), `item` (the
 * channel, or the number of channels as text) and `customers`. `readChannelMix` turns them into
 * the result. The breakdown SELECT runs with `journey_events` naming the active customers (one
 * `profile_id` each).
 */
export function channelMixStatement(
  source: SqlStatement,
  definition: ChannelMixDefinition,
  dialect: SqlDialect,
  breakdown?: SqlStatement,
): SqlStatement {
  const { first, last } = intervalSpan(definition.from, definition.to, definition.interval);
  const from = timeBound(dialect, 'channel_mix_from', new Date(intervalStartMs(first, definition.interval)));
  const to = timeBound(dialect, 'channel_mix_to', new Date(intervalStartMs(last + 1, definition.interval)));
  const syntax = dialect === 'duckdb' ? duckdbSyntax : clickhouseSyntax;
  const breakdownCte =
    breakdown === undefined ? '' : `,\n${profileBreakdownCte(dialect, activeCustomersOnly(breakdown))}`;
  const breakdownValue = breakdown === undefined ? syntax.noBreakdown : 'b.breakdown';
  const breakdownJoin =
    breakdown === undefined ? '' : '\n  LEFT JOIN profile_breakdown AS b ON b.profile_id = a.profile_id';
  const sql = `WITH journey_events AS (
${source.sql}
),
activity AS (
  SELECT profile_id, ${intervalIndexSql(dialect, definition.interval, 'ts')} AS period, channel
  FROM journey_events
  WHERE ts >= ${from.sql} AND ts < ${to.sql} AND ${eventMatcherSql(dialect, definition.activity)}
  GROUP BY profile_id, period, channel
)${breakdownCte},
customer_channels AS (
  SELECT a.profile_id AS profile_id, a.period AS period, a.channel AS channel, ${breakdownValue} AS breakdown
  FROM activity AS a${breakdownJoin}
),
range_channels AS (
  SELECT profile_id, channel, breakdown FROM customer_channels GROUP BY profile_id, channel, breakdown
),
channels_used AS (
  SELECT profile_id, period, breakdown, count(*) AS channels
  FROM customer_channels GROUP BY profile_id, period, breakdown
),
range_channels_used AS (
  SELECT profile_id, breakdown, count(*) AS channels FROM range_channels GROUP BY profile_id, breakdown
)
SELECT 'channel' AS kind, breakdown, ${syntax.nullable('period')} AS period, channel AS item, count(*) AS customers
FROM customer_channels GROUP BY breakdown, period, channel
UNION ALL
SELECT 'channels_used' AS kind, breakdown, ${syntax.nullable('period')} AS period, ${syntax.text('channels')} AS item,
  count(*) AS customers
FROM channels_used GROUP BY breakdown, period, channels
UNION ALL
SELECT 'channel' AS kind, breakdown, ${syntax.wholeRange} AS period, channel AS item, count(*) AS customers
FROM range_channels GROUP BY breakdown, channel
UNION ALL
SELECT 'channels_used' AS kind, breakdown, ${syntax.wholeRange} AS period, ${syntax.text('channels')} AS item,
  count(*) AS customers
FROM range_channels_used GROUP BY breakdown, channels`;
  return { sql, params: mergeParams(source.params, breakdown?.params ?? {}, from.params, to.params) };
}

/**
 * The breakdown source run over the active customers: inside it, `journey_events` holds one
 * `profile_id` per customer of `activity` (the only profiles whose group the statement reads).
 */
function activeCustomersOnly(breakdown: SqlStatement): SqlStatement {
  return {
    sql: `WITH journey_events AS (SELECT DISTINCT profile_id FROM activity)
SELECT profile_id, breakdown FROM (${breakdown.sql}) AS breakdown_of_active`,
    params: breakdown.params,
  };
}

/** What differs between the dialects in the channel-mix statement. */
interface DialectSyntax {
  text(expression: string): string;
  nullable(column: string): string;
  wholeRange: string;
  noBreakdown: string;
}

const duckdbSyntax: DialectSyntax = {
  text: (expression) => `CAST(${expression} AS VARCHAR)`,
  nullable: (column) => column,
  wholeRange: 'CAST(NULL AS BIGINT)',
  noBreakdown: 'CAST(NULL AS VARCHAR)',
};

const clickhouseSyntax: DialectSyntax = {
  text: (expression) => `toString(${expression})`,
  nullable: (column) => `toNullable(${column})`,
  wholeRange: 'CAST(NULL AS Nullable(Int64))',
  noBreakdown: 'CAST(NULL AS Nullable(String))',
};
