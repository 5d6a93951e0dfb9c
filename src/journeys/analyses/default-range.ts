/**
 * The range an analysis covers when its definition names none: up to today (included), back over
 * twelve intervals (a year of monthly cohorts, twelve weeks of lifecycle).
 * @module
 */

const day = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `from` and `to` filled in when missing; `to` is exclusive, so tomorrow takes in today. */
export function withDefaultRange(
  definition: Record<string, unknown>,
  fallbackInterval: 'day' | 'week' | 'month',
  now: number = Date.now(),
): Record<string, unknown> {
  if (definition.from !== undefined && definition.to !== undefined) return definition;
  const to = typeof definition.to === 'string' ? definition.to : isoDay(Math.floor(now / day) * day + day);
  const interval = (definition.interval as string | undefined) ?? fallbackInterval;
  const end = new Date(`${to.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(end.getTime())) return definition;
  const start = new Date(end);
  if (interval === 'month') start.setUTCMonth(start.getUTCMonth() - 12);
  else start.setUTCDate(start.getUTCDate() - (interval === 'week' ? 84 : 30));
  return { ...definition, from: definition.from ?? isoDay(start.getTime()), to };
}
