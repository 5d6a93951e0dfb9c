/**
 * The hand-written history the retention and lifecycle tests solve by hand, and a shorthand to
 * write journey events.
 * @module
 */
import type { JourneyEvent } from '../sql/journey-events.ts';

/**
 * A journey event in one line: `journeyEvent('a', '2026-01-05T10:00Z', 'web', 'order_completed')`;
 * the stage is `buy` for purchases, `discover` otherwise, unless given (`null`: no stage).
 */
export function journeyEvent(
  profileId: string,
  at: string,
  channel: string,
  action: string,
  stage: string | null = action === 'order_completed' ? 'buy' : 'discover',
): JourneyEvent {
  return {
    profileId,
    ts: Date.parse(at),
    channel,
    action,
    touchpoint: `${channel}:${action}`,
    stage,
    event: action,
    revenue: action === 'order_completed' ? 10 : null,
  };
}

/**
 * Seven profiles around the cohorts of January and February 2026; the latest event is on
 * 15 April 2026.
 * - a: buys 5 Jan, 20 Jan, 3 Mar.
 * - b: views a page 20 Dec 2025, buys 10 Jan, views a page 2 Feb, buys 15 Apr.
 * - c: buys 15 Dec 2025 and 8 Jan (first purchase before the range).
 * - d: buys 28 Feb 23:30 UTC and 1 Mar 00:10 UTC (a month boundary 40 minutes apart).
 * - e: buys 10 Feb only.
 * - f: views a page 3 Jan, never buys.
 * - g: buys twice on 31 Jan at the same millisecond.
 */
export const cohortHistory: JourneyEvent[] = [
  journeyEvent('a', '2026-01-05T10:00:00Z', 'web', 'order_completed'),
  journeyEvent('a', '2026-01-20T10:00:00Z', 'store', 'order_completed'),
  journeyEvent('a', '2026-03-03T10:00:00Z', 'web', 'order_completed'),
  journeyEvent('b', '2025-12-20T10:00:00Z', 'web', 'page_viewed'),
  journeyEvent('b', '2026-01-10T10:00:00Z', 'store', 'order_completed'),
  journeyEvent('b', '2026-02-02T10:00:00Z', 'app', 'page_viewed'),
  journeyEvent('b', '2026-04-15T10:00:00Z', 'web', 'order_completed'),
  journeyEvent('c', '2025-12-15T10:00:00Z', 'store', 'order_completed'),
  journeyEvent('c', '2026-01-08T10:00:00Z', 'store', 'order_completed'),
  journeyEvent('d', '2026-02-28T23:30:00Z', 'web', 'order_completed'),
  journeyEvent('d', '2026-03-01T00:10:00Z', 'web', 'order_completed'),
  journeyEvent('e', '2026-02-10T10:00:00Z', 'app', 'order_completed'),
  journeyEvent('f', '2026-01-03T10:00:00Z', 'web', 'page_viewed'),
  journeyEvent('g', '2026-01-31T18:00:00Z', 'web', 'order_completed'),
  journeyEvent('g', '2026-01-31T18:00:00Z', 'app', 'order_completed'),
];
