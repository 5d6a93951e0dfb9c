/** A customer and their value (a CLV, or any non-negative amount). */
export interface CustomerValue {
  customerId: string;
  value: number;
}

export interface RankedCustomer extends CustomerValue {
  /** 1 = most valuable; tied customers share the best rank of their group (1, 2, 2, 4). */
  rank: number;
  /** 1 = most valuable tenth: ⌊10 · (rank − 1) / customers⌋ + 1 (share ranked above); ties share it. */
  decile: number;
}

/** A point of the Pareto curve: the top `customerShare` of customers hold `valueShare` of the value. */
export interface ParetoPoint {
  customerShare: number;
  valueShare: number;
}

export interface ValueTiers {
  /** Customer equity: the sum of the values. */
  equity: number;
  /** Most valuable first. */
  customers: RankedCustomer[];
  /** Share of the equity held by the top 1 % and top 10 % of customers (interpolated, see `paretoCurve`). */
  topOnePercentShare: number;
  topTenPercentShare: number;
  /**
   * `points + 1` points C(p) from (0, 0) to (1, 1), flat at 0 when the equity is 0. Ranked from the top;
   * the Lorenz curve is L(p) = 1 − C(1 − p).
   */
  paretoCurve: ParetoPoint[];
}

function checkValues(values: readonly number[]): void {
  values.forEach((v, i) => {
    if (!(Number.isFinite(v) && v >= 0))
      throw new RangeError(`customer ${i}: value must be finite and ≥ 0, got ${v}`);
  });
}

/** Customer equity: Σ CLV over the customer base. */
export function customerEquity(values: readonly number[]): number {
  checkValues(values);
  return values.reduce((sum, v) => sum + v, 0);
}

/**
 * C(p), the share of the equity held by the top fraction p of customers, linear between whole customers
 * (the top 1 % of 10 customers holds a tenth of the best one's value). 0 when the equity is 0.
 */
function topShare(sortedDescending: readonly number[], cumulative: readonly number[], p: number): number {
  const n = sortedDescending.length;
  const equity = cumulative[n] ?? 0;
  if (n === 0 || equity === 0) return 0;
  const position = Math.min(Math.max(p, 0), 1) * n;
  const whole = Math.floor(position);
  const partial = whole < n ? (position - whole) * (sortedDescending[whole] as number) : 0;
  return ((cumulative[whole] as number) + partial) / equity;
}

/**
 * Ranks customers by value and describes how concentrated the value is: deciles (1 = most valuable),
 * the top 1 % and top 10 % shares and the Pareto curve.
 * @example valueTiers(clvs.map((c) => ({ customerId: c.id, value: c.value }))).topTenPercentShare
 */
export function valueTiers(customers: readonly CustomerValue[], points = 100): ValueTiers {
  checkValues(customers.map((c) => c.value));
  if (!(Number.isInteger(points) && points >= 1))
    throw new RangeError(`the Pareto curve needs a whole number of points ≥ 1, got ${points}`);
  const sorted = [...customers].sort((a, b) => b.value - a.value);
  const n = sorted.length;
  const values = sorted.map((c) => c.value);
  const cumulative = [0];
  for (const v of values) cumulative.push((cumulative[cumulative.length - 1] as number) + v);
  const ranked: RankedCustomer[] = [];
  sorted.forEach((c, i) => {
    const previous = ranked[i - 1];
    const rank = previous && previous.value === c.value ? previous.rank : i + 1;
    ranked.push({
      customerId: c.customerId,
      value: c.value,
      rank,
      decile: Math.floor((10 * (rank - 1)) / n) + 1,
    });
  });
  return {
    equity: cumulative[n] as number,
    customers: ranked,
    topOnePercentShare: topShare(values, cumulative, 0.01),
    topTenPercentShare: topShare(values, cumulative, 0.1),
    paretoCurve: Array.from({ length: points + 1 }, (_, k) => ({
      customerShare: k / points,
      valueShare: topShare(values, cumulative, k / points),
    })),
  };
}
