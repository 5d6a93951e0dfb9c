/**
 * The null distributions of the two-sample Kolmogorov–Smirnov statistic.
 * @module
 */

/**
 * Q(λ) = P(K > λ) for the Kolmogorov distribution, Q(λ) = 2·Σ_{k≥1} (−1)^{k−1}·e^{−2k²λ²} (Kolmogorov
 * 1933); for λ < 1 the equivalent theta series 1 − (√(2π)/λ)·Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)} converges faster.
 */
export function kolmogorovSurvival(lambda: number): number {
  if (lambda <= 0) return 1;
  if (lambda < 1) {
    let sum = 0;
    for (let k = 1; k <= 20; k++)
      sum += Math.exp((-((2 * k - 1) ** 2) * Math.PI ** 2) / (8 * lambda * lambda));
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum));
  }
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * Exact P(D ≥ d) for two samples of sizes m and n without ties, with d·m·n = `scaledDistance` (an integer:
 * D is always |i/m − j/n| at some lattice point). Under "no difference" every ordering of the m + n values
 * is equally likely, so the sample path from (0, 0) to (m, n) takes each next step from sample 1 with
 * probability (m − i)/(m + n − i − j); P(D < d) is the chance the path keeps |i·n − j·m| < d·m·n
 * throughout (the lattice-path method of Hodges 1958). O(m·n).
 */
export function smirnovExactSurvival(m: number, n: number, scaledDistance: number): number {
  let row = new Float64Array(n + 1);
  const inside = (i: number, j: number) => Math.abs(i * n - j * m) < scaledDistance;
  row[0] = 1;
  for (let j = 1; j <= n; j++)
    row[j] = inside(0, j) ? (row[j - 1] as number) * ((n - j + 1) / (m + n - j + 1)) : 0;
  for (let i = 1; i <= m; i++) {
    const next = new Float64Array(n + 1);
    for (let j = 0; j <= n; j++) {
      if (!inside(i, j)) continue;
      const remaining = m + n - (i - 1) - j;
      const fromAbove = (row[j] as number) * ((m - i + 1) / remaining);
      const fromLeft = j > 0 ? (next[j - 1] as number) * ((n - j + 1) / (m + n - i - j + 1)) : 0;
      next[j] = fromAbove + fromLeft;
    }
    row = next;
  }
  return Math.min(1, Math.max(0, 1 - (row[n] as number)));
}
