/**
 * The noise variance of a series that may hold level shifts: σ̂ = 1.4826·MAD(Δx)/√2, since first
 * differences of N(μ, σ²) noise have variance 2σ² and a few shifts barely move their median. Falls back to
 * the sample variance, then to 1, when that estimate is 0 (e.g. a mostly flat series).
 */
export function estimateNoiseVariance(values: readonly number[]): number {
  const differences = values.slice(1).map((v, i) => v - (values[i] as number));
  const centre = median(differences);
  const sigma = (1.4826 * median(differences.map((d) => Math.abs(d - centre)))) / Math.SQRT2;
  if (sigma > 0) return sigma * sigma;
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(n, 1);
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(n - 1, 1);
  return variance > 0 ? variance : 1;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
