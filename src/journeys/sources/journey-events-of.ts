/**
 * The reference semantics of `journeyEventsSelect`, in memory: what one stored event becomes in
 * `journey_events`. Tests hold the SQL of both engines to it.
 * @module
 */
import type { JourneyEvent } from '../sql/journey-events.ts';
import { mapEvent } from '../touchpoints/map-event.ts';
import type { MappableEvent, TouchpointMapping } from '../touchpoints/mapping.ts';

/** What the build reads of a stored event. */
export interface StoredJourneyInput extends MappableEvent {
  messageId: string;
  userId: string | null;
  anonymousId: string | null;
  /** Milliseconds since 1970-01-01 UTC. */
  timestamp: number;
}

/**
 * The profile an event belongs to in `journey_events`: the stitched one, else `user:<user id>`,
 * else `anon:<anonymous id>`, else `message:<message id>` (an event identity has not reached yet
 * keeps its own trail, and moves to its profile at the next build).
 */
export function journeyProfileOf(event: StoredJourneyInput, stitched: string | undefined): string {
  if (stitched) return stitched;
  if (event.userId !== null) return `user:${event.userId}`;
  if (event.anonymousId !== null) return `anon:${event.anonymousId}`;
  return `message:${event.messageId}`;
}

/**
 * Each event's `journey_events` row, in the order given.
 * @example
 * journeyEventsOf(events, new Map([['m1', 'p1']]), defaultTouchpointMapping)
 */
export function journeyEventsOf(
  events: readonly StoredJourneyInput[],
  profileOf: ReadonlyMap<string, string>,
  mapping: TouchpointMapping,
): JourneyEvent[] {
  return events.map((event) => {
    const mapped = mapEvent(event, mapping);
    return {
      profileId: journeyProfileOf(event, profileOf.get(event.messageId)),
      ts: event.timestamp,
      channel: event.channel,
      ...mapped,
    };
  });
}
