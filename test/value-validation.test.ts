import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { dayNumber, fitPurchaseModel, summariseTransactions } from '../src/value/index.ts';
import {
  spearmanCorrelation,
  topShareCapture,
  type ValidationReport,
  validateForecast,
} from '../src/value/validation/index.ts';

// Hold-out figures of the reference bench (lifetimes 0.11.3 and pandas, cross-checked with R BTYD 2.4.3),
// shared reference customer-value.md §6: CDNOW sample, 39 calibration weeks, 39 hold-out weeks.
const rows: { sampleid: string; date: string; sales: string }[] = parse(
  readFileSync(new URL('./fixtures/cdnow/cdnowElog.csv', import.meta.url)),
  { columns: true },
);
const transactions = rows.map((r) => ({ customerId: r.sampleid, date: r.date, amount: Number(r.sales) }));
const purchases = transactions.map((t) => ({ customerId: t.customerId, day: dayNumber(t.date) }));
const calendar = { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', unit: 'week' } as const;
const summaries = summariseTransactions(transactions, calendar);

/** The value rounded as the reference printed it. */
const printed = (value: number | null | undefined, decimals: number) =>
  Number((value ?? Number.NaN).toFixed(decimals));

/** Repeat purchase days in the log up to `last` (YYYYMMDD): distinct customer-days minus each first one. */
function repeatPurchasesUpTo(last: string): number {
  const days = new Set(rows.filter((r) => r.date <= last).map((r) => `${r.sampleid}|${r.date}`));
  const customers = new Set(rows.filter((r) => r.date <= last).map((r) => r.sampleid));
  return days.size - customers.size;
}

const reports = new Map<string, ValidationReport>();
const validate = (model: 'bg-nbd' | 'pareto-nbd' | 'mbg-nbd') => {
  let report = reports.get(model);
  if (!report) {
    report = validateForecast(summaries, fitPurchaseModel(model, summaries), { ...calendar, purchases });
    reports.set(model, report);
  }
  return report;
};

describe('hold-out validation of BG/NBD on the CDNOW sample (reference §6)', () => {
  it('forecasts 1653 repeat purchases against 1882 (−12 %), 0.79 per customer off', () => {
    const report = validate('bg-nbd');
    expect(report.customers).toBe(2357);
    expect(Math.round(report.aggregate.predicted)).toBe(1653);
    expect(report.aggregate.actual).toBe(1882);
    expect(printed(report.aggregate.relativeError, 2)).toBe(-0.12);
    expect(printed(report.meanAbsoluteError, 2)).toBe(0.79);
    expect(printed(report.meanProbabilityAlive, 3)).toBe(0.813);
  });

  it('ranks with Spearman 0.45 and gives its top 10 % 0.467 of the purchases (oracle 0.683)', () => {
    const { ranking } = validate('bg-nbd');
    expect(ranking.topCustomers).toBe(235);
    expect(printed(ranking.model.spearman, 2)).toBe(0.45);
    expect(printed(ranking.model.topShareCapture, 3)).toBe(0.467);
    expect(printed(ranking.oracle.topShareCapture, 3)).toBe(0.683);
  });

  it('does no better than the naive ranking by frequency then recency: 0.467, Spearman 0.50', () => {
    const { ranking } = validate('bg-nbd');
    expect(printed(ranking.byCalibrationFrequency.topShareCapture, 3)).toBe(0.467);
    expect(printed(ranking.byCalibrationFrequency.spearman, 2)).toBe(0.5);
  });

  it('needs the recency tie-break to reproduce them: frequency alone gives 0.441 and Spearman 0.49', () => {
    const frequency = summaries.map((s) => s.frequency);
    const actual = summaries.map((s) => s.holdoutFrequency);
    expect(printed(topShareCapture(frequency, actual).capture, 3)).toBe(0.441);
    expect(printed(spearmanCorrelation(frequency, actual), 2)).toBe(0.49);
  });

  it('groups the 1411 customers without repeat purchases first, and everyone with 7 or more last', () => {
    const groups = validate('bg-nbd').byFrequency;
    expect(groups.map((g) => g.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(groups[0]?.customers).toBe(1411);
    expect(groups.reduce((n, g) => n + g.customers, 0)).toBe(2357);
    expect(groups.reduce((n, g) => n + g.customers * g.actual, 0)).toBeCloseTo(1882, 9);
  });

  it('tracks 78 weeks, ending with every repeat purchase of the log (FHL 2005, fig. 2)', () => {
    const tracking = validate('bg-nbd').tracking;
    const points = tracking?.points ?? [];
    expect(points).toHaveLength(78);
    expect(points.at(-1)?.lastDay).toBe('1998-06-30');
    expect(points.at(-1)?.cumulativeActual).toBe(repeatPurchasesUpTo('19980630'));
    expect(tracking?.calibrationPeriods).toBe(39);
    const week39 = points[38];
    expect(week39?.lastDay).toBe('1997-09-30');
    expect(week39?.cumulativeActual).toBe(repeatPurchasesUpTo('19970930'));
    const calibrationTotal = summaries.reduce((n, s) => n + s.frequency, 0);
    expect(Math.abs((week39?.cumulativePredicted ?? 0) / calibrationTotal - 1)).toBeLessThan(0.02);
  });

  it('maps P(alive) over 0 … 29 repeat purchases and recency 0 … 38 weeks at T = 38', () => {
    const matrix = validate('bg-nbd').probabilityAlive;
    expect(matrix.T).toBe(38);
    expect(matrix.frequencies).toHaveLength(30);
    expect(matrix.recencies).toHaveLength(39);
    expect(matrix.values[0]?.[0]).toBe(1);
    expect(matrix.values.flat().every((p) => p >= 0 && p <= 1)).toBe(true);
  });
});

describe('hold-out validation of Pareto/NBD and MBG/NBD on the CDNOW sample (reference §6)', () => {
  it('Pareto/NBD: 1666 predicted, MAE 0.75, Spearman 0.46, top 10 % 0.470', () => {
    const report = validate('pareto-nbd');
    expect(Math.round(report.aggregate.predicted)).toBe(1666);
    expect(printed(report.meanAbsoluteError, 2)).toBe(0.75);
    expect(printed(report.ranking.model.spearman, 2)).toBe(0.46);
    expect(printed(report.ranking.model.topShareCapture, 3)).toBe(0.47);
    expect(printed(report.meanProbabilityAlive, 3)).toBe(0.446);
  });

  it('MBG/NBD: 1577 predicted, MAE 0.76, Spearman 0.45, top 10 % 0.475', () => {
    const report = validate('mbg-nbd');
    expect(Math.round(report.aggregate.predicted)).toBe(1577);
    expect(printed(report.meanAbsoluteError, 2)).toBe(0.76);
    expect(printed(report.ranking.model.spearman, 2)).toBe(0.45);
    expect(printed(report.ranking.model.topShareCapture, 3)).toBe(0.475);
  });
});
