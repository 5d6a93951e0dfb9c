/**
 * The channel-mix result and how it is built from customer counts, the same way for the engine
 * and for the SQL's rows.
 * @module
 */

import { compareBreakdowns } from '../retention/breakdown-values.ts';
import { type Interval, intervalSpan, intervalStartDate } from '../retention/intervals.ts';

/** Customers active on one channel, and their share of the active customers. */
export interface ChannelShare {
  channel: string;
  customers: number;
  share: number;
}

/** Customers who used exactly `channels` channels, and their share of the active customers. */
export interface ChannelsUsedShare {
  channels: number;
  customers: number;
  share: number;
}

/**
 * The mix of one interval or of the whole range. Channel shares add up to more than 1 when
 * customers use several channels. `singleChannelShare` + `omnichannelShare` = 1 (both 0 when no
 * customer is active, as every share).
 */
export interface ChannelMixSlice {
  /** Customers with at least one activity. */
  customers: number;
  /** Every channel of the group over the range, most customers over the range first. */
  channels: ChannelShare[];
  /** From 1 to the most channels a customer of the group used over the range. */
  channelsPerCustomer: ChannelsUsedShare[];
  singleChannelShare: number;
  omnichannelShare: number;
}

export interface ChannelMixPeriod extends ChannelMixSlice {
  /** First day of the interval (`YYYY-MM-DD`, UTC). */
  start: string;
}

/** One breakdown value's series (`null`: no breakdown, or customers without a value). */
export interface ChannelMixGroup {
  breakdown: string | null;
  periods: ChannelMixPeriod[];
  /** The whole range: a customer counts once, with every channel used in it. */
  total: ChannelMixSlice;
}

export interface ChannelMixResult {
  interval: Interval;
  groups: ChannelMixGroup[];
}

/**
 * Customers of one breakdown value in one interval (`period`, an interval index; `null` for the
 * whole range): active on channel `item` (`kind` `channel`), or having used `item` channels
 * (`kind` `channels_used`).
 */
export interface ChannelMixTally {
  breakdown: string | null;
  period: number | null;
  kind: 'channel' | 'channels_used';
  item: string;
  customers: number;
}

/**
 * The channel-mix result from tallies: every interval of the range for every breakdown value met
 * (one `null` group when none), zeros where nobody was active.
 */
export function assembleChannelMix(
  tallies: readonly ChannelMixTally[],
  definition: { interval: Interval; from: Date; to: Date },
): ChannelMixResult {
  const { first, last } = intervalSpan(definition.from, definition.to, definition.interval);
  const counts = new Map<string, number>();
  for (const { breakdown, period, kind, item, customers } of tallies) {
    const key = JSON.stringify([breakdown, period, kind, item]);
    counts.set(key, (counts.get(key) ?? 0) + customers);
  }
  const values = [...new Set(tallies.map((tally) => tally.breakdown))].sort(compareBreakdowns);
  if (values.length === 0) values.push(null);
  const groups = values.map((breakdown) => {
    const ranged = tallies.filter((tally) => tally.breakdown === breakdown && tally.period === null);
    const channels = ranged
      .filter((tally) => tally.kind === 'channel')
      .sort((a, b) => b.customers - a.customers || (a.item < b.item ? -1 : 1))
      .map((tally) => tally.item);
    const most = Math.max(0, ...ranged.filter((t) => t.kind === 'channels_used').map((t) => Number(t.item)));
    const slice = (period: number | null): ChannelMixSlice => {
      const count = (kind: ChannelMixTally['kind'], item: string) =>
        counts.get(JSON.stringify([breakdown, period, kind, item])) ?? 0;
      const used = Array.from({ length: most }, (_, i) => ({
        channels: i + 1,
        customers: count('channels_used', String(i + 1)),
      }));
      const customers = used.reduce((sum, row) => sum + row.customers, 0);
      const share = (n: number) => (customers === 0 ? 0 : n / customers);
      const single = used[0]?.customers ?? 0;
      return {
        customers,
        channels: channels.map((channel) => {
          const active = count('channel', channel);
          return { channel, customers: active, share: share(active) };
        }),
        channelsPerCustomer: used.map((row) => ({ ...row, share: share(row.customers) })),
        singleChannelShare: share(single),
        omnichannelShare: share(customers - single),
      };
    };
    const periods: ChannelMixPeriod[] = [];
    for (let period = first; period <= last; period++) {
      periods.push({ start: intervalStartDate(period, definition.interval), ...slice(period) });
    }
    return { breakdown, periods, total: slice(null) };
  });
  return { interval: definition.interval, groups };
}
