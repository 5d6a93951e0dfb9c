/**
 * Who gets credit for a conversion: rule-based attribution (first, last, linear touch) and the exact
 * Markov-chain removal effect, on conversions and on revenue, over aggregated path counts.
 * @module
 */
export { type ChannelCredit, type HeuristicAttribution, heuristicAttribution } from './heuristic.ts';
export { type MarkovAttribution, type MarkovChannelCredit, markovAttribution } from './markov.ts';
