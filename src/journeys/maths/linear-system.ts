/**
 * Solves A·x = b for a square matrix by Gaussian elimination with partial pivoting (Golub & Van Loan,
 * Matrix Computations, algorithm 3.4.1). Several right-hand sides share one elimination.
 *
 * @param matrix n rows of n numbers; not modified.
 * @param rightHandSides k columns, each of n numbers; not modified.
 * @returns the k solution columns.
 * @throws RangeError when the matrix is singular (a pivot below 1e-14 times the largest entry).
 */
export function solveLinearSystem(
  matrix: readonly (readonly number[])[],
  rightHandSides: readonly (readonly number[])[],
): number[][] {
  const n = matrix.length;
  const k = rightHandSides.length;
  const a = matrix.map((row) => Float64Array.from(row));
  const b = rightHandSides.map((column) => Float64Array.from(column));
  let scale = 0;
  for (const row of a) for (const v of row) scale = Math.max(scale, Math.abs(v));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(at(a, r, col)) > Math.abs(at(a, pivot, col))) pivot = r;
    if (!(Math.abs(at(a, pivot, col)) > 1e-14 * scale)) throw new RangeError('the linear system is singular');
    swap(a, col, pivot);
    for (const column of b) swapEntries(column, col, pivot);
    const pivotRow = a[col] as Float64Array;
    for (let r = col + 1; r < n; r++) {
      const row = a[r] as Float64Array;
      const factor = (row[col] as number) / (pivotRow[col] as number);
      if (factor === 0) continue;
      for (let c = col; c < n; c++) row[c] = (row[c] as number) - factor * (pivotRow[c] as number);
      for (const column of b) column[r] = (column[r] as number) - factor * (column[col] as number);
    }
  }
  const solutions: number[][] = [];
  for (let j = 0; j < k; j++) {
    const column = b[j] as Float64Array;
    const x = new Array<number>(n).fill(0);
    for (let r = n - 1; r >= 0; r--) {
      const row = a[r] as Float64Array;
      let sum = column[r] as number;
      for (let c = r + 1; c < n; c++) sum -= (row[c] as number) * (x[c] as number);
      x[r] = sum / (row[r] as number);
    }
    solutions.push(x);
  }
  return solutions;
}

function at(a: Float64Array[], r: number, c: number): number {
  return (a[r] as Float64Array)[c] as number;
}

function swap<T>(rows: T[], i: number, j: number): void {
  if (i === j) return;
  const t = rows[i] as T;
  rows[i] = rows[j] as T;
  rows[j] = t;
}

function swapEntries(column: Float64Array, i: number, j: number): void {
  if (i === j) return;
  const t = column[i] as number;
  column[i] = column[j] as number;
  column[j] = t;
}
