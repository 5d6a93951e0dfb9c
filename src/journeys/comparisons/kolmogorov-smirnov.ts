import { kolmogorovSurvival, smirnovExactSurvival } from './kolmogorov-distribution.ts';

/** A two-sample Kolmogorov–Smirnov test. */
export interface DistributionComparison {
  /** D = sup |F_before(x) − F_after(x)|. */
  statistic: number;
  /** = statistic. */
  effectSize: number;
  pValue: number;
  method: 'exact' | 'asymptotic';
  /** Where the two empirical CDFs are furthest apart. */
  atValue: number;
  /** True when the samples share a value (the asymptotic p-value is then conservative). */
  ties: boolean;
}

/**
 * Two-sample Kolmogorov–Smirnov test of "same distribution" for a continuous measure (time to convert,
 * basket size). The p-value is exact (lattice paths) for samples without ties and m·n ≤ 10 000, as R's
 * ks.test does; otherwise asymptotic, Q_KS(√(m·n/(m + n))·D) (Smirnov 1939).
 */
export function kolmogorovSmirnovTest(
  before: readonly number[],
  after: readonly number[],
  options: { method?: 'auto' | 'exact' | 'asymptotic' } = {},
): DistributionComparison {
  const m = before.length;
  const n = after.length;
  if (m === 0 || n === 0) throw new RangeError('both samples need at least one value');
  if ([...before, ...after].some((v) => Number.isNaN(v))) throw new RangeError('values must be numbers');
  const x = Float64Array.from(before).sort();
  const y = Float64Array.from(after).sort();
  let i = 0;
  let j = 0;
  let largest = 0;
  let atValue = Number.NaN;
  let ties = false;
  while (i < m || j < n) {
    const value = Math.min(
      i < m ? (x[i] as number) : Number.POSITIVE_INFINITY,
      j < n ? (y[j] as number) : Number.POSITIVE_INFINITY,
    );
    const tiedBefore = i < m && x[i] === value;
    const tiedAfter = j < n && y[j] === value;
    let run = 0;
    while (i < m && x[i] === value) {
      i++;
      run++;
    }
    while (j < n && y[j] === value) {
      j++;
      run++;
    }
    if (run > 1 || (tiedBefore && tiedAfter)) ties = true;
    // integer arithmetic: |i·n − j·m| is D·m·n exactly
    const scaled = Math.abs(i * n - j * m);
    if (scaled > largest) {
      largest = scaled;
      atValue = value;
    }
  }
  const statistic = largest / (m * n);
  const method = options.method ?? 'auto';
  const exact = method === 'exact' || (method === 'auto' && !ties && m * n <= 10_000);
  const pValue = exact
    ? smirnovExactSurvival(m, n, largest)
    : kolmogorovSurvival(Math.sqrt((m * n) / (m + n)) * statistic);
  return { statistic, effectSize: statistic, pValue, method: exact ? 'exact' : 'asymptotic', atValue, ties };
}
