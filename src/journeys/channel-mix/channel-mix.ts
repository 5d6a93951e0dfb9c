/**
 * Channel mix over time, the reference semantics: in each interval, the share of active customers
 * who used each channel, and how many channels each customer used. Counted per customer, never
 * per event: a customer active on web and in store in a week counts once for each.
 * @module
 */

import { type BreakdownRow, breakdownByProfile } from '../retention/breakdown-values.ts';
import { type EventMatcher, matchesEvent } from '../retention/event-matcher.ts';
import { type Interval, intervalIndex, intervalSpan } from '../retention/intervals.ts';
import type { JourneyEvent } from '../sql/journey-events.ts';
import { assembleChannelMix, type ChannelMixResult, type ChannelMixTally } from './channel-mix-assembly.ts';

/**
 * A channel-mix analysis over the intervals overlapping `[from, to)` (whole intervals are
 * counted). `activity` says which events make a customer active on their channel; the default,
 * `{ withStage: true }`, leaves out what the business sends (an e-mail sent has no stage).
 */
export interface ChannelMixDefinition {
  interval: Interval;
  activity: EventMatcher;
  from: Date;
  to: Date;
}

/**
 * The channel mix of the customers in `events`, per interval and over the whole range, optionally
 * per breakdown value (`breakdown`: one row per profile).
 * @example channelMix(events, { interval: 'week', activity: { withStage: true }, from, to })
 */
export function channelMix(
  events: readonly JourneyEvent[],
  definition: ChannelMixDefinition,
  breakdown?: readonly BreakdownRow[],
): ChannelMixResult {
  const { first, last } = intervalSpan(definition.from, definition.to, definition.interval);
  const byPeriod = new Map<string, Set<string>>();
  const overRange = new Map<string, Set<string>>();
  for (const event of events) {
    const period = intervalIndex(event.ts, definition.interval);
    if (period < first || period > last || !matchesEvent(event, definition.activity)) continue;
    const key = JSON.stringify([event.profileId, period]);
    byPeriod.set(key, (byPeriod.get(key) ?? new Set<string>()).add(event.channel));
    overRange.set(event.profileId, (overRange.get(event.profileId) ?? new Set<string>()).add(event.channel));
  }
  const breakdowns = breakdownByProfile(breakdown);
  const tallies = new Map<string, ChannelMixTally>();
  const count = (
    value: string | null,
    period: number | null,
    kind: ChannelMixTally['kind'],
    item: string,
  ) => {
    const key = JSON.stringify([value, period, kind, item]);
    const tally = tallies.get(key) ?? { breakdown: value, period, kind, item, customers: 0 };
    tally.customers++;
    tallies.set(key, tally);
  };
  for (const [key, channels] of byPeriod) {
    const [profileId, period] = JSON.parse(key) as [string, number];
    const value = breakdowns.get(profileId) ?? null;
    for (const channel of channels) count(value, period, 'channel', channel);
    count(value, period, 'channels_used', String(channels.size));
  }
  for (const [profileId, channels] of overRange) {
    const value = breakdowns.get(profileId) ?? null;
    for (const channel of channels) count(value, null, 'channel', channel);
    count(value, null, 'channels_used', String(channels.size));
  }
  return assembleChannelMix([...tallies.values()], definition);
}
