/**
 * Events the paths tests share: a hand-written set whose paths are solved by hand in the tests,
 * and a seeded random set for checking the SQL against the engine.
 * @module
 */
import type { JourneyEvent } from '../sql/journey-events.ts';
import { seededRandom } from '../testing/seeded-random.ts';

/** 2026-03-02 09:00 UTC, the fixtures' minute 0. */
export const T0 = Date.UTC(2026, 2, 2, 9);

/** One event at `minute` after T0 on a `channel:action` touchpoint. */
export function at(
  profileId: string,
  minute: number,
  touchpoint: string,
  stage: string | null = null,
): JourneyEvent {
  const [channel = '', action = ''] = touchpoint.split(':');
  return {
    profileId,
    ts: T0 + minute * 60_000,
    channel,
    action,
    touchpoint,
    stage,
    event: action,
    revenue: null,
  };
}

/**
 * A: home 0, home 1, product 2, cart 5 | 55 min idle | home 60, product 62.
 * B: home 0, product 3, product 4, home 34 (exactly 30 min later: same session), cart 35.
 * C: product 0, cart 1.
 */
export const handEvents: JourneyEvent[] = [
  at('A', 0, 'web:home'),
  at('A', 1, 'web:home'),
  at('A', 2, 'web:product'),
  at('A', 5, 'web:cart'),
  at('A', 60, 'web:home'),
  at('A', 62, 'web:product'),
  at('B', 35, 'web:cart'),
  at('B', 0, 'web:home'),
  at('B', 3, 'web:product'),
  at('B', 4, 'web:product'),
  at('B', 34, 'web:home'),
  at('C', 1, 'web:cart'),
  at('C', 0, 'web:product'),
];

const touchpoints = [
  'web:home',
  'web:product',
  'web:cart',
  'app:home',
  'email:opened',
  'store:order_completed',
];
const stages = ['discover', 'consider', 'buy', null];

/**
 * `count` events over 12 profiles: random touchpoints and stages (some NULL), gaps of 0 to 50
 * minutes (so sessions split, and some events share a timestamp).
 */
export function randomEvents(seed: number, count: number): JourneyEvent[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random.uniform() * list.length)] as T;
  const clock = new Map<string, number>();
  const events: JourneyEvent[] = [];
  for (let i = 0; i < count; i++) {
    const profileId = `p${Math.floor(random.uniform() * 12)}`;
    const minute = (clock.get(profileId) ?? 0) + Math.floor(random.uniform() * 51);
    clock.set(profileId, minute);
    events.push(at(profileId, minute, pick(touchpoints), pick(stages)));
  }
  return events;
}
