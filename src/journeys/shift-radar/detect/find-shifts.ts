/**
 * The shifts of a whole business: every watched series searched for changes, short-lived pulses set
 * aside, the remaining changes grouped into shifts, and the best supported shifts kept.
 * @module
 */
import type { ShiftSeries } from '../series/read-series.ts';
import { DAY_MS } from '../sql-parts.ts';
import { type DetectionOptions, detectChanges, type SeriesChange } from './detect-changes.ts';
import { type DetectedShift, groupChanges } from './group-changes.ts';

/** A change that was undone soon after: a campaign, a survey wave, an outage, not a shift. */
export interface Pulse {
  series: string;
  key: string;
  from: number;
  to: number;
}

/** How shifts are told apart from pulses and how many are kept. */
export interface ShiftOptions extends DetectionOptions {
  /** A change undone within this many days is a pulse; default 28. */
  persistenceDays?: number;
  /** Default 5. */
  maximumShifts?: number;
}

/**
 * Splits one series' changes into lasting ones and pulses: a change followed within `persistenceDays` by
 * a change back (the later level closer to the level before the first than to the level between) makes a
 * pulse of the two.
 */
export function separatePulses(
  changes: readonly SeriesChange[],
  persistenceDays = 28,
): { lasting: SeriesChange[]; pulses: Pulse[] } {
  const sorted = [...changes].sort((a, b) => a.date - b.date);
  const lasting: SeriesChange[] = [];
  const pulses: Pulse[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const change = sorted[i] as SeriesChange;
    const next = sorted[i + 1];
    const undone =
      next !== undefined &&
      next.date - change.date < persistenceDays * DAY_MS &&
      Math.abs(next.levelAfter - change.levelBefore) < Math.abs(next.levelAfter - change.levelAfter);
    if (!undone) {
      lasting.push(change);
      continue;
    }
    pulses.push({ series: change.series, key: change.key, from: change.date, to: next.date });
    i++;
  }
  return { lasting, pulses };
}

/**
 * Detects changes in every series, sets pulses aside, groups the lasting changes (7 days' tolerance) and
 * keeps the `maximumShifts` seen in the most series (then with the most evidence), in date order.
 *
 * @example
 * findShifts(dailySeries, { maximumShifts: 3 }).shifts.map((s) => new Date(s.date))
 */
export function findShifts(
  series: readonly ShiftSeries[],
  options: ShiftOptions = {},
): { shifts: DetectedShift[]; pulses: Pulse[] } {
  const found = series.map((s) => separatePulses(detectChanges(s, options), options.persistenceDays));
  const gain = (s: DetectedShift) => s.changes.reduce((a, c) => a + c.gain, 0);
  const shifts = groupChanges(found.flatMap((f) => f.lasting))
    .sort((a, b) => b.seriesCount - a.seriesCount || gain(b) - gain(a))
    .slice(0, options.maximumShifts ?? 5)
    .sort((a, b) => a.date - b.date);
  return { shifts, pulses: found.flatMap((f) => f.pulses) };
}
