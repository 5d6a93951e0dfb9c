import { daysPerUnit, type TimeUnit } from '../summary/time-unit.ts';

/**
 * How future purchases are discounted, in one of two conventions:
 * - `monthly`: discrete, like lifetimes' `customer_lifetime_value`: month m's expected purchases are divided
 *   by (1 + monthlyRate)^m. `monthLength` is in the model's time unit (default 365.25/12 days = 4.348 weeks;
 *   lifetimes uses 4.345 weeks, 30 days or 1 month).
 * - `continuous`: purchases at time t are weighted by e^(−δt). Give either `annualRate`, an effective annual
 *   rate turned into δ = ln(1 + annualRate) per year and spread over the year's units (15 %/year ≈ 0.00268
 *   per week, the 0.0027 of Fader, Hardie & Lee 2005, "RFM and CLV", and of BTYD's `pnbd.DERT` example), or
 *   `ratePerUnit`, δ per time unit as it is (BTYD's `d`).
 */
export type Discounting =
  | { convention: 'monthly'; monthlyRate: number; monthLength?: number }
  | { convention: 'continuous'; annualRate: number }
  | { convention: 'continuous'; ratePerUnit: number };

export const daysPerYear = 365.25;

/** Length of a month (365.25/12 days) in `unit`s: 4.348 weeks, 30.44 days or 1 month. */
export function monthLength(unit: TimeUnit): number {
  return daysPerYear / 12 / daysPerUnit[unit];
}

/** δ per `unit`: `ratePerUnit` as given, or ln(1 + annualRate) / (units in a year). */
export function continuousRate(
  discounting: { annualRate: number } | { ratePerUnit: number },
  unit: TimeUnit,
): number {
  if ('ratePerUnit' in discounting) return discounting.ratePerUnit;
  return Math.log1p(discounting.annualRate) / (daysPerYear / daysPerUnit[unit]);
}

/** Throws a RangeError when a rate or month length is impossible. */
export function checkDiscounting(discounting: Discounting): void {
  if (discounting.convention === 'monthly') {
    if (!(Number.isFinite(discounting.monthlyRate) && discounting.monthlyRate > -1))
      throw new RangeError(`monthly discount rate must be finite and > −1, got ${discounting.monthlyRate}`);
    const length = discounting.monthLength;
    if (length !== undefined && !(Number.isFinite(length) && length > 0))
      throw new RangeError(`month length must be finite and > 0, got ${length}`);
    return;
  }
  const rate = 'ratePerUnit' in discounting ? discounting.ratePerUnit : discounting.annualRate;
  if (!(Number.isFinite(rate) && rate >= 0))
    throw new RangeError(`continuous discount rate must be finite and ≥ 0, got ${rate}`);
}

/** One line that says exactly what was computed, for reports and API answers. */
export function describeDiscounting(discounting: Discounting, months: number, unit: TimeUnit): string {
  if (discounting.convention === 'monthly') {
    const length = discounting.monthLength ?? monthLength(unit);
    return (
      `monthly discrete: Σ_{m=1..${months}} (E[Y(m·L)] − E[Y((m−1)·L)]) × spend ` +
      `/ (1 + ${discounting.monthlyRate})^m, ` +
      `L = ${round(length)} ${unit}s, E[Y] conditional on each customer's history`
    );
  }
  const delta = continuousRate(discounting, unit);
  const horizon = Number.isFinite(months) ? `${months} months` : 'an unlimited horizon';
  const rate =
    'ratePerUnit' in discounting
      ? `δ = ${round(delta)} per ${unit}`
      : `δ = ln(1 + ${discounting.annualRate}) per year = ${round(delta)} per ${unit}`;
  return `continuous: ∫ e^(−δt) dE[Y(t)] over ${horizon} × spend, ${rate}`;
}

function round(value: number): string {
  return Number(value.toPrecision(4)).toString();
}
