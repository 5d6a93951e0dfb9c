import { describe, expect, it } from 'vitest';
import type { JourneyPathCount } from '../markov/journey-paths.ts';
import { markovAttribution } from './markov.ts';

const byChannel = (result: ReturnType<typeof markovAttribution>) =>
  Object.fromEntries(result.channels.map((c) => [c.channel, c]));

describe('Markov removal-effect attribution', () => {
  it('gives the published figures of Bryl’s analyzecore.com example (2016)', () => {
    // Paths C1>C2>C3 (1 conversion, value 1000), C1 (no conversion), C2>C3 (no conversion). Published:
    // P(conversion) = 1/3; without C1 1/6; removal effects 0.5, 1, 1; credits 0.2, 0.4, 0.4 (value 200, 400, 400).
    const paths: JourneyPathCount[] = [
      { channels: ['C1', 'C2', 'C3'], conversions: 1, nonConversions: 0, revenue: 1000 },
      { channels: ['C1'], conversions: 0, nonConversions: 1 },
      { channels: ['C2', 'C3'], conversions: 0, nonConversions: 1 },
    ];
    const result = markovAttribution(paths);
    expect(result.conversionProbability).toBeCloseTo(1 / 3, 14);
    const c = byChannel(result);
    expect(c.C1?.removalEffect).toBeCloseTo(0.5, 14);
    expect(c.C2?.removalEffect).toBeCloseTo(1, 14);
    expect(c.C3?.removalEffect).toBeCloseTo(1, 14);
    expect(
      [c.C1?.conversions, c.C2?.conversions, c.C3?.conversions].map((v) => Number(v?.toFixed(12))),
    ).toEqual([0.2, 0.4, 0.4]);
    expect([c.C1?.revenue, c.C2?.revenue, c.C3?.revenue].map((v) => Number(v?.toFixed(9)))).toEqual([
      200, 400, 400,
    ]);
  });

  it('gives Puzyrov’s Google Ads / mailing example, solved by hand', () => {
    // serhiipuzyrov.com (2019) publishes the transitions: start→ads 0.8, start→mailing 0.2, ads→conv 0.5,
    // ads→mailing 0.25, ads→null 0.25, mailing→conv 1. By hand: P = 0.8·(0.5 + 0.25) + 0.2 = 0.8;
    // without ads 0.2 (RE 0.75), without mailing 0.8·0.5 = 0.4 (RE 0.5); 4 conversions → 2.4 and 1.6.
    const result = markovAttribution([
      { channels: ['google ads'], conversions: 2, nonConversions: 1 },
      { channels: ['mailing'], conversions: 1, nonConversions: 0 },
      { channels: ['google ads', 'mailing'], conversions: 1, nonConversions: 0 },
    ]);
    expect(result.conversionProbability).toBeCloseTo(0.8, 14);
    const c = byChannel(result);
    expect(c['google ads']?.removalEffect).toBeCloseTo(0.75, 14);
    expect(c.mailing?.removalEffect).toBeCloseTo(0.5, 14);
    expect(c['google ads']?.conversions).toBeCloseTo(2.4, 12);
    expect(c.mailing?.conversions).toBeCloseTo(1.6, 12);
  });

  it('weights conversions by their value on revenue', () => {
    // start→A ½, start→B ½; each converts half its journeys. Conversions after A are worth 100, after B 300.
    // E[value] = ¼·100 + ¼·300 = 100; without A 75 (RE 0.25), without B 25 (RE 0.75). Conversion credit is
    // 1 and 1, revenue credit 400·0.25 = 100 and 400·0.75 = 300.
    const result = markovAttribution([
      { channels: ['A'], conversions: 1, nonConversions: 1, revenue: 100 },
      { channels: ['B'], conversions: 1, nonConversions: 1, revenue: 300 },
    ]);
    expect(result.expectedValue).toBeCloseTo(100, 12);
    const c = byChannel(result);
    expect(c.A?.conversions).toBeCloseTo(1, 12);
    expect(c.B?.conversions).toBeCloseTo(1, 12);
    expect(c.A?.revenueRemovalEffect).toBeCloseTo(0.25, 12);
    expect(c.A?.revenue).toBeCloseTo(100, 10);
    expect(c.B?.revenue).toBeCloseTo(300, 10);
  });

  it('solves a chain with a loop: A>B>A converts, removal effects 2/3 and 3/4', () => {
    // See markov/absorbing-chain.test.ts: P = ½; without A: ½·⅓ = 1/6 (RE 2/3); without B: ½·¼ = ⅛ (RE 3/4).
    // 2 conversions split 8/17 and 9/17.
    const result = markovAttribution([
      { channels: ['A', 'B', 'A'], conversions: 1, nonConversions: 0 },
      { channels: ['A'], conversions: 0, nonConversions: 1 },
      { channels: ['B'], conversions: 1, nonConversions: 0 },
      { channels: ['B', 'A'], conversions: 0, nonConversions: 1 },
    ]);
    const c = byChannel(result);
    expect(c.A?.removalEffect).toBeCloseTo(2 / 3, 14);
    expect(c.B?.removalEffect).toBeCloseTo(3 / 4, 14);
    expect(c.A?.conversions).toBeCloseTo(16 / 17, 12);
    expect(c.B?.conversions).toBeCloseTo(18 / 17, 12);
  });

  it('shares all conversions and revenue, and treats mirror-image channels alike', () => {
    const result = markovAttribution([
      { channels: ['X', 'Y'], conversions: 30, nonConversions: 70, revenue: 3000 },
      { channels: ['Y', 'X'], conversions: 30, nonConversions: 70, revenue: 3000 },
      { channels: ['X'], conversions: 5, nonConversions: 95, revenue: 500 },
      { channels: ['Y'], conversions: 5, nonConversions: 95, revenue: 500 },
    ]);
    const c = byChannel(result);
    expect(c.X?.conversions).toBeCloseTo(c.Y?.conversions as number, 12);
    expect(result.channels.reduce((a, ch) => a + ch.conversions, 0)).toBeCloseTo(70, 10);
    expect(result.channels.reduce((a, ch) => a + ch.revenue, 0)).toBeCloseTo(7000, 8);
  });
});
