import { digamma, logBeta } from '../special/log-gamma.ts';
import type { RepeatPurchaseRow } from './types.ts';

export interface RepeatPurchaseColumns {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  w: Float64Array;
  totalWeight: number;
  /** Weighted mean of T: the data's time scale, used to place start points (so fits are unit-free). */
  meanT: number;
}

/**
 * Validates rows and lays them out as columns, merging identical (x, t_x, T) patterns into one
 * weighted row: the likelihood is the same and a large customer base shrinks to a few thousand rows.
 */
export function repeatPurchaseColumns(rows: readonly RepeatPurchaseRow[]): RepeatPurchaseColumns {
  const patterns = new Map<string, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const w: number[] = [];
  let totalWeight = 0;
  let sumT = 0;
  rows.forEach((row, i) => {
    const weight = row.weight ?? 1;
    if (!(row.frequency >= 0 && row.recency >= 0 && row.T >= row.recency && weight >= 0)) {
      throw new RangeError(`row ${i}: need frequency ≥ 0, 0 ≤ recency ≤ T and weight ≥ 0`);
    }
    totalWeight += weight;
    sumT += weight * row.T;
    const key = `${row.frequency}|${row.recency}|${row.T}`;
    const at = patterns.get(key);
    if (at !== undefined) {
      w[at] = (w[at] as number) + weight;
      return;
    }
    patterns.set(key, w.length);
    x.push(row.frequency);
    tx.push(row.recency);
    T.push(row.T);
    w.push(weight);
  });
  return {
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    w: Float64Array.from(w),
    totalWeight,
    meanT: totalWeight > 0 ? sumT / totalWeight : 1,
  };
}

/** ln[B(a + da, b + db) / B(a, b)] and its partial derivatives in a and b. */
export function logBetaRatio(
  a: number,
  b: number,
  da: number,
  db: number,
): { value: number; dA: number; dB: number } {
  const psiSum = digamma(a + b) - digamma(a + b + da + db);
  return {
    value: logBeta(a + da, b + db) - logBeta(a, b),
    dA: digamma(a + da) - digamma(a) + psiSum,
    dB: digamma(b + db) - digamma(b) + psiSum,
  };
}
