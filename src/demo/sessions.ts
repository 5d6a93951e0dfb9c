import type { PurchaseHistory } from './behaviour.ts';
import type { SimulationContext } from './context.ts';
import type { DeviceKind } from './devices.ts';
import type { Person } from './person.ts';
import { type PlannedPurchase, shoppingMoment } from './purchases.ts';
import { phaseAt, shiftEffects } from './shift.ts';
import { DAY, MINUTE, WEEK } from './time.ts';
import type { SessionPlan } from './web.ts';

const referrers = [
  '',
  '',
  '',
  'https://www.google.fr/',
  'https://www.google.com/',
  'https://www.instagram.com/',
];
const paidCampaigns = [
  { source: 'google', medium: 'cpc', name: 'marque-maison-lumiere' },
  { source: 'google', medium: 'cpc', name: 'generique-deco' },
  { source: 'instagram', medium: 'paid_social', name: 'inspiration-maison' },
  { source: 'facebook', medium: 'paid_social', name: 'nouvelle-collection' },
];
/** Browsing sessions per week of someone alive who buys online only, before the shift. */
const browsingBase = 0.12;
const browsingPerPurchaseRate = 1.2;
const browsingAfterLeaving = 0.006;

function browsingDevice(person: Person): DeviceKind {
  const { rng, mix } = person;
  const web = mix.web + 0.05;
  const choice = rng.weighted(['desktop', 'mobile_web', 'app'] as const, [
    web * person.desktopShare,
    web * (1 - person.desktopShare),
    mix.app,
  ]);
  return choice === 'mobile_web' && person.household ? 'desktop' : choice;
}

function visitFrom(person: Person): Pick<SessionPlan, 'referrer' | 'campaign'> {
  const { rng } = person;
  if (rng.chance(0.15)) return { referrer: 'https://www.google.fr/', campaign: rng.pick(paidCampaigns) };
  return { referrer: rng.pick(referrers) };
}

/** The checkout visit of each online purchase, and the look around that often comes a few days before. */
export function planPurchaseVisits(
  ctx: SimulationContext,
  person: Person,
  purchases: PlannedPurchase[],
): SessionPlan[] {
  const { rng } = person;
  const plans: SessionPlan[] = [];
  purchases.forEach((purchase, i) => {
    if (!purchase.device) return;
    const lookAround = i === 0 ? 0.7 : 0.45;
    if (rng.chance(lookAround)) {
      const day = purchase.at - rng.uniform(0.2, 4) * DAY;
      if (day >= ctx.start) {
        plans.push({
          at: shoppingMoment(person, day, 'browse'),
          device: purchase.device,
          intent: 'browse',
          ...visitFrom(person),
        });
      }
    }
    plans.push({
      at: purchase.at - Math.floor(rng.uniform(4, 14) * MINUTE),
      device: purchase.device,
      intent: 'buy',
      purchase,
      ...(i === 0 ? visitFrom(person) : { referrer: '' }),
    });
  });
  return plans;
}

/**
 * Visits with no purchase, as a Poisson process over the person's life: frequent buyers browse
 * more, browsing rises after the shift, and it almost stops once they have left.
 */
export function planBrowsing(
  ctx: SimulationContext,
  person: Person,
  history: PurchaseHistory,
): SessionPlan[] {
  const { rng, mix } = person;
  const onlineAppetite = 0.15 + mix.web + mix.app;
  const aliveRate = (browsingBase + browsingPerPurchaseRate * person.behaviour.lambda) * onlineAppetite;
  const leftAt = history.droppedOutAt ?? ctx.end;
  const maxRate = Math.max(aliveRate * shiftEffects.browsing.closure, browsingAfterLeaving);
  const plans: SessionPlan[] = [];
  let t = history.times[0] ?? person.acquiredAt;
  for (;;) {
    t += rng.exponential(maxRate) * WEEK;
    if (t >= ctx.end) break;
    const rate =
      t < leftAt ? aliveRate * shiftEffects.browsing[phaseAt(ctx.calendar, t)] : browsingAfterLeaving;
    if (!rng.chance(rate / maxRate)) continue;
    plans.push({
      at: shoppingMoment(person, t, 'browse'),
      device: browsingDevice(person),
      intent: 'browse',
      ...visitFrom(person),
    });
  }
  return plans;
}
