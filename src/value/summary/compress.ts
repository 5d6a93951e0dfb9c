import type { RepeatPurchaseRow } from '../models/types.ts';

/**
 * Merges identical (frequency, recency, T) patterns into one weighted row: the fit is the same and
 * much faster on large customer bases (the usual cure for slow or non-converging fits).
 */
export function compressRepeatPurchases(rows: Iterable<RepeatPurchaseRow>): Required<RepeatPurchaseRow>[] {
  const patterns = new Map<string, Required<RepeatPurchaseRow>>();
  for (const row of rows) {
    const key = `${row.frequency}|${row.recency}|${row.T}`;
    const found = patterns.get(key);
    if (found) found.weight += row.weight ?? 1;
    else
      patterns.set(key, {
        frequency: row.frequency,
        recency: row.recency,
        T: row.T,
        weight: row.weight ?? 1,
      });
  }
  return [...patterns.values()];
}
