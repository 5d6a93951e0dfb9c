/**
 * How much a change must earn before it is accepted. The objective minimised by PELT and optimal
 * partitioning is Σ_segments [C(segment) + perSegment(length)] + perChange · (number of changes).
 * @module
 */

/** BIC, MBIC, or a penalty per change stated by hand. */
export type Penalty = { kind: 'bic' } | { kind: 'mbic' } | { kind: 'manual'; perChange: number };

/** The penalty as it enters the objective, with a sentence a person can read. */
export interface PenaltyTerms {
  readonly perChange: number;
  /** Added once per segment; 0 except for MBIC. Must satisfy g(a) + g(b) ≤ g(a + b) for exact pruning. */
  perSegment(length: number): number;
  readonly description: string;
}

/**
 * The terms of a penalty for a series of n points with k parameters per segment.
 * - BIC (Schwarz 1978): (k + 1)·ln n per change, counting the k parameters and the change's position.
 * - MBIC (Zhang & Siegmund 2007, Biometrics 63:22–32): (k + 2)·ln n per change plus k·ln(ℓ/n) for each
 *   segment of length ℓ; for k = 1 this is their 3·ln n per change and Σ ln(ℓᵢ/n). Since
 *   ln(a/n) + ln(b/n) ≤ ln((a + b)/n), PELT's pruning stays exact with this term.
 * - manual: the stated amount per change.
 */
export function penaltyTerms(penalty: Penalty, length: number, parametersPerSegment: number): PenaltyTerms {
  const n = Math.max(length, 2);
  const k = parametersPerSegment;
  switch (penalty.kind) {
    case 'bic':
      return {
        perChange: (k + 1) * Math.log(n),
        perSegment: () => 0,
        description: `BIC: ${k + 1}·ln(${length}) per change`,
      };
    case 'mbic':
      return {
        perChange: (k + 2) * Math.log(n),
        perSegment: (size) => k * Math.log(size / n),
        description: `MBIC: ${k + 2}·ln(${length}) per change plus ${k}·ln(length/${length}) per segment`,
      };
    case 'manual':
      if (!(penalty.perChange >= 0)) throw new RangeError('a manual penalty must be a number ≥ 0');
      return {
        perChange: penalty.perChange,
        perSegment: () => 0,
        description: `manual: ${penalty.perChange} per change`,
      };
  }
}
