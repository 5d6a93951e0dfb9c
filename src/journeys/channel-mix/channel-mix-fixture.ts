/**
 * The hand-written fortnight the channel-mix tests solve by hand: the ISO weeks starting Monday
 * 29 December 2025 and Monday 5 January 2026.
 * - a: web page 30 Dec, store order 1 Jan, web page 6 Jan.
 * - b: web page 31 Dec and product 2 Jan; app order 7 Jan, store order 8 Jan, web page 11 Jan 23:59.
 * - c: an e-mail sent by the business 2 Jan (no stage), a call-centre ticket 9 Jan.
 * - d: store orders 28 Dec 23:59 and 12 Jan 00:00, both outside the fortnight.
 * - e: opens an e-mail 5 Jan.
 * @module
 */
import { journeyEvent } from '../retention/retention-fixture.ts';
import type { JourneyEvent } from '../sql/journey-events.ts';

export const fortnight: JourneyEvent[] = [
  journeyEvent('a', '2025-12-30T09:00:00Z', 'web', 'page_viewed'),
  journeyEvent('a', '2026-01-01T09:00:00Z', 'store', 'order_completed'),
  journeyEvent('a', '2026-01-06T09:00:00Z', 'web', 'page_viewed'),
  journeyEvent('b', '2025-12-31T09:00:00Z', 'web', 'page_viewed'),
  journeyEvent('b', '2026-01-02T09:00:00Z', 'web', 'product_viewed', 'consider'),
  journeyEvent('b', '2026-01-07T09:00:00Z', 'app', 'order_completed'),
  journeyEvent('b', '2026-01-08T09:00:00Z', 'store', 'order_completed'),
  journeyEvent('b', '2026-01-11T23:59:00Z', 'web', 'page_viewed'),
  journeyEvent('c', '2026-01-02T09:00:00Z', 'email', 'email_sent', null),
  journeyEvent('c', '2026-01-09T09:00:00Z', 'call_centre', 'ticket_opened', 'get_help'),
  journeyEvent('d', '2025-12-28T23:59:00Z', 'store', 'order_completed'),
  journeyEvent('d', '2026-01-12T00:00:00Z', 'store', 'order_completed'),
  journeyEvent('e', '2026-01-05T09:00:00Z', 'email', 'email_opened'),
];
