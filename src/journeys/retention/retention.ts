/**
 * Retention by cohort, the reference semantics: profiles grouped by the interval of their first
 * purchase (or first contact), and for each later interval, how many came back.
 * @module
 */
import type { JourneyEvent } from '../sql/journey-events.ts';
import { type BreakdownRow, breakdownByProfile, compareBreakdowns } from './breakdown-values.ts';
import { type EventMatcher, matchesEvent } from './event-matcher.ts';
import { type Interval, intervalIndex, intervalStartDate } from './intervals.ts';

/**
 * A retention analysis.
 * - `cohortBy`: `first_purchase` starts a profile at its first event matching `purchase`;
 *   `first_contact` at its first event of any kind. "First" is the first ever in the source,
 *   which must hold the whole history: a profile that first bought before `from` is not in a cohort
 *   of the range, even if it bought again inside it.
 * - `returnEvent`: what counts as coming back (by default `purchase`, so "bought again"); only
 *   events strictly after the starting event count, so period 0 holds those who came back within
 *   the interval they started in.
 * - `from`/`to`: the cohorts kept are the profiles whose starting event falls in `[from, to)`.
 */
export interface RetentionDefinition {
  cohortBy: 'first_purchase' | 'first_contact';
  purchase: EventMatcher;
  returnEvent: EventMatcher;
  interval: Interval;
  /** Periods 0 to `maxPeriods` are reported (fewer when the data ends sooner). */
  maxPeriods: number;
  from: Date;
  to: Date;
}

/**
 * One cell of a cohort. `returned` is the recurring count: profiles with a return event in this
 * period. `rollingReturned` is the rolling (cumulative) count: profiles with a return event in
 * this period or any later one up to `maxPeriods`, so it never grows with the period. Shares are
 * over the cohort's size.
 */
export interface RetentionCell {
  period: number;
  returned: number;
  share: number;
  rollingReturned: number;
  rollingShare: number;
}

/** A period of every cohort together; `size` is the profiles of the cohorts that reached it. */
export interface AllCohortsCell extends RetentionCell {
  size: number;
}

export interface RetentionCohort {
  /** First day of the cohort's interval (`YYYY-MM-DD`, UTC). */
  start: string;
  size: number;
  /** Periods 0 to `maxPeriods`, cut where the source's data ends (a period not yet lived is absent). */
  periods: RetentionCell[];
}

/** The cohorts of one breakdown value (`null`: no breakdown, or a profile without a value). */
export interface RetentionGroup {
  breakdown: string | null;
  cohorts: RetentionCohort[];
  /**
   * Every cohort together, period by period: the counts summed over the cohorts that reached the
   * period, over their summed sizes (`size`), so a young cohort does not pull later periods down.
   */
  allCohorts: AllCohortsCell[];
}

export interface RetentionResult {
  interval: Interval;
  groups: RetentionGroup[];
}

/** One cohort's counts, as the engine and the SQL both produce them before assembly. */
export interface CohortTally {
  breakdown: string | null;
  /** Interval index of the cohort. */
  cohort: number;
  size: number;
  /** Period → profiles with a return event in it. */
  returnedIn: Map<number, number>;
  /** Period → profiles whose latest return (up to `maxPeriods`) is in it. */
  lastReturnIn: Map<number, number>;
}

/**
 * Retention of the cohorts in `events` (the whole history of the profiles), optionally per
 * breakdown value (`breakdown`: one row per profile).
 * @example retention(events, { cohortBy: 'first_purchase', purchase: { action: ['order_completed'] },
 *   returnEvent: { action: ['order_completed'] }, interval: 'month', maxPeriods: 12, from, to })
 */
export function retention(
  events: readonly JourneyEvent[],
  definition: RetentionDefinition,
  breakdown?: readonly BreakdownRow[],
): RetentionResult {
  const starts = startingEvents(events, definition);
  const breakdowns = breakdownByProfile(breakdown);
  const returns = new Map<string, Set<number>>();
  let latest: number | null = null;
  for (const event of events) {
    latest = latest === null ? event.ts : Math.max(latest, event.ts);
    const start = starts.get(event.profileId);
    if (start === undefined || event.ts <= start || !matchesEvent(event, definition.returnEvent)) continue;
    const period = intervalIndex(event.ts, definition.interval) - intervalIndex(start, definition.interval);
    if (period > definition.maxPeriods) continue;
    const periods = returns.get(event.profileId) ?? new Set<number>();
    returns.set(event.profileId, periods.add(period));
  }
  const tallies = new Map<string, CohortTally>();
  for (const [profileId, start] of starts) {
    const value = breakdowns.get(profileId) ?? null;
    const cohort = intervalIndex(start, definition.interval);
    const key = JSON.stringify([value, cohort]);
    const tally = tallies.get(key) ?? emptyTally(value, cohort);
    tallies.set(key, tally);
    tally.size++;
    const periods = [...(returns.get(profileId) ?? [])];
    for (const period of periods) increment(tally.returnedIn, period);
    if (periods.length > 0) increment(tally.lastReturnIn, Math.max(...periods));
  }
  const lastIndex = latest === null ? null : intervalIndex(latest, definition.interval);
  return assembleRetention([...tallies.values()], lastIndex, definition);
}

/** Each profile's starting event time, for the profiles starting inside `[from, to)`. */
function startingEvents(
  events: readonly JourneyEvent[],
  definition: RetentionDefinition,
): Map<string, number> {
  const first = new Map<string, number>();
  for (const event of events) {
    if (definition.cohortBy === 'first_purchase' && !matchesEvent(event, definition.purchase)) continue;
    const known = first.get(event.profileId);
    if (known === undefined || event.ts < known) first.set(event.profileId, event.ts);
  }
  const from = definition.from.getTime();
  const to = definition.to.getTime();
  return new Map([...first].filter(([, ts]) => ts >= from && ts < to));
}

function emptyTally(breakdown: string | null, cohort: number): CohortTally {
  return { breakdown, cohort, size: 0, returnedIn: new Map(), lastReturnIn: new Map() };
}

function increment(counts: Map<number, number>, key: number): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/**
 * The retention grids from cohort tallies: cells for periods 0 to `maxPeriods` that the data has
 * reached (`lastIndex`, the interval of the source's latest event), rolling counts as suffix sums
 * of the latest-return counts; groups by breakdown value (`null` last), cohorts by start.
 */
export function assembleRetention(
  tallies: readonly CohortTally[],
  lastIndex: number | null,
  definition: Pick<RetentionDefinition, 'interval' | 'maxPeriods'>,
): RetentionResult {
  const groups = new Map<string | null, RetentionCohort[]>();
  const ordered = [...tallies].sort((a, b) => a.cohort - b.cohort);
  for (const tally of ordered) {
    const observed = Math.min(definition.maxPeriods, (lastIndex ?? tally.cohort) - tally.cohort);
    const periods: RetentionCell[] = [];
    let rolling = [...tally.lastReturnIn]
      .filter(([period]) => period >= 0)
      .reduce((sum, [, n]) => sum + n, 0);
    for (let period = 0; period <= observed; period++) {
      const returned = tally.returnedIn.get(period) ?? 0;
      periods.push({
        period,
        returned,
        share: returned / tally.size,
        rollingReturned: rolling,
        rollingShare: rolling / tally.size,
      });
      rolling -= tally.lastReturnIn.get(period) ?? 0;
    }
    const cohort = { start: intervalStartDate(tally.cohort, definition.interval), size: tally.size, periods };
    groups.set(tally.breakdown, [...(groups.get(tally.breakdown) ?? []), cohort]);
  }
  if (groups.size === 0) groups.set(null, []);
  const values = [...groups.keys()].sort(compareBreakdowns);
  return {
    interval: definition.interval,
    groups: values.map((value) => {
      const cohorts = groups.get(value) ?? [];
      return { breakdown: value, cohorts, allCohorts: allCohorts(cohorts) };
    }),
  };
}

function allCohorts(cohorts: readonly RetentionCohort[]): AllCohortsCell[] {
  const cells: AllCohortsCell[] = [];
  for (const cohort of cohorts) {
    for (const cell of cohort.periods) {
      const sum = cells[cell.period] ?? {
        period: cell.period,
        size: 0,
        returned: 0,
        share: 0,
        rollingReturned: 0,
        rollingShare: 0,
      };
      sum.size += cohort.size;
      sum.returned += cell.returned;
      sum.rollingReturned += cell.rollingReturned;
      cells[cell.period] = sum;
    }
  }
  return cells.map((cell) => ({
    ...cell,
    share: cell.returned / cell.size,
    rollingShare: cell.rollingReturned / cell.size,
  }));
}
