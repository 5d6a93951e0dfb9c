/**
 * Did behaviour change between two periods, where, and does it matter? Each comparison returns an effect
 * size and a p-value or posterior; `isMaterialChange` gates on both.
 * @module
 */
export { type BayesianRateComparison, compareConversionRates } from './beta-binomial.ts';
export { type BetaPosterior, differenceCdf, probabilityGreaterExact } from './beta-difference.ts';
export { type ContingencyTest, chiSquareIndependence } from './chi-square.ts';
export {
  type ChangeEvidence,
  defaultMinimumEffects,
  isMaterialChange,
  type MaterialityRule,
  type MaterialityVerdict,
} from './gate.ts';
export { kolmogorovSurvival, smirnovExactSurvival } from './kolmogorov-distribution.ts';
export { type DistributionComparison, kolmogorovSmirnovTest } from './kolmogorov-smirnov.ts';
export { compareTransitions, type StateShift, type TransitionHomogeneity } from './markov-homogeneity.ts';
export { type ConversionCount, type ProportionComparison, twoProportionTest } from './proportions.ts';
export {
  binByBaselineQuantiles,
  type PopulationStability,
  populationStabilityIndex,
  type StabilityBin,
} from './psi.ts';
