/**
 * Small journey_events fixtures for the radar's tests: a hand-written one whose figures are solved in
 * the tests, and a seeded random one of a few hundred events.
 * @module
 */
import type { JourneyEvent } from '../sql/journey-events.ts';
import { seededRandom } from '../testing/seeded-random.ts';

/** 2026-03-02 00:00 UTC, a Monday. */
export const FIXTURE_START = Date.UTC(2026, 2, 2);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One event, `day` days and `hour` hours after FIXTURE_START. */
export function event(
  profileId: string,
  day: number,
  hour: number,
  channel: string,
  action: string,
  stage: string | null,
  revenue: number | null = null,
): JourneyEvent {
  return {
    profileId,
    ts: FIXTURE_START + day * DAY + hour * HOUR,
    channel,
    action,
    touchpoint: `${channel}:${action}`,
    stage,
    event: action,
    revenue,
  };
}

/** Three customers over three days (see series.test.ts for the figures solved by hand). */
export const handWrittenEvents: JourneyEvent[] = [
  event('a', 0, 9, 'web', 'page_viewed', 'discover'),
  event('a', 0, 10, 'web', 'product_viewed', 'consider'),
  event('a', 0, 11, 'web', 'order_completed', 'buy', 40),
  event('b', 0, 12, 'store', 'order_completed', 'buy', 60),
  event('c', 0, 13, 'web', 'page_viewed', 'discover'),
  event('b', 1, 9, 'call_centre', 'ticket_opened', 'get_help'),
  event('c', 1, 10, 'app', 'screen_viewed', 'discover'),
  event('c', 1, 11, 'app', 'order_completed', 'buy', 25.5),
  event('a', 2, 8, 'email', 'email_opened', 'come_back'),
  event('a', 2, 9, 'chat', 'ticket_opened', 'get_help'),
  event('b', 2, 23, 'store', 'order_completed', 'buy', 10),
];

const channels = ['web', 'app', 'store', 'call_centre', 'email'];
const steps: [string, string | null][] = [
  ['page_viewed', 'discover'],
  ['product_viewed', 'consider'],
  ['order_completed', 'buy'],
  ['ticket_opened', 'get_help'],
  ['email_opened', 'come_back'],
  ['identify', null],
];

/** A seeded random fixture: `count` events of 30 customers over `days` days. */
export function randomEvents(seed: number, count = 400, days = 42): JourneyEvent[] {
  const rng = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.uniform() * xs.length)] as T;
  return Array.from({ length: count }, () => {
    const [action, stage] = pick(steps);
    const revenue = action === 'order_completed' ? Math.round(rng.uniform() * 20000) / 100 : null;
    const ts = FIXTURE_START + Math.floor(rng.uniform() * days * DAY);
    return {
      ...event(`p${Math.floor(rng.uniform() * 30)}`, 0, 0, pick(channels), action, stage, revenue),
      ts,
    };
  });
}
