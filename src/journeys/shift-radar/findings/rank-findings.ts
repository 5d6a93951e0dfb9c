/**
 * From comparisons to the ranked to-do list: p-values adjusted for the number of comparisons in the run,
 * each gated on effect size and evidence, valued, summarised, biggest value at stake first.
 * @module
 */
import { isMaterialChange } from '../../comparisons/index.ts';
import type { ComparedPeriods } from '../measure/periods.ts';
import { type CellImpact, type Comparison, type Finding, isoPeriods } from './finding.ts';
import { holmAdjust } from './holm.ts';
import type { Thresholds } from './measured.ts';
import { summarise } from './summaries.ts';

/** Comparisons made around one change (or between two given periods). */
export interface ComparedChange {
  /** Epoch ms of the change: the first day of the new behaviour. */
  since: number;
  periods: ComparedPeriods;
  comparisons: Comparison[];
  /** Name of the breakdown whose cells value the findings (the first requested; `all` without one). */
  primaryBreakdown: string;
  valueBasis: Finding['valueBasis'];
  /**
   * Where the change could have been placed: the weeks searched for a detected shift, 1 for periods given
   * by hand. Periods put where the data changed most look more different than chance allows; multiplying
   * their p-values by the positions searched (Bonferroni over positions) pays for that choice.
   */
  positionsSearched: number;
}

/**
 * Value at stake: Σ over the primary breakdown's cells of moved × value, where value is the CLV (past
 * revenue where CLV is missing) of the cell's customers concerned before the change and moved the share
 * of them that changed (see each comparison). Cells moving in opposite directions both count: each is
 * work for someone.
 */
export function valueAtStake(cells: readonly CellImpact[], primaryBreakdown: string): number {
  return cells.filter((c) => c.breakdown === primaryBreakdown).reduce((a, c) => a + c.moved * c.value, 0);
}

/**
 * Multiplies each p-value by its change's positions searched, adjusts them all together (Holm), gates each
 * comparison with `isMaterialChange` on its kind's minimum effect and α, and answers all findings, material
 * ones first, each group by value at stake.
 */
export function rankFindings(changes: readonly ComparedChange[], thresholds: Thresholds): Finding[] {
  const all = changes.flatMap((change) => change.comparisons.map((comparison) => ({ change, comparison })));
  const adjusted = holmAdjust(
    all.map((a) => Math.min(1, a.comparison.pValue * Math.max(1, a.change.positionsSearched))),
  );
  const findings = all.map(({ change, comparison }, i): Finding => {
    const pValue = adjusted[i] as number;
    const verdict = isMaterialChange(
      { effectSize: comparison.effectSize, pValue },
      { minimumEffect: comparison.minimumEffect, alpha: thresholds.alpha },
    );
    const value = valueAtStake(comparison.cells, change.primaryBreakdown);
    const { cells, ...rest } = comparison;
    return {
      ...rest,
      since: new Date(change.since).toISOString(),
      periods: isoPeriods(change.periods),
      pValue,
      rawPValue: comparison.pValue,
      material: verdict.material,
      reason: verdict.reason,
      segmentsMostAffected: [...cells]
        .filter((c) => c.moved > 0)
        .sort((a, b) => b.moved * b.value - a.moved * a.value)
        .slice(0, 3),
      valueAtStake: value,
      valueBasis: change.valueBasis,
      summary: summarise(comparison, change.since, value),
    };
  });
  return findings.sort(
    (a, b) =>
      Number(b.material) - Number(a.material) || b.valueAtStake - a.valueAtStake || a.pValue - b.pValue,
  );
}
