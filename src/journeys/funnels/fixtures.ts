/**
 * Small hand-made journeys the funnel tests share: the engine tests solve them by hand, and the SQL
 * tests check both engines give the same answer on them.
 * @module
 */
import type { JourneyEvent } from '../sql/journey-events.ts';
import type { FunnelDefinition } from './definition.ts';
import { parseFunnelDefinition } from './schema.ts';

export const hour = 3_600_000;
export const start = Date.UTC(2026, 2, 2);

/** One event of `profileId`, `hours` after 2 March 2026 00:00 UTC. */
export function visit(profileId: string, hours: number, event: string, channel = 'web'): JourneyEvent {
  const action = event.toLowerCase().replaceAll(' ', '_');
  return {
    profileId,
    ts: start + hours * hour,
    channel,
    action,
    touchpoint: `${channel}:${action}`,
    stage: event === 'Paiement' ? 'buy' : null,
    event,
    revenue: null,
  };
}

/** Product page → basket → payment, within a day unless said otherwise. */
export function checkoutFunnel(overrides: Record<string, unknown> = {}): FunnelDefinition {
  return parseFunnelDefinition({
    steps: [{ event: 'Produit' }, { event: 'Panier' }, { event: 'Paiement', label: 'Paid' }],
    window: { value: 1, unit: 'days' },
    ...overrides,
  });
}

/** Five profiles whose figures `engine.test.ts` solves by hand for each order type. */
export const fiveJourneys: JourneyEvent[] = [
  visit('p1', 0, 'Produit'),
  visit('p1', 1, 'Panier'),
  visit('p1', 3, 'Paiement'),
  visit('p2', 0, 'Produit', 'app'),
  visit('p2', 1, 'Paiement'),
  visit('p2', 2, 'Panier'),
  visit('p3', 0, 'Produit'),
  visit('p3', 30, 'Panier'),
  visit('p4', 0, 'Panier', 'app'),
  visit('p4', 1, 'Produit', 'store'),
  visit('p4', 9, 'Panier'),
  visit('p4', 10, 'Paiement'),
  visit('p5', 0, 'Produit'),
  visit('p5', 2, 'Produit', 'app'),
  visit('p5', 3, 'Panier'),
];

/** Attempts an "Aide" visit between basket and payment may disqualify (see `engine.test.ts`). */
export const excludedJourneys: JourneyEvent[] = [
  ...['Produit', 'Panier', 'Aide', 'Paiement'].map((event, i) => visit('e1', i, event)),
  ...['Produit', 'Panier', 'Paiement', 'Aide'].map((event, i) => visit('e2', i, event)),
  visit('e3', 0, 'Produit'),
  visit('e3', 0.5, 'Aide'),
  visit('e3', 1, 'Panier'),
  visit('e3', 2, 'Paiement'),
  ...['Produit', 'Panier', 'Aide'].map((event, i) => visit('e4', i, event)),
  ...['Produit', 'Panier', 'Aide'].map((event, i) => visit('e5', i, event)),
  visit('e5', 5, 'Produit'),
  visit('e5', 6, 'Panier'),
  visit('e5', 7, 'Paiement'),
  visit('e6', 0, 'Produit'),
  visit('e6', 1, 'Panier'),
  visit('e6', 1, 'Aide'),
  visit('e6', 2, 'Paiement'),
  visit('e7', 0, 'Produit'),
  visit('e7', 1, 'Panier'),
  visit('e7', 25, 'Aide'),
];
