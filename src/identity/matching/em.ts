/**
 * Expectation–maximisation for the Fellegi–Sunter mixture, run on the counts of each
 * comparison pattern (a pattern is one level per field; -1 means a value is missing).
 * The count table is tiny (hundreds of rows), so this stays pure TypeScript.
 */

/** How many pairs showed one combination of levels, e.g. `{ levels: [0, 2], count: 40 }`. */
export interface PatternCount {
  levels: readonly number[];
  count: number;
}

export interface EmInput {
  patterns: readonly PatternCount[];
  /** Per field, P(level | match) for each level; the starting point. */
  m: readonly (readonly number[])[];
  /** Per field, P(level | non-match) for each level. */
  u: readonly (readonly number[])[];
  /** Starting proportion of matches among the pairs. */
  lambda: number;
  /** Fields left out of the likelihood (e.g. those the pairs were blocked on); default all active. */
  active?: readonly boolean[];
  /** Re-estimate u as well (default false: u comes from random sampling and stays fixed). */
  estimateU?: boolean;
  /** Re-estimate m (default true; false estimates only the proportion of matches). */
  estimateM?: boolean;
  maxIterations?: number;
  /** Stop when no parameter moves by more than this. */
  tolerance?: number;
}

export interface EmResult {
  m: number[][];
  u: number[][];
  lambda: number;
  iterations: number;
  converged: boolean;
}

const floor = 1e-9;

/**
 * Fits λ and m (optionally u) by EM.
 *
 * @example
 * expectationMaximisation({ patterns, m: [[0.5, 0.5]], u: [[0.1, 0.9]], lambda: 0.3 })
 */
export function expectationMaximisation(input: EmInput): EmResult {
  const active = input.active ?? input.m.map(() => true);
  const maxIterations = input.maxIterations ?? 100;
  const tolerance = input.tolerance ?? 1e-6;
  let m = input.m.map((levels) => [...levels]);
  let u = input.u.map((levels) => [...levels]);
  let lambda = input.lambda;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const next = maximise(input.patterns, m, u, lambda, active);
    const newM = input.estimateM === false ? m : next.m;
    const newU = input.estimateU ? next.u : u;
    const change = Math.max(Math.abs(next.lambda - lambda), largestChange(m, newM), largestChange(u, newU));
    m = newM;
    u = newU;
    lambda = next.lambda;
    if (change < tolerance) return { m, u, lambda, iterations: iteration, converged: true };
  }
  return { m, u, lambda, iterations: maxIterations, converged: false };
}

/** P(match | pattern) under the current parameters. */
export function matchPosterior(
  levels: readonly number[],
  m: readonly (readonly number[])[],
  u: readonly (readonly number[])[],
  lambda: number,
  active: readonly boolean[] = m.map(() => true),
): number {
  let likelihoodMatch = lambda;
  let likelihoodNonMatch = 1 - lambda;
  levels.forEach((level, field) => {
    if (level < 0 || !active[field]) return;
    likelihoodMatch *= Math.max(m[field]?.[level] ?? 0, floor);
    likelihoodNonMatch *= Math.max(u[field]?.[level] ?? 0, floor);
  });
  return likelihoodMatch / (likelihoodMatch + likelihoodNonMatch);
}

function maximise(
  patterns: readonly PatternCount[],
  m: number[][],
  u: number[][],
  lambda: number,
  active: readonly boolean[],
): { m: number[][]; u: number[][]; lambda: number } {
  const matchMass = m.map((levels) => levels.map(() => 0));
  const nonMatchMass = u.map((levels) => levels.map(() => 0));
  let matches = 0;
  let total = 0;
  for (const { levels, count } of patterns) {
    const posterior = matchPosterior(levels, m, u, lambda, active);
    matches += count * posterior;
    total += count;
    levels.forEach((level, field) => {
      if (level < 0) return;
      const mRow = matchMass[field];
      const uRow = nonMatchMass[field];
      if (mRow && uRow && level < mRow.length) {
        mRow[level] = (mRow[level] ?? 0) + count * posterior;
        uRow[level] = (uRow[level] ?? 0) + count * (1 - posterior);
      }
    });
  }
  return {
    lambda: total > 0 ? matches / total : lambda,
    m: matchMass.map((row, field) => (active[field] ? normalise(row, m[field] ?? row) : (m[field] ?? row))),
    u: nonMatchMass.map((row, field) =>
      active[field] ? normalise(row, u[field] ?? row) : (u[field] ?? row),
    ),
  };
}

/** Scales masses to sum to one; keeps the previous values when there is no mass at all. */
function normalise(masses: number[], previous: number[]): number[] {
  const sum = masses.reduce((a, b) => a + b, 0);
  return sum > 0 ? masses.map((x) => x / sum) : previous;
}

function largestChange(before: number[][], after: number[][]): number {
  let largest = 0;
  before.forEach((row, i) => {
    row.forEach((value, j) => {
      largest = Math.max(largest, Math.abs(value - (after[i]?.[j] ?? value)));
    });
  });
  return largest;
}
