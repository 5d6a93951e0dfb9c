import { DAY } from './time.ts';

export interface DemoOptions {
  /** Number of simulated customers (default 5000). */
  customers: number;
  /** Seed of every random draw (default 42). */
  seed: number;
  /** Exclusive end of the data (default: today 00:00 UTC). */
  end: Date;
  /** Length of the history in days (default 730). */
  days: number;
  /** Date of the behaviour shift (default: end − 240 days). */
  shiftDate: Date;
}

/** Fills in the defaults and checks the options, e.g. `resolveDemoOptions({ customers: 100 })`. */
export function resolveDemoOptions(partial: Partial<DemoOptions>, now: Date = new Date()): DemoOptions {
  const customers = partial.customers ?? 5000;
  const seed = partial.seed ?? 42;
  const days = partial.days ?? 730;
  const end = partial.end ?? new Date(Math.floor(now.getTime() / DAY) * DAY);
  const shiftDate = partial.shiftDate ?? new Date(end.getTime() - 240 * DAY);
  if (!Number.isInteger(customers) || customers < 0) {
    throw new RangeError(`customers must be a whole number ≥ 0, got ${customers}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError(`days must be a whole number ≥ 1, got ${days}`);
  if (Number.isNaN(end.getTime())) throw new RangeError('end must be a valid date');
  if (Number.isNaN(shiftDate.getTime())) throw new RangeError('shiftDate must be a valid date');
  return { customers, seed, end, days, shiftDate };
}
