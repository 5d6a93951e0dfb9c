import { assertSameLength } from './ranking.ts';

export interface AggregateForecastError {
  /** Σ predicted hold-out repeat purchases. */
  predicted: number;
  /** Σ actual hold-out repeat purchases. */
  actual: number;
  /** (predicted − actual) / actual: −0.12 means the model forecast 12 % too few purchases; NaN when actual is 0. */
  relativeError: number;
}

/** The whole customer base's hold-out purchases, forecast against actual. */
export function aggregateForecastError(
  predicted: readonly number[],
  actual: readonly number[],
): AggregateForecastError {
  assertSameLength(predicted, actual);
  const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);
  const totalPredicted = sum(predicted);
  const totalActual = sum(actual);
  return {
    predicted: totalPredicted,
    actual: totalActual,
    relativeError: totalActual === 0 ? Number.NaN : (totalPredicted - totalActual) / totalActual,
  };
}

/** Mean over customers of |predicted − actual| hold-out purchases (NaN without customers). */
export function meanAbsoluteError(predicted: readonly number[], actual: readonly number[]): number {
  assertSameLength(predicted, actual);
  let total = 0;
  predicted.forEach((p, i) => {
    total += Math.abs(p - (actual[i] as number));
  });
  return predicted.length === 0 ? Number.NaN : total / predicted.length;
}
