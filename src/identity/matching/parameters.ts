/**
 * Turning counts into m and u probabilities: pure helpers around {@link expectationMaximisation}.
 */
import type { PatternCount } from './em.ts';

/**
 * u for each field: the share of each level among random pairs where both values are present.
 * A level never seen gets half a pair, so that its weight stays finite.
 */
export function uFromRandomPairs(
  patterns: readonly PatternCount[],
  levelCounts: readonly number[],
): number[][] {
  return levelCounts.map((levels, field) => {
    const counts = new Array<number>(levels).fill(0);
    for (const { levels: pattern, count } of patterns) {
      const level = pattern[field] ?? -1;
      if (level >= 0 && level < levels) counts[level] = (counts[level] ?? 0) + count;
    }
    const smoothed = counts.map((c) => Math.max(c, 0.5));
    const total = smoothed.reduce((a, b) => a + b, 0);
    return smoothed.map((c) => c / total);
  });
}

/** Starting m for EM: halving from the most similar level down, e.g. 3 levels → [4/7, 2/7, 1/7]. */
export function initialM(levels: number): number[] {
  const raw = Array.from({ length: levels }, (_, l) => 0.5 ** l);
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / total);
}

/**
 * Averages each field's m over the training sessions in which it was estimated (Splink's way of
 * combining sessions blocked on different fields); a field never estimated keeps `fallback`.
 */
export function averageM(
  sessions: readonly { m: readonly (readonly number[])[]; active: readonly boolean[] }[],
  fallback: readonly (readonly number[])[],
): number[][] {
  return fallback.map((defaults, field) => {
    const estimates = sessions.filter((s) => s.active[field]).map((s) => s.m[field] ?? defaults);
    if (estimates.length === 0) return [...defaults];
    return defaults.map(
      (_, level) => estimates.reduce((sum, m) => sum + (m[level] ?? 0), 0) / estimates.length,
    );
  });
}

/** Keeps a probability away from 0 and 1 so that log2(m / u) stays finite. */
export function clampProbability(p: number, epsilon = 1e-6): number {
  return Math.min(1 - epsilon, Math.max(epsilon, p));
}
