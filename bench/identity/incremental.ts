import { IdentityService } from '../../src/identity/service.ts';
import { refreshProfiles } from '../../src/profiles/index.ts';
import type { Store } from '../../src/store/port.ts';
import type { StoredEvent } from '../../src/store/types.ts';
import { peakRssMiB } from './memory.ts';
import { WriteClock, withTimedIdentityWrites } from './timed-store.ts';

export interface BatchFigures {
  batchSize: number;
  batches: number;
  events: number;
  /** Extraction, the graph, and the rows of what changed (everything but the two below). */
  stitchMs: number;
  /** `store.identity.apply`: the changed rows into the identity tables. */
  writeMs: number;
  /** `refreshProfiles` of the changed profiles (what the server does once identity is written). */
  refreshMs: number;
  /** Profiles the writes changed, summed over the batches. */
  profilesChanged: number;
}

export interface IncrementalFigures {
  /** `IdentityService.start` until `ready`: the graph rebuilt in memory from every stored event. */
  startMs: number;
  batches: BatchFigures[];
  peakRssMiB: number;
}

/** Rounds per batch size: enough to average, few enough to keep the run short. */
const rounds: Record<number, number> = { 100: 10, 1000: 5, 5000: 4 };

/**
 * Stitches new events into a built graph through the live identity service, as the server does
 * after each committed write: the events are appended to the store first (untimed), then handed
 * to `onStored`, and the clock stops when the service is idle again.
 */
export async function timeIncremental(
  store: Store,
  newEvents: readonly StoredEvent[],
  batchSizes: readonly number[],
  log: (line: string) => void,
): Promise<IncrementalFigures> {
  const clock = new WriteClock();
  let refreshMs = 0;
  let profilesChanged = 0;
  const failures: string[] = [];
  const service = IdentityService.start(withTimedIdentityWrites(store, clock), {
    log: (message, error) => failures.push(`${message}: ${(error as Error)?.message ?? error}`),
    onPersisted: async (workspaceId, changed) => {
      const started = performance.now();
      await refreshProfiles(store, workspaceId, changed);
      refreshMs += performance.now() - started;
      profilesChanged += changed === 'all' ? Number.NaN : changed.length;
    },
  });
  const starting = performance.now();
  await service.ready;
  const startMs = performance.now() - starting;
  if (clock.writes > 0) throw new Error('the identity tables were not up to date after the rebuild');
  log(`incremental: service ready in ${(startMs / 1000).toFixed(1)} s`);

  const queue = [...newEvents].sort(
    (a, b) => a.timestamp.getTime() - b.timestamp.getTime() || (a.messageId < b.messageId ? -1 : 1),
  );
  const figures: BatchFigures[] = [];
  for (const batchSize of batchSizes) {
    const row: BatchFigures = {
      batchSize,
      batches: 0,
      events: 0,
      stitchMs: 0,
      writeMs: 0,
      refreshMs: 0,
      profilesChanged: 0,
    };
    for (let round = 0; round < (rounds[batchSize] ?? 3) && queue.length >= batchSize; round++) {
      const batch = queue.splice(0, batchSize);
      await store.events.append(batch);
      clock.reset();
      refreshMs = 0;
      profilesChanged = 0;
      const started = performance.now();
      service.onStored(batch);
      await service.idle();
      const total = performance.now() - started;
      if (failures.length > 0) throw new Error(`the identity service failed: ${failures.join('; ')}`);
      row.batches += 1;
      row.events += batch.length;
      row.writeMs += clock.ms;
      row.refreshMs += refreshMs;
      row.stitchMs += total - clock.ms - refreshMs;
      row.profilesChanged += profilesChanged;
    }
    log(`incremental: ${row.batches} batches of ${batchSize} events`);
    if (row.batches > 0) figures.push(row);
  }
  await service.stop();
  return { startMs, batches: figures, peakRssMiB: peakRssMiB() };
}
