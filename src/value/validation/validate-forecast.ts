import type { FittedModel } from '../models/types.ts';
import type { CalibrationHoldoutSummary, SummaryOptions } from '../summary/customer-summary.ts';
import { dayNumber, daysPerUnit, type TimeUnit } from '../summary/time-unit.ts';
import { aggregateForecastError, meanAbsoluteError } from './forecast-error.ts';
import { type FrequencyGroup, holdoutByFrequency } from './frequency-groups.ts';
import { newCustomerExpectation } from './new-customer.ts';
import { type ProbabilityAliveMatrix, probabilityAliveMatrix } from './probability-alive-matrix.ts';
import { lexicographicScore, spearmanCorrelation } from './ranking.ts';
import { topGroupSize, topShareCapture } from './top-share.ts';
import {
  type PurchaseDay,
  type RepeatPurchasesOnDay,
  repeatPurchasesByDay,
  type TrackingPoint,
  trackingCurveFromCounts,
} from './tracking.ts';

/** What the report needs from a fitted model; a `PurchaseForecaster` has it all. */
export interface ForecastModel {
  expectedPurchases(x: number, tx: number, T: number, horizon: number): number;
  probabilityAlive(x: number, tx: number, T: number): number;
  /** When present (and BG/NBD, MBG/NBD or Pareto/NBD), gives E[X(t)] for the tracking curve. */
  fit?: FittedModel<object>;
}

/** The calendar the summaries were built with, plus what the tracking curve and rankings need. */
export interface ValidationOptions extends SummaryOptions {
  /** Every purchase of the log up to the hold-out end; without it (or `repeatPurchases`) there is no tracking curve. */
  purchases?: Iterable<PurchaseDay>;
  /** The cohort's repeat purchases per day, counted by the engine (`repeatPurchaseDaysSql`); replaces `purchases`. */
  repeatPurchases?: readonly RepeatPurchasesOnDay[];
  /** E[X(t)] of a new customer; defaults to the one of `model.fit`. */
  expectedPurchasesNewCustomer?: (t: number) => number;
  /** Share of customers in the top group of the capture figures (default 0.1). */
  topShare?: number;
  /** Calibration frequency from which customers are grouped together (default 7: 0 … 6, 7+). */
  censor?: number;
}

/** How well one ordering of the customers anticipates their hold-out purchases. */
export interface RankingQuality {
  /** Spearman correlation with actual hold-out purchases (null for a constant ranking). */
  spearman: number | null;
  /** Share of all hold-out purchases made by the top-ranked customers (null when there are none). */
  topShareCapture: number | null;
}

export interface ValidationReport {
  customers: number;
  unit: TimeUnit;
  /** Hold-out length in `unit`s: the forecast horizon. */
  holdoutDuration: number;
  aggregate: { predicted: number; actual: number; relativeError: number | null };
  meanAbsoluteError: number;
  /** Mean P(alive) at the end of calibration. */
  meanProbabilityAlive: number;
  ranking: {
    topShare: number;
    /** Customers in the top group: ⌊topShare · customers⌋. */
    topCustomers: number;
    model: RankingQuality;
    /** Naive RFM ranking: calibration frequency, ties broken by recency (later last purchase first). */
    byCalibrationFrequency: RankingQuality;
    /** Naive ranking by total calibration repeat spend (monetaryValue × frequency), then recency; only with amounts. */
    byCalibrationSpend?: RankingQuality;
    /** Ranking by the actual hold-out purchases: the best any model could do. */
    oracle: RankingQuality;
  };
  /** Mean actual and predicted hold-out purchases by calibration frequency. */
  byFrequency: FrequencyGroup[];
  /** P(alive) for x = 0 … max frequency, t_x = 0 … ⌊max T⌋ at T = ⌊max T⌋ (lifetimes' defaults). */
  probabilityAlive: ProbabilityAliveMatrix;
  /** Per period from the cohort's first purchase to the hold-out end; periods 1 … calibrationPeriods are calibration. */
  tracking?: { calibrationPeriods: number; points: TrackingPoint[] };
}

const max = (a: number, b: number) => (a > b ? a : b);
const finiteOrNull = (value: number) => (Number.isFinite(value) ? value : null);

/**
 * The hold-out validation report of a fitted purchase model: aggregate error, per-customer error,
 * ranking quality against naive rankings and the oracle, calibration versus hold-out by frequency,
 * the P(alive) grid and, given the purchase log, the tracking curve. Plain JSON-ready data.
 * @example validateForecast(summaries, fitPurchaseModel('bg-nbd', summaries), { calibrationEnd, holdoutEnd, purchases })
 */
export function validateForecast(
  summaries: readonly CalibrationHoldoutSummary[],
  model: ForecastModel,
  options: ValidationOptions,
): ValidationReport {
  const horizon = summaries[0]?.holdoutDuration ?? 0;
  if (!(horizon > 0)) throw new RangeError('validation needs customers and a hold-out period');
  const frequency = summaries.map((s) => s.frequency);
  const actual = summaries.map((s) => s.holdoutFrequency);
  const predicted = summaries.map((s) => model.expectedPurchases(s.frequency, s.recency, s.T, horizon));
  const aggregate = aggregateForecastError(predicted, actual);
  const aliveSum = summaries.reduce((sum, s) => sum + model.probabilityAlive(s.frequency, s.recency, s.T), 0);
  const report: ValidationReport = {
    customers: summaries.length,
    unit: options.unit ?? 'week',
    holdoutDuration: horizon,
    aggregate: { ...aggregate, relativeError: finiteOrNull(aggregate.relativeError) },
    meanAbsoluteError: meanAbsoluteError(predicted, actual),
    meanProbabilityAlive: aliveSum / summaries.length,
    ranking: rankingReport(summaries, predicted, actual, options.topShare ?? 0.1),
    byFrequency: holdoutByFrequency(frequency, actual, predicted, options.censor),
    probabilityAlive: probabilityAliveMatrix(
      (x, tx, T) => model.probabilityAlive(x, tx, T),
      frequency.reduce(max, 0),
      Math.floor(summaries.reduce((T, s) => max(T, s.T), 0)),
    ),
  };
  const tracking = trackingReport(summaries, model, options);
  if (tracking) report.tracking = tracking;
  return report;
}

function rankingReport(
  summaries: readonly CalibrationHoldoutSummary[],
  predicted: readonly number[],
  actual: readonly number[],
  topShare: number,
): ValidationReport['ranking'] {
  const quality = (scores: readonly number[]): RankingQuality => ({
    spearman: finiteOrNull(spearmanCorrelation(scores, actual)),
    topShareCapture: finiteOrNull(topShareCapture(scores, actual, topShare).capture),
  });
  const recency = summaries.map((s) => s.recency);
  const frequency = summaries.map((s) => s.frequency);
  const withSpend = summaries.every((s) => s.monetaryValue !== undefined);
  const spend = summaries.map((s) => s.frequency * (s.monetaryValue ?? 0));
  return {
    topShare,
    topCustomers: topGroupSize(summaries.length, topShare),
    model: quality(predicted),
    byCalibrationFrequency: quality(lexicographicScore(frequency, recency)),
    ...(withSpend ? { byCalibrationSpend: quality(lexicographicScore(spend, recency)) } : {}),
    oracle: quality(actual),
  };
}

function trackingReport(
  summaries: readonly CalibrationHoldoutSummary[],
  model: ForecastModel,
  options: ValidationOptions,
): ValidationReport['tracking'] {
  const expected = options.expectedPurchasesNewCustomer ?? (model.fit && newCustomerExpectation(model.fit));
  const end = options.holdoutEnd ?? options.calibrationEnd;
  const repeats =
    options.repeatPurchases ?? (options.purchases && repeatPurchasesByDay(summaries, options.purchases, end));
  if (!repeats || !expected) return undefined;
  const unit = options.unit ?? 'week';
  const start = summaries.reduce((first, s) => Math.min(first, dayNumber(s.firstPurchase)), Infinity);
  const points = trackingCurveFromCounts(summaries, repeats, expected, {
    start: new Date(start * 86_400_000),
    end,
    unit,
  });
  const calibrationDays = dayNumber(options.calibrationEnd) + 1 - start;
  return { calibrationPeriods: Math.floor(calibrationDays / daysPerUnit[unit] + 1e-9), points };
}
