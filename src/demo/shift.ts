import type { Category } from './catalogue.ts';
import type { DemoOptions } from './options.ts';
import { DAY, utcIso } from './time.ts';
import type { ShiftTruth } from './types.ts';

/** Phases around the behaviour shift: normal life, shops shut, shops open again at half speed. */
export type ShiftPhase = 'before' | 'closure' | 'after';

export type DeliveryMethod = 'home_delivery' | 'click_and_collect' | 'relay_point';
export const deliveryMethods: readonly DeliveryMethod[] = [
  'home_delivery',
  'click_and_collect',
  'relay_point',
];

const closureWeeks = 8;

/** Each effect of the shift, by phase: the simulator and `describeShift` both read this table. */
export const shiftEffects = {
  /** Chance that a purchase meant for a shop still happens in a shop. */
  storeKept: { before: 1, closure: 0, after: 0.5 },
  /** Multiplier of the rate of browsing sessions on the web and in the app. */
  browsing: { before: 1, closure: 1.6, after: 1.3 },
  /** Multiplier of the rate of spontaneous contacts with the call centre and the chat. */
  contacts: { before: 1, closure: 1.8, after: 1.3 },
  /** Chance that a call-centre contact complains about waiting on the line. */
  waitingComplaint: { before: 0.05, closure: 0.6, after: 0.35 },
  /** Chance that a home delivery goes wrong (relay points fail half as often). */
  deliveryProblem: { before: 0.04, closure: 0.18, after: 0.09 },
  /** Chance that an unprompted remark about delivery is positive. */
  deliveryPraise: { before: 0.75, closure: 0.3, after: 0.5 },
  /** Weights of the delivery methods chosen for online orders. */
  delivery: {
    before: [0.5, 0.3, 0.2],
    closure: [0.75, 0, 0.25],
    after: [0.6, 0.2, 0.2],
  },
  /** Multiplier of the appeal of each category once the shift has happened. */
  categories: {
    vetements: 0.5,
    maison: 1.6,
    beaute: 1,
    bricolage: 2,
    jardin: 1.4,
    cuisine: 1.5,
  } satisfies Record<Category, number>,
  /** Average pre-shift channel shares of purchases (Dirichlet weights 1.2, 0.8, 0.4). */
  channelMix: { store: 0.5, web: 1 / 3, app: 1 / 6 },
} as const;

export interface ShiftCalendar {
  shiftAt: number;
  reopenAt: number;
}

/** The instants of the shift and of the shops' reopening. */
export function shiftCalendar(options: DemoOptions): ShiftCalendar {
  const shiftAt = options.shiftDate.getTime();
  return { shiftAt, reopenAt: shiftAt + closureWeeks * 7 * DAY };
}

/** Which phase an instant falls in. */
export function phaseAt(calendar: ShiftCalendar, ms: number): ShiftPhase {
  if (ms < calendar.shiftAt) return 'before';
  return ms < calendar.reopenAt ? 'closure' : 'after';
}

function deliveryShares(weights: readonly number[]): Record<string, number> {
  const total = weights.reduce((sum, w) => sum + w, 0);
  return Object.fromEntries(deliveryMethods.map((method, i) => [method, (weights[i] ?? 0) / total]));
}

/** The ground truth of the behaviour shift: when, what moved, in which direction and by how much. */
export function describeShift(options: DemoOptions): ShiftTruth {
  const calendar = shiftCalendar(options);
  const { store } = shiftEffects.channelMix;
  const online = 1 - store;
  const onlineFactor = (kept: number) => 1 + (store * (1 - kept)) / online;
  const e = shiftEffects;
  return {
    date: utcIso(calendar.shiftAt),
    storeClosure: { from: utcIso(calendar.shiftAt), to: utcIso(calendar.reopenAt), weeks: closureWeeks },
    description:
      `Shops close for ${closureWeeks} weeks then reopen at half their previous volume; purchases move to ` +
      'the web and the app, home delivery surges and goes wrong more often, calls about delivery and ' +
      'waiting time rise, delivery sentiment drops, and tastes move from clothes to home and DIY. ' +
      'Purchase timing and spend (BG/NBD, Gamma-Gamma) are unchanged: only where and what people buy moves.',
    channels: [
      { channel: 'store', metric: 'orders', during: e.storeKept.closure, after: e.storeKept.after },
      { channel: 'web', metric: 'orders', during: onlineFactor(0), after: onlineFactor(0.5) },
      { channel: 'app', metric: 'orders', during: onlineFactor(0), after: onlineFactor(0.5) },
      { channel: 'web', metric: 'sessions', during: e.browsing.closure, after: e.browsing.after },
      { channel: 'app', metric: 'sessions', during: e.browsing.closure, after: e.browsing.after },
      { channel: 'call_centre', metric: 'tickets', during: e.contacts.closure, after: e.contacts.after },
      { channel: 'chat', metric: 'tickets', during: e.contacts.closure, after: e.contacts.after },
    ],
    stages: [
      { stage: 'discover', change: 'increases', detail: 'more browsing sessions on the web and in the app' },
      { stage: 'buy', change: 'moves_online', detail: 'shop purchases move to the web and the app' },
      { stage: 'receive', change: 'increases', detail: 'home deliveries surge and fail more often' },
      { stage: 'get_help', change: 'increases', detail: 'more calls and chats, about delivery and waiting' },
      { stage: 'give_feedback', change: 'increases', detail: 'more negative feedback about delivery' },
    ],
    themes: [
      { theme: 'delivery', volume: 'up', sentiment: 'worse' },
      { theme: 'waiting_time', volume: 'up', sentiment: 'worse' },
      { theme: 'website_app', volume: 'up', sentiment: 'unchanged' },
      { theme: 'staff', volume: 'down', sentiment: 'unchanged' },
    ],
    categories: Object.entries(e.categories).map(([category, factor]) => ({ category, factor })),
    delivery: {
      before: deliveryShares(e.delivery.before),
      during: deliveryShares(e.delivery.closure),
      after: deliveryShares(e.delivery.after),
    },
    deliveryProblemRate: {
      before: e.deliveryProblem.before,
      during: e.deliveryProblem.closure,
      after: e.deliveryProblem.after,
    },
    employeeTeamsAffected: ['Service client', 'Logistique', 'Magasins'],
    purchaseTimingUnchanged: true,
  };
}
