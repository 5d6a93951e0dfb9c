/**
 * Groups records linked by pairs into clusters (connected components), e.g.
 * `clustersOf([[1, 2], [2, 3], [4, 5]])` → `[[1, 2, 3], [4, 5]]`. Records in no pair are left out.
 */
export function clustersOf<T>(pairs: readonly (readonly [T, T])[]): T[][] {
  const parent = new Map<T, T>();
  const root = (x: T): T => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r) as T;
    let node = x;
    while (node !== r) {
      const next = parent.get(node) as T;
      parent.set(node, r);
      node = next;
    }
    return r;
  };
  for (const [a, b] of pairs) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = root(a);
    const rb = root(b);
    if (ra !== rb) parent.set(rb, ra);
  }
  const groups = new Map<T, T[]>();
  for (const x of parent.keys()) {
    const r = root(x);
    groups.set(r, [...(groups.get(r) ?? []), x]);
  }
  return [...groups.values()];
}
