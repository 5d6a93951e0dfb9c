import type { ParetoNbdParameters } from '../models/pareto-nbd.ts';
import type { PurchaseForecaster } from '../repeat-purchase-model.ts';
import type { TimeUnit } from '../summary/time-unit.ts';
import {
  checkDiscounting,
  continuousRate,
  type Discounting,
  describeDiscounting,
  monthLength,
} from './discounting.ts';
import { checkHistory } from './input-checks.ts';
import {
  discountedPurchasesFromExpectation,
  paretoNbdDiscountedResidualPurchases,
} from './residual-purchases.ts';

/** A customer's calibration history (x, t_x, T) in the model's time unit. */
export interface CustomerHistory {
  frequency: number;
  recency: number;
  T: number;
}

export interface LifetimeValueOptions {
  /** Horizon in months: whole months for `monthly`; `Infinity` for `continuous` under Pareto/NBD. */
  months: number;
  discounting: Discounting;
  /** The unit of frequency, recency and T (the unit the model was fitted in). */
  unit: TimeUnit;
}

export interface LifetimeValue {
  /** discountedPurchases × expectedSpend. */
  value: number;
  discountedPurchases: number;
  expectedSpend: number;
  /** The discounting convention, in words and formula. */
  convention: string;
}

function checkHorizon(options: LifetimeValueOptions): void {
  checkDiscounting(options.discounting);
  const { months } = options;
  if (!(months >= 0)) throw new RangeError(`horizon must be ≥ 0 months, got ${months}`);
  if (options.discounting.convention === 'monthly' && !Number.isInteger(months))
    throw new RangeError(`monthly discounting needs a whole number of months, got ${months}`);
}

/**
 * Expected purchases over the horizon, each discounted to today: the CLV before spend.
 * `monthly` sums month-by-month increments of E[Y] (lifetimes' convention); `continuous` integrates
 * e^(−δt) dE[Y(t)], in closed form for Pareto/NBD (DERT) and by quadrature for the other models.
 */
export function discountedPurchases(
  forecaster: PurchaseForecaster,
  customer: CustomerHistory,
  options: LifetimeValueOptions,
): number {
  checkHorizon(options);
  const { frequency, recency, T } = customer;
  checkHistory(frequency, recency, T);
  const expected = (t: number) => (t === 0 ? 0 : forecaster.expectedPurchases(frequency, recency, T, t));
  const { discounting, months, unit } = options;
  if (discounting.convention === 'monthly') {
    const length = discounting.monthLength ?? monthLength(unit);
    let total = 0;
    let before = 0;
    for (let m = 1; m <= months; m++) {
      const upTo = expected(m * length);
      total += (upTo - before) / (1 + discounting.monthlyRate) ** m;
      before = upTo;
    }
    return total;
  }
  const delta = continuousRate(discounting, unit);
  const horizon = months * monthLength(unit);
  if (forecaster.fit.model === 'pareto-nbd') {
    const p = forecaster.fit.parameters as ParetoNbdParameters;
    return paretoNbdDiscountedResidualPurchases(p, delta, frequency, recency, T, horizon);
  }
  return discountedPurchasesFromExpectation(expected, delta, horizon);
}

/**
 * Customer lifetime value over a horizon: discounted expected purchases × expected spend per purchase
 * (e.g. Gamma-Gamma's `gammaGammaExpectedSpend`). The result states the convention it used.
 * @example customerLifetimeValue(bgNbd, { frequency: 2, recency: 30.43, T: 38.86, expectedSpend: 24.65 },
 *   { months: 12, discounting: { convention: 'monthly', monthlyRate: 0.01 }, unit: 'week' })
 */
export function customerLifetimeValue(
  forecaster: PurchaseForecaster,
  customer: CustomerHistory & { expectedSpend: number },
  options: LifetimeValueOptions,
): LifetimeValue {
  if (!Number.isFinite(customer.expectedSpend))
    throw new RangeError(`expected spend must be finite, got ${customer.expectedSpend}`);
  const purchases = discountedPurchases(forecaster, customer, options);
  return {
    value: purchases * customer.expectedSpend,
    discountedPurchases: purchases,
    expectedSpend: customer.expectedSpend,
    convention: describeDiscounting(options.discounting, options.months, options.unit),
  };
}
