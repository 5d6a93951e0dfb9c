/**
 * Which funnel steps an event matches, as the SQL builders encode it too.
 * @module
 */
import type { JourneyEvent } from '../sql/journey-events.ts';
import { type EventMatcher, matchFields } from './definition.ts';

/** True when the event has, for every field the matcher names, one of the values listed. */
export function matchesEvent(event: JourneyEvent, matcher: EventMatcher): boolean {
  return matchFields.every((field) => {
    const values = matcher[field];
    if (values === undefined) return true;
    const value = event[field];
    return value !== null && values.includes(value);
  });
}

/** The steps an event matches as a bit set: bit k − 1 is set when it matches step k. */
export function stepMask(event: JourneyEvent, steps: readonly { match: EventMatcher }[]): number {
  return steps.reduce(
    (mask, step, index) => (matchesEvent(event, step.match) ? mask | (1 << index) : mask),
    0,
  );
}

/** Whether step k (1-based) is in the bit set. */
export function hasStep(mask: number, step: number): boolean {
  return (mask & (1 << (step - 1))) !== 0;
}

/** Compares two strings by code point, as DuckDB and ClickHouse compare them (UTF-8 bytes). */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const left = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const right = Array.from(b, (c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
