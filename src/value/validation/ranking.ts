/** Throws unless every column has as many entries as the first. */
export function assertSameLength(...columns: readonly (readonly unknown[])[]): void {
  const n = columns[0]?.length ?? 0;
  if (columns.some((c) => c.length !== n)) throw new RangeError('every column needs one entry per customer');
}

/** Ranks 1…n from the lowest value up; tied values share the mean of their ranks (scipy's `rankdata`). */
export function averageRanks(values: readonly number[]): number[] {
  const order = [...values.keys()].sort((i, j) => (values[i] as number) - (values[j] as number));
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1] as number] === values[order[start] as number])
      end += 1;
    for (let k = start; k <= end; k++) ranks[order[k] as number] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return ranks;
}

function pearsonCorrelation(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const meanX = x.reduce((s, v) => s + v, 0) / n;
  const meanY = y.reduce((s, v) => s + v, 0) / n;
  let xy = 0;
  let xx = 0;
  let yy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - meanX;
    const dy = (y[i] as number) - meanY;
    xy += dx * dy;
    xx += dx * dx;
    yy += dy * dy;
  }
  return xx > 0 && yy > 0 ? xy / Math.sqrt(xx * yy) : Number.NaN;
}

/**
 * Spearman's rank correlation: the Pearson correlation of the average ranks, as scipy's `spearmanr`.
 * NaN when either side is constant or there are fewer than two customers.
 * @example spearmanCorrelation([1, 2, 2, 3], [1, 3, 2, 4]) // 0.9486…
 */
export function spearmanCorrelation(x: readonly number[], y: readonly number[]): number {
  assertSameLength(x, y);
  if (x.length < 2) return Number.NaN;
  return pearsonCorrelation(averageRanks(x), averageRanks(y));
}

/** Customer indices from the highest score to the lowest; equal scores keep the customers' order. */
export function rankDescending(scores: readonly number[]): number[] {
  return [...scores.keys()].sort((i, j) => (scores[j] as number) - (scores[i] as number) || i - j);
}

/**
 * One score per customer that orders by the first key, then the next on ties (dense ranks from 1):
 * turns "frequency, then recency" into a single ranking for `spearmanCorrelation` and `topShareCapture`.
 * @example lexicographicScore([2, 2, 0], [5, 3, 0]) // [3, 2, 1]
 */
export function lexicographicScore(...keys: readonly (readonly number[])[]): number[] {
  assertSameLength(...keys);
  const n = keys[0]?.length ?? 0;
  const compare = (i: number, j: number) => {
    for (const key of keys) {
      const d = (key[i] as number) - (key[j] as number);
      if (d !== 0) return d;
    }
    return 0;
  };
  const order = [...Array(n).keys()].sort(compare);
  const score = new Array<number>(n);
  let rank = 0;
  order.forEach((customer, k) => {
    if (k === 0 || compare(order[k - 1] as number, customer) !== 0) rank += 1;
    score[customer] = rank;
  });
  return score;
}
