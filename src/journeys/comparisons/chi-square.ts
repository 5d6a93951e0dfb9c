import { chiSquareSurvival } from '../maths/distributions.ts';

/** Pearson's test of independence on a contingency table, with its effect size. */
export interface ContingencyTest {
  /** Pearson X² = Σ (O − E)²/E. */
  statistic: number;
  /** Likelihood-ratio G² = 2·Σ O·ln(O/E), for reference. */
  likelihoodRatio: number;
  degreesOfFreedom: number;
  /** P(χ²(df) ≥ X²). */
  pValue: number;
  /** √(X² / (N·(min(r, c) − 1))). */
  cramersV: number;
  /** = cramersV. */
  effectSize: number;
  total: number;
  expected: number[][];
  /** (O − E)/√(E·(1 − rowShare)·(1 − columnShare)), ~N(0, 1) per cell under independence (Agresti 2007, §2.4.5). */
  adjustedResiduals: number[][];
}

/**
 * Chi-square test of independence (Pearson 1900) on counts, E = rowTotal·columnTotal/N, with
 * df = (r − 1)(c − 1) over the rows and columns that hold any count (empty ones are left out of the test
 * and get 0 expected and residual), and Cramér's V (Cramér 1946). Counting per customer or per journey,
 * not per event, is the caller's job.
 *
 * @example
 * chiSquareIndependence([[762, 327, 468], [484, 239, 477]]).statistic // 30.07
 */
export function chiSquareIndependence(table: readonly (readonly number[])[]): ContingencyTest {
  const columns = table[0]?.length ?? 0;
  if (table.some((row) => row.length !== columns))
    throw new RangeError('every row needs the same number of cells');
  if (table.some((row) => row.some((c) => !(c >= 0)))) throw new RangeError('counts must be non-negative');
  const rowTotals = table.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = Array.from({ length: columns }, (_, j) =>
    table.reduce((a, row) => a + (row[j] as number), 0),
  );
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const rows = rowTotals.filter((t) => t > 0).length;
  const cols = columnTotals.filter((t) => t > 0).length;
  let statistic = 0;
  let likelihoodRatio = 0;
  const expected = table.map((row, i) =>
    row.map((observed, j) => {
      const e = total > 0 ? ((rowTotals[i] as number) * (columnTotals[j] as number)) / total : 0;
      if (e > 0) {
        statistic += ((observed - e) * (observed - e)) / e;
        if (observed > 0) likelihoodRatio += 2 * observed * Math.log(observed / e);
      }
      return e;
    }),
  );
  const adjustedResiduals = table.map((row, i) =>
    row.map((observed, j) => {
      const e = (expected[i] as number[])[j] as number;
      const shrink = (1 - (rowTotals[i] as number) / total) * (1 - (columnTotals[j] as number) / total);
      return e > 0 && shrink > 0 ? (observed - e) / Math.sqrt(e * shrink) : 0;
    }),
  );
  const degreesOfFreedom = Math.max(0, (rows - 1) * (cols - 1));
  const smaller = Math.min(rows, cols) - 1;
  const cramersV = degreesOfFreedom > 0 && smaller > 0 ? Math.sqrt(statistic / (total * smaller)) : 0;
  return {
    statistic,
    likelihoodRatio,
    degreesOfFreedom,
    pValue: degreesOfFreedom > 0 ? chiSquareSurvival(statistic, degreesOfFreedom) : 1,
    cramersV,
    effectSize: cramersV,
    total,
    expected,
    adjustedResiduals,
  };
}
