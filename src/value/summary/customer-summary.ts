import { dayNumber, daysPerUnit, type TimeUnit } from './time-unit.ts';

/** One purchase. Several on the same calendar day count as one, with their amounts added. */
export interface Transaction {
  customerId: string;
  date: Date | string;
  amount?: number;
}

/**
 * A customer's calibration summary, the input of every model: `frequency` = repeat purchase days,
 * `recency` = first to last purchase, `T` = first purchase to the end of calibration (both in `unit`s),
 * `monetaryValue` = mean spend of the repeat purchase days (0 without repeats; absent without amounts).
 */
export interface CustomerSummary {
  customerId: string;
  frequency: number;
  recency: number;
  T: number;
  monetaryValue?: number;
  firstPurchase: string;
}

/** A calibration summary plus what the customer did in the hold-out period that follows it. */
export interface CalibrationHoldoutSummary extends CustomerSummary {
  holdoutFrequency: number;
  holdoutMonetaryValue?: number;
  /** Length of the hold-out period in `unit`s. */
  holdoutDuration: number;
}

export interface SummaryOptions {
  /** Last day of calibration (inclusive). Customers whose first purchase is later are left out. */
  calibrationEnd: Date | string;
  /** Last day of the hold-out period (inclusive); without it there is no hold-out. */
  holdoutEnd?: Date | string;
  unit?: TimeUnit;
}

interface DayTotals {
  days: Map<number, number>;
  hasAmount: boolean;
}

/**
 * Frequency / recency / T / mean repeat spend per customer from a plain transaction list, as
 * lifetimes' `calibration_and_holdout_data` and BTYD's `dc.ElogToCbsCbt` compute them.
 */
export function summariseTransactions(
  transactions: Iterable<Transaction>,
  options: SummaryOptions,
): CalibrationHoldoutSummary[] {
  const unitDays = daysPerUnit[options.unit ?? 'week'];
  const calibrationEnd = dayNumber(options.calibrationEnd);
  const holdoutEnd = options.holdoutEnd === undefined ? calibrationEnd : dayNumber(options.holdoutEnd);
  if (!Number.isFinite(calibrationEnd) || !Number.isFinite(holdoutEnd) || holdoutEnd < calibrationEnd) {
    throw new RangeError('calibrationEnd and holdoutEnd must be dates, holdoutEnd not before calibrationEnd');
  }
  const customers = new Map<string, DayTotals>();
  for (const t of transactions) {
    const day = dayNumber(t.date);
    if (!Number.isFinite(day))
      throw new RangeError(`customer ${t.customerId}: unreadable date ${String(t.date)}`);
    if (day > holdoutEnd) continue;
    let c = customers.get(t.customerId);
    if (!c) {
      c = { days: new Map(), hasAmount: false };
      customers.set(t.customerId, c);
    }
    c.days.set(day, (c.days.get(day) ?? 0) + (t.amount ?? 0));
    if (t.amount !== undefined) c.hasAmount = true;
  }
  const summaries: CalibrationHoldoutSummary[] = [];
  for (const [customerId, c] of customers) {
    const s = summariseCustomer(customerId, c, calibrationEnd, holdoutEnd, unitDays);
    if (s) summaries.push(s);
  }
  return summaries;
}

function summariseCustomer(
  customerId: string,
  c: DayTotals,
  calibrationEnd: number,
  holdoutEnd: number,
  unitDays: number,
): CalibrationHoldoutSummary | undefined {
  const days = [...c.days.keys()].sort((a, b) => a - b);
  const first = days[0] as number;
  if (first > calibrationEnd) return undefined;
  let last = first;
  let repeats = 0;
  let repeatSpend = 0;
  let holdout = 0;
  let holdoutSpend = 0;
  for (const day of days.slice(1)) {
    const amount = c.days.get(day) as number;
    if (day <= calibrationEnd) {
      repeats += 1;
      repeatSpend += amount;
      last = day;
    } else {
      holdout += 1;
      holdoutSpend += amount;
    }
  }
  const summary: CalibrationHoldoutSummary = {
    customerId,
    frequency: repeats,
    recency: (last - first) / unitDays,
    T: (calibrationEnd - first) / unitDays,
    firstPurchase: new Date(first * 86_400_000).toISOString().slice(0, 10),
    holdoutFrequency: holdout,
    holdoutDuration: (holdoutEnd - calibrationEnd) / unitDays,
  };
  if (c.hasAmount) {
    summary.monetaryValue = repeats > 0 ? repeatSpend / repeats : 0;
    summary.holdoutMonetaryValue = holdout > 0 ? holdoutSpend / holdout : 0;
  }
  return summary;
}
