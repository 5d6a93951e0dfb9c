/** Throws a RangeError unless t is a finite time ≥ 0 and n a whole number of purchases ≥ 0. */
export function checkPurchaseCount(t: number, n: number): void {
  if (!(Number.isFinite(t) && t >= 0)) throw new RangeError(`period length must be finite and ≥ 0, got ${t}`);
  if (!(Number.isInteger(n) && n >= 0))
    throw new RangeError(`number of purchases must be a whole number ≥ 0, got ${n}`);
}

/** Throws a RangeError unless (x, t_x, T) is a possible history: x whole ≥ 0 and 0 ≤ t_x ≤ T. */
export function checkHistory(frequency: number, recency: number, T: number): void {
  if (!(Number.isInteger(frequency) && frequency >= 0))
    throw new RangeError(`frequency must be a whole number ≥ 0, got ${frequency}`);
  if (!(recency >= 0 && Number.isFinite(T) && recency <= T))
    throw new RangeError(`recency and T must satisfy 0 ≤ recency ≤ T, got ${recency} and ${T}`);
}
