/**
 * Hold-out validation of purchase forecasts: error, ranking quality, calibration versus hold-out,
 * P(alive) grid and tracking curve. Pure functions on plain data, no I/O.
 */
export { type AggregateForecastError, aggregateForecastError, meanAbsoluteError } from './forecast-error.ts';
export { type FrequencyGroup, holdoutByFrequency } from './frequency-groups.ts';
export { newCustomerExpectation } from './new-customer.ts';
export { type ProbabilityAliveMatrix, probabilityAliveMatrix } from './probability-alive-matrix.ts';
export { averageRanks, lexicographicScore, rankDescending, spearmanCorrelation } from './ranking.ts';
export { type TopShareCapture, topGroupSize, topShareCapture } from './top-share.ts';
export {
  type PurchaseDay,
  type RepeatPurchasesOnDay,
  repeatPurchasesByDay,
  type TrackingOptions,
  type TrackingPoint,
  trackingCurve,
  trackingCurveFromCounts,
} from './tracking.ts';
export {
  type ForecastModel,
  type RankingQuality,
  type ValidationOptions,
  type ValidationReport,
  validateForecast,
} from './validate-forecast.ts';
