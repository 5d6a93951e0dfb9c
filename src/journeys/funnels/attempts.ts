/**
 * One profile's attempts at a funnel: each event that can start the funnel inside the entry range
 * starts an attempt, which then takes the earliest events it can for the next steps.
 *
 * A profile's events are taken in one total order: by time; at the same instant, events matching
 * no step come last, and the others go by the steps they match read as a binary number (step 1
 * the lowest bit), so events of a single step each go in step order; then by channel. Two steps may
 * thus happen at the same instant, the earlier step first.
 * @module
 */
import type { FunnelDefinition } from './definition.ts';
import { hasStep } from './matching.ts';

/** One of the profile's events, with the steps it matches (bit k − 1 for step k). */
export interface StepEvent {
  ts: number;
  channel: string;
  mask: number;
}

/** An attempt: where its entry stands in the profile's order, and when each step was reached. */
export interface Attempt {
  position: number;
  channel: string;
  /** times[k − 1] is when step k was reached; its length is the furthest step reached. */
  times: number[];
}

/** Every attempt in a profile's events, which must already be in the funnel's total order. */
export function profileAttempts(events: readonly StepEvent[], definition: FunnelDefinition): Attempt[] {
  const attempts: Attempt[] = [];
  events.forEach((entry, position) => {
    const canStart = definition.order === 'any' ? entry.mask !== 0 : hasStep(entry.mask, 1);
    if (!canStart || !enteredInRange(entry.ts, definition)) return;
    const times = stepTimes(events, position, definition);
    attempts.push({ position, channel: entry.channel, times });
  });
  return attempts;
}

function enteredInRange(ts: number, definition: FunnelDefinition): boolean {
  return (
    (definition.enteredFrom === null || ts >= definition.enteredFrom) &&
    (definition.enteredTo === null || ts < definition.enteredTo)
  );
}

function stepTimes(events: readonly StepEvent[], entry: number, definition: FunnelDefinition): number[] {
  if (definition.order === 'any') return anyOrderTimes(events, entry, definition);
  const start = events[entry] as StepEvent;
  const deadline = start.ts + definition.windowMs;
  const times = [start.ts];
  let position = entry;
  for (let step = 2; step <= definition.steps.length; step++) {
    const next =
      definition.order === 'strict'
        ? position + 1
        : events.findIndex((event, index) => index > position && hasStep(event.mask, step));
    const event = events[next];
    if (next < 0 || event === undefined || !hasStep(event.mask, step) || event.ts > deadline) break;
    times.push(event.ts);
    position = next;
  }
  return times;
}

/**
 * In any order, a step is completed by its first event in [entry, entry + window]; an event that
 * matches several steps completes each of them. Step k is reached when k steps are completed.
 */
function anyOrderTimes(events: readonly StepEvent[], entry: number, definition: FunnelDefinition): number[] {
  const start = (events[entry] as StepEvent).ts;
  const deadline = start + definition.windowMs;
  const firsts: number[] = [];
  for (let step = 1; step <= definition.steps.length; step++) {
    const first = events.find(
      (event) => event.ts >= start && event.ts <= deadline && hasStep(event.mask, step),
    );
    if (first !== undefined) firsts.push(first.ts);
  }
  return firsts.sort((a, b) => a - b);
}
