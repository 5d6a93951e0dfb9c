/**
 * What a funnel is once its definition has been checked: the steps a profile must take, in which
 * order, how long it has, who counts as entering, and what disqualifies an attempt.
 * @module
 */

/** The `journey_events` columns a step (or an exclusion) can match on. */
export const matchFields = ['action', 'touchpoint', 'stage', 'channel', 'event'] as const;
export type MatchField = (typeof matchFields)[number];

/**
 * Which events count: an event matches when, for every field given, its value is one of the
 * values listed (fields AND together, values OR together).
 */
export type EventMatcher = Partial<Record<MatchField, readonly string[]>>;

export interface FunnelStep {
  label: string;
  match: EventMatcher;
}

/**
 * An exclusion: an event matching it after the attempt's step `fromStep` and before its step
 * `toStep` (or, if the attempt never reached `toStep`, before its window closes) disqualifies
 * that attempt. Steps are numbered from 1.
 */
export interface FunnelExclusion {
  label: string;
  match: EventMatcher;
  fromStep: number;
  toStep: number;
}

/**
 * `ordered`: the steps in order, other events allowed between them. `strict`: the steps in order
 * with no other event of the profile between consecutive steps. `any`: the steps in any order.
 */
export type FunnelOrder = 'ordered' | 'strict' | 'any';

export type WindowUnit = 'minutes' | 'hours' | 'days' | 'weeks';

export const windowUnitMs: Record<WindowUnit, number> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
};

export interface FunnelDefinition {
  /** 2 to 20 steps. */
  steps: readonly FunnelStep[];
  order: FunnelOrder;
  /** The conversion window, counted from the attempt's entry (its first step), in milliseconds. */
  windowMs: number;
  /** Entries at or after this instant (epoch ms), or any time when null. */
  enteredFrom: number | null;
  /** Entries strictly before this instant (epoch ms), or any time when null. */
  enteredTo: number | null;
  exclusions: readonly FunnelExclusion[];
  /** Break the result down by the channel of the entry event. */
  breakdown: 'channel' | null;
  /** How many breakdown values are shown; the rest are folded into one "other" group. */
  breakdownLimit: number;
}
