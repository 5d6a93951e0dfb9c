import type { SegmentCost } from './costs.ts';
import { backtrack, type ChangePointOptions, type Segmentation, searchSetting } from './segmentation.ts';

/**
 * Exact optimal segmentation by PELT (Killick, Fearnhead & Eckley 2012, JASA 107:1590–1598, algorithm 2):
 * F(t) = min_s F(s) + C(s..t) + g(t − s) + β, F(0) = −β, where a candidate s is dropped for good once
 * F(s) + C(s..t) + g(t − s) > F(t). With a minimum segment length m the drop takes effect only from
 * t + m on, the first point from which t itself may serve as the last change, so the answer stays that
 * of optimal partitioning. Expected cost O(n) when changes keep arriving as the series grows.
 *
 * @example
 * pelt(poissonCost(dailyOrders), { penalty: { kind: 'mbic' } }).changePoints // [41, 97]
 */
export function pelt(cost: SegmentCost, options: ChangePointOptions = {}): Segmentation {
  const { terms, minimum } = searchSetting(cost, options);
  const n = cost.length;
  const best = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
  const lastChange = new Int32Array(n + 1);
  best[0] = -terms.perChange;
  let candidates: number[] = [0];
  let expiries: number[] = [Number.POSITIVE_INFINITY];
  let evaluations = 0;
  const scores: number[] = [];
  for (let t = minimum; t <= n; t++) {
    let bestValue = Number.POSITIVE_INFINITY;
    let bestStart = 0;
    scores.length = 0;
    for (const s of candidates) {
      if (t - s < minimum) {
        scores.push(Number.NaN);
        continue;
      }
      const score = (best[s] as number) + cost.cost(s, t) + terms.perSegment(t - s);
      evaluations++;
      scores.push(score);
      if (score + terms.perChange < bestValue) {
        bestValue = score + terms.perChange;
        bestStart = s;
      }
    }
    best[t] = bestValue;
    lastChange[t] = bestStart;
    const keptCandidates: number[] = [];
    const keptExpiries: number[] = [];
    candidates.forEach((s, i) => {
      let expiry = expiries[i] as number;
      if (expiry <= t + 1) return;
      if ((scores[i] as number) > bestValue) expiry = Math.min(expiry, t + minimum);
      if (expiry <= t + 1) return;
      keptCandidates.push(s);
      keptExpiries.push(expiry);
    });
    if (Number.isFinite(bestValue)) {
      keptCandidates.push(t);
      keptExpiries.push(Number.POSITIVE_INFINITY);
    }
    candidates = keptCandidates;
    expiries = keptExpiries;
  }
  return backtrack(cost, lastChange, best, terms, evaluations);
}
