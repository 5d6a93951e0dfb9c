import { minimiseBfgs } from '../optimise/bfgs.ts';
import { hessianFromGradient, invertPositiveDefinite } from '../optimise/hessian.ts';
import { minimiseNelderMead } from '../optimise/nelder-mead.ts';
import type { MinimiseResult, Objective } from '../optimise/types.ts';
import type { FitAttempt, FitOptions, FittedModel, ModelName } from './types.ts';

/** Σ weight·ln L at natural parameters θ, adding ∂/∂θ into `gradient` when given. */
export type LogLikelihood = (theta: readonly number[], gradient?: number[]) => number;

export interface LikelihoodProblem<K extends string> {
  model: ModelName;
  names: readonly K[];
  logLikelihood: LogLikelihood;
  totalWeight: number;
  /** Built-in natural-scale start points, tried after the caller's own. */
  starts: number[][];
  /** Natural size of each parameter (the data's time or money scale for rate parameters, else 1). */
  scales?: number[];
}

/** Parameters are kept within scale × [1e−6, 1e6]: beyond, the data cannot tell values apart anyway. */
const logBound = Math.log(1e6);

/**
 * Maximum likelihood on log-parameters: BFGS from each start until one converges, then Nelder-Mead
 * (polished by BFGS) if none did; the best point wins. Standard errors come from the Hessian.
 */
export function fitMaximumLikelihood<K extends string>(
  problem: LikelihoodProblem<K>,
  options: FitOptions<Record<K, number>> = {},
): FittedModel<Record<K, number>> {
  const penalizer = options.penalizer ?? 0;
  const { names, logLikelihood, totalWeight } = problem;
  if (!(totalWeight > 0)) throw new RangeError(`${problem.model}: no customers to fit`);
  const logScales = names.map((_, i) => Math.log(problem.scales?.[i] ?? 1));
  const outside = (u: readonly number[]) =>
    u.some((ui, i) => Math.abs(ui - (logScales[i] as number)) > logBound);
  const objective: Objective = (u, gradient) => {
    if (outside(u)) return Number.POSITIVE_INFINITY;
    const theta = u.map(Math.exp);
    const g = gradient ? new Array<number>(u.length).fill(0) : undefined;
    const ll = logLikelihood(theta, g);
    let value = -ll / totalWeight;
    for (let i = 0; i < u.length; i++) {
      const t = theta[i] as number;
      value += penalizer * t * t;
      if (gradient && g) gradient[i] = t * (-(g[i] as number) / totalWeight + 2 * penalizer * t);
    }
    return value;
  };
  const starts = [...(options.starts ?? []).map((s) => names.map((k) => s[k])), ...problem.starts];
  const minimiseOptions = {
    gradientTolerance: options.gradientTolerance ?? 1e-8,
    maxIterations: options.maxIterations ?? 1000,
  };
  const attempts: FitAttempt[] = [];
  const record = (start: number[], r: MinimiseResult): MinimiseResult => {
    attempts.push({
      start,
      method: r.method,
      objective: r.value,
      converged: r.converged,
      iterations: r.iterations,
      message: r.message,
    });
    return r;
  };
  let best: MinimiseResult | undefined;
  const consider = (r: MinimiseResult): void => {
    if (
      Number.isFinite(r.value) &&
      (!best || r.value < best.value || (r.converged && !best.converged && r.value <= best.value + 1e-12))
    )
      best = r;
  };
  for (const start of starts) {
    const r = record(start, minimiseBfgs(objective, start.map(Math.log), minimiseOptions));
    consider(r);
    if (r.converged) break;
  }
  if (!best?.converged) {
    const from = best?.x ?? (starts[0] ?? names.map(() => 1)).map(Math.log);
    const simplex = record(from.map(Math.exp), minimiseNelderMead(objective, from, { maxIterations: 2000 }));
    consider(simplex);
    consider(record(simplex.x.map(Math.exp), minimiseBfgs(objective, simplex.x, minimiseOptions)));
  }
  if (!best) throw new RangeError(`${problem.model}: the likelihood is not finite at any start point`);
  const solution = best.x;
  const warnings = names.flatMap((name, i) =>
    Math.abs((solution[i] as number) - (logScales[i] as number)) > logBound - 0.1
      ? [`${name} is at the edge of its range: the data do not identify it (try a penalizer)`]
      : [],
  );
  return summarise(problem, objective, best, attempts, penalizer, warnings);
}

function summarise<K extends string>(
  problem: LikelihoodProblem<K>,
  objective: Objective,
  best: MinimiseResult,
  attempts: FitAttempt[],
  penalizer: number,
  warnings: string[],
): FittedModel<Record<K, number>> {
  const theta = best.x.map(Math.exp);
  const hessian = hessianFromGradient(objective, best.x).map((row) =>
    row.map((h) => h * problem.totalWeight),
  );
  const covariance = invertPositiveDefinite(hessian);
  const parameters = {} as Record<K, number>;
  const standardErrors = {} as Record<K, number>;
  problem.names.forEach((name, i) => {
    const t = theta[i] as number;
    parameters[name] = t;
    // Delta method from ln θ to θ (exact at a stationary point).
    standardErrors[name] = covariance ? t * Math.sqrt(covariance[i]?.[i] as number) : Number.NaN;
  });
  const gradientNorm = Math.max(0, ...best.gradient.map(Math.abs));
  return {
    model: problem.model,
    parameters,
    standardErrors,
    logLikelihood: problem.logLikelihood(theta),
    customers: problem.totalWeight,
    penalizer,
    diagnostics: {
      converged: best.converged,
      method: best.method,
      iterations: attempts.reduce((s, a) => s + a.iterations, 0),
      evaluations: best.evaluations,
      gradientNorm,
      message: best.message,
      hessianPositiveDefinite: covariance !== undefined,
      warnings: covariance
        ? warnings
        : [...warnings, 'the Hessian is not positive definite: standard errors are unavailable'],
      attempts,
    },
  };
}
