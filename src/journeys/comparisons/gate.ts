/**
 * The materiality gate: with many customers every difference is "significant", so a change is reported
 * only when it is both unlikely under "no change" and large enough to matter.
 * @module
 */

/** What every two-period comparison returns for the gate: an effect size and a p-value or a posterior. */
export interface ChangeEvidence {
  /** Signed or unsigned; the gate compares |effectSize| with the minimum. */
  effectSize: number;
  pValue?: number;
  /** For Bayesian comparisons: the posterior probability of the more probable direction of change. */
  posteriorProbability?: number;
}

/** When a change counts: |effect| ≥ minimumEffect, and p < alpha (or posterior ≥ minimumPosterior). */
export interface MaterialityRule {
  minimumEffect: number;
  /** Default 0.05. */
  alpha?: number;
  /** Default 0.95. */
  minimumPosterior?: number;
}

/** The gate's verdict, with the reason in one code. */
export interface MaterialityVerdict {
  material: boolean;
  significant: boolean;
  largeEnough: boolean;
  reason: 'material' | 'not_significant' | 'too_small' | 'neither';
}

/**
 * Starting thresholds for the effect sizes of this folder, each from a stated convention:
 * PSI 0.1 ("moderate shift", Siddiqi 2006, Credit Risk Scorecards); Cramér's V 0.1 ("small", Cohen 1988 for
 * one degree of freedom); relative change of a conversion rate 10%; KS distance 0.1; total-variation
 * distance between two transition rows 0.1. Teams should set their own.
 */
export const defaultMinimumEffects = {
  populationStabilityIndex: 0.1,
  cramersV: 0.1,
  relativeChange: 0.1,
  kolmogorovSmirnovDistance: 0.1,
  transitionDistance: 0.1,
} as const;

/**
 * Judges whether a change is material on effect size as well as evidence.
 *
 * @example
 * isMaterialChange(chiSquareIndependence(table), { minimumEffect: defaultMinimumEffects.cramersV })
 */
export function isMaterialChange(evidence: ChangeEvidence, rule: MaterialityRule): MaterialityVerdict {
  const alpha = rule.alpha ?? 0.05;
  const minimumPosterior = rule.minimumPosterior ?? 0.95;
  let significant: boolean;
  if (evidence.pValue !== undefined) significant = evidence.pValue < alpha;
  else if (evidence.posteriorProbability !== undefined)
    significant = evidence.posteriorProbability >= minimumPosterior;
  else throw new RangeError('the evidence needs a pValue or a posteriorProbability');
  const largeEnough = Math.abs(evidence.effectSize) >= rule.minimumEffect;
  const material = significant && largeEnough;
  const reason = material
    ? 'material'
    : significant
      ? 'too_small'
      : largeEnough
        ? 'not_significant'
        : 'neither';
  return { material, significant, largeEnough, reason };
}
