export interface ProbabilityAliveMatrix {
  /** The customers' age T (time since first purchase) at which the grid is evaluated. */
  T: number;
  /** Column headings: frequency 0 … maxFrequency. */
  frequencies: number[];
  /** Row headings: recency 0 … ⌊T⌋. */
  recencies: number[];
  /** values[row][column] = P(alive | x = frequencies[column], t_x = recencies[row], T), lifetimes' orientation. */
  values: number[][];
}

/**
 * P(alive) over a grid of frequency × recency for customers of age T, the heatmap of lifetimes'
 * `plot_probability_alive_matrix` (which takes maxFrequency = max x and T = ⌊max T⌋).
 * @example probabilityAliveMatrix((x, tx, T) => bgNbdProbabilityAlive(params, x, tx, T), 10, 38)
 */
export function probabilityAliveMatrix(
  probabilityAlive: (x: number, tx: number, T: number) => number,
  maxFrequency: number,
  T: number,
): ProbabilityAliveMatrix {
  if (!(maxFrequency >= 0 && T >= 0)) throw new RangeError('maxFrequency and T must be ≥ 0');
  const frequencies = Array.from({ length: Math.floor(maxFrequency) + 1 }, (_, x) => x);
  const recencies = Array.from({ length: Math.floor(T) + 1 }, (_, tx) => tx);
  const values = recencies.map((tx) => frequencies.map((x) => probabilityAlive(x, tx, T)));
  return { T, frequencies, recencies, values };
}
