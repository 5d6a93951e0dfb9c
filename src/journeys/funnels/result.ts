/**
 * What a funnel answers, and how the per-group totals (counted by the pure engine or by SQL) become
 * conversion rates and time-to-convert summaries.
 * @module
 */
import type { FunnelDefinition } from './definition.ts';

export interface DurationSummary {
  medianMs: number;
  meanMs: number;
}

export interface FunnelStepResult {
  /** From 1. In an `any`-order funnel, step k counts the profiles who completed k of the steps. */
  step: number;
  label: string;
  reached: number;
  /** reached(k) / reached(k − 1); null for step 1 or when nobody reached the previous step. */
  conversionFromPrevious: number | null;
  /** reached(k) / entered; null when nobody entered. */
  conversionFromEntry: number | null;
  /** Over the profiles who reached this step; null for step 1 or when nobody reached it. */
  timeFromPrevious: DurationSummary | null;
  timeFromEntry: DurationSummary | null;
}

export interface TimeToConvertBucket {
  label: string;
  fromMs: number;
  /** Exclusive upper edge; null for the last bucket. */
  toMs: number | null;
  profiles: number;
}

export interface FunnelGroupResult {
  entered: number;
  steps: FunnelStepResult[];
  /** Time from entry to the last step, for the profiles who reached it. */
  timeToConvert: TimeToConvertBucket[];
}

export interface FunnelBreakdownGroup extends FunnelGroupResult {
  /** The breakdown value; null for profiles without one (and for the "other" group). */
  value: string | null;
  /** True for the group folding every value past the breakdown limit. */
  other: boolean;
}

export interface FunnelResult {
  overall: FunnelGroupResult;
  /** Largest groups first (then by value), "other" last; empty without a breakdown. */
  breakdown: FunnelBreakdownGroup[];
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** The fixed edges of the time-to-convert histogram: < 1 min, < 1 h, < 1 d, < 3 d, < 7 d, < 14 d, ≥ 14 d. */
export const timeToConvertEdges: readonly number[] = [0, minute, hour, day, 3 * day, 7 * day, 14 * day];
const edgeLabels = ['< 1 min', '< 1 h', '< 1 d', '< 3 d', '< 7 d', '< 14 d', '≥ 14 d'];

/**
 * What one group adds up to, as both the engine and the SQL count it: index k − 1 holds step k.
 * Medians are null where nobody contributed; sums are of milliseconds.
 */
export interface FunnelTotals {
  entered: number;
  reached: number[];
  medianFromPrevious: (number | null)[];
  sumFromPrevious: number[];
  medianFromEntry: (number | null)[];
  sumFromEntry: number[];
  histogram: number[];
}

/** Turns one group's totals into its step-by-step conversion and time-to-convert figures. */
export function groupResult(totals: FunnelTotals, definition: FunnelDefinition): FunnelGroupResult {
  const steps = definition.steps.map((step, index): FunnelStepResult => {
    const reached = totals.reached[index] ?? 0;
    const previous = index === 0 ? null : (totals.reached[index - 1] ?? 0);
    const timed = index > 0 && reached > 0;
    return {
      step: index + 1,
      label: step.label,
      reached,
      conversionFromPrevious: previous === null || previous === 0 ? null : reached / previous,
      conversionFromEntry: totals.entered === 0 ? null : reached / totals.entered,
      timeFromPrevious: timed
        ? summary(totals.medianFromPrevious[index], totals.sumFromPrevious[index], reached)
        : null,
      timeFromEntry: timed
        ? summary(totals.medianFromEntry[index], totals.sumFromEntry[index], reached)
        : null,
    };
  });
  return { entered: totals.entered, steps, timeToConvert: histogramBuckets(totals.histogram) };
}

function summary(median: number | null | undefined, sum: number | undefined, count: number): DurationSummary {
  return { medianMs: median ?? 0, meanMs: (sum ?? 0) / count };
}

function histogramBuckets(counts: readonly number[]): TimeToConvertBucket[] {
  return timeToConvertEdges.map((fromMs, index) => ({
    label: edgeLabels[index] ?? '',
    fromMs,
    toMs: timeToConvertEdges[index + 1] ?? null,
    profiles: counts[index] ?? 0,
  }));
}

/** The bucket of the time-to-convert histogram a duration falls in. */
export function histogramBucket(durationMs: number): number {
  let bucket = 0;
  while (bucket + 1 < timeToConvertEdges.length && durationMs >= (timeToConvertEdges[bucket + 1] ?? 0))
    bucket++;
  return bucket;
}
