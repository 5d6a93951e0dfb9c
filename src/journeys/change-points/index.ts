/**
 * When did behaviour shift? Offline exact segmentation (PELT, with optimal partitioning as its reference)
 * and online detection (Bayesian online change-point detection) for daily or weekly series.
 * @module
 */

export type { ChangeDetector, ChangeDetectorOptions, DetectorState, RunLength } from './bocpd.ts';
export { createChangeDetector, detectChangesOnline } from './bocpd.ts';
export type { ConjugateModel, NormalGamma, PoissonGamma } from './conjugate-models.ts';
export {
  normalGammaModel,
  normalGammaPriorFrom,
  poissonGammaModel,
  poissonGammaPriorFrom,
} from './conjugate-models.ts';
export type { SegmentCost } from './costs.ts';
export { binomialCost, normalMeanCost, normalMeanVarianceCost, poissonCost } from './costs.ts';
export { estimateNoiseVariance } from './noise-variance.ts';
export { optimalPartitioning } from './optimal-partitioning.ts';
export { pelt } from './pelt.ts';
export type { Penalty, PenaltyTerms } from './penalties.ts';
export { penaltyTerms } from './penalties.ts';
export type { ChangePointOptions, Segment, Segmentation } from './segmentation.ts';
