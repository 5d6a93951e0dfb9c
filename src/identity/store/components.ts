import type { RawComponents } from '../stitching/components.ts';
import type { IdentityGraph, StitchEvent } from '../stitching/index.ts';

/**
 * Every event of the raw components holding these identifier keys: what a late event made the
 * graph stitch again. `IdentityGraph` does not expose its components, so this reads them; it
 * belongs in the graph's own API (e.g. the events a re-run touched in `GraphChanges`).
 */
export function componentEventsOf(graph: IdentityGraph, keys: Iterable<string>): StitchEvent[] {
  const components = (graph as unknown as { components: RawComponents }).components;
  const roots = new Set<string>();
  for (const key of keys) roots.add(components.find(key));
  const events: StitchEvent[] = [];
  for (const root of roots)
    for (const record of components.eventsOf(root))
      events.push({
        messageId: record.messageId,
        timestamp: record.at,
        identifiers: record.identifiers,
        ...(record.link ? { link: record.link } : {}),
      });
  return events;
}
