/**
 * Customer value: summaries, buy-till-you-die models and their predictions. Pure functions, no I/O.
 *
 * Conventions: times are in the summary's unit (day, week or month); log-likelihoods are Σ weight·ln L in
 * that unit, comparable with the papers (lifetimes rescales time and reports a mean instead); the
 * penalizer adds λ·Σθ² to the mean negative log-likelihood, as lifetimes' `penalizer_coef` does.
 */

export * from './customers/index.ts';
export * from './models/bg-bb.ts';
export * from './models/bg-nbd.ts';
export * from './models/gamma-gamma.ts';
export * from './models/mbg-nbd.ts';
export * from './models/pareto-nbd.ts';
export type * from './models/types.ts';
export * from './predict/index.ts';
export {
  type CustomerForecast,
  type ForecastReport,
  fitPurchaseModel,
  forecastCustomers,
  type PurchaseForecaster,
  type RepeatPurchaseModel,
  repeatPurchaseModels,
} from './repeat-purchase-model.ts';
export { compressRepeatPurchases } from './summary/compress.ts';
export {
  type CalibrationHoldoutSummary,
  type CustomerSummary,
  type SummaryOptions,
  summariseTransactions,
  type Transaction,
} from './summary/customer-summary.ts';
export { dayNumber, daysPerUnit, type TimeUnit } from './summary/time-unit.ts';
export * from './validation/index.ts';
