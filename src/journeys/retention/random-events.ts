/**
 * A seeded random history of journey events for the tests that check the SQL against the engines:
 * about a hundred profiles over fourteen months crossing a year boundary, with repeats, equal
 * timestamps, events without a stage and purchases on several channels.
 * @module
 */
import type { JourneyEvent } from '../sql/journey-events.ts';
import { seededRandom } from '../testing/seeded-random.ts';

const kinds = [
  { channel: 'web', action: 'page_viewed', stage: 'discover', event: 'Accueil' },
  { channel: 'web', action: 'product_viewed', stage: 'consider', event: 'Product Viewed' },
  { channel: 'web', action: 'order_completed', stage: 'buy', event: 'Order Completed' },
  { channel: 'app', action: 'order_completed', stage: 'buy', event: 'Order Completed' },
  { channel: 'store', action: 'order_completed', stage: 'buy', event: 'Order Completed' },
  { channel: 'email', action: 'email_sent', stage: null, event: 'Email Sent' },
  { channel: 'email', action: 'email_opened', stage: 'discover', event: 'Email Opened' },
  { channel: 'call_centre', action: 'ticket_opened', stage: 'get_help', event: 'Ticket Opened' },
] as const;

const dayMs = 86_400_000;

/**
 * `count` events drawn from `seed` between 2025-11-20 and 2027-01-10 (UTC), about one in six on
 * the same millisecond as the profile's previous event.
 */
export function randomJourneyEvents(seed: number, count: number): JourneyEvent[] {
  const random = seededRandom(seed);
  const start = Date.UTC(2025, 10, 20);
  const span = Date.UTC(2027, 0, 10) - start;
  const events: JourneyEvent[] = [];
  for (let i = 0; i < count; i++) {
    const profileId = `p${Math.floor(random.uniform() * 120)}`;
    const previous = events.findLast((event) => event.profileId === profileId);
    const ts =
      previous !== undefined && random.uniform() < 1 / 6
        ? previous.ts
        : start +
          Math.floor(random.uniform() * (span / dayMs)) * dayMs +
          Math.floor(random.uniform() * dayMs);
    const kind = kinds[Math.floor(random.uniform() * kinds.length)] ?? kinds[0];
    const purchase = kind.action === 'order_completed';
    events.push({
      profileId,
      ts,
      channel: kind.channel,
      action: kind.action,
      touchpoint: `${kind.channel}:${kind.action}`,
      stage: kind.stage,
      event: kind.event,
      revenue: purchase ? Math.round(random.uniform() * 10_000) / 100 : null,
    });
  }
  return events;
}
