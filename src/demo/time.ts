export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

const summerTimeByYear = new Map<number, [number, number]>();

/** The last Sunday of a month at 01:00 UTC, when European clocks change. */
function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = Date.UTC(year, month + 1, 0, 1);
  const weekday = new Date(lastDay).getUTCDay();
  return lastDay - weekday * DAY;
}

/** Offset of Europe/Paris from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function parisOffsetMinutes(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  let bounds = summerTimeByYear.get(year);
  if (!bounds) {
    bounds = [lastSundayAt1Utc(year, 2), lastSundayAt1Utc(year, 9)];
    summerTimeByYear.set(year, bounds);
  }
  return ms >= bounds[0] && ms < bounds[1] ? 120 : 60;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function localParts(ms: number): { date: string; time: string; offset: number } {
  const offset = parisOffsetMinutes(ms);
  const d = new Date(ms + offset * MINUTE);
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return { date, time, offset };
}

/** 'dd/mm/yyyy HH:MM' in Paris local time, as the shops' tills export it. */
export function parisTill(ms: number): string {
  const { date, time } = localParts(ms);
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)} ${time.slice(0, 5)}`;
}

/** ISO 8601 in Paris local time with its offset, e.g. '2024-03-14T10:22:05+01:00'. */
export function parisIso(ms: number): string {
  const { date, time, offset } = localParts(ms);
  return `${date}T${time}+0${offset / 60}:00`;
}

/** ISO 8601 in UTC with milliseconds, as SDKs send timestamps. */
export function utcIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Start (00:00 UTC) of the UTC day holding an instant. */
export function dayStart(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** Day of the week in Paris (0 = Sunday). */
export function parisWeekday(ms: number): number {
  return new Date(ms + parisOffsetMinutes(ms) * MINUTE).getUTCDay();
}

/**
 * The instant on the same UTC day as `dayMs` showing `localHour` (fractional) on Paris clocks,
 * wrapped into that UTC day so it never leaves it.
 */
export function atParisHour(dayMs: number, localHour: number): number {
  const start = dayStart(dayMs);
  const offsetHours = parisOffsetMinutes(start + 12 * HOUR) / 60;
  const hour = (((localHour - offsetHours) % 24) + 24) % 24;
  return start + Math.floor(hour * HOUR);
}
