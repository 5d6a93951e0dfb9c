/**
 * Rows of the series statement (or of the plain computation) into series: one array per series and key,
 * zero-filled, derived series added, and weekly sums on demand.
 * @module
 */
import { DAY_MS } from '../sql-parts.ts';
import { type SeriesKind, type SeriesRow, selectSeries } from './catalogue.ts';
import { type DayRange, dayGrid } from './series-query.ts';

/** One watched series on a regular grid of days or weeks. */
export interface ShiftSeries {
  name: string;
  key: string;
  kind: SeriesKind;
  grain: 'day' | 'week';
  /** Epoch ms of the first point's start. */
  origin: number;
  values: number[];
  /** Per point, the trials a share is out of; zeros for other kinds. */
  trials: number[];
}

/** Reads raw rows (from either engine or `computeSeriesRows`) into daily series, sorted by name and key. */
export function readSeries(
  rows: readonly object[],
  range: DayRange,
  names?: readonly string[],
): ShiftSeries[] {
  const { origin, days } = dayGrid(range);
  const parsed: SeriesRow[] = (rows as readonly Record<string, unknown>[]).map((r) => ({
    series: String(r.series),
    key: String(r.key ?? ''),
    bucket: Number(r.bucket),
    value: Number(r.value ?? 0),
    trials: Number(r.trials ?? 0),
  }));
  const definitions = selectSeries(names);
  for (const d of definitions) if (d.derive) parsed.push(...d.derive.compute(parsed));
  const wanted = new Map(definitions.map((d) => [d.name, d]));
  const byKey = new Map<string, ShiftSeries>();
  for (const row of parsed) {
    const definition = wanted.get(row.series);
    if (!definition || row.bucket < 0 || row.bucket >= days) continue;
    const id = `${row.series}\u0000${row.key}`;
    let series = byKey.get(id);
    if (!series) {
      series = {
        name: row.series,
        key: row.key,
        kind: definition.kind,
        grain: 'day',
        origin,
        values: new Array<number>(days).fill(0),
        trials: new Array<number>(days).fill(0),
      };
      byKey.set(id, series);
    }
    series.values[row.bucket] = row.value;
    series.trials[row.bucket] = row.trials;
  }
  if (names && names.length > 0) for (const [id, s] of byKey) if (!names.includes(s.name)) byKey.delete(id);
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
}

/**
 * Weekly sums of a daily series over whole weeks from its first day (a trailing partial week is left
 * out). For distinct-customer series the sum counts customer-days.
 */
export function weeklySums(series: ShiftSeries): ShiftSeries {
  const weeks = Math.floor(series.values.length / 7);
  const sum = (xs: number[], w: number) => xs.slice(w * 7, w * 7 + 7).reduce((a, b) => a + b, 0);
  return {
    ...series,
    grain: 'week',
    values: Array.from({ length: weeks }, (_, w) => sum(series.values, w)),
    trials: Array.from({ length: weeks }, (_, w) => sum(series.trials, w)),
  };
}

/** Epoch ms of the start of point i of a series. */
export function pointStart(series: Pick<ShiftSeries, 'origin' | 'grain'>, index: number): number {
  return series.origin + index * (series.grain === 'day' ? DAY_MS : 7 * DAY_MS);
}
