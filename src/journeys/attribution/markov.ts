import { absorption } from '../markov/absorbing-chain.ts';
import { channelsOf, countTransitions, type JourneyPathCount } from '../markov/journey-paths.ts';

/** One channel's removal effects and credit. */
export interface MarkovChannelCredit {
  channel: string;
  /** 1 − P(conversion without the channel)/P(conversion). */
  removalEffect: number;
  /** 1 − E[value without the channel]/E[value]. */
  revenueRemovalEffect: number;
  /** Total conversions × removalEffect / Σ removal effects. */
  conversions: number;
  /** Total revenue × revenueRemovalEffect / Σ revenue removal effects. */
  revenue: number;
}

/** A first-order Markov attribution. */
export interface MarkovAttribution {
  /** P(conversion) of a journey from the start, by the chain. */
  conversionProbability: number;
  /** Expected conversion value of a journey from the start, by the chain. */
  expectedValue: number;
  totalConversions: number;
  totalRevenue: number;
  channels: MarkovChannelCredit[];
}

/**
 * Markov-chain attribution by removal effect (Anderl, Becker, v. Wangenheim & Schumann 2016, IJRM 33(3)),
 * computed exactly: a first-order chain start → channels → conversion | null is estimated from path counts
 * (non-converting paths included); P(conversion) is the absorption probability from start, solved as a
 * linear system; removing a channel sends every transition into it to null. On revenue, each conversion
 * step carries the mean value of the conversions that left from that state, and the same system gives the
 * expected value with and without each channel. No simulation.
 *
 * @example
 * markovAttribution([{ channels: ['search', 'email'], conversions: 12, nonConversions: 88, revenue: 960 }])
 */
export function markovAttribution(paths: readonly JourneyPathCount[]): MarkovAttribution {
  const counts = countTransitions(paths);
  const valuePerConversion = meanConversionValueByLastChannel(paths);
  const full = absorption(counts, { valuePerConversion });
  const conversionProbability = full.conversion[0] ?? 0;
  const expectedValue = full.value[0] ?? 0;
  let totalConversions = 0;
  let totalRevenue = 0;
  for (const path of paths)
    if (path.channels.length > 0) {
      totalConversions += path.conversions;
      totalRevenue += path.revenue ?? 0;
    }
  const effects = channelsOf(paths).map((channel) => {
    const without = absorption(counts, { removed: new Set([channel]), valuePerConversion });
    return {
      channel,
      removalEffect: conversionProbability > 0 ? 1 - (without.conversion[0] ?? 0) / conversionProbability : 0,
      revenueRemovalEffect: expectedValue > 0 ? 1 - (without.value[0] ?? 0) / expectedValue : 0,
    };
  });
  const sum = effects.reduce((a, e) => a + e.removalEffect, 0);
  const revenueSum = effects.reduce((a, e) => a + e.revenueRemovalEffect, 0);
  return {
    conversionProbability,
    expectedValue,
    totalConversions,
    totalRevenue,
    channels: effects.map((e) => ({
      ...e,
      conversions: sum > 0 ? (totalConversions * e.removalEffect) / sum : 0,
      revenue: revenueSum > 0 ? (totalRevenue * e.revenueRemovalEffect) / revenueSum : 0,
    })),
  };
}

// mean value of the conversions that left from each channel (the last channel of converting paths).
function meanConversionValueByLastChannel(paths: readonly JourneyPathCount[]): Map<string, number> {
  const revenue = new Map<string, number>();
  const conversions = new Map<string, number>();
  for (const path of paths) {
    const last = path.channels[path.channels.length - 1];
    if (last === undefined || path.conversions === 0) continue;
    revenue.set(last, (revenue.get(last) ?? 0) + (path.revenue ?? 0));
    conversions.set(last, (conversions.get(last) ?? 0) + path.conversions);
  }
  return new Map([...revenue].map(([state, total]) => [state, total / (conversions.get(state) as number)]));
}
