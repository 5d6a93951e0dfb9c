/**
 * The two periods a shift is measured between: given by the user, or either side of a detected change.
 * @module
 */
import { DAY_MS } from '../sql-parts.ts';

/** [from, to) in epoch ms. */
export interface Period {
  from: number;
  to: number;
}

/** The periods compared: before and after. */
export interface ComparedPeriods {
  before: Period;
  after: Period;
}

/** How the windows around a change are cut. */
export interface WindowOptions {
  /** Days in each window; default 28 (four whole weeks, so each holds every weekday four times). */
  windowDays?: number;
  /** Days left out on each side of the change, where the new behaviour is still settling; default 3. */
  gapDays?: number;
}

/**
 * The windows either side of a change on `date`: [date − gap − window, date − gap) and
 * [date + gap, date + gap + window), each clipped to `limits` (the range, or the neighbouring changes) and
 * then cut to whole weeks, on the side away from the change, so that each holds every weekday equally
 * often (a clipped window of 10 days could hold two Mondays or none of a fortnightly newsletter).
 *
 * @example
 * periodsAround(Date.UTC(2026, 2, 17)) // before 14 Feb – 14 Mar, after 20 Mar – 17 Apr
 */
export function periodsAround(date: number, options: WindowOptions = {}, limits?: Period): ComparedPeriods {
  const window = (options.windowDays ?? 28) * DAY_MS;
  const gap = (options.gapDays ?? 3) * DAY_MS;
  const earliest = limits?.from ?? Number.NEGATIVE_INFINITY;
  const latest = limits?.to ?? Number.POSITIVE_INFINITY;
  const week = 7 * DAY_MS;
  const wholeWeeks = (length: number) => Math.max(0, Math.floor(length / week) * week);
  const beforeTo = Math.min(date - gap, latest);
  const afterFrom = Math.max(date + gap, earliest);
  return {
    before: { from: beforeTo - wholeWeeks(beforeTo - Math.max(date - gap - window, earliest)), to: beforeTo },
    after: { from: afterFrom, to: afterFrom + wholeWeeks(Math.min(date + gap + window, latest) - afterFrom) },
  };
}

/** Checks that both periods are non-empty and do not overlap. */
export function checkPeriods(periods: ComparedPeriods): void {
  const { before, after } = periods;
  if (!(before.to > before.from && after.to > after.from))
    throw new RangeError('each period must end after it starts');
  if (before.to > after.from && after.to > before.from) throw new RangeError('the two periods overlap');
}
