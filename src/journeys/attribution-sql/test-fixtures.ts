/**
 * Events the attribution tests share: five hand-solved customers, and a seeded random set for
 * checking the SQL against the engine.
 * @module
 */
import type { JourneyEvent } from '../sql/journey-events.ts';
import { seededRandom } from '../testing/seeded-random.ts';

/** 2026-03-02 00:00 UTC, the fixtures' day 0. */
export const D0 = Date.UTC(2026, 2, 2);
const DAY = 86_400_000;

/** One event `day` days after D0 on a `channel:action` touchpoint (in stage 'consider' unless said). */
export function on(
  profileId: string,
  day: number,
  touchpoint: string,
  revenue: number | null = null,
  stage: string | null = 'consider',
): JourneyEvent {
  const [channel = '', action = ''] = touchpoint.split(':');
  return { profileId, ts: D0 + day * DAY, channel, action, touchpoint, stage, event: action, revenue };
}

/**
 * Range [day 0, day 10), 30 days of lookback:
 * P1 email 0, web 1, web 1 h later, an identify call (no stage) 1.5, buys on the web day 2 (100).
 * P2 web 0, web 3 at the very instant it buys in store (50).
 * P3 email 0, buys day 12 (after the range: never converted within it).
 * P4 search day −40 (beyond the lookback), email 4, buys in store 5 (30), web 6.
 * P5 two store orders at the same instant on day 7 (20 and no revenue), no touch.
 * P6 email −5, buys −3 (before the range), nothing since.
 */
export const handEvents: JourneyEvent[] = [
  on('P1', 0, 'email:email_opened'),
  on('P1', 1, 'web:page_viewed'),
  on('P1', 1 + 1 / 24, 'web:product_viewed'),
  on('P1', 1.5, 'crm:identify', null, null),
  on('P1', 2, 'web:order_completed', 100),
  on('P2', 3, 'store:order_completed', 50),
  on('P2', 3, 'web:page_viewed'),
  on('P2', 0, 'web:page_viewed'),
  on('P3', 0, 'email:email_opened'),
  on('P3', 12, 'web:order_completed', 75),
  on('P4', -40, 'search:ad_clicked'),
  on('P4', 4, 'email:email_opened'),
  on('P4', 5, 'store:order_completed', 30),
  on('P4', 6, 'web:page_viewed'),
  on('P5', 7, 'store:order_completed', 20),
  on('P5', 7, 'store:order_completed'),
  on('P6', -5, 'email:email_opened'),
  on('P6', -3, 'store:order_completed', 999),
];

export const handRange = { from: '2026-03-02T00:00:00Z', to: '2026-03-12T00:00:00Z' };

const touchpoints = [
  'web:page_viewed',
  'web:product_viewed',
  'email:email_opened',
  'app:screen_viewed',
  'search:ad_clicked',
  'web:order_completed',
  'store:order_completed',
  'call_centre:ticket_opened',
];

/**
 * `count` events over 12 profiles across 80 days, on whole hours (so some share an instant); about
 * a quarter are orders, some without revenue; a fifth have no stage.
 */
export function randomEvents(seed: number, count: number): JourneyEvent[] {
  const random = seededRandom(seed);
  const events: JourneyEvent[] = [];
  for (let i = 0; i < count; i++) {
    const touchpoint = touchpoints[Math.floor(random.uniform() * touchpoints.length)] as string;
    const revenue =
      touchpoint.endsWith('order_completed') && random.uniform() < 0.8
        ? Math.round(random.uniform() * 20000) / 100
        : null;
    const hour = Math.floor(random.uniform() * 80 * 24);
    const stage = random.uniform() < 0.2 ? null : 'consider';
    events.push(on(`p${Math.floor(random.uniform() * 12)}`, hour / 24, touchpoint, revenue, stage));
  }
  return events;
}
