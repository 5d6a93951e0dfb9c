/**
 * When did a series shift? PELT on weekly sums (which carry no weekday pattern) finds the week; the day is
 * then found on daily data with a weekday-aware cost, as the best single split near that week.
 * @module
 */
import {
  binomialCost,
  normalMeanCost,
  type Penalty,
  pelt,
  penaltyTerms,
  poissonCost,
  type SegmentCost,
} from '../../change-points/index.ts';
import { pointStart, type ShiftSeries, weeklySums } from '../series/read-series.ts';
import { dailyCost } from './weekday-costs.ts';

/** How changes are searched for. */
export interface DetectionOptions {
  /** Default MBIC (Zhang & Siegmund 2007). */
  penalty?: Penalty;
  /** The fewest weeks between two changes; default 2, so one odd week is not a shift. */
  minimumSegmentWeeks?: number;
}

/** One change found in one series. */
export interface SeriesChange {
  series: string;
  key: string;
  /** Index of the first day of the new level. */
  day: number;
  /** Epoch ms of that day. */
  date: number;
  /** Mean daily level of the weekly stretches either side. */
  levelBefore: number;
  levelAfter: number;
  /** How much −2·ln L the split earns on daily data: the strength of the evidence for the date. */
  gain: number;
  /** The same for every candidate day near the change, so shifts seen in several series can be dated jointly. */
  gains: { date: number; gain: number }[];
  penalty: string;
}

/** The weekly cost that matches a series' kind: Poisson counts, binomial shares, normal amounts. */
export function weeklyCost(weekly: ShiftSeries): SegmentCost {
  if (weekly.kind === 'count') return poissonCost(weekly.values);
  if (weekly.kind === 'share') return binomialCost(weekly.values, weekly.trials);
  return normalMeanCost(weekly.values);
}

/**
 * The dispersion φ̂ of a weekly count series: its robust noise variance σ̂² = (1.4826·MAD(Δx)/√2)² (from
 * differences at lag 1 or 2, whichever is smaller, so level shifts and alternating weeks barely move it)
 * over its mean, at least 1. Customers come back, so counts vary more than Poisson;
 * dividing the Poisson cost by φ̂ (quasi-Poisson, McCullagh & Nelder 1989, §9.2) keeps that extra variation
 * from being read as changes.
 */
export function countDispersion(weekly: readonly number[]): number {
  const mean = weekly.reduce((a, b) => a + b, 0) / Math.max(weekly.length, 1);
  if (!(mean > 0) || weekly.length < 3) return 1;
  // lag 2 as well as lag 1: fortnightly newsletters make weeks alternate, which is not noise
  const variance = (lag: number) => {
    const differences = weekly.slice(lag).map((x, i) => x - (weekly[i] as number));
    const centre = median(differences);
    const sigma = (1.4826 * median(differences.map((d) => Math.abs(d - centre)))) / Math.SQRT2;
    return sigma * sigma;
  };
  return Math.max(1, Math.min(variance(1), variance(2)) / mean);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A cost divided by a dispersion factor. */
function scaled(cost: SegmentCost, dispersion: number): SegmentCost {
  if (dispersion === 1) return cost;
  return { ...cost, cost: (start, end) => cost.cost(start, end) / dispersion, level: cost.level };
}

/**
 * Finds the changes of one daily series: weekly PELT (MBIC by default, segments of 2 weeks or more; counts
 * with the quasi-Poisson cost, see `countDispersion`), then
 * each change dated to the day by the best split of the daily weekday-aware cost within the week before
 * and the week after the weekly boundary (never past a neighbouring change). A change whose daily split
 * does not earn the penalty's per-change amount (stated for the daily length) is dropped.
 *
 * @example
 * detectChanges(storeOrders).map((c) => new Date(c.date)) // [2025-03-17…]
 */
export function detectChanges(daily: ShiftSeries, options: DetectionOptions = {}): SeriesChange[] {
  const weekly = weeklySums(daily);
  const minimumWeeks = options.minimumSegmentWeeks ?? 2;
  if (weekly.values.length < 2 * minimumWeeks) return [];
  const dispersion = daily.kind === 'count' ? countDispersion(weekly.values) : 1;
  const found = pelt(scaled(weeklyCost(weekly), dispersion), {
    penalty: options.penalty ?? { kind: 'mbic' },
    minimumSegmentLength: minimumWeeks,
  });
  if (found.changePoints.length === 0) return [];
  const weeklyLevels = daily.values.map((_, t) => {
    const week = Math.min(Math.floor(t / 7), weekly.values.length - 1);
    const segment = found.segments.find((s) => week >= s.start && week < s.end);
    return (segment?.level ?? 0) / 7;
  });
  // the weekday pattern is estimated against the levels either side of the changes; dating the changes
  // to the day sharpens those levels, which sharpens the pattern, so a few rounds settle both
  const settle = (weeks: readonly number[]) => {
    let days = refine(daily, weeklyLevels, weeks, dispersion);
    for (let round = 0; round < 3; round++)
      days = refine(daily, dailyLevels(daily, weeklyLevels, days), weeks, dispersion);
    return days;
  };
  // a week straddling a change can earn a second, spurious weekly change; each change must also earn the
  // penalty on the daily data
  const penalty = penaltyTerms(options.penalty ?? { kind: 'mbic' }, daily.values.length, 1).perChange;
  let weeks = found.changePoints;
  let days = settle(weeks);
  while (days.some((d) => d.gain < penalty)) {
    const weakest = days.reduce((a, b) => (b.gain < a.gain ? b : a));
    weeks = weeks.filter((_, i) => days[i] !== weakest);
    days = settle(weeks);
  }
  return days.map((change) => ({ ...change, penalty: found.penalty.description }));
}

type DatedChange = Omit<SeriesChange, 'penalty'>;

function dailyLevels(
  daily: ShiftSeries,
  fallback: readonly number[],
  changes: readonly DatedChange[],
): number[] {
  if (daily.kind === 'share') return fallback.map(() => 1);
  const levels = [...fallback];
  const bounds = [0, ...changes.map((c) => c.day), daily.values.length];
  changes.forEach((c, i) => {
    for (let t = bounds[i] as number; t < c.day; t++) levels[t] = c.levelBefore;
    if (i === changes.length - 1) for (let t = c.day; t < daily.values.length; t++) levels[t] = c.levelAfter;
  });
  return levels;
}

function refine(
  daily: ShiftSeries,
  levels: readonly number[],
  weeks: readonly number[],
  dispersion: number,
): DatedChange[] {
  const cost = scaled(dailyCost(daily, levels), dispersion);
  const weekBounds = [0, ...weeks, Math.ceil(daily.values.length / 7)];
  const days = weeks.map((week, i) => {
    // candidate days lie near the weekly boundary; each is scored on the whole stretches either side
    const from = (weekBounds[i] as number) * 7;
    const to = Math.min((weekBounds[i + 2] as number) * 7, daily.values.length);
    const lo = Math.max(from, (week - 1) * 7 - 3);
    const hi = Math.min(to, (week + 1) * 7 + 3);
    const whole = cost.cost(from, to);
    const gains: { date: number; gain: number }[] = [];
    let bestDay = week * 7;
    let bestGain = Number.NEGATIVE_INFINITY;
    for (let t = lo + 1; t < hi; t++) {
      const gain = whole - cost.cost(from, t) - cost.cost(t, to);
      gains.push({ date: pointStart(daily, t), gain });
      if (gain > bestGain) {
        bestGain = gain;
        bestDay = t;
      }
    }
    return { day: bestDay, gain: bestGain, gains };
  });
  const bounds = [0, ...days.map((d) => d.day), daily.values.length];
  return days.map(({ day, gains }, i) => {
    const [from, to] = [bounds[i] as number, bounds[i + 2] as number];
    return {
      series: daily.name,
      key: daily.key,
      day,
      date: pointStart(daily, day),
      gains,
      levelBefore: cost.level(from, day),
      levelAfter: cost.level(day, to),
      // what the change earns between its dated neighbours: a second change days from the first earns little
      gain: cost.cost(from, to) - cost.cost(from, day) - cost.cost(day, to),
    };
  });
}
