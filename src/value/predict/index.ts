/**
 * Predictions beyond E[Y] and P(alive): the distribution of purchase counts, discounted lifetime value in
 * two stated conventions, customer equity and value tiers, and named RFM segments. Pure functions, no I/O.
 */

export {
  continuousRate,
  type Discounting,
  describeDiscounting,
  monthLength,
} from './discounting.ts';
export {
  type CustomerHistory,
  customerLifetimeValue,
  discountedPurchases,
  type LifetimeValue,
  type LifetimeValueOptions,
} from './lifetime-value.ts';
export { paretoNbdProbabilityOfPurchases } from './pareto-purchase-count.ts';
export {
  bgNbdProbabilityOfPurchases,
  mbgNbdProbabilityOfPurchases,
  probabilityOfPurchases,
} from './purchase-count.ts';
export {
  discountedPurchasesFromExpectation,
  discountedSurvival,
  paretoNbdDiscountedResidualPurchases,
} from './residual-purchases.ts';
export {
  quintileScores,
  type RfmCustomer,
  type RfmScores,
  type RfmSegmentName,
  rfmSegment,
  rfmSegmentLabels,
  rfmSegmentNames,
  rfmSegments,
} from './rfm-segments.ts';
export {
  type CustomerValue,
  customerEquity,
  type ParetoPoint,
  type RankedCustomer,
  type ValueTiers,
  valueTiers,
} from './value-tiers.ts';
