import { assertSameLength, rankDescending } from './ranking.ts';

export interface TopShareCapture {
  /** How many customers make up the top share: ⌊share · n⌋, at least 1. */
  customers: number;
  /** Their share of all hold-out purchases (NaN when nobody bought in the hold-out). */
  capture: number;
}

/** ⌊share · customers⌋ (pandas `head(int(n * share))`), at least 1 when there is anyone. */
export function topGroupSize(customers: number, share: number): number {
  if (!(share > 0 && share <= 1)) throw new RangeError('share must be in (0, 1]');
  return Math.min(customers, Math.max(1, Math.floor(share * customers + 1e-9)));
}

/**
 * Share of all hold-out purchases made by the `share` (default 10 %) of customers with the highest
 * scores. The top group is `topGroupSize(n, share)` customers; among equal scores,
 * customers earlier in the list come first, so break meaningful ties in the score itself
 * (see `lexicographicScore`).
 * @example topShareCapture([3, 1, 2, 0, 0, 0, 0, 0, 0, 0], [5, 0, 1, 0, 0, 0, 0, 0, 0, 4]) // { customers: 1, capture: 0.5 }
 */
export function topShareCapture(
  scores: readonly number[],
  actual: readonly number[],
  share = 0.1,
): TopShareCapture {
  assertSameLength(scores, actual);
  const customers = topGroupSize(scores.length, share);
  const total = actual.reduce((s, v) => s + v, 0);
  const top = rankDescending(scores)
    .slice(0, customers)
    .reduce((s, i) => s + (actual[i] as number), 0);
  return { customers, capture: total > 0 ? top / total : Number.NaN };
}
