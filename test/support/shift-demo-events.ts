import { resolveMapping } from '../../src/collect/import/mapping.ts';
import { rowToEvent } from '../../src/collect/import/row-event.ts';
import { takeIn } from '../../src/collect/intake.ts';
import type { Arrival } from '../../src/collect/to-stored-event.ts';
import { type DemoOptions, demoSources, importHeaders, simulateBusiness } from '../../src/demo/index.ts';
import type { JourneyEvent } from '../../src/journeys/sql/journey-events.ts';
import { defaultTouchpointMapping, mapEvent } from '../../src/journeys/touchpoints/index.ts';
import type { Source, StoredEvent } from '../../src/store/types.ts';

/**
 * The demo business's journey events without a store: each message or import row turned into the event
 * the collector would keep, mapped by the default touchpoint mapping, and given the true person as its
 * profile (what perfect identity stitching would give). Much cheaper than storing and stitching.
 */
export function demoJourneyEvents(options: Pick<DemoOptions, 'customers' | 'seed' | 'end'>): JourneyEvent[] {
  const sources = new Map<string, Source>(
    demoSources.map((demo, i) => [
      demo.name,
      { id: `s${i}`, workspaceId: 'default', name: demo.name, channel: demo.channel } as unknown as Source,
    ]),
  );
  const arrival = (name: string, origin: 'api' | 'import'): Arrival => ({
    source: sources.get(name) as Source,
    receivedAt: options.end,
    origin,
  });
  const events: JourneyEvent[] = [];
  let pending: StoredEvent[] = [];
  for (const record of simulateBusiness(options)) {
    if (record.type === 'api') {
      pending.push(...takeIn([record.message], undefined, arrival(record.source, 'api')).events);
    } else if (record.type === 'row') {
      const mapping = resolveMapping(record.kind, importHeaders[record.kind]);
      const outcome = rowToEvent(record.kind, mapping, record.row, arrival(record.source, 'import'));
      if (outcome.ok) pending.push(outcome.event);
    } else {
      for (const stored of pending)
        events.push({
          profileId: record.truth.personId,
          ts: stored.timestamp.getTime(),
          channel: stored.channel,
          ...mapEvent(stored, defaultTouchpointMapping),
        });
      pending = [];
    }
  }
  return events;
}
