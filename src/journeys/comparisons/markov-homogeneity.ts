import { absorption } from '../markov/absorbing-chain.ts';
import type { TransitionCounts } from '../markov/journey-paths.ts';
import { chiSquareSurvival } from '../maths/distributions.ts';
import { chiSquareIndependence } from './chi-square.ts';

/** How the steps out of one state changed between the periods. */
export interface StateShift {
  state: string;
  /** False when the state was left in only one period: nothing to compare. */
  testable: boolean;
  /** Pearson X² on the 2 × k table period × next state. */
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
  /** ½·Σ |p_after(next) − p_before(next)|: the share of journeys that would have to step elsewhere. */
  totalVariationDistance: number;
  /** = totalVariationDistance. */
  effectSize: number;
  /** Steps out of the state in each period. */
  journeys: { before: number; after: number };
  /** Next states, largest absolute change of probability first. */
  nextSteps: { to: string; before: number; after: number; difference: number }[];
  /** P(conversion | a journey stands in this state), by the chain of each period. */
  conversionProbability: { before: number; after: number };
}

/** The homogeneity of two periods' journey chains, overall and state by state. */
export interface TransitionHomogeneity {
  /** Σ of the per-state X². */
  statistic: number;
  /** Σ (kᵢ − 1) over testable states. */
  degreesOfFreedom: number;
  pValue: number;
  /** Journey-weighted mean of the per-state total-variation distances. */
  effectSize: number;
  /** Testable states, largest X² first, then the untestable ones. */
  states: StateShift[];
}

/**
 * Tests whether two periods share one first-order chain (Anderson & Goodman 1957, Ann. Math. Stat. 28,
 * §3.3): for each from-state, a χ² test of homogeneity of its next-state counts across the periods, with
 * df = kᵢ − 1 for the kᵢ next states seen in either; the overall statistic sums them, df = Σ(kᵢ − 1). The
 * per-state terms say where in the journey the change happened; each also reports the absorption
 * P(conversion) from that state in both periods. Counts should be per journey, as `countTransitions` gives.
 */
export function compareTransitions(before: TransitionCounts, after: TransitionCounts): TransitionHomogeneity {
  const conversionBefore = conversionByState(before);
  const conversionAfter = conversionByState(after);
  const states = [...new Set([...before.keys(), ...after.keys()])];
  const shifts = states.map((state): StateShift => {
    const rowBefore = before.get(state) ?? new Map<string, number>();
    const rowAfter = after.get(state) ?? new Map<string, number>();
    const next = [...new Set([...rowBefore.keys(), ...rowAfter.keys()])];
    const countsBefore = next.map((to) => rowBefore.get(to) ?? 0);
    const countsAfter = next.map((to) => rowAfter.get(to) ?? 0);
    const totalBefore = countsBefore.reduce((a, b) => a + b, 0);
    const totalAfter = countsAfter.reduce((a, b) => a + b, 0);
    const testable = totalBefore > 0 && totalAfter > 0;
    const test = testable ? chiSquareIndependence([countsBefore, countsAfter]) : null;
    const nextSteps = next
      .map((to, i) => {
        const pBefore = totalBefore > 0 ? (countsBefore[i] as number) / totalBefore : 0;
        const pAfter = totalAfter > 0 ? (countsAfter[i] as number) / totalAfter : 0;
        return { to, before: pBefore, after: pAfter, difference: pAfter - pBefore };
      })
      .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference));
    const distance = testable ? nextSteps.reduce((a, s) => a + Math.abs(s.difference), 0) / 2 : 0;
    return {
      state,
      testable,
      statistic: test?.statistic ?? 0,
      degreesOfFreedom: test?.degreesOfFreedom ?? 0,
      pValue: test?.pValue ?? Number.NaN,
      totalVariationDistance: distance,
      effectSize: distance,
      journeys: { before: totalBefore, after: totalAfter },
      nextSteps,
      conversionProbability: {
        before: conversionBefore.get(state) ?? 0,
        after: conversionAfter.get(state) ?? 0,
      },
    };
  });
  const testable = shifts.filter((s) => s.testable);
  const statistic = testable.reduce((a, s) => a + s.statistic, 0);
  const degreesOfFreedom = testable.reduce((a, s) => a + s.degreesOfFreedom, 0);
  const weight = testable.reduce((a, s) => a + s.journeys.before + s.journeys.after, 0);
  const effectSize =
    weight > 0
      ? testable.reduce((a, s) => a + s.totalVariationDistance * (s.journeys.before + s.journeys.after), 0) /
        weight
      : 0;
  return {
    statistic,
    degreesOfFreedom,
    pValue: degreesOfFreedom > 0 ? chiSquareSurvival(statistic, degreesOfFreedom) : 1,
    effectSize,
    states: [...testable.sort((a, b) => b.statistic - a.statistic), ...shifts.filter((s) => !s.testable)],
  };
}

function conversionByState(counts: TransitionCounts): Map<string, number> {
  if (counts.size === 0) return new Map();
  const result = absorption(counts);
  return new Map(result.states.map((s, i) => [s, result.conversion[i] as number]));
}
