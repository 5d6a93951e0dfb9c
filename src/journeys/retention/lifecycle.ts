/**
 * Lifecycle, the reference semantics: in each interval, who is new, returning, resurrecting or
 * dormant (PostHog's lifecycle, Adobe's "active growth").
 * @module
 */
import type { JourneyEvent } from '../sql/journey-events.ts';
import { type BreakdownRow, breakdownByProfile, compareBreakdowns } from './breakdown-values.ts';
import { type EventMatcher, matchesEvent } from './event-matcher.ts';
import { type Interval, intervalIndex, intervalSpan, intervalStartDate } from './intervals.ts';

/**
 * A lifecycle analysis over the intervals overlapping `[from, to)` (whole intervals are counted).
 * `activity` says which events make a profile active; the default, `{ withStage: true }`, counts
 * the events mapped to a journey stage, so what the business sends (an e-mail sent has no stage)
 * does not make a customer active.
 */
export interface LifecycleDefinition {
  interval: Interval;
  activity: EventMatcher;
  from: Date;
  to: Date;
}

/**
 * Where a profile stands in an interval:
 * - `new`: active, and its first event ever (of any kind: its creation) is in this interval;
 * - `returning`: active in this interval and the previous one;
 * - `resurrecting`: active, not in the previous interval, created earlier;
 * - `dormant`: active in the previous interval, not in this one.
 */
export type LifecycleStatus = 'new' | 'returning' | 'resurrecting' | 'dormant';

export const lifecycleStatuses: readonly LifecycleStatus[] = ['new', 'returning', 'resurrecting', 'dormant'];

/**
 * One interval's profiles by status. `dormant` is negative, as lifecycle charts draw it below the
 * axis; `dormantCount` is the same number of profiles, positive. `active` = new + returning +
 * resurrecting.
 */
export interface LifecyclePeriod {
  /** First day of the interval (`YYYY-MM-DD`, UTC). */
  start: string;
  new: number;
  returning: number;
  resurrecting: number;
  dormant: number;
  dormantCount: number;
  active: number;
}

export interface LifecycleGroup {
  breakdown: string | null;
  periods: LifecyclePeriod[];
}

export interface LifecycleResult {
  interval: Interval;
  groups: LifecycleGroup[];
}

/** Profiles of one breakdown value with one status in one interval (by index). */
export interface LifecycleTally {
  breakdown: string | null;
  period: number;
  status: LifecycleStatus;
  profiles: number;
}

/**
 * The lifecycle of the profiles in `events`, which must hold their whole history (a profile's
 * creation is its first event ever; the interval before `from` decides the first interval's
 * returning and dormant profiles), optionally per breakdown value.
 * @example lifecycle(events, { interval: 'week', activity: { withStage: true }, from, to })
 */
export function lifecycle(
  events: readonly JourneyEvent[],
  definition: LifecycleDefinition,
  breakdown?: readonly BreakdownRow[],
): LifecycleResult {
  const { first, last } = intervalSpan(definition.from, definition.to, definition.interval);
  const created = new Map<string, number>();
  const active = new Map<string, Set<number>>();
  for (const event of events) {
    const index = intervalIndex(event.ts, definition.interval);
    created.set(event.profileId, Math.min(created.get(event.profileId) ?? index, index));
    if (index < first - 1 || index > last || !matchesEvent(event, definition.activity)) continue;
    active.set(event.profileId, (active.get(event.profileId) ?? new Set<number>()).add(index));
  }
  const breakdowns = breakdownByProfile(breakdown);
  const tallies = new Map<string, LifecycleTally>();
  for (const [profileId, periods] of active) {
    const value = breakdowns.get(profileId) ?? null;
    for (let period = first; period <= last; period++) {
      const status = statusIn(period, periods, created.get(profileId) ?? period);
      if (status === null) continue;
      const key = JSON.stringify([value, period, status]);
      const tally = tallies.get(key) ?? { breakdown: value, period, status, profiles: 0 };
      tally.profiles++;
      tallies.set(key, tally);
    }
  }
  return assembleLifecycle([...tallies.values()], definition);
}

function statusIn(period: number, active: Set<number>, created: number): LifecycleStatus | null {
  const now = active.has(period);
  const before = active.has(period - 1);
  if (now && created === period) return 'new';
  if (now) return before ? 'returning' : 'resurrecting';
  return before ? 'dormant' : null;
}

/**
 * The lifecycle series from tallies: every interval of the range for every breakdown value met
 * (one `null` group when none), zeros where no profile has a status.
 */
export function assembleLifecycle(
  tallies: readonly LifecycleTally[],
  definition: Pick<LifecycleDefinition, 'interval' | 'from' | 'to'>,
): LifecycleResult {
  const { first, last } = intervalSpan(definition.from, definition.to, definition.interval);
  const values = [...new Set(tallies.map((tally) => tally.breakdown))].sort(compareBreakdowns);
  if (values.length === 0) values.push(null);
  const counts = new Map<string, number>();
  for (const { breakdown, period, status, profiles } of tallies) {
    const key = JSON.stringify([breakdown, period, status]);
    counts.set(key, (counts.get(key) ?? 0) + profiles);
  }
  const groups = values.map((breakdown) => {
    const periods: LifecyclePeriod[] = [];
    for (let period = first; period <= last; period++) {
      const count = (status: LifecycleStatus) => counts.get(JSON.stringify([breakdown, period, status])) ?? 0;
      const [fresh, returning, resurrecting, dormant] = lifecycleStatuses.map(count) as [
        number,
        number,
        number,
        number,
      ];
      periods.push({
        start: intervalStartDate(period, definition.interval),
        new: fresh,
        returning,
        resurrecting,
        dormant: dormant === 0 ? 0 : -dormant,
        dormantCount: dormant,
        active: fresh + returning + resurrecting,
      });
    }
    return { breakdown, periods };
  });
  return { interval: definition.interval, groups };
}
