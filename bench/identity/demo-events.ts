import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { type ImportKind, isImportKind } from '../../src/collect/import/kinds.ts';
import { resolveMapping } from '../../src/collect/import/mapping.ts';
import { rowToEvent } from '../../src/collect/import/row-event.ts';
import { takeIn } from '../../src/collect/intake.ts';
import { createSource } from '../../src/collect/source-directory.ts';
import type { Arrival } from '../../src/collect/to-stored-event.ts';
import { demoSources, importHeaders, simulateBusiness } from '../../src/demo/index.ts';
import type { Store } from '../../src/store/port.ts';
import type { Source, StoredEvent } from '../../src/store/types.ts';

export interface DemoEventsOptions {
  customers: number;
  seed: number;
  /** Exclusive end of the simulated history. */
  end: Date;
  /** Events from this time on are written to `heldBackFile` instead of the store. */
  holdBackFrom: Date;
  heldBackFile: string;
  onProgress?: (stored: number) => void;
}

export interface DemoEventsSummary {
  stored: number;
  fromApi: number;
  fromImports: number;
  heldBack: number;
}

/** Messages per `takeIn` call, and events per store write (the server's `maxEventsPerWrite`). */
const apiBatch = 500;
const eventsPerWrite = 20_000;

/**
 * Stores the demo business's events straight into the store, built as the collector builds them:
 * API messages through `takeIn` (validation, `toStoredEvent`) as `/v1/batch` would, import rows
 * through `rowToEvent` with the mapping detected from the demo's own CSV headers, as
 * `panorama import` would. Nothing goes through HTTP or CSV files, and no event is deduplicated
 * (the demo's message ids are unique). Events at or after `holdBackFrom` are written as JSON
 * lines to `heldBackFile` for later, in the order they came.
 */
export async function storeDemoEvents(store: Store, options: DemoEventsOptions): Promise<DemoEventsSummary> {
  const sources = await createDemoSources(store);
  const mappings = new Map<ImportKind, Record<string, string>>();
  const heldBack = createWriteStream(options.heldBackFile);
  const summary: DemoEventsSummary = { stored: 0, fromApi: 0, fromImports: 0, heldBack: 0 };
  const pendingApi = new Map<string, object[]>();
  let toWrite: StoredEvent[] = [];
  const writes = new Set<Promise<void>>();

  const take = async (events: readonly StoredEvent[]) => {
    for (const event of events) {
      if (event.timestamp >= options.holdBackFrom) {
        summary.heldBack += 1;
        if (!heldBack.write(`${JSON.stringify(event)}\n`)) await once(heldBack, 'drain');
      } else toWrite.push(event);
    }
    if (toWrite.length >= eventsPerWrite) await write();
  };
  const write = async () => {
    const events = toWrite;
    toWrite = [];
    const done = store.events.append(events).then(() => {
      summary.stored += events.length;
      options.onProgress?.(summary.stored);
    });
    writes.add(done);
    void done.finally(() => writes.delete(done)).catch(() => undefined);
    // Two writes under way at once, as the server's writer does.
    while (writes.size >= 2) await Promise.race(writes);
  };
  const flushApi = async (name: string) => {
    const messages = pendingApi.get(name) ?? [];
    pendingApi.set(name, []);
    if (messages.length === 0) return;
    const source = sourceNamed(sources, name);
    const now = new Date();
    const arrival: Arrival = { source, receivedAt: now, origin: 'api', batchSentAt: now.toISOString() };
    const intake = takeIn(messages, undefined, arrival);
    if (intake.refused.length > 0)
      throw new Error(`the collector refused demo messages: ${JSON.stringify(intake.refused.slice(0, 3))}`);
    summary.fromApi += intake.events.length;
    await take(intake.events);
  };

  const end = { end: options.end };
  for (const record of simulateBusiness({ customers: options.customers, seed: options.seed, ...end })) {
    if (record.type === 'api') {
      const list = pendingApi.get(record.source) ?? [];
      list.push(record.message);
      pendingApi.set(record.source, list);
      if (list.length >= apiBatch) await flushApi(record.source);
    } else if (record.type === 'row') {
      const event = importedEvent(record.kind, record.row, sourceNamed(sources, record.source), mappings);
      summary.fromImports += 1;
      await take([event]);
    }
  }
  for (const name of pendingApi.keys()) await flushApi(name);
  await write();
  await Promise.all(writes);
  heldBack.end();
  await once(heldBack, 'finish');
  return summary;
}

async function createDemoSources(store: Store): Promise<Map<string, Source>> {
  const sources = new Map<string, Source>();
  for (const demo of demoSources)
    sources.set(demo.name, await createSource(store, 'default', demo.name, demo.channel));
  return sources;
}

function sourceNamed(sources: ReadonlyMap<string, Source>, name: string): Source {
  const source = sources.get(name);
  if (!source) throw new Error(`the simulator used an unknown source "${name}"`);
  return source;
}

/** One CSV row as `panorama import` reads it back: every column of the header, as text. */
function importedEvent(
  kind: string,
  row: Record<string, string>,
  source: Source,
  mappings: Map<ImportKind, Record<string, string>>,
): StoredEvent {
  if (!isImportKind(kind)) throw new Error(`unknown import kind "${kind}"`);
  const header = importHeaders[kind];
  let mapping = mappings.get(kind);
  if (!mapping) {
    mapping = resolveMapping(kind, header, {});
    mappings.set(kind, mapping);
  }
  const cells = Object.fromEntries(header.map((column) => [column, row[column] ?? '']));
  const outcome = rowToEvent(kind, mapping, cells, { source, receivedAt: new Date(), origin: 'import' });
  if (!outcome.ok) throw new Error(`a demo ${kind} row was refused: ${JSON.stringify(outcome.problems)}`);
  return outcome.event;
}

/** A stored event back from its JSON line. */
export function storedEventFromJson(line: string): StoredEvent {
  const event = JSON.parse(line) as StoredEvent;
  const date = (value: unknown) => (value === null ? null : new Date(value as string));
  return {
    ...event,
    timestamp: new Date(event.timestamp),
    originalTimestamp: date(event.originalTimestamp),
    sentAt: date(event.sentAt),
    receivedAt: new Date(event.receivedAt),
  };
}
