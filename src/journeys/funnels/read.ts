/**
 * Turning the rows of the funnel statements into the same results the pure engine gives.
 * @module
 */
import type { FunnelDefinition } from './definition.ts';
import type { FunnelDropOffs } from './drop-offs.ts';
import {
  type FunnelBreakdownGroup,
  type FunnelResult,
  type FunnelTotals,
  groupResult,
  timeToConvertEdges,
} from './result.ts';

type Row = Record<string, unknown>;

/** The funnel from the rows of `buildFunnel`: overall (`group_order` 0) then each group in order. */
export function readFunnel(rows: readonly Row[], definition: FunnelDefinition): FunnelResult {
  const sorted = [...rows].sort((a, b) => number(a.group_order) - number(b.group_order));
  const [overallRow, ...groupRows] = sorted;
  const overall = groupResult(totalsOf(overallRow ?? {}, definition), definition);
  const breakdown = groupRows.map(
    (row): FunnelBreakdownGroup => ({
      value: row.group_value === null || row.group_value === undefined ? null : String(row.group_value),
      other: number(row.other) === 1,
      ...groupResult(totalsOf(row, definition), definition),
    }),
  );
  return { overall, breakdown };
}

function totalsOf(row: Row, definition: FunnelDefinition): FunnelTotals {
  const entered = number(row.entered);
  const steps = definition.steps.map((_, index) => index + 1);
  const pick = (name: string) => steps.map((k) => (k === 1 ? null : nullable(row[`${name}_${k}`])));
  return {
    entered,
    reached: steps.map((k) => (k === 1 ? entered : number(row[`reached_${k}`]))),
    medianFromPrevious: pick('median_previous'),
    sumFromPrevious: pick('sum_previous').map((value) => value ?? 0),
    medianFromEntry: pick('median_entry'),
    sumFromEntry: pick('sum_entry').map((value) => value ?? 0),
    histogram: timeToConvertEdges.map((_, bucket) => number(row[`histogram_${bucket}`])),
  };
}

/** The page of drop-offs from the rows of `buildFunnelDropOffs` (which asks for one row more). */
export function readFunnelDropOffs(rows: readonly Row[], step: number, limit: number): FunnelDropOffs {
  return {
    step,
    profiles: rows.slice(0, limit).map((row) => ({
      profileId: String(row.profile_id),
      enteredAt: number(row.entered_at),
      reachedAt: number(row.reached_at),
    })),
    hasMore: rows.length > limit,
  };
}

function number(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

function nullable(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const parsed = Number(value);
  return Number.isNaN(parsed) ? null : parsed;
}
