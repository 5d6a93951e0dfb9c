/**
 * Rows of the measurement statements as typed records, whichever engine answered them.
 * @module
 */

export type PeriodName = 'before' | 'after';

/** Customers of one period and breakdown cell sharing the same facts. */
export interface CellFacts {
  period: PeriodName;
  cell: string;
  /** The channel the customer ordered in most; '' when they did not order. */
  orderChannel: string;
  browsed: boolean;
  bought: boolean;
  contacted: boolean;
  customers: number;
  /** Summed CLV (past revenue where CLV is missing). */
  value: number;
  /** How many of them were valued by past revenue. */
  valuedByRevenue: number;
}

/** Journeys of one period and cell that stepped from one state to another. */
export interface TransitionRow {
  period: PeriodName;
  cell: string;
  from: string;
  to: string;
  journeys: number;
}

/** How many observations of a measure had one value, in one period and cell. */
export interface DistributionRow {
  period: PeriodName;
  cell: string;
  measure: 'basket' | 'hours_to_convert';
  value: number;
  observations: number;
}

/** Customers of one period and cell with at least one event of a count series (and key). */
export interface SeriesCustomers {
  period: PeriodName;
  cell: string;
  series: string;
  key: string;
  customers: number;
  value: number;
  valuedByRevenue: number;
  /** Σ over the customers of their days with one of the series' events in the period. */
  activeDays: number;
  /** Σ of the squares of the same, for a variance clustered by customer. */
  activeDaysSquared: number;
}

const period = (v: unknown): PeriodName => (v === 'before' ? 'before' : 'after');
const flag = (v: unknown) => v === true || Number(v) === 1;

/** Reads `channelTableByPeriod` rows. */
export function readCellFacts(rows: readonly Record<string, unknown>[]): CellFacts[] {
  return rows.map((r) => ({
    period: period(r.period),
    cell: String(r.cell),
    orderChannel: String(r.order_channel ?? ''),
    browsed: flag(r.browsed),
    bought: flag(r.bought),
    contacted: flag(r.contacted),
    customers: Number(r.customers),
    value: Number(r.value),
    valuedByRevenue: Number(r.valued_by_revenue),
  }));
}

/** Reads `transitionsByPeriod` rows. */
export function readTransitions(rows: readonly Record<string, unknown>[]): TransitionRow[] {
  return rows.map((r) => ({
    period: period(r.period),
    cell: String(r.cell),
    from: String(r.from_state),
    to: String(r.to_state),
    journeys: Number(r.journeys),
  }));
}

/** Reads `distributionsByPeriod` rows. */
export function readDistributions(rows: readonly Record<string, unknown>[]): DistributionRow[] {
  return rows.map((r) => ({
    period: period(r.period),
    cell: String(r.cell),
    measure: r.measure === 'basket' ? 'basket' : 'hours_to_convert',
    value: Number(r.value),
    observations: Number(r.observations),
  }));
}

/** Reads `customersBySeries` rows. */
export function readSeriesCustomers(rows: readonly Record<string, unknown>[]): SeriesCustomers[] {
  return rows.map((r) => ({
    period: period(r.period),
    cell: String(r.cell),
    series: String(r.series),
    key: String(r.key ?? ''),
    customers: Number(r.customers),
    value: Number(r.value),
    valuedByRevenue: Number(r.valued_by_revenue),
    activeDays: Number(r.active_days),
    activeDaysSquared: Number(r.active_days_squared),
  }));
}

/** Rows of a measurement statement for one shift and breakdown, read. */
export type MeasurementsOf<T> = (shift: number, breakdown: string) => T[];

/**
 * Splits the rows of a statement measuring several shifts and breakdowns by their `shift` and `breakdown`
 * columns and reads each part; a shift or breakdown without rows reads as none.
 *
 * @example
 * const facts = readByShift(rows, readCellFacts);
 * facts(0, 'segment') // the first shift's customer facts, by segment
 */
export function readByShift<T>(
  rows: readonly Record<string, unknown>[],
  read: (rows: readonly Record<string, unknown>[]) => T[],
): MeasurementsOf<T> {
  const parts = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) {
    const key = `${Number(r.shift)}\u0000${String(r.breakdown)}`;
    const part = parts.get(key) ?? [];
    parts.set(key, part);
    part.push(r);
  }
  return (shift, breakdown) => read(parts.get(`${shift}\u0000${breakdown}`) ?? []);
}
