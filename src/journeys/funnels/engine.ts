/**
 * The funnel's reference semantics, on plain events: per profile, its best attempt (the one that
 * reached the furthest step, ties to the earliest entry) among those no exclusion disqualified, one
 * per profile; then the counts, conversions and times per breakdown group and overall.
 * @module
 */
import type { JourneyEvent } from '../sql/journey-events.ts';
import { type Attempt, profileAttempts, type StepEvent } from './attempts.ts';
import type { FunnelDefinition } from './definition.ts';
import { compareText, matchesEvent, stepMask } from './matching.ts';
import { type FunnelResult, type FunnelTotals, groupResult, histogramBucket } from './result.ts';

/** A profile in the funnel: its best attempt and the breakdown value it is counted under. */
export interface FunnelConversion {
  profileId: string;
  /** When each step was reached, from the entry; its length is the furthest step reached. */
  times: number[];
  value: string | null;
}

/**
 * The funnel over plain events. `profileBreakdown` maps profile ids to the value they are broken
 * down by (profiles missing from it count under null); without it, the definition's `breakdown`
 * (the entry event's channel) applies, if any.
 * @example
 * funnel(events, parseFunnelDefinition({ steps: [{ event: 'Produit' }, { action: 'order_completed' }] }))
 * // { overall: { entered: 120, steps: [{ step: 1, reached: 120, … }, { step: 2, reached: 30, … }], … }, breakdown: [] }
 */
export function funnel(
  events: readonly JourneyEvent[],
  definition: FunnelDefinition,
  profileBreakdown?: ReadonlyMap<string, string | null>,
): FunnelResult {
  if (profileBreakdown !== undefined && definition.breakdown !== null) {
    throw new RangeError('funnel: give either a profile breakdown or breakdown "channel", not both');
  }
  const conversions = funnelConversions(events, definition, profileBreakdown);
  const overall = groupResult(totalsOf(conversions, definition), definition);
  if (profileBreakdown === undefined && definition.breakdown === null) return { overall, breakdown: [] };
  return { overall, breakdown: breakdownGroups(conversions, definition) };
}

/** Every profile that entered the funnel, with its best attempt. */
export function funnelConversions(
  events: readonly JourneyEvent[],
  definition: FunnelDefinition,
  profileBreakdown?: ReadonlyMap<string, string | null>,
): FunnelConversion[] {
  const conversions: FunnelConversion[] = [];
  for (const [profileId, own] of byProfile(events)) {
    const ordered = inFunnelOrder(own, definition);
    const exclusionTimes = definition.exclusions.map((exclusion) =>
      own.filter((event) => matchesEvent(event, exclusion.match)).map((event) => event.ts),
    );
    const best = profileAttempts(ordered, definition)
      .filter((attempt) => !isDisqualified(attempt, exclusionTimes, definition))
      .reduce<Attempt | null>(
        (kept, attempt) => (kept === null || attempt.times.length > kept.times.length ? attempt : kept),
        null,
      );
    if (best === null) continue;
    const value = profileBreakdown ? (profileBreakdown.get(profileId) ?? null) : best.channel;
    conversions.push({ profileId, times: best.times, value });
  }
  return conversions.sort((a, b) => compareText(a.profileId, b.profileId));
}

function byProfile(events: readonly JourneyEvent[]): Map<string, JourneyEvent[]> {
  const profiles = new Map<string, JourneyEvent[]>();
  for (const event of events) {
    const own = profiles.get(event.profileId);
    if (own) own.push(event);
    else profiles.set(event.profileId, [event]);
  }
  return profiles;
}

function inFunnelOrder(events: readonly JourneyEvent[], definition: FunnelDefinition): StepEvent[] {
  const rank = (mask: number) => (mask === 0 ? Number.POSITIVE_INFINITY : mask);
  return events
    .map((event) => ({ ts: event.ts, channel: event.channel, mask: stepMask(event, definition.steps) }))
    .sort((a, b) => a.ts - b.ts || rank(a.mask) - rank(b.mask) || compareText(a.channel, b.channel));
}

/**
 * An exclusion event strictly after the attempt's step `fromStep` and strictly before its step
 * `toStep` (or its window's close, if it never got there) disqualifies the attempt.
 */
function isDisqualified(attempt: Attempt, exclusionTimes: number[][], definition: FunnelDefinition): boolean {
  const { times } = attempt;
  return definition.exclusions.some(({ fromStep, toStep }, index) => {
    const start = times[fromStep - 1];
    if (start === undefined) return false;
    const end = times[toStep - 1] ?? (times[0] as number) + definition.windowMs;
    return (exclusionTimes[index] ?? []).some((ts) => ts > start && ts < end);
  });
}

/** Adds up one group of profiles, as the SQL does. */
export function totalsOf(
  conversions: readonly FunnelConversion[],
  definition: FunnelDefinition,
): FunnelTotals {
  const steps = definition.steps.length;
  const reaching = (k: number) => conversions.filter((c) => c.times.length >= k);
  const durations = (k: number, from: (c: FunnelConversion) => number) =>
    reaching(k).map((c) => (c.times[k - 1] as number) - from(c));
  const previous = Array.from({ length: steps }, (_, i) =>
    i === 0 ? [] : durations(i + 1, (c) => c.times[i - 1] as number),
  );
  const fromEntry = Array.from({ length: steps }, (_, i) =>
    i === 0 ? [] : durations(i + 1, (c) => c.times[0] as number),
  );
  const histogram = new Array<number>(7).fill(0);
  for (const duration of fromEntry[steps - 1] ?? []) {
    const bucket = histogramBucket(duration);
    histogram[bucket] = (histogram[bucket] ?? 0) + 1;
  }
  return {
    entered: conversions.length,
    reached: Array.from({ length: steps }, (_, i) => reaching(i + 1).length),
    medianFromPrevious: previous.map(median),
    sumFromPrevious: previous.map(sum),
    medianFromEntry: fromEntry.map(median),
    sumFromEntry: fromEntry.map(sum),
    histogram,
  };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Groups by value, the largest first (ties by value, null last); past the limit, one "other" group. */
function breakdownGroups(conversions: readonly FunnelConversion[], definition: FunnelDefinition) {
  const groups = new Map<string | null, FunnelConversion[]>();
  for (const conversion of conversions) {
    const group = groups.get(conversion.value);
    if (group) group.push(conversion);
    else groups.set(conversion.value, [conversion]);
  }
  const ranked = [...groups].sort(
    ([a, left], [b, right]) =>
      right.length - left.length || (a === null ? 1 : b === null ? -1 : compareText(a, b)),
  );
  const shown = ranked.slice(0, definition.breakdownLimit).map(([value, members]) => ({
    value,
    other: false,
    ...groupResult(totalsOf(members, definition), definition),
  }));
  const folded = ranked.slice(definition.breakdownLimit).flatMap(([, members]) => members);
  if (folded.length === 0) return shown;
  return [...shown, { value: null, other: true, ...groupResult(totalsOf(folded, definition), definition) }];
}
