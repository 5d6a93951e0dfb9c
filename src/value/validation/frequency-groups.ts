import { assertSameLength } from './ranking.ts';

export interface FrequencyGroup {
  /** Calibration repeat purchases; the last group holds everyone at `censor` or more. */
  frequency: number;
  /** `'3'`, or `'7+'` for the censored group. */
  label: string;
  customers: number;
  /** Mean actual hold-out purchases of the group. */
  actual: number;
  /** Mean predicted hold-out purchases of the group. */
  predicted: number;
}

/**
 * Calibration versus hold-out: mean actual and predicted hold-out purchases grouped by calibration
 * frequency 0, 1, …, censor − 1 and `censor`+ (BTYD's `PlotFreqVsConditionalExpectedFrequency`,
 * lifetimes' `plot_calibration_purchases_vs_holdout_purchases`). Empty groups are left out.
 */
export function holdoutByFrequency(
  frequency: readonly number[],
  actual: readonly number[],
  predicted: readonly number[],
  censor = 7,
): FrequencyGroup[] {
  assertSameLength(frequency, actual, predicted);
  if (!(Number.isInteger(censor) && censor >= 1)) throw new RangeError('censor must be a whole number ≥ 1');
  const sums = Array.from({ length: censor + 1 }, () => ({ customers: 0, actual: 0, predicted: 0 }));
  frequency.forEach((x, i) => {
    const group = sums[Math.min(Math.floor(x), censor)];
    if (!group) throw new RangeError(`customer ${i}: frequency must be ≥ 0`);
    group.customers += 1;
    group.actual += actual[i] as number;
    group.predicted += predicted[i] as number;
  });
  return sums.flatMap((group, x) =>
    group.customers === 0
      ? []
      : [
          {
            frequency: x,
            label: x === censor ? `${x}+` : String(x),
            customers: group.customers,
            actual: group.actual / group.customers,
            predicted: group.predicted / group.customers,
          },
        ],
  );
}
