import { type Campaign, campaignCalendar } from './email.ts';
import { tokenDigits } from './ids.ts';
import type { DemoOptions } from './options.ts';
import { labelHash, mix32 } from './random.ts';
import { type ShiftCalendar, shiftCalendar } from './shift.ts';
import { DAY } from './time.ts';

/** Running numbers shared by the whole simulation (order, ticket, answer… numbers). */
export interface Counters {
  onlineOrders: number;
  shopOrders: number;
  tickets: number;
  chats: number;
  responses: number;
  reviews: number;
  mentions: number;
}

/** What every part of the simulation needs to know: the options, the calendar and the counters. */
export interface SimulationContext {
  options: DemoOptions;
  seedTag: number;
  start: number;
  end: number;
  calendar: ShiftCalendar;
  tokenDigits: number;
  campaigns: readonly Campaign[];
  counters: Counters;
  /** Display names of the customer-service agents who answer calls and chats. */
  agents: readonly string[];
}

/** Builds the shared context of a simulation run. */
export function createContext(options: DemoOptions, agents: readonly string[]): SimulationContext {
  const end = options.end.getTime();
  const start = end - options.days * DAY;
  return {
    options,
    seedTag: mix32(options.seed, labelHash('messages')),
    start,
    end,
    calendar: shiftCalendar(options),
    tokenDigits: tokenDigits(options.customers, 4),
    campaigns: campaignCalendar(start, end, shiftCalendar(options)),
    counters: { onlineOrders: 0, shopOrders: 0, tickets: 0, chats: 0, responses: 0, reviews: 0, mentions: 0 },
    agents,
  };
}

/** The next number of a counter, e.g. `nextNumber(ctx, 'tickets')`. */
export function nextNumber(ctx: SimulationContext, counter: keyof Counters): number {
  ctx.counters[counter] += 1;
  return ctx.counters[counter];
}
