import type { SegmentCost } from './costs.ts';
import { backtrack, type ChangePointOptions, type Segmentation, searchSetting } from './segmentation.ts';

/**
 * Optimal partitioning (Jackson et al. 2005, IEEE SPL 12:105–108): the same recursion as PELT,
 * F(t) = min_s F(s) + C(s..t) + g(t − s) + β, over every earlier s, with no pruning. O(n²); the reference
 * PELT is tested against, and fine on its own for a few hundred points.
 */
export function optimalPartitioning(cost: SegmentCost, options: ChangePointOptions = {}): Segmentation {
  const { terms, minimum } = searchSetting(cost, options);
  const n = cost.length;
  const best = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
  const lastChange = new Int32Array(n + 1);
  best[0] = -terms.perChange;
  let evaluations = 0;
  for (let t = minimum; t <= n; t++) {
    for (let s = 0; s <= t - minimum; s++) {
      if (!Number.isFinite(best[s] as number)) continue;
      const value = (best[s] as number) + cost.cost(s, t) + terms.perSegment(t - s) + terms.perChange;
      evaluations++;
      if (value < (best[t] as number)) {
        best[t] = value;
        lastChange[t] = s;
      }
    }
  }
  return backtrack(cost, lastChange, best, terms, evaluations);
}
