/**
 * Aggregated journeys into credits: the rule-based models and the Markov removal effect side by
 * side, and what could not be credited.
 * @module
 */
import { type ChannelCredit, heuristicAttribution } from '../attribution/heuristic.ts';
import { type MarkovAttribution, markovAttribution } from '../attribution/markov.ts';
import type { JourneyPathCount } from '../markov/journey-paths.ts';

/** Who earned the conversions and the revenue, by four models. */
export interface AttributionResult {
  journeys: {
    /** Conversions in the range (journeys with and without touches). */
    conversions: number;
    revenue: number;
    /** Journeys with touches that had not converted by the range end. */
    nonConverting: number;
    /** Conversions with no touch within the lookback: no model can credit them. */
    uncreditedConversions: number;
    uncreditedRevenue: number;
    distinctPaths: number;
  };
  firstTouch: ChannelCredit[];
  lastTouch: ChannelCredit[];
  linear: ChannelCredit[];
  /** First-order chain, removal effect computed exactly, on conversions and on revenue. */
  markov: MarkovAttribution;
}

/**
 * Credits aggregated journeys with first-touch, last-touch, linear and Markov removal effect
 * (order 1), on conversions and on revenue.
 * @example attributeJourneys([{ channels: ['email', 'web'], conversions: 3, nonConversions: 7, revenue: 240 }])
 */
export function attributeJourneys(paths: readonly JourneyPathCount[]): AttributionResult {
  const journeys = {
    conversions: 0,
    revenue: 0,
    nonConverting: 0,
    uncreditedConversions: 0,
    uncreditedRevenue: 0,
    distinctPaths: paths.length,
  };
  for (const path of paths) {
    journeys.conversions += path.conversions;
    journeys.revenue += path.revenue ?? 0;
    journeys.nonConverting += path.nonConversions;
    if (path.channels.length === 0) {
      journeys.uncreditedConversions += path.conversions;
      journeys.uncreditedRevenue += path.revenue ?? 0;
    }
  }
  return { journeys, ...heuristicAttribution(paths), markov: markovAttribution(paths) };
}
