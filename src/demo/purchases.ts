import { type Basket, categoryWeights, fillBasket } from './basket.ts';
import { drawSpend, type PurchaseHistory } from './behaviour.ts';
import type { Shop } from './catalogue.ts';
import { nextNumber, type SimulationContext } from './context.ts';
import type { DeviceKind } from './devices.ts';
import type { Person } from './person.ts';
import { type DeliveryMethod, deliveryMethods, phaseAt, type ShiftPhase, shiftEffects } from './shift.ts';
import { atParisHour, DAY, HOUR, parisWeekday } from './time.ts';

export type PurchaseChannel = 'store' | 'web' | 'app';

/** One purchase, decided before anything about it is written down. */
export interface PlannedPurchase {
  at: number;
  channel: PurchaseChannel;
  phase: ShiftPhase;
  basket: Basket;
  orderId: string;
  shop: Shop;
  device: DeviceKind | null;
  delivery: DeliveryMethod | null;
  problem: 'delivery' | 'quality' | null;
}

/** Hours of the day (Paris) people shop online: lunch and evening peaks. */
const onlineHourWeights = [
  1, 0.6, 0.3, 0.2, 0.2, 0.3, 0.8, 1.5, 2.5, 3, 3.5, 4, 5, 5, 4, 3.5, 3.5, 4, 5, 6.5, 8, 8, 6, 3,
];
/** Hours shops are busy, 9:00 to 20:00, with a late-afternoon peak. */
const shopHourWeights = [2, 3, 4, 4.5, 3.5, 3.5, 4, 5, 6, 5.5, 3];

/** A moment on the day of `at` when someone would shop on that channel. */
export function shoppingMoment(person: Person, at: number, channel: PurchaseChannel | 'browse'): number {
  const { rng } = person;
  if (channel === 'store') return atParisHour(at, 9 + rng.categorical(shopHourWeights) + rng.next());
  return atParisHour(at, rng.categorical(onlineHourWeights) + rng.next() * 0.95);
}

/** A waking moment about `days` after `after` (never within the hour after it), when people post and answer. */
export function momentAfter(person: Person, after: number, days: number): number {
  return Math.max(shoppingMoment(person, after + days * DAY, 'browse'), after + HOUR);
}

function chooseChannel(person: Person, phase: ShiftPhase): PurchaseChannel {
  const { rng, mix } = person;
  const wanted = rng.weighted(['store', 'web', 'app'] as const, [mix.store, mix.web, mix.app]);
  if (wanted !== 'store' || rng.chance(shiftEffects.storeKept[phase])) return wanted;
  return rng.chance(mix.web / (mix.web + mix.app) || 0.5) ? 'web' : 'app';
}

function chooseDelivery(person: Person, phase: ShiftPhase): DeliveryMethod {
  return person.rng.weighted(deliveryMethods, shiftEffects.delivery[phase]);
}

function deliveryProblemChance(method: DeliveryMethod, phase: ShiftPhase): number {
  const base = shiftEffects.deliveryProblem[phase];
  if (method === 'home_delivery') return base;
  return method === 'relay_point' ? base / 2 : base / 4;
}

/** Shops are shut on Sundays: a Sunday shop visit happens on the Monday instead. */
function openDay(ctx: SimulationContext, at: number): number {
  return parisWeekday(at) === 0 && at + DAY < ctx.end ? at + DAY : at;
}

/** Decides where, when, what and how each purchase of the history happens. */
export function planPurchases(
  ctx: SimulationContext,
  person: Person,
  history: PurchaseHistory,
): PlannedPurchase[] {
  const { rng } = person;
  return history.times.map((drawnAt) => {
    const phase = phaseAt(ctx.calendar, drawnAt);
    const channel = chooseChannel(person, phase);
    const day = channel === 'store' ? openDay(ctx, drawnAt) : drawnAt;
    const at = Math.min(Math.max(shoppingMoment(person, day, channel), ctx.start), ctx.end - 1);
    const basket = fillBasket(
      rng,
      categoryWeights(person.categoryTaste, phase),
      drawSpend(rng, person.behaviour),
    );
    if (channel === 'store') {
      const n = nextNumber(ctx, 'shopOrders');
      const orderId = `${person.homeShop.code}-${String(n).padStart(8, '0')}`;
      const problem = rng.chance(0.02) ? 'quality' : null;
      return {
        at,
        channel,
        phase,
        basket,
        orderId,
        shop: person.homeShop,
        device: null,
        delivery: null,
        problem,
      };
    }
    const delivery = chooseDelivery(person, phase);
    const problem = rng.chance(deliveryProblemChance(delivery, phase))
      ? 'delivery'
      : rng.chance(0.025)
        ? 'quality'
        : null;
    const device: DeviceKind =
      channel === 'app'
        ? 'app'
        : rng.chance(person.desktopShare) || person.household
          ? 'desktop'
          : 'mobile_web';
    const orderId = `CMD${String(nextNumber(ctx, 'onlineOrders')).padStart(9, '0')}`;
    return { at, channel, phase, basket, orderId, shop: person.homeShop, device, delivery, problem };
  });
}
