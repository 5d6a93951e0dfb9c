/** Journeys as absorbing Markov chains: transition counts from aggregated paths, and absorption. */
export { type Absorption, absorption } from './absorbing-chain.ts';
export {
  channelsOf,
  countTransitions,
  JOURNEY_CONVERSION,
  JOURNEY_NULL,
  JOURNEY_START,
  type JourneyPathCount,
  type TransitionCounts,
} from './journey-paths.ts';
