/**
 * One behaviour shift moves many series at once; the radar reports it once. Changes of different series
 * within a tolerance of each other are grouped, and the group is dated by their joint evidence.
 * @module
 */
import type { SeriesChange } from './detect-changes.ts';

/** A shift seen in one or more series. */
export interface DetectedShift {
  /** Epoch ms of the first day of the new behaviour, by the members' joint evidence. */
  date: number;
  /** The member changes, strongest first. */
  changes: SeriesChange[];
  /** Distinct series names among the members. */
  seriesCount: number;
}

/**
 * Groups changes whose dates lie within `toleranceDays` (default 7) of the group's earliest change, dates
 * each group jointly, then merges groups whose dates end up within the tolerance of each other. The joint
 * date is the day whose split earns the most −2·ln L summed over the member series (treating them as
 * independent), among the days searched by the most members.
 *
 * @example
 * groupChanges(allSeries.flatMap((s) => detectChanges(s)))[0].date
 */
export function groupChanges(changes: readonly SeriesChange[], toleranceDays = 7): DetectedShift[] {
  const tolerance = toleranceDays * 86_400_000;
  const sorted = [...changes].sort((a, b) => a.date - b.date);
  const groups: SeriesChange[][] = [];
  for (const change of sorted) {
    const current = groups[groups.length - 1];
    const first = current?.[0];
    if (current && first && change.date - first.date <= tolerance) current.push(change);
    else groups.push([change]);
  }
  let shifts = groups.map(describe);
  for (let i = 0; i + 1 < shifts.length; ) {
    const [a, b] = [shifts[i] as DetectedShift, shifts[i + 1] as DetectedShift];
    if (b.date - a.date > tolerance) {
      i++;
      continue;
    }
    shifts = [...shifts.slice(0, i), describe([...a.changes, ...b.changes]), ...shifts.slice(i + 2)];
    i = Math.max(0, i - 1);
  }
  return shifts;
}

function describe(members: readonly SeriesChange[]): DetectedShift {
  const strongest = [...members].sort((a, b) => b.gain - a.gain);
  return {
    date: jointDate(members) ?? (strongest[0] as SeriesChange).date,
    changes: strongest,
    seriesCount: new Set(members.map((m) => m.series)).size,
  };
}

function jointDate(members: readonly SeriesChange[]): number | null {
  const totals = new Map<number, { gain: number; count: number }>();
  for (const m of members)
    for (const { date, gain } of m.gains) {
      const t = totals.get(date) ?? { gain: 0, count: 0 };
      totals.set(date, { gain: t.gain + gain, count: t.count + 1 });
    }
  let best: number | null = null;
  let top = { gain: Number.NEGATIVE_INFINITY, count: 0 };
  for (const [date, t] of totals)
    if (t.count > top.count || (t.count === top.count && t.gain > top.gain)) {
      top = t;
      best = date;
    }
  return best;
}
