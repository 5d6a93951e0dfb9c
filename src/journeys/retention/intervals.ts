/**
 * Calendar intervals shared by retention, lifecycle and channel mix: days, ISO weeks (Monday to
 * Sunday) and calendar months, all in UTC. An interval is numbered by an integer index so that the
 * engine, DuckDB and ClickHouse agree to the bit: periods are index differences, and a start date is
 * read back from the index in JavaScript.
 * @module
 */
import { Type } from '@sinclair/typebox';
import type { SqlDialect } from '../sql/dialect.ts';

/** The unit a series or a cohort is counted in. */
export type Interval = 'day' | 'week' | 'month';

export const intervals: readonly Interval[] = ['day', 'week', 'month'];

/** The interval as a definition names it. */
export const IntervalSchema = Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')]);

const dayMs = 86_400_000;
const weekMs = 7 * dayMs;
/** 1970-01-05, the first Monday after the epoch: week 0 starts there. */
const firstMondayMs = 4 * dayMs;

/**
 * The index of the interval holding `ms` (epoch milliseconds, UTC): days and weeks count from
 * 1970 (weeks from Monday 1970-01-05), months are `year × 12 + month` (month 1–12, as
 * ClickHouse's `toRelativeMonthNum`).
 * @example intervalIndex(Date.UTC(2026, 0, 1), 'month') // 24313
 */
export function intervalIndex(ms: number, interval: Interval): number {
  if (interval === 'day') return Math.floor(ms / dayMs);
  if (interval === 'week') return Math.floor((ms - firstMondayMs) / weekMs);
  const date = new Date(ms);
  return date.getUTCFullYear() * 12 + date.getUTCMonth() + 1;
}

/** When the interval of this index starts, in epoch milliseconds. */
export function intervalStartMs(index: number, interval: Interval): number {
  if (interval === 'day') return index * dayMs;
  if (interval === 'week') return firstMondayMs + index * weekMs;
  return Date.UTC(Math.floor((index - 1) / 12), (index - 1) % 12, 1);
}

/**
 * The first day of the interval of this index, as `YYYY-MM-DD` (UTC).
 * @example intervalStartDate(24313, 'month') // '2026-01-01'
 */
export function intervalStartDate(index: number, interval: Interval): string {
  return new Date(intervalStartMs(index, interval)).toISOString().slice(0, 10);
}

/**
 * The indexes of the intervals that overlap `[from, to)`: from the interval holding `from` to the
 * one holding the last millisecond before `to`.
 */
export function intervalSpan(from: Date, to: Date, interval: Interval): { first: number; last: number } {
  return { first: intervalIndex(from.getTime(), interval), last: intervalIndex(to.getTime() - 1, interval) };
}

/**
 * The SQL expression giving the interval index of a timestamp column, the same figure as
 * `intervalIndex` in both dialects whatever the session's time zone.
 * @example intervalIndexSql('duckdb', 'day', 'ts') // 'CAST(floor(epoch_ms(ts) / 86400000) AS BIGINT)'
 */
export function intervalIndexSql(dialect: SqlDialect, interval: Interval, column: string): string {
  if (dialect === 'duckdb') {
    if (interval === 'day') return `CAST(floor(epoch_ms(${column}) / ${dayMs}) AS BIGINT)`;
    if (interval === 'week') {
      return `CAST(floor((epoch_ms(${column}) - ${firstMondayMs}) / ${weekMs}) AS BIGINT)`;
    }
    // through a DATE of the UTC day: no time-zone conversion, and far cheaper than `timezone('UTC', ts)`
    const day = `(DATE '1970-01-01' + CAST(floor(epoch_ms(${column}) / ${dayMs}) AS INTEGER))`;
    return `(year(${day}) * 12 + month(${day}))`;
  }
  if (interval === 'day') return `intDiv(toUnixTimestamp64Milli(${column}), ${dayMs})`;
  if (interval === 'week') return `intDiv(toUnixTimestamp64Milli(${column}) - ${firstMondayMs}, ${weekMs})`;
  return `toInt64(toRelativeMonthNum(${column}, 'UTC'))`;
}
