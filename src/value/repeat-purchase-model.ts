import { bgNbdConditionalExpectedPurchases, bgNbdProbabilityAlive, fitBgNbd } from './models/bg-nbd.ts';
import { fitGammaGamma, type GammaGammaParameters, gammaGammaExpectedSpend } from './models/gamma-gamma.ts';
import { fitMbgNbd, mbgNbdConditionalExpectedPurchases, mbgNbdProbabilityAlive } from './models/mbg-nbd.ts';
import {
  fitParetoNbd,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdProbabilityAlive,
} from './models/pareto-nbd.ts';
import type { FitOptions, FittedModel } from './models/types.ts';
import type { CalibrationHoldoutSummary, CustomerSummary } from './summary/customer-summary.ts';

export const repeatPurchaseModels = ['bg-nbd', 'mbg-nbd', 'pareto-nbd'] as const;
export type RepeatPurchaseModel = (typeof repeatPurchaseModels)[number];

/** A fitted purchase model behind one interface, whichever of the three it is. */
export interface PurchaseForecaster {
  fit: FittedModel<object>;
  /** E[Y(horizon) | x, t_x, T]: expected purchases in the next `horizon` units. */
  expectedPurchases(x: number, tx: number, T: number, horizon: number): number;
  probabilityAlive(x: number, tx: number, T: number): number;
}

/** Fits BG/NBD, MBG/NBD or Pareto/NBD on calibration summaries. */
export function fitPurchaseModel(
  model: RepeatPurchaseModel,
  summaries: readonly CustomerSummary[],
  options: FitOptions<never> = {},
): PurchaseForecaster {
  if (model === 'bg-nbd') {
    const fit = fitBgNbd(summaries, options);
    return {
      fit,
      expectedPurchases: (x, tx, T, h) => bgNbdConditionalExpectedPurchases(fit.parameters, h, x, tx, T),
      probabilityAlive: (x, tx, T) => bgNbdProbabilityAlive(fit.parameters, x, tx, T),
    };
  }
  if (model === 'mbg-nbd') {
    const fit = fitMbgNbd(summaries, options);
    return {
      fit,
      expectedPurchases: (x, tx, T, h) => mbgNbdConditionalExpectedPurchases(fit.parameters, h, x, tx, T),
      probabilityAlive: (x, tx, T) => mbgNbdProbabilityAlive(fit.parameters, x, tx, T),
    };
  }
  const fit = fitParetoNbd(summaries, options);
  return {
    fit,
    expectedPurchases: (x, tx, T, h) => paretoNbdConditionalExpectedPurchases(fit.parameters, h, x, tx, T),
    probabilityAlive: (x, tx, T) => paretoNbdProbabilityAlive(fit.parameters, x, tx, T),
  };
}

export interface CustomerForecast {
  customerId: string;
  frequency: number;
  recency: number;
  T: number;
  probabilityAlive: number;
  expectedPurchases: number;
  holdoutPurchases: number;
  expectedSpend?: number;
}

export interface ForecastReport {
  purchaseModel: FittedModel<object>;
  /** The fitted model's predictions, for further use (validation, CLV). */
  forecaster: PurchaseForecaster;
  spendModel?: FittedModel<GammaGammaParameters>;
  horizon: number;
  customers: CustomerForecast[];
  /** Calibration versus hold-out (when the summaries have a hold-out period). */
  holdout?: { actual: number; predicted: number; meanAbsoluteError: number };
}

/**
 * Fits a purchase model (and Gamma-Gamma when spend is known) and forecasts every customer over
 * the hold-out length, or over `horizon` units when there is no hold-out.
 * @example forecastCustomers(summaries, 'bg-nbd', { horizon: 39 })
 */
export function forecastCustomers(
  summaries: readonly CalibrationHoldoutSummary[],
  model: RepeatPurchaseModel,
  options: { horizon?: number; withSpend?: boolean } = {},
): ForecastReport {
  const forecaster = fitPurchaseModel(model, summaries);
  const holdoutLength = summaries[0]?.holdoutDuration ?? 0;
  const horizon = holdoutLength > 0 ? holdoutLength : (options.horizon ?? 52);
  const repeatBuyers = summaries.filter((s) => s.frequency > 0 && (s.monetaryValue ?? 0) > 0);
  const spendModel =
    options.withSpend && repeatBuyers.length > 0
      ? fitGammaGamma(
          repeatBuyers.map((s) => ({ frequency: s.frequency, monetaryValue: s.monetaryValue as number })),
        )
      : undefined;
  const customers = summaries.map((s) => {
    const forecast: CustomerForecast = {
      customerId: s.customerId,
      frequency: s.frequency,
      recency: s.recency,
      T: s.T,
      probabilityAlive: forecaster.probabilityAlive(s.frequency, s.recency, s.T),
      expectedPurchases: forecaster.expectedPurchases(s.frequency, s.recency, s.T, horizon),
      holdoutPurchases: s.holdoutFrequency,
    };
    if (spendModel) {
      forecast.expectedSpend = gammaGammaExpectedSpend(
        spendModel.parameters,
        s.frequency,
        s.monetaryValue ?? 0,
      );
    }
    return forecast;
  });
  const report: ForecastReport = { purchaseModel: forecaster.fit, forecaster, horizon, customers };
  if (spendModel) report.spendModel = spendModel;
  if (holdoutLength > 0) {
    let actual = 0;
    let predicted = 0;
    let absolute = 0;
    for (const c of customers) {
      actual += c.holdoutPurchases;
      predicted += c.expectedPurchases;
      absolute += Math.abs(c.holdoutPurchases - c.expectedPurchases);
    }
    report.holdout = { actual, predicted, meanAbsoluteError: absolute / Math.max(customers.length, 1) };
  }
  return report;
}
