import { describe, expect, it } from 'vitest';
import { summariseTransactions } from '../summary/customer-summary.ts';
import { dayNumber } from '../summary/time-unit.ts';
import { aggregateForecastError, meanAbsoluteError } from './forecast-error.ts';
import { holdoutByFrequency } from './frequency-groups.ts';
import { spearmanCorrelation } from './ranking.ts';
import { type ForecastModel, validateForecast } from './validate-forecast.ts';

const log = [
  ['ada', '2024-01-01', 10],
  ['ada', '2024-01-08', 20],
  ['ada', '2024-01-22', 30],
  ['ada', '2024-02-05', 40],
  ['ada', '2024-02-12', 40],
  ['bob', '2024-01-15', 7],
  ['bob', '2024-02-19', 7],
  ['cy', '2024-01-02', 5],
  ['cy', '2024-01-03', 5],
  ['dee', '2024-01-20', 9],
].map(([customerId, date, amount]) => ({
  customerId: customerId as string,
  date: date as string,
  amount: amount as number,
}));
const calendar = { calibrationEnd: '2024-01-28', holdoutEnd: '2024-02-25', unit: 'week' } as const;
const summaries = summariseTransactions(log, calendar);
const purchases = log.map((t) => ({ customerId: t.customerId, day: dayNumber(t.date) }));

/** A toy model: the calibration rate carried forward, and P(alive) falling with time since the last purchase. */
const model: ForecastModel = {
  expectedPurchases: (x, _tx, T, horizon) => (T > 0 ? (x / T) * horizon : 0),
  probabilityAlive: (x, tx, T) => (x === 0 ? 1 : 1 / (1 + T - tx)),
};

describe('validateForecast', () => {
  const report = validateForecast(summaries, model, {
    ...calendar,
    purchases,
    expectedPurchasesNewCustomer: (t) => t / 4,
  });
  const actual = summaries.map((s) => s.holdoutFrequency);
  const predicted = summaries.map((s) => model.expectedPurchases(s.frequency, s.recency, s.T, 4));

  it('forecasts every customer over the hold-out length and reports the errors', () => {
    expect(report).toMatchObject({ customers: 4, unit: 'week', holdoutDuration: 4 });
    expect(report.aggregate).toEqual(aggregateForecastError(predicted, actual));
    expect(report.meanAbsoluteError).toBe(meanAbsoluteError(predicted, actual));
    expect(report.byFrequency).toEqual(holdoutByFrequency([2, 0, 1, 0], actual, predicted));
  });

  it('ranks by the model, by calibration frequency and spend, and by the actual purchases', () => {
    expect(report.ranking).toMatchObject({ topShare: 0.1, topCustomers: 1 });
    expect(report.ranking.model.spearman).toBeCloseTo(spearmanCorrelation(predicted, actual), 12);
    // ada has the most repeat purchases and spend, and made 2 of the 3 hold-out purchases
    expect(report.ranking.byCalibrationFrequency.topShareCapture).toBeCloseTo(2 / 3, 12);
    expect(report.ranking.byCalibrationSpend?.topShareCapture).toBeCloseTo(2 / 3, 12);
    expect(report.ranking.oracle).toEqual({ spearman: 1, topShareCapture: 2 / 3 });
  });

  it('maps P(alive) up to the largest frequency and age, and tracks the weeks to the hold-out end', () => {
    expect(report.probabilityAlive.frequencies).toEqual([0, 1, 2]);
    expect(report.probabilityAlive.T).toBe(3);
    expect(report.tracking?.calibrationPeriods).toBe(4);
    expect(report.tracking?.points.at(-1)).toMatchObject({ lastDay: '2024-02-25', cumulativeActual: 6 });
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('leaves out the tracking curve without purchases and the spend ranking without amounts', () => {
    const bare = summaries.map(({ monetaryValue: _m, holdoutMonetaryValue: _h, ...rest }) => rest);
    const partial = validateForecast(bare, model, calendar);
    expect(partial.tracking).toBeUndefined();
    expect(partial.ranking.byCalibrationSpend).toBeUndefined();
  });

  it('needs a hold-out period', () => {
    const noHoldout = summariseTransactions(log, { calibrationEnd: '2024-01-28' });
    expect(() => validateForecast(noHoldout, model, { calibrationEnd: '2024-01-28' })).toThrow(RangeError);
  });
});
