/** An objective to minimise: its value at x, writing ∂f/∂x into `gradient` when given. */
export type Objective = (x: readonly number[], gradient?: number[]) => number;

export interface MinimiseOptions {
  /** Stop when every |∂f/∂xᵢ| is below this. */
  gradientTolerance?: number;
  maxIterations?: number;
}

export interface MinimiseResult {
  x: number[];
  value: number;
  gradient: number[];
  iterations: number;
  evaluations: number;
  converged: boolean;
  method: 'bfgs' | 'nelder-mead';
  message: string;
}

export function maxAbs(values: readonly number[]): number {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v));
  return m;
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
