/** The unit in which frequency, recency and T are expressed. A month is 365.25/12 days. */
export type TimeUnit = 'day' | 'week' | 'month';

export const daysPerUnit: Record<TimeUnit, number> = { day: 1, week: 7, month: 365.25 / 12 };

const msPerDay = 86_400_000;

/**
 * Calendar day number (days since 1970-01-01, UTC) of a Date, an ISO date `YYYY-MM-DD[…]`
 * or a compact `YYYYMMDD`; NaN when it cannot be read.
 */
export function dayNumber(date: Date | string): number {
  if (date instanceof Date) return Math.floor(date.getTime() / msPerDay);
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(date.trim());
  const iso = compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : date.trim();
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? Date.parse(`${iso}T00:00:00Z`) : Date.parse(iso);
  return Math.floor(ms / msPerDay);
}

/** The UTC calendar day of a date, as YYYY-MM-DD. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
