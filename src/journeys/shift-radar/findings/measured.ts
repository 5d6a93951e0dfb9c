/**
 * The measurements of two periods, once per breakdown, as the comparisons read them.
 * @module
 */
import type {
  CellFacts,
  DistributionRow,
  PeriodName,
  SeriesCustomers,
  TransitionRow,
} from '../measure/read-measurements.ts';
import type { CellImpact } from './finding.ts';

/** The rows of the three measurement statements for one breakdown. */
export interface MeasuredBreakdown {
  /** The breakdown's name; `all` without one. */
  breakdown: string;
  facts: CellFacts[];
  transitions: TransitionRow[];
  distributions: DistributionRow[];
  seriesCustomers: SeriesCustomers[];
}

/** The default effect-size minimums of the gate, by kind (see `defaultMinimumEffects`). */
export interface Thresholds {
  alpha: number;
  cramersV: number;
  relativeChange: number;
  kolmogorovSmirnovDistance: number;
  transitionDistance: number;
}

/** The distinct cells of a breakdown's rows, in name order. */
export function cellsOf(rows: readonly { cell: string }[]): string[] {
  return [...new Set(rows.map((r) => r.cell))].sort();
}

/** Customers and value of the facts matching `concerned`, in one period (and cell, when given). */
export function customersWhere(
  facts: readonly CellFacts[],
  period: PeriodName,
  concerned: (f: CellFacts) => boolean,
  cell?: string,
): { customers: number; value: number } {
  let customers = 0;
  let value = 0;
  for (const f of facts)
    if (f.period === period && (cell === undefined || f.cell === cell) && concerned(f)) {
      customers += f.customers;
      value += f.value;
    }
  return { customers, value };
}

/**
 * Cell impacts for every breakdown: `moved` from the cell's own rows, the value of the cell's customers
 * concerned before the change (after, for a cell that had none before).
 */
export function impactsOf(
  measured: readonly MeasuredBreakdown[],
  concerned: (f: CellFacts) => boolean,
  moved: (m: MeasuredBreakdown, cell: string) => number | null,
): CellImpact[] {
  return measured.flatMap((m) =>
    cellsOf(m.facts).flatMap((cell) => {
      const share = moved(m, cell);
      if (share === null || !Number.isFinite(share)) return [];
      const before = customersWhere(m.facts, 'before', concerned, cell);
      const basis = before.customers > 0 ? before : customersWhere(m.facts, 'after', concerned, cell);
      return [
        {
          breakdown: m.breakdown,
          cell,
          moved: Math.min(1, share),
          value: basis.value,
          customers: basis.customers,
        },
      ];
    }),
  );
}

/** Which share of the facts' customers were valued by past revenue, as a basis name. */
export function valueBasisOf(
  measured: readonly MeasuredBreakdown[],
): 'clv' | 'past_revenue' | 'clv_and_past_revenue' {
  const facts = measured[0]?.facts ?? [];
  const customers = facts.reduce((a, f) => a + f.customers, 0);
  const byRevenue = facts.reduce((a, f) => a + f.valuedByRevenue, 0);
  if (byRevenue === 0) return 'clv';
  return byRevenue === customers ? 'past_revenue' : 'clv_and_past_revenue';
}
