import { describe, expect, it } from 'vitest';
import { heuristicAttribution } from './heuristic.ts';

describe('first-touch, last-touch and linear attribution', () => {
  it('credits Puzyrov’s Google Ads / mailing paths by hand', () => {
    // ads ×2 conv, mailing ×1 conv, ads>mailing ×1 conv, ads ×1 no conversion.
    // first: ads 3, mailing 1; last: ads 2, mailing 2; linear: ads 2 + ½ = 2.5, mailing 1 + ½ = 1.5.
    const result = heuristicAttribution([
      { channels: ['google ads'], conversions: 2, nonConversions: 1, revenue: 200 },
      { channels: ['mailing'], conversions: 1, nonConversions: 0, revenue: 50 },
      { channels: ['google ads', 'mailing'], conversions: 1, nonConversions: 0, revenue: 120 },
    ]);
    const pick = (rows: { channel: string; conversions: number; revenue: number }[]) =>
      Object.fromEntries(rows.map((r) => [r.channel, [r.conversions, r.revenue]]));
    expect(pick(result.firstTouch)).toEqual({ 'google ads': [3, 320], mailing: [1, 50] });
    expect(pick(result.lastTouch)).toEqual({ 'google ads': [2, 200], mailing: [2, 170] });
    expect(pick(result.linear)).toEqual({ 'google ads': [2.5, 260], mailing: [1.5, 110] });
  });

  it('gives each touch of C1>C2>C3 a third under linear', () => {
    const result = heuristicAttribution([
      { channels: ['C1', 'C2', 'C3'], conversions: 1, nonConversions: 0, revenue: 1000 },
    ]);
    expect(result.linear.map((r) => r.conversions)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(result.firstTouch.map((r) => r.revenue)).toEqual([1000, 0, 0]);
    expect(result.lastTouch.map((r) => r.revenue)).toEqual([0, 0, 1000]);
  });
});
