import { logSumExp } from '../maths/log-space.ts';

/** One run length with its log posterior and the statistics of its run. */
export interface RunLength<Statistics> {
  runLength: number;
  logProbability: number;
  statistics: Statistics;
}

/**
 * Normalises the run-length posterior by the evidence (in place), drops run lengths below the floor and keeps
 * the `cap` most probable, shortest first, renormalising what is left.
 */
export function truncateRunLengths<S>(
  runs: RunLength<S>[],
  evidence: number,
  logFloor: number,
  cap: number,
): RunLength<S>[] {
  let kept: RunLength<S>[] = [];
  for (const run of runs) {
    run.logProbability -= evidence;
    if (run.logProbability >= logFloor) kept.push(run);
  }
  if (kept.length === 0) kept = [runs.reduce((a, b) => (b.logProbability > a.logProbability ? b : a))];
  if (kept.length > cap)
    kept = kept
      .sort((a, b) => b.logProbability - a.logProbability)
      .slice(0, cap)
      .sort((a, b) => a.runLength - b.runLength);
  else if (kept.length === runs.length) return kept;
  const total = logSumExp(kept.map((r) => r.logProbability));
  for (const run of kept) run.logProbability -= total;
  return kept;
}
