/**
 * What the radar reports: findings, each a change between two periods with how sure, how large, for whom
 * and how much value it puts at stake, ready to be worked through as a to-do list.
 * @module
 */
import type { ComparedPeriods } from '../measure/periods.ts';

export type FindingKind =
  | 'level'
  | 'channel_mix'
  | 'transitions'
  | 'conversion'
  | 'contact_rate'
  | 'basket'
  | 'time_to_convert';

/** How one breakdown cell moved. */
export interface CellImpact {
  /** The breakdown's name (segment, value_tier, …; `all` without one). */
  breakdown: string;
  cell: string;
  /** The share of the cell's customers concerned that moved, 0–1 (see each comparison). */
  moved: number;
  /** Value of the cell's customers concerned, before the change (CLV, else past revenue). */
  value: number;
  customers: number;
}

/** A comparison of two periods before the run's p-values are adjusted and the gate applied. */
export interface Comparison {
  kind: FindingKind;
  /** The measure: a series name, `order_channel`, `stage_transitions`, `conversion`… */
  metric: string;
  /** What changed: a channel, a stage, a journey state, or '' for a whole-business measure. */
  subject: string;
  /** The journey stage the change is about, when there is one (buy for orders, get_help for contacts…). */
  stage: string | null;
  direction: 'up' | 'down' | 'moved';
  /** Headline level in each period: a daily mean, a share, a median… */
  before: number;
  after: number;
  effectName: string;
  effectSize: number;
  /** The gate's minimum |effect| for this kind. */
  minimumEffect: number;
  pValue: number;
  posteriorProbability?: number;
  /** Kind-specific detail: channel shares, states that moved, … */
  details: Record<string, unknown>;
  cells: CellImpact[];
}

/** A gated, valued, ranked finding. */
export interface Finding extends Omit<Comparison, 'cells'> {
  /** ISO date of the change the periods are either side of (the first day after `before` when given). */
  since: string;
  periods: { before: { from: string; to: string }; after: { from: string; to: string } };
  /** The comparison's own p-value; `pValue` is adjusted for the positions searched and the run (Holm). */
  rawPValue: number;
  material: boolean;
  reason: 'material' | 'not_significant' | 'too_small' | 'neither';
  /** The cells that moved most (largest moved × value first), across breakdowns. */
  segmentsMostAffected: CellImpact[];
  /** Σ over the primary breakdown's cells of moved × value; see README. */
  valueAtStake: number;
  /** What value means here: CLV, past revenue (no CLV), or both mixed. */
  valueBasis: 'clv' | 'past_revenue' | 'clv_and_past_revenue';
  summary: { fr: string; en: string };
}

/** ISO dates of two periods. */
export function isoPeriods(periods: ComparedPeriods): Finding['periods'] {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    before: { from: iso(periods.before.from), to: iso(periods.before.to) },
    after: { from: iso(periods.after.from), to: iso(periods.after.to) },
  };
}
