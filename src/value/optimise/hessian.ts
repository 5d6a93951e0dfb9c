import type { Objective } from './types.ts';

/** Hessian by central differences of the exact gradient, symmetrised. */
export function hessianFromGradient(
  objective: Objective,
  x: readonly number[],
  relativeStep = 1e-5,
): number[][] {
  const n = x.length;
  const columns: number[][] = [];
  for (let j = 0; j < n; j++) {
    const h = relativeStep * Math.max(1, Math.abs(x[j] as number));
    const plus = new Array<number>(n).fill(0);
    const minus = new Array<number>(n).fill(0);
    objective(
      x.map((v, i) => (i === j ? v + h : v)),
      plus,
    );
    objective(
      x.map((v, i) => (i === j ? v - h : v)),
      minus,
    );
    columns.push(plus.map((p, i) => (p - (minus[i] as number)) / (2 * h)));
  }
  return columns.map((col, i) =>
    col.map((_, j) => ((columns[i]?.[j] as number) + (columns[j]?.[i] as number)) / 2),
  );
}

/** Inverse of a symmetric positive-definite matrix by Cholesky, or undefined when it is not one. */
export function invertPositiveDefinite(m: readonly (readonly number[])[]): number[][] | undefined {
  const n = m.length;
  const l: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i]?.[j] as number;
      for (let k = 0; k < j; k++) s -= (l[i]?.[k] as number) * (l[j]?.[k] as number);
      if (i === j) {
        if (!(s > 0)) return undefined;
        (l[i] as number[])[i] = Math.sqrt(s);
      } else {
        (l[i] as number[])[j] = s / (l[j]?.[j] as number);
      }
    }
  }
  // Solve L Lᵀ X = I column by column.
  const inverse: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let c = 0; c < n; c++) {
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= (l[i]?.[k] as number) * (y[k] as number);
      y[i] = s / (l[i]?.[i] as number);
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i] as number;
      for (let k = i + 1; k < n; k++) s -= (l[k]?.[i] as number) * (inverse[k]?.[c] as number);
      (inverse[i] as number[])[c] = s / (l[i]?.[i] as number);
    }
  }
  return inverse;
}
