/**
 * Comparisons of how journeys run: the stage-to-stage chain of each period (where in the journey it
 * changed), and the distributions of baskets and of times to convert.
 * @module
 */
import { compareTransitions, kolmogorovSmirnovTest } from '../../comparisons/index.ts';
import type { TransitionCounts } from '../../markov/index.ts';
import type { DistributionRow, PeriodName, TransitionRow } from '../measure/read-measurements.ts';
import type { Comparison } from './finding.ts';
import { cellsOf, type MeasuredBreakdown, type Thresholds } from './measured.ts';

function chainOf(rows: readonly TransitionRow[], period: PeriodName, cell?: string): TransitionCounts {
  const counts: TransitionCounts = new Map();
  for (const r of rows) {
    if (r.period !== period || (cell !== undefined && r.cell !== cell)) continue;
    const row = counts.get(r.from) ?? new Map<string, number>();
    counts.set(r.from, row.set(r.to, (row.get(r.to) ?? 0) + r.journeys));
  }
  return counts;
}

/**
 * First-order chains over stages, one per period, tested for homogeneity state by state (Anderson &
 * Goodman 1957) by `compareTransitions`. The subject is the state whose next steps changed most (largest
 * χ²); the effect is the journey-weighted mean total-variation distance. Each cell moved by its own
 * weighted distance; its value is that of all its active customers.
 */
export function compareJourneys(
  measured: readonly MeasuredBreakdown[],
  thresholds: Thresholds,
): Comparison | null {
  const rows = measured[0]?.transitions ?? [];
  const before = chainOf(rows, 'before');
  const after = chainOf(rows, 'after');
  if (before.size === 0 || after.size === 0) return null;
  const test = compareTransitions(before, after);
  const testable = test.states.filter((s) => s.testable);
  const top = testable[0];
  if (!top) return null;
  const step = top.nextSteps[0];
  return {
    kind: 'transitions',
    metric: 'stage_transitions',
    subject: top.state,
    stage: top.state.startsWith('(') ? null : top.state,
    direction: 'moved',
    before: step?.before ?? 0,
    after: step?.after ?? 0,
    effectName: 'total-variation distance',
    effectSize: test.effectSize,
    minimumEffect: thresholds.transitionDistance,
    pValue: test.pValue,
    details: {
      states: testable.slice(0, 5).map((s) => ({
        state: s.state,
        totalVariationDistance: s.totalVariationDistance,
        pValue: s.pValue,
        nextSteps: s.nextSteps.slice(0, 3),
        conversionProbability: s.conversionProbability,
      })),
      statistic: test.statistic,
      degreesOfFreedom: test.degreesOfFreedom,
    },
    cells: measured.flatMap((m) =>
      cellsOf(m.transitions).flatMap((cell) => {
        const b = chainOf(m.transitions, 'before', cell);
        const a = chainOf(m.transitions, 'after', cell);
        if (b.size === 0 || a.size === 0) return [];
        const facts = m.facts.filter((f) => f.period === 'before' && f.cell === cell);
        return [
          {
            breakdown: m.breakdown,
            cell,
            moved: Math.min(1, compareTransitions(b, a).effectSize),
            value: facts.reduce((s, f) => s + f.value, 0),
            customers: facts.reduce((s, f) => s + f.customers, 0),
          },
        ];
      }),
    ),
  };
}

function sample(
  rows: readonly DistributionRow[],
  measure: string,
  period: PeriodName,
  cell?: string,
): number[] {
  const values: number[] = [];
  for (const r of rows)
    if (r.measure === measure && r.period === period && (cell === undefined || r.cell === cell))
      for (let k = 0; k < r.observations; k++) values.push(r.value);
  return values;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Two-sample Kolmogorov–Smirnov test of baskets (whole euros, per order) or of hours to convert (per
 * converting customer). Headline levels are the medians. Each cell moved by its own KS distance; its
 * value is that of its ordering customers.
 */
export function compareDistribution(
  measured: readonly MeasuredBreakdown[],
  measure: 'basket' | 'hours_to_convert',
  thresholds: Thresholds,
): Comparison | null {
  const rows = measured[0]?.distributions ?? [];
  const before = sample(rows, measure, 'before');
  const after = sample(rows, measure, 'after');
  if (before.length === 0 || after.length === 0) return null;
  const test = kolmogorovSmirnovTest(before, after);
  const [m1, m2] = [median(before), median(after)];
  return {
    kind: measure === 'basket' ? 'basket' : 'time_to_convert',
    metric: measure,
    subject: '',
    stage: 'buy',
    direction: m2 > m1 ? 'up' : m2 < m1 ? 'down' : 'moved',
    before: m1,
    after: m2,
    effectName: 'Kolmogorov–Smirnov D',
    effectSize: test.statistic,
    minimumEffect: thresholds.kolmogorovSmirnovDistance,
    pValue: test.pValue,
    details: { observations: { before: before.length, after: after.length }, method: test.method },
    cells: measured.flatMap((m) =>
      cellsOf(m.distributions).flatMap((cell) => {
        const b = sample(m.distributions, measure, 'before', cell);
        const a = sample(m.distributions, measure, 'after', cell);
        if (b.length === 0 || a.length === 0) return [];
        const facts = m.facts.filter((f) => f.period === 'before' && f.cell === cell && f.bought);
        return [
          {
            breakdown: m.breakdown,
            cell,
            moved: kolmogorovSmirnovTest(b, a).statistic,
            value: facts.reduce((s, f) => s + f.value, 0),
            customers: facts.reduce((s, f) => s + f.customers, 0),
          },
        ];
      }),
    ),
  };
}
