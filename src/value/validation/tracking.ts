import type { CustomerSummary } from '../summary/customer-summary.ts';
import { dayNumber, daysPerUnit, type TimeUnit } from '../summary/time-unit.ts';

/** A purchase on a calendar day (days since 1970-01-01, as `dayNumber` returns). */
export interface PurchaseDay {
  customerId: string;
  day: number;
}

export interface TrackingOptions {
  /** Last day tracked (inclusive), usually the end of the hold-out period. */
  end: Date | string;
  unit?: TimeUnit;
  /** First day of period 1, no later than any first purchase; defaults to the earliest. */
  start?: Date | string;
}

export interface TrackingPoint {
  /** 1, 2, …: period p covers the days [start + (p − 1)·unit, start + p·unit). */
  period: number;
  /** Last calendar day of the period, `YYYY-MM-DD`. */
  lastDay: string;
  /** Repeat purchases (purchase days after the first) in the period. */
  actual: number;
  predicted: number;
  cumulativeActual: number;
  cumulativePredicted: number;
}

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** How many of the cohort's customers bought again on one calendar day (a repeat purchase each). */
export interface RepeatPurchasesOnDay {
  day: number;
  purchases: number;
}

/**
 * Per calendar day, the cohort's repeat purchases: distinct purchase days after each customer's
 * first, up to `end`. What `repeatPurchaseDaysSql` computes in the engine.
 */
export function repeatPurchasesByDay(
  customers: readonly Pick<CustomerSummary, 'customerId' | 'firstPurchase'>[],
  purchases: Iterable<PurchaseDay>,
  end: Date | string,
): RepeatPurchasesOnDay[] {
  const firstDays = new Map(customers.map((c) => [c.customerId, dayNumber(c.firstPurchase)]));
  const last = dayNumber(end);
  const seen = new Set<string>();
  const counts = new Map<number, number>();
  for (const p of purchases) {
    const first = firstDays.get(p.customerId);
    if (first === undefined || p.day <= first || p.day > last) continue;
    const key = `${p.day} ${p.customerId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counts.set(p.day, (counts.get(p.day) ?? 0) + 1);
  }
  return [...counts].map(([day, count]) => ({ day, purchases: count })).sort((a, b) => a.day - b.day);
}

/**
 * Tracking curve of a cohort (Fader, Hardie & Lee 2005, fig. 2; BTYD `bgnbd.PlotTrackingCum/Inc`):
 * per period, actual repeat purchases against Σᵢ E[X(t − t0ᵢ)] with t0ᵢ customer i's first purchase
 * and t the end of the period, both in units since `start`. The customers are the cohort (usually
 * the calibration summaries); purchases of anyone else are ignored, and several on one day count once.
 * @example trackingCurve(summaries, purchases, (t) => bgNbdExpectedPurchases(fit.parameters, t), { end: '1998-06-30' })
 */
export function trackingCurve(
  customers: readonly Pick<CustomerSummary, 'customerId' | 'firstPurchase'>[],
  purchases: Iterable<PurchaseDay>,
  expectedPurchases: (t: number) => number,
  options: TrackingOptions,
): TrackingPoint[] {
  return trackingCurveFromCounts(
    customers,
    repeatPurchasesByDay(customers, purchases, options.end),
    expectedPurchases,
    options,
  );
}

/**
 * The tracking curve from the cohort's repeat purchases already counted per day (by the engine,
 * so that the purchase log never has to be read into memory).
 */
export function trackingCurveFromCounts(
  customers: readonly Pick<CustomerSummary, 'customerId' | 'firstPurchase'>[],
  repeatPurchases: readonly RepeatPurchasesOnDay[],
  expectedPurchases: (t: number) => number,
  options: TrackingOptions,
): TrackingPoint[] {
  const unitDays = daysPerUnit[options.unit ?? 'week'];
  const firsts = customers.map((c) => dayNumber(c.firstPurchase));
  const end = dayNumber(options.end);
  const start =
    options.start === undefined
      ? firsts.reduce((earliest, f) => Math.min(earliest, f), Number.POSITIVE_INFINITY)
      : dayNumber(options.start);
  if (![start, end, ...firsts].every(Number.isFinite) || end < start || firsts.some((f) => f < start)) {
    throw new RangeError(
      'tracking needs readable dates, start on or before every first purchase, end ≥ start',
    );
  }
  const span = end + 1 - start;
  const periods = Math.ceil(span / unitDays - 1e-9);
  const actual = new Array<number>(periods).fill(0);
  for (const { day, purchases } of repeatPurchases) {
    if (day < start || day > end) continue;
    const index = Math.floor((day - start) / unitDays);
    actual[index] = (actual[index] ?? 0) + purchases;
  }
  const births = new Map<number, number>();
  for (const first of firsts) births.set(first - start, (births.get(first - start) ?? 0) + 1);
  const cumulativePredictedAt = (period: number) => {
    const elapsed = Math.min(period * unitDays, span);
    let total = 0;
    for (const [offset, count] of births) {
      if (elapsed > offset) total += count * expectedPurchases((elapsed - offset) / unitDays);
    }
    return total;
  };
  const points: TrackingPoint[] = [];
  let cumulativeActual = 0;
  let previous = 0;
  for (let period = 1; period <= periods; period++) {
    const cumulativePredicted = cumulativePredictedAt(period);
    cumulativeActual += actual[period - 1] as number;
    points.push({
      period,
      lastDay: isoDay(Math.min(start + Math.ceil(period * unitDays - 1e-9) - 1, end)),
      actual: actual[period - 1] as number,
      predicted: cumulativePredicted - previous,
      cumulativeActual,
      cumulativePredicted,
    });
    previous = cumulativePredicted;
  }
  return points;
}
