import { createContext } from './context.ts';
import { simulateCustomer } from './customer.ts';
import { employeeFeedback, serviceAgents } from './employees.ts';
import { type DemoOptions, resolveDemoOptions } from './options.ts';
import type { DemoRecord } from './types.ts';

/**
 * Simulates Maison Lumière, a French omnichannel retailer: for each customer in turn, their API
 * messages and import rows in time order followed by `{ type: 'person', truth }`, then the
 * employees' feedback. Pure and deterministic for a seed; one customer is held at a time.
 *
 * @example
 * for (const record of simulateBusiness({ customers: 1000, seed: 7 })) send(record);
 */
export function* simulateBusiness(options: Partial<DemoOptions> = {}): Generator<DemoRecord> {
  const resolved = resolveDemoOptions(options);
  const ctx = createContext(resolved, serviceAgents(resolved.seed));
  for (let index = 0; index < resolved.customers; index++) yield* simulateCustomer(ctx, index);
  yield* employeeFeedback(ctx);
}

export { demoModelParameters } from './behaviour.ts';
export { type DemoOptions, resolveDemoOptions } from './options.ts';
export { describeShift, shiftEffects } from './shift.ts';
export { type DemoSource, demoSources, importHeaders } from './sources.ts';
export type * from './types.ts';
