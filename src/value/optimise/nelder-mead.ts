import type { MinimiseOptions, MinimiseResult, Objective } from './types.ts';

/**
 * Derivative-free simplex search (Nelder & Mead, standard coefficients), the fallback when the
 * quasi-Newton method stalls on a rough or partly non-finite objective.
 */
export function minimiseNelderMead(
  objective: Objective,
  start: readonly number[],
  options: MinimiseOptions & { initialStep?: number; valueTolerance?: number } = {},
): MinimiseResult {
  const n = start.length;
  const maxIterations = options.maxIterations ?? 400 * n;
  const valueTolerance = options.valueTolerance ?? 1e-12;
  const step = options.initialStep ?? 0.5;
  let evaluations = 0;
  const f = (x: number[]): number => {
    evaluations += 1;
    const v = objective(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let simplex = [start.slice(), ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))];
  let values = simplex.map(f);
  let iteration = 0;
  for (; iteration < maxIterations; iteration++) {
    const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
    simplex = order.map((i) => simplex[i] as number[]);
    values = order.map((i) => values[i] as number);
    const best = values[0] as number;
    const worst = values[n] as number;
    if (Math.abs(worst - best) <= valueTolerance * (1 + Math.abs(best))) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + (simplex[i]?.[j] as number) / n;
    const along = (t: number): number[] => centroid.map((c, j) => c + t * (c - (simplex[n]?.[j] as number)));
    const reflected = along(1);
    const fr = f(reflected);
    if (fr < best) {
      const expanded = along(2);
      const fe = f(expanded);
      [simplex[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < (values[n - 1] as number)) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const contracted = fr < worst ? along(0.5) : along(-0.5);
      const fc = f(contracted);
      if (fc < Math.min(fr, worst)) {
        [simplex[n], values[n]] = [contracted, fc];
      } else {
        const first = simplex[0] as number[];
        simplex = simplex.map((p, i) =>
          i === 0 ? p : p.map((v, j) => (first[j] as number) + 0.5 * (v - (first[j] as number))),
        );
        values = simplex.map((p, i) => (i === 0 ? best : f(p)));
      }
    }
  }
  const bestIndex = values.indexOf(Math.min(...values));
  const x = simplex[bestIndex] as number[];
  const gradient = new Array<number>(n).fill(0);
  const value = objective(x, gradient);
  return {
    x,
    value,
    gradient,
    iterations: iteration,
    evaluations: evaluations + 1,
    converged: iteration < maxIterations && Number.isFinite(value),
    method: 'nelder-mead',
    message: iteration < maxIterations ? 'simplex collapsed' : 'iteration limit reached',
  };
}
