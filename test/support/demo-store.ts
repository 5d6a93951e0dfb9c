import { resolveMapping } from '../../src/collect/import/mapping.ts';
import { rowToEvent } from '../../src/collect/import/row-event.ts';
import { takeIn } from '../../src/collect/intake.ts';
import { createSource } from '../../src/collect/source-directory.ts';
import type { Arrival } from '../../src/collect/to-stored-event.ts';
import { demoSources, importHeaders, simulateBusiness } from '../../src/demo/index.ts';
import type { Store } from '../../src/store/port.ts';
import type { Source, StoredEvent } from '../../src/store/types.ts';

/**
 * Stores the demo business's events as the collector would (API messages through `takeIn`,
 * import rows through `rowToEvent`), and answers the true person behind each event.
 */
export async function storeDemoWithTruth(
  store: Store,
  options: { customers: number; seed: number; end: Date },
): Promise<Map<string, string>> {
  const sources = new Map<string, Source>();
  for (const demo of demoSources)
    sources.set(demo.name, await createSource(store, 'default', demo.name, demo.channel));
  const arrival = (name: string, origin: 'api' | 'import'): Arrival => ({
    source: sources.get(name) as Source,
    receivedAt: options.end,
    origin,
  });
  const personOf = new Map<string, string>();
  let events: StoredEvent[] = [];
  let pending: string[] = [];
  const keep = (event: StoredEvent) => {
    events.push(event);
    pending.push(event.messageId);
  };
  for (const record of simulateBusiness(options)) {
    if (record.type === 'api') {
      for (const event of takeIn([record.message], undefined, arrival(record.source, 'api')).events)
        keep(event);
    } else if (record.type === 'row') {
      const mapping = resolveMapping(record.kind, importHeaders[record.kind]);
      const outcome = rowToEvent(record.kind, mapping, record.row, arrival(record.source, 'import'));
      if (outcome.ok) keep(outcome.event);
    } else {
      for (const id of pending) personOf.set(id, record.truth.personId);
      pending = [];
    }
    if (events.length >= 20_000) {
      await store.events.append(events);
      events = [];
    }
  }
  await store.events.append(events);
  return personOf;
}

/** Pairwise precision and recall of events grouped by profile against events grouped by person. */
export function pairwiseScores(
  profileOf: ReadonlyMap<string, string>,
  personOf: ReadonlyMap<string, string>,
): { precision: number; recall: number } {
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const cells = new Map<string, number>();
  const byProfile = new Map<string, number>();
  const byPerson = new Map<string, number>();
  for (const [messageId, person] of personOf) {
    const profile = profileOf.get(messageId);
    if (!profile) continue;
    count(cells, `${profile}|${person}`);
    count(byProfile, profile);
    count(byPerson, person);
  }
  const pairs = (map: Map<string, number>) => [...map.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
  const together = pairs(cells);
  return { precision: together / pairs(byProfile), recall: together / pairs(byPerson) };
}

/**
 * How many profiles holding a known (not anonymous) identifier each person is spread over: the
 * mean, and the share of people found in exactly one.
 */
export function identifiedProfilesPerPerson(
  image: {
    links: { profileId: string; idType: string }[];
    eventProfiles: { messageId: string; profileId: string }[];
  },
  personOf: ReadonlyMap<string, string>,
): { mean: number; inOne: number } {
  const identified = new Set(image.links.filter((l) => l.idType !== 'anonymous_id').map((l) => l.profileId));
  const profilesOf = new Map<string, Set<string>>();
  for (const { messageId, profileId } of image.eventProfiles) {
    const person = personOf.get(messageId);
    if (!person || !identified.has(profileId)) continue;
    profilesOf.set(person, (profilesOf.get(person) ?? new Set()).add(profileId));
  }
  const sizes = [...profilesOf.values()].map((s) => s.size);
  return {
    mean: sizes.reduce((a, b) => a + b, 0) / sizes.length,
    inOne: sizes.filter((n) => n === 1).length / sizes.length,
  };
}
