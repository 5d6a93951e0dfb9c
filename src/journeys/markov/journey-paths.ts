/**
 * Journeys as first-order Markov chains: aggregated paths in, transition counts out. Works on path counts
 * (one row per distinct path), never on raw events, so millions of journeys cost what their distinct
 * paths cost.
 * @module
 */

/** One distinct sequence of channels with how many journeys took it and how they ended. */
export interface JourneyPathCount {
  channels: readonly string[];
  conversions: number;
  nonConversions: number;
  /** Total conversion value of the journeys on this path (0 or absent when only counts matter). */
  revenue?: number;
}

/** The state every journey leaves from. */
export const JOURNEY_START = '(start)';
/** The absorbing state of a converting journey. */
export const JOURNEY_CONVERSION = '(conversion)';
/** The absorbing state of a journey that ended without converting. */
export const JOURNEY_NULL = '(null)';

/** from-state → to-state → number of journeys that made that step. */
export type TransitionCounts = Map<string, Map<string, number>>;

/**
 * Counts the steps start → c₁ → … → c_k → conversion | null, each weighted by the journeys on the path
 * (conversions + nonConversions; the last step splits into the two). Paths with no channel are skipped.
 */
export function countTransitions(paths: readonly JourneyPathCount[]): TransitionCounts {
  const counts: TransitionCounts = new Map();
  const add = (from: string, to: string, weight: number) => {
    if (weight <= 0) return;
    const row = counts.get(from) ?? new Map<string, number>();
    if (row.size === 0) counts.set(from, row);
    row.set(to, (row.get(to) ?? 0) + weight);
  };
  for (const path of paths) {
    checkPath(path);
    if (path.channels.length === 0) continue;
    const journeys = path.conversions + path.nonConversions;
    let from = JOURNEY_START;
    for (const channel of path.channels) {
      add(from, channel, journeys);
      from = channel;
    }
    add(from, JOURNEY_CONVERSION, path.conversions);
    add(from, JOURNEY_NULL, path.nonConversions);
  }
  return counts;
}

/** The channels named in the paths, in order of first appearance. */
export function channelsOf(paths: readonly JourneyPathCount[]): string[] {
  const seen = new Set<string>();
  for (const path of paths) for (const channel of path.channels) seen.add(channel);
  return [...seen];
}

/** Rejects negative counts and channel names that clash with the chain's own states. */
export function checkPath(path: JourneyPathCount): void {
  if (!(path.conversions >= 0 && path.nonConversions >= 0 && (path.revenue ?? 0) >= 0))
    throw new RangeError('conversions, nonConversions and revenue must be non-negative');
  for (const channel of path.channels)
    if (channel === JOURNEY_START || channel === JOURNEY_CONVERSION || channel === JOURNEY_NULL)
      throw new RangeError(`"${channel}" is reserved for the chain's own states`);
}
