/**
 * The radar's daily series: one statement per dialect that aggregates journey_events into one row per
 * series, key and day, and the same computation on plain events, which the SQL is tested against.
 * @module
 */
import type { SqlDialect, SqlStatement } from '../../sql/dialect.ts';
import type { JourneyEvent } from '../../sql/journey-events.ts';
import { asDouble, DAY_MS, epochMs, inline, intDiv, Params, withJourneyEvents } from '../sql-parts.ts';
import { type BucketedEvent, type SeriesRow, selectSeries } from './catalogue.ts';

/** The days a series covers: [from, to) in epoch ms, `from` rounded down to 00:00 UTC. */
export interface DayRange {
  from: number;
  to: number;
}

/** The first instant of the range's first day and the number of days it spans. */
export function dayGrid(range: DayRange): { origin: number; days: number } {
  const origin = Math.floor(range.from / DAY_MS) * DAY_MS;
  if (!(range.to > origin)) throw new RangeError('the range must end after it starts');
  return { origin, days: Math.ceil((range.to - origin) / DAY_MS) };
}

/**
 * Builds the statement answering (series, key, bucket, value, trials) for the selected series, one row
 * per series, key and day that has any event (days without are zeros).
 *
 * @example
 * const { sql, params } = buildSeriesQuery(source, { from, to }, ['orders_by_channel'], 'duckdb');
 */
export function buildSeriesQuery(
  source: SqlStatement,
  range: DayRange,
  names: readonly string[] | undefined,
  dialect: SqlDialect,
): SqlStatement {
  const { origin } = dayGrid(range);
  const p = new Params(dialect);
  const ms = epochMs(dialect);
  const bucketed = `bucketed AS ${inline(dialect)}(SELECT profile_id, channel, action, stage, revenue, ${intDiv(dialect, ms, String(DAY_MS))} - ${p.bind('origin_day', origin / DAY_MS, 'Int64')} AS bucket FROM journey_events WHERE ${ms} >= ${p.bind('from_ms', range.from, 'Int64')} AND ${ms} < ${p.bind('to_ms', range.to, 'Int64')})`;
  const selected = selectSeries(names);
  // one pass over the events computes every filtered aggregate at once: one for the series without a key,
  // one for those keyed by channel or stage (grouping sets, so that their shared aggregates are computed once)
  const ctes = [bucketed];
  const selects: string[] = [];
  for (const keys of [['none'], ['channel', 'stage']] as const) {
    const group = selected.filter((s) => s.aggregate && (keys as readonly string[]).includes(s.keyedBy));
    if (group.length === 0) continue;
    const pass = `by_${keys[0]}`;
    const columns: string[] = [];
    const index = new Map<string, number>();
    const used = group.map((s) => {
      const a = s.aggregate?.(dialect) ?? { value: '0', present: '0', where: 'false' };
      const id = `${a.value}\u0000${a.present}`;
      const i = index.get(id) ?? index.size;
      if (!index.has(id)) columns.push(`${a.value} AS v${i}`, `${a.present} AS n${i}`);
      index.set(id, i);
      selects.push(
        `SELECT '${s.name}' AS series, key, bucket, v${i} AS value, ${asDouble('0')} AS trials FROM ${pass} WHERE keyed_by = '${s.keyedBy}' AND n${i} > 0`,
      );
      return { keyedBy: s.keyedBy, where: a.where };
    });
    // events that none of the aggregates reads would only make rows that are not answered
    const read = [...new Set(used.map((a) => `(${a.where})`))].join(' OR ');
    const keyed = keys.filter((k) => used.some((u) => u.keyedBy === k));
    const [first, second] = keyed;
    const grouping =
      first === 'none' || first === undefined
        ? `SELECT bucket, 'none' AS keyed_by, '' AS key, ${columns.join(', ')} FROM bucketed WHERE ${read} GROUP BY bucket`
        : second === undefined
          ? `SELECT bucket, '${first}' AS keyed_by, coalesce(${first}, '') AS key, ${columns.join(', ')} FROM bucketed WHERE ${read} GROUP BY bucket, coalesce(${first}, '')`
          : `SELECT bucket, CASE WHEN grouping(${first}) = 0 THEN '${first}' ELSE '${second}' END AS keyed_by, ` +
            `CASE WHEN grouping(${first}) = 0 THEN coalesce(${first}, '') ELSE coalesce(${second}, '') END AS key, ${columns.join(', ')} ` +
            `FROM bucketed WHERE ${read} GROUP BY GROUPING SETS ((bucket, ${first}), (bucket, ${second}))`;
    ctes.push(`${pass} AS (${grouping})`);
  }
  for (const s of selected) if (s.sql) selects.push(s.sql(dialect));
  return withJourneyEvents(source, ctes, `${selects.join('\nUNION ALL\n')}\nORDER BY series, key, bucket`, p);
}

/** The series rows of plain events, as the statement answers them (derived series not included). */
export function computeSeriesRows(
  events: readonly JourneyEvent[],
  range: DayRange,
  names?: readonly string[],
): SeriesRow[] {
  const { origin } = dayGrid(range);
  const bucketed: BucketedEvent[] = events
    .filter((e) => e.ts >= range.from && e.ts < range.to)
    .map((e) => ({
      profileId: e.profileId,
      bucket: Math.floor(e.ts / DAY_MS) - origin / DAY_MS,
      channel: e.channel,
      action: e.action,
      stage: e.stage,
      revenue: e.revenue,
    }));
  return selectSeries(names).flatMap((s) => s.compute?.(bucketed) ?? []);
}
