/** Pairwise precision, recall and F1 of predicted pairs against the true entity of each record. */
export interface PairwiseScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Scores predicted pairs of record ids: a pair is right when both records have the same
 * entity. The true pairs are every pair of records sharing an entity.
 *
 * @example pairwiseScore([['a1', 'a2']], new Map([['a1', 'A'], ['a2', 'A'], ['b1', 'B']]))
 */
export function pairwiseScore(
  predicted: readonly (readonly [string, string])[],
  entityOf: ReadonlyMap<string, string>,
): PairwiseScore {
  const seen = new Set<string>();
  let truePositives = 0;
  let falsePositives = 0;
  for (const [a, b] of predicted) {
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    if (a === b || seen.has(key)) continue;
    seen.add(key);
    const entity = entityOf.get(a);
    if (entity !== undefined && entity === entityOf.get(b)) truePositives++;
    else falsePositives++;
  }
  const sizes = new Map<string, number>();
  for (const entity of entityOf.values()) sizes.set(entity, (sizes.get(entity) ?? 0) + 1);
  let truePairs = 0;
  for (const n of sizes.values()) truePairs += (n * (n - 1)) / 2;
  const falseNegatives = truePairs - truePositives;
  const precision = truePositives + falsePositives > 0 ? truePositives / (truePositives + falsePositives) : 1;
  const recall = truePairs > 0 ? truePositives / truePairs : 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { truePositives, falsePositives, falseNegatives, precision, recall, f1 };
}
