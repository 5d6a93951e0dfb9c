import { wolfeLineSearch } from './line-search.ts';
import { dot, type MinimiseOptions, type MinimiseResult, maxAbs, type Objective } from './types.ts';

/**
 * Quasi-Newton minimisation (BFGS with the inverse-Hessian update and a strong Wolfe line search).
 * Returns the best point found with `converged` false rather than throwing when it stalls.
 */
export function minimiseBfgs(
  objective: Objective,
  start: readonly number[],
  options: MinimiseOptions = {},
): MinimiseResult {
  const tolerance = options.gradientTolerance ?? 1e-8;
  // Near the optimum, f stops resolving steps before the gradient reaches `tolerance`; accept that.
  const roundingTolerance = Math.max(tolerance * 100, 1e-6);
  const maxIterations = options.maxIterations ?? 500;
  const n = start.length;
  let x = [...start];
  let gradient = new Array<number>(n).fill(0);
  let value = objective(x, gradient);
  let evaluations = 1;
  const result = (iterations: number, converged: boolean, message: string): MinimiseResult => ({
    x,
    value,
    gradient,
    iterations,
    evaluations,
    converged,
    method: 'bfgs',
    message,
  });
  if (!Number.isFinite(value) || gradient.some((g) => !Number.isFinite(g))) {
    return result(0, false, 'objective is not finite at the start');
  }
  let inverseHessian = identity(n);
  let stalls = 0;
  const history: number[] = [];
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (maxAbs(gradient) < tolerance) return result(iteration - 1, true, 'gradient below tolerance');
    let direction = multiply(inverseHessian, gradient).map((v) => -v);
    if (dot(direction, gradient) >= 0) {
      inverseHessian = identity(n);
      direction = gradient.map((g) => -g);
    }
    // The decrease the quadratic model predicts; below rounding of f, no line search can resolve it.
    const predicted = -dot(direction, gradient) / 2;
    if (predicted <= 1e-13 * Math.max(1, Math.abs(value)) && maxAbs(gradient) < roundingTolerance) {
      return result(iteration - 1, true, 'converged to rounding precision');
    }
    const firstStep = iteration === 1 ? Math.min(1, 1 / Math.max(maxAbs(gradient), 1e-12)) : 1;
    const search = wolfeLineSearch(objective, x, value, gradient, direction, firstStep);
    evaluations += search.evaluations;
    if (!search.ok || !(search.value <= value)) {
      if (stalls > 0) {
        const close = maxAbs(gradient) < roundingTolerance;
        return result(
          iteration,
          close,
          close ? 'converged to rounding precision' : 'line search made no progress',
        );
      }
      stalls += 1;
      inverseHessian = identity(n);
      continue;
    }
    const s = search.x.map((xi, i) => xi - (x[i] as number));
    const y = search.gradient.map((gi, i) => gi - (gradient[i] as number));
    const change = value - search.value;
    x = search.x;
    gradient = search.gradient;
    value = search.value;
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (iteration === 1 || stalls > 0) inverseHessian = scaledIdentity(n, sy / dot(y, y));
      inverseHessian = bfgsUpdate(inverseHessian, s, y, sy);
      stalls = 0;
    }
    history.push(value);
    const tenAgo = history.length > 10 ? (history[history.length - 11] as number) : Number.POSITIVE_INFINITY;
    if (tenAgo - value <= 1e-11 * Math.max(1, Math.abs(value))) {
      return result(iteration, true, 'objective flat: parameters may be unidentified');
    }
    if (change <= 1e-15 * Math.max(1, Math.abs(value)) && maxAbs(gradient) < roundingTolerance) {
      return result(iteration, true, 'converged to rounding precision');
    }
  }
  return result(maxIterations, maxAbs(gradient) < tolerance, 'iteration limit reached');
}

function identity(n: number): number[][] {
  return scaledIdentity(n, 1);
}

function scaledIdentity(n: number, scale: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? scale : 0)));
}

function multiply(m: number[][], v: readonly number[]): number[] {
  return m.map((row) => dot(row, v));
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1 / sᵀy. */
function bfgsUpdate(h: number[][], s: number[], y: number[], sy: number): number[][] {
  const rho = 1 / sy;
  const hy = multiply(h, y);
  const yhy = dot(y, hy);
  return h.map((row, i) =>
    row.map(
      (hij, j) =>
        hij -
        rho * ((hy[i] as number) * (s[j] as number) + (s[i] as number) * (hy[j] as number)) +
        (rho * rho * yhy + rho) * (s[i] as number) * (s[j] as number),
    ),
  );
}
