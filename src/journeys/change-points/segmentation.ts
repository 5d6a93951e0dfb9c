import type { SegmentCost } from './costs.ts';
import { type Penalty, penaltyTerms } from './penalties.ts';

/** Options shared by PELT and optimal partitioning. */
export interface ChangePointOptions {
  /** Default BIC. */
  penalty?: Penalty;
  /** The fewest points a segment may hold; default 1, or 2 for the mean-and-variance cost. */
  minimumSegmentLength?: number;
}

/** One stretch of the series between two changes; `end` is exclusive. */
export interface Segment {
  start: number;
  end: number;
  /** Fitted mean, rate or proportion. */
  level: number;
}

/** The best segmentation found and how it was scored. */
export interface Segmentation {
  /** Indices where a new segment starts (ascending; never 0). */
  changePoints: number[];
  segments: Segment[];
  /** Σ [C(segment) + perSegment] + perChange·changes, the minimised objective. */
  objective: number;
  penalty: { perChange: number; description: string };
  /** How many segment costs were evaluated: ~n²/2 without pruning, far fewer with it. */
  costEvaluations: number;
}

/** The validated setting both searches start from. */
export function searchSetting(cost: SegmentCost, options: ChangePointOptions) {
  const terms = penaltyTerms(options.penalty ?? { kind: 'bic' }, cost.length, cost.parametersPerSegment);
  const minimum = options.minimumSegmentLength ?? (cost.model === 'normal-mean-variance' ? 2 : 1);
  if (!Number.isInteger(minimum) || minimum < 1)
    throw new RangeError('minimumSegmentLength must be an integer ≥ 1');
  // a series shorter than the minimum is one segment
  return { terms, minimum: Math.max(1, Math.min(minimum, cost.length)) };
}

/** Reads the change points back from the best last change before each t. */
export function backtrack(
  cost: SegmentCost,
  lastChange: Int32Array,
  best: Float64Array,
  terms: { perChange: number; description: string },
  costEvaluations: number,
): Segmentation {
  const n = cost.length;
  const starts: number[] = [];
  for (let t = n; t > 0; t = lastChange[t] as number) starts.push(lastChange[t] as number);
  starts.reverse();
  const segments = starts.map((start, i) => {
    const end = starts[i + 1] ?? n;
    return { start, end, level: cost.level(start, end) };
  });
  return {
    changePoints: starts.slice(1),
    segments,
    objective: n === 0 ? 0 : (best[n] as number),
    penalty: { perChange: terms.perChange, description: terms.description },
    costEvaluations,
  };
}
