import { chiSquareSurvival } from '../maths/distributions.ts';

/** One bin of a PSI: its shares in each period and its term (q − p)·ln(q/p). */
export interface StabilityBin {
  before: number;
  after: number;
  contribution: number;
}

/** A population stability index with its reading. */
export interface PopulationStability {
  index: number;
  /** = index. */
  effectSize: number;
  /** From index / (1/N + 1/M) ~ χ²(B − 1) under no change (Yurdakul 2018). */
  pValue: number;
  /** < 0.1 stable, 0.1–0.25 moderate, > 0.25 major (the usual rule of thumb, Siddiqi 2006). */
  level: 'stable' | 'moderate' | 'major';
  bins: StabilityBin[];
  epsilon: number;
}

/**
 * Population stability index PSI = Σ (qᵢ − pᵢ)·ln(qᵢ/pᵢ) between the bin shares p (before) and q (after),
 * computed from counts in the same bins. A share of 0 is replaced by `epsilon` (default 1e-4) in that bin's
 * term only, so an empty bin adds a large but finite amount; bins empty in both periods are skipped.
 * The p-value uses the asymptotic result of Yurdakul (2018, "Statistical properties of population stability
 * index", Western Michigan University): under no change, PSI ≈ (1/N + 1/M)·χ²(B − 1), where B counts bins
 * seen in either period; it follows from ln(q/p) ≈ (q − p)/p, which makes PSI the two-sample Pearson χ².
 */
export function populationStabilityIndex(
  before: readonly number[],
  after: readonly number[],
  options: { epsilon?: number } = {},
): PopulationStability {
  const epsilon = options.epsilon ?? 1e-4;
  if (before.length !== after.length) throw new RangeError('both periods need the same bins');
  if ([...before, ...after].some((c) => !(c >= 0))) throw new RangeError('bin counts must be non-negative');
  const n = before.reduce((a, b) => a + b, 0);
  const m = after.reduce((a, b) => a + b, 0);
  if (!(n > 0 && m > 0)) throw new RangeError('each period needs at least one observation');
  const bins: StabilityBin[] = [];
  let index = 0;
  let seen = 0;
  before.forEach((count, i) => {
    const p = count / n;
    const q = (after[i] as number) / m;
    const contribution =
      p === 0 && q === 0 ? 0 : (q - p) * Math.log(Math.max(q, epsilon) / Math.max(p, epsilon));
    if (p > 0 || q > 0) seen++;
    index += contribution;
    bins.push({ before: p, after: q, contribution });
  });
  const pValue = seen > 1 ? chiSquareSurvival(index / (1 / n + 1 / m), seen - 1) : 1;
  const level = index < 0.1 ? 'stable' : index <= 0.25 ? 'moderate' : 'major';
  return { index, effectSize: index, pValue, level, bins, epsilon };
}

/**
 * Counts two samples of a continuous measure (basket size, days to convert) in the bins cut at the
 * baseline's quantiles (deciles by default), ready for `populationStabilityIndex`. Ties at a cut go to the
 * lower bin, so heavily tied baselines give fewer, unequal bins.
 */
export function binByBaselineQuantiles(
  before: readonly number[],
  after: readonly number[],
  binCount = 10,
): { cuts: number[]; before: number[]; after: number[] } {
  if (before.length === 0) throw new RangeError('the baseline is empty');
  const sorted = [...before].sort((a, b) => a - b);
  const cuts: number[] = [];
  for (let k = 1; k < binCount; k++) {
    const cut = sorted[Math.min(sorted.length - 1, Math.floor((k * sorted.length) / binCount))] as number;
    if (cuts.length === 0 || cut > (cuts[cuts.length - 1] as number)) cuts.push(cut);
  }
  const count = (values: readonly number[]) => {
    const counts = new Array<number>(cuts.length + 1).fill(0);
    for (const v of values) {
      let bin = 0;
      while (bin < cuts.length && v > (cuts[bin] as number)) bin++;
      counts[bin] = (counts[bin] as number) + 1;
    }
    return counts;
  };
  return { cuts, before: count(before), after: count(after) };
}
