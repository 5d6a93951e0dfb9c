/**
 * One customer (or, with `weight`, a group of customers sharing the pattern) in a continuous-time
 * repeat-purchase model: `frequency` repeat purchases x, `recency` t_x (time from first to last
 * purchase) and age `T` (time from first purchase to the end of calibration), in one time unit.
 */
export interface RepeatPurchaseRow {
  frequency: number;
  recency: number;
  T: number;
  weight?: number;
}

/** A repeat buyer's spend: `monetaryValue` is the mean of the `frequency` repeat purchases. */
export interface SpendRow {
  frequency: number;
  monetaryValue: number;
  weight?: number;
}

/** A customer with `periods` discrete repeat opportunities, `frequency` of them taken, the last at `recency`. */
export interface DiscreteRow {
  frequency: number;
  recency: number;
  periods: number;
  weight?: number;
}

export type ModelName = 'bg-nbd' | 'mbg-nbd' | 'pareto-nbd' | 'bg-bb' | 'gamma-gamma';

export interface FitOptions<P> {
  /** L2 penalty λ·Σθ² on the natural-scale parameters, added to the mean negative log-likelihood (as lifetimes' `penalizer_coef`). */
  penalizer?: number;
  /** Start points (natural scale) tried in order before the built-in ones. */
  starts?: P[];
  gradientTolerance?: number;
  maxIterations?: number;
}

export interface FitAttempt {
  start: number[];
  method: 'bfgs' | 'nelder-mead';
  objective: number;
  converged: boolean;
  iterations: number;
  message: string;
}

export interface FitDiagnostics {
  converged: boolean;
  method: 'bfgs' | 'nelder-mead';
  iterations: number;
  evaluations: number;
  /** Largest |∂(mean penalised NLL)/∂ ln θ| at the solution. */
  gradientNorm: number;
  message: string;
  /** Whether the Hessian at the solution is positive definite (standard errors are NaN otherwise). */
  hessianPositiveDefinite: boolean;
  /** What an analyst should know about this fit (unidentified parameters, missing standard errors). */
  warnings: string[];
  attempts: FitAttempt[];
}

export interface FittedModel<P> {
  model: ModelName;
  parameters: P;
  standardErrors: P;
  /** Σ weight·ln L at the solution, in the data's own time unit (comparable with the papers). */
  logLikelihood: number;
  /** Σ weight: the number of customers. */
  customers: number;
  penalizer: number;
  diagnostics: FitDiagnostics;
}
