/**
 * Did a count series' level move between two periods? Tested on customer-days with a variance clustered by
 * customer (one busy customer is not a trend), and against the customer base (a growing business is not a
 * change of behaviour).
 * @module
 */
import { twoSidedNormalPValue } from '../../maths/distributions.ts';
import { CUSTOMER_BASE } from '../measure/period-sql.ts';
import type { ComparedPeriods } from '../measure/periods.ts';
import type { PeriodName, SeriesCustomers } from '../measure/read-measurements.ts';
import { DAY_MS } from '../sql-parts.ts';
import type { CellImpact, Comparison } from './finding.ts';
import { cellsOf, type MeasuredBreakdown, type Thresholds } from './measured.ts';

/** A period's customer-days of one series, over its customer base. */
export interface CustomerDays {
  /** Customers in the base (any event in the year before the period). */
  base: number;
  /** Days in the period. */
  days: number;
  /** Σ active days over the customers. */
  sum: number;
  /** Σ active days² over the customers. */
  squares: number;
}

/**
 * Compares the rate of customer-days per base customer and per day, r = S/(B·L), between two periods,
 * with a variance clustered by customer: Var(S) ≈ Σx² − S²/B (each customer's days x counted as one draw),
 * so a customer active many days weighs as one customer, not as many independent events;
 * z = (r₂ − r₁)/√(Var(S₁)/(B₁L₁)² + Var(S₂)/(B₂L₂)²) and its two-sided normal p-value.
 *
 * @example
 * customerDaysTest({ base: 100, days: 10, sum: 20, squares: 40 }, { base: 100, days: 10, sum: 40, squares: 80 })
 * // r 0.02 → 0.04; Var(S) 36 and 64, so se = √(36 + 64)/1000 = 0.01 and z = 2 (p = 0.0455)
 */
export function customerDaysTest(
  before: CustomerDays,
  after: CustomerDays,
): { rateBefore: number; rateAfter: number; relativeChange: number; z: number; pValue: number } {
  const part = (p: CustomerDays) => {
    const base = Math.max(p.base, 1);
    const exposure = base * p.days;
    return {
      rate: p.sum / exposure,
      variance: Math.max(p.squares - (p.sum * p.sum) / base, 0) / (exposure * exposure),
    };
  };
  const [b, a] = [part(before), part(after)];
  const se = Math.sqrt(b.variance + a.variance);
  const z = se > 0 ? (a.rate - b.rate) / se : 0;
  return {
    rateBefore: b.rate,
    rateAfter: a.rate,
    relativeChange: b.rate > 0 ? a.rate / b.rate - 1 : a.rate > 0 ? 1 : 0,
    z,
    pValue: se > 0 ? twoSidedNormalPValue(z) : a.rate === b.rate ? 1 : 0,
  };
}

function customersOf(
  rows: readonly SeriesCustomers[],
  series: string,
  key: string,
  period: PeriodName,
  cell?: string,
) {
  let customers = 0;
  let value = 0;
  let sum = 0;
  let squares = 0;
  for (const r of rows)
    if (
      r.series === series &&
      r.key === key &&
      r.period === period &&
      (cell === undefined || r.cell === cell)
    ) {
      customers += r.customers;
      value += r.value;
      sum += r.activeDays;
      squares += r.activeDaysSquared;
    }
  return { customers, value, sum, squares };
}

/** The journey stage a series is about: its key for stage series, buy for orders, get_help for contacts. */
export function stageOf(series: { name: string; key: string }): string | null {
  if (series.name === 'stage_customers') return series.key;
  if (series.name === 'contacts') return 'get_help';
  if (['orders', 'revenue', 'orders_by_channel'].includes(series.name)) return 'buy';
  return null;
}

/**
 * The level change of one count series (and key) between two periods, counted in customer-days (a
 * customer's days with one of the series' events) against the customer base (customers with any event in
 * the year before each period), tested by `customerDaysTest`. Before and after are customers a day; the
 * effect is the relative change per base customer, so a growing base is not read as a change of
 * behaviour. Each cell moved by its own relative change (capped at 1); its value is that of its customers
 * concerned before.
 */
export function compareLevel(
  series: { name: string; key: string },
  periods: ComparedPeriods,
  measured: readonly MeasuredBreakdown[],
  thresholds: Thresholds,
): Comparison | null {
  const days = {
    before: (periods.before.to - periods.before.from) / DAY_MS,
    after: (periods.after.to - periods.after.from) / DAY_MS,
  };
  const periodOf = (rows: readonly SeriesCustomers[], period: PeriodName, cell?: string) => {
    const own = customersOf(rows, series.name, series.key, period, cell);
    const base = customersOf(rows, CUSTOMER_BASE, '', period, cell).customers;
    return { ...own, base: Math.max(base, own.customers), days: days[period] };
  };
  const rows = measured[0]?.seriesCustomers ?? [];
  const before = periodOf(rows, 'before');
  const after = periodOf(rows, 'after');
  if (before.customers === 0 && after.customers === 0) return null;
  const test = customerDaysTest(before, after);
  const cells: CellImpact[] = measured.flatMap((m) =>
    cellsOf(m.seriesCustomers).flatMap((cell) => {
      const b = periodOf(m.seriesCustomers, 'before', cell);
      const a = periodOf(m.seriesCustomers, 'after', cell);
      if (b.customers === 0 && a.customers === 0) return [];
      const moved = Math.min(1, Math.abs(customerDaysTest(b, a).relativeChange));
      const basis = b.customers > 0 ? b : a;
      return [{ breakdown: m.breakdown, cell, moved, value: basis.value, customers: basis.customers }];
    }),
  );
  return {
    kind: 'level',
    metric: series.name,
    subject: series.key,
    stage: stageOf(series),
    direction: test.rateAfter >= test.rateBefore ? 'up' : 'down',
    before: before.sum / days.before,
    after: after.sum / days.after,
    effectName: 'relative change',
    effectSize: test.relativeChange,
    minimumEffect: thresholds.relativeChange,
    pValue: test.pValue,
    details: {
      z: test.z,
      customers: { before: before.customers, after: after.customers },
      customerBase: { before: before.base, after: after.base },
      days,
    },
    cells,
  };
}
