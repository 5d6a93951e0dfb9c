import { solveLinearSystem } from '../maths/linear-system.ts';
import { JOURNEY_CONVERSION, JOURNEY_NULL, JOURNEY_START, type TransitionCounts } from './journey-paths.ts';

/** Where a journey standing in each transient state ends up, on average. */
export interface Absorption {
  /** The transient states: start first, then the channels. */
  states: string[];
  /** P(conversion | in this state). */
  conversion: number[];
  /** E[conversion value | in this state], when values were given. */
  value: number[];
}

/**
 * Absorption in the journey chain, solved exactly: with Q the transitions among transient states and r
 * the one-step conversion probabilities, x = (I − Q)⁻¹·r (Kemeny & Snell 1960, Finite Markov Chains, §3.3).
 * States in `removed` are made to lead nowhere: every transition into them goes to null, i.e. their x is
 * fixed at 0 (the removal effect of Anderl et al. 2016). With `valuePerConversion` (mean conversion value
 * of conversions reached from each state) the same system gives expected value, with r·v on the right.
 */
export function absorption(
  counts: TransitionCounts,
  options: { removed?: ReadonlySet<string>; valuePerConversion?: ReadonlyMap<string, number> } = {},
): Absorption {
  const states = [JOURNEY_START, ...[...counts.keys()].filter((s) => s !== JOURNEY_START)];
  const position = new Map(states.map((s, i) => [s, i]));
  const n = states.length;
  const matrix = states.map((_, i) => states.map((__, j) => (i === j ? 1 : 0)));
  const conversion = new Array<number>(n).fill(0);
  const value = new Array<number>(n).fill(0);
  states.forEach((from, i) => {
    if (options.removed?.has(from)) return;
    const row = counts.get(from);
    if (!row) return;
    let total = 0;
    for (const count of row.values()) total += count;
    for (const [to, count] of row) {
      const p = count / total;
      if (to === JOURNEY_CONVERSION) {
        conversion[i] = p;
        value[i] = p * (options.valuePerConversion?.get(from) ?? 0);
      } else if (to !== JOURNEY_NULL && !options.removed?.has(to)) {
        const j = position.get(to);
        if (j === undefined) throw new RangeError(`state "${to}" has no outgoing transitions`);
        (matrix[i] as number[])[j] = ((matrix[i] as number[])[j] as number) - p;
      }
    }
  });
  const [x, y] = solveLinearSystem(matrix, [conversion, value]);
  return { states, conversion: x as number[], value: y as number[] };
}
