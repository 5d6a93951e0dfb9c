import { describe, expect, it } from 'vitest';
import { channelMix } from './channel-mix.ts';
import type { ChannelMixSlice } from './channel-mix-assembly.ts';
import { fortnight } from './channel-mix-fixture.ts';
import { parseChannelMixDefinition } from './channel-mix-schema.ts';

const weekly = parseChannelMixDefinition({ from: '2025-12-29', to: '2026-01-12' });

/** The slice as [customers, [channel, customers]…, customers by number of channels, single, omni]. */
function figures(slice: ChannelMixSlice | undefined) {
  return (
    slice && [
      slice.customers,
      slice.channels.map((c) => [c.channel, c.customers]),
      slice.channelsPerCustomer.map((c) => c.customers),
      slice.singleChannelShare,
      slice.omnichannelShare,
    ]
  );
}

describe('channel mix', () => {
  const [group] = channelMix(fortnight, weekly).groups;

  it('counts each active customer once per channel in each ISO week', () => {
    // Week of 29 Dec: a (web, store), b (web); c's e-mail sent is no activity, d's order falls
    // the week before. Channels ordered by customers over the fortnight (store 2, web 2, app,
    // call_centre, email), customers by number of channels 1, 2, 3: b; a; nobody.
    expect(group?.periods[0]?.start).toBe('2025-12-29');
    expect(figures(group?.periods[0])).toEqual([
      2,
      [
        ['store', 1],
        ['web', 2],
        ['app', 0],
        ['call_centre', 0],
        ['email', 0],
      ],
      [1, 1, 0],
      0.5,
      0.5,
    ]);
  });

  it('gives shares of the active customers, adding up to more than one across channels', () => {
    // Week of 5 Jan: a (web), b (app, store, web), c (call_centre), e (email); d's order on
    // 12 Jan 00:00 is the next week. 4 customers: web 2/4; one channel a, c, e; three b.
    const week = group?.periods[1];
    expect(figures(week)).toEqual([
      4,
      [
        ['store', 1],
        ['web', 2],
        ['app', 1],
        ['call_centre', 1],
        ['email', 1],
      ],
      [3, 0, 1],
      0.75,
      0.25,
    ]);
    expect(week?.channels.map((c) => c.share)).toEqual([0.25, 0.5, 0.25, 0.25, 0.25]);
    expect(week?.channelsPerCustomer.map((c) => c.share)).toEqual([0.75, 0, 0.25]);
  });

  it('counts each customer once over the whole range, with every channel used in it', () => {
    // a web+store (2), b web+app+store (3), c call_centre (1), e email (1).
    expect(figures(group?.total)).toEqual([
      4,
      [
        ['store', 2],
        ['web', 2],
        ['app', 1],
        ['call_centre', 1],
        ['email', 1],
      ],
      [2, 1, 1],
      0.5,
      0.5,
    ]);
  });

  it('counts what the business sends when the activity is every event', () => {
    const everything = channelMix(fortnight, { ...weekly, activity: {} });
    // c's e-mail sent now makes c active by e-mail in the week of 29 Dec.
    expect(everything.groups[0]?.periods[0]?.customers).toBe(3);
    expect(everything.groups[0]?.periods[0]?.channels.find((c) => c.channel === 'email')?.customers).toBe(1);
  });

  it('splits customers by breakdown value, each group with its own channels', () => {
    // north: a (web, store) and e (email), one customer each, so in name order.
    const result = channelMix(fortnight, weekly, [
      { profileId: 'a', breakdown: 'north' },
      { profileId: 'e', breakdown: 'north' },
    ]);
    expect(
      result.groups.map((g) => [g.breakdown, g.total.customers, g.total.channels.map((c) => c.channel)]),
    ).toEqual([
      ['north', 2, ['email', 'store', 'web']],
      [null, 2, ['app', 'call_centre', 'store', 'web']],
    ]);
  });

  it('answers zeros, not NaN, for an interval without activity', () => {
    const result = channelMix([], weekly);
    expect(result.groups).toEqual([
      {
        breakdown: null,
        periods: [
          {
            start: '2025-12-29',
            customers: 0,
            channels: [],
            channelsPerCustomer: [],
            singleChannelShare: 0,
            omnichannelShare: 0,
          },
          {
            start: '2026-01-05',
            customers: 0,
            channels: [],
            channelsPerCustomer: [],
            singleChannelShare: 0,
            omnichannelShare: 0,
          },
        ],
        total: {
          customers: 0,
          channels: [],
          channelsPerCustomer: [],
          singleChannelShare: 0,
          omnichannelShare: 0,
        },
      },
    ]);
  });
});
