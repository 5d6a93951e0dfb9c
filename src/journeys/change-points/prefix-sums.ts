/** Running sums that give any segment's sums in O(1); values are centred first so S2 − S1²/n keeps its digits. */
export interface PrefixSums {
  readonly mean: number;
  /** sum[i] = Σ_{j<i} (x_j − mean). */
  readonly sum: Float64Array;
  /** sumSquares[i] = Σ_{j<i} (x_j − mean)². */
  readonly sumSquares: Float64Array;
}

/** Centred prefix sums and sums of squares of a series. */
export function centredPrefixSums(values: readonly number[]): PrefixSums {
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
  const sum = new Float64Array(values.length + 1);
  const sumSquares = new Float64Array(values.length + 1);
  values.forEach((v, i) => {
    const c = v - mean;
    sum[i + 1] = at(sum, i) + c;
    sumSquares[i + 1] = at(sumSquares, i) + c * c;
  });
  return { mean, sum, sumSquares };
}

/** Σ(x − x̄)² over points [start, end). */
export function residualSumOfSquares(sums: PrefixSums, start: number, end: number): number {
  const s = at(sums.sum, end) - at(sums.sum, start);
  return Math.max(0, at(sums.sumSquares, end) - at(sums.sumSquares, start) - (s * s) / (end - start));
}

/** The mean of points [start, end). */
export function segmentMean(sums: PrefixSums, start: number, end: number): number {
  return sums.mean + (at(sums.sum, end) - at(sums.sum, start)) / (end - start);
}

/** Plain prefix sums: sum[i] = Σ_{j<i} x_j. */
export function prefixSums(values: readonly number[]): Float64Array {
  const sum = new Float64Array(values.length + 1);
  values.forEach((v, i) => {
    sum[i + 1] = at(sum, i) + v;
  });
  return sum;
}

/** array[i] under noUncheckedIndexedAccess. */
export function at(array: Float64Array, i: number): number {
  return array[i] as number;
}
