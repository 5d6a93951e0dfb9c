import {
  defaultIdentifierSettings,
  extractIdentifiers,
  namesIdentifier,
} from '../../src/identity/identifiers/index.ts';
import { rebuildIdentity } from '../../src/identity/store/index.ts';
import { refreshAllProfiles } from '../../src/profiles/index.ts';
import type { Store } from '../../src/store/port.ts';
import { peakRssMiB } from './memory.ts';
import { WriteClock, withTimedIdentityWrites } from './timed-store.ts';

export interface RebuildFigures {
  events: number;
  profiles: number;
  merges: number;
  /**
   * Waiting for each chunk of `sourceEvents()`: DuckDB, and its text made into events. Reading
   * and stitching take turns, chunk after chunk, until every event is stitched.
   */
  readingMs: number;
  /** The rest until writing starts: extracting identifiers, and the graph (`addAll` per chunk). */
  stitchingMs: number;
  /** Building the rows from the graph (`imageOf`), in JavaScript. */
  imageMs: number;
  /** `store.identity.replace`: the rows into the identity tables, in one DuckDB transaction. */
  tablesMs: number;
  rebuildMs: number;
  refreshMs: number;
  peakRssAfterRebuildMiB: number;
  peakRssAfterRefreshMiB: number;
  rows: Record<string, number>;
}

export interface ScanFigures {
  events: number;
  /** Identifiers extracted from them (occurrences, before stitching). */
  identifiers: number;
  /** `store.identity.sourceEvents()` alone: DuckDB, and its text made into events. */
  readMs: number;
  /** `extractIdentifiers` on every event. */
  extractMs: number;
}

const counted = [
  'events',
  'identity_profiles',
  'identity_links',
  'identity_event_profiles',
  'identity_merges',
  'identity_dropped',
  'profile_traits',
  'profile_consents',
  'profile_summaries',
];

/**
 * Times `rebuildIdentity` phase by phase (the reads and writes of the identity store timed apart,
 * the `writing` progress step), then `refreshAllProfiles`.
 */
export async function timeRebuild(store: Store, log: (line: string) => void): Promise<RebuildFigures> {
  const clock = new WriteClock();
  const reads = new WriteClock();
  let writingAt: number | undefined;
  let lastShown = 0;
  const started = performance.now();
  const summary = await rebuildIdentity(withTimedIdentityWrites(store, clock, reads), {}, (step) => {
    if (step.step === 'reading' && step.events - lastShown >= 200_000) {
      lastShown = step.events;
      log(`rebuild: read and stitched ${step.events.toLocaleString('en-US')} events`);
    }
    if (step.step === 'writing' && writingAt === undefined) {
      writingAt = performance.now();
      log('rebuild: writing');
    }
  });
  const ended = performance.now();
  const peakRssAfterRebuildMiB = peakRssMiB();
  log('refreshing every profile (traits, consents, summaries)');
  const refreshStarted = performance.now();
  await refreshAllProfiles(store);
  const refreshMs = performance.now() - refreshStarted;
  const written = writingAt ?? ended;
  return {
    events: summary.events,
    profiles: summary.profiles,
    merges: summary.merges,
    readingMs: reads.ms,
    stitchingMs: written - started - reads.ms,
    imageMs: ended - written - clock.ms,
    tablesMs: clock.ms,
    rebuildMs: ended - started,
    refreshMs,
    peakRssAfterRebuildMiB,
    peakRssAfterRefreshMiB: peakRssMiB(),
    rows: await rowCounts(store),
  };
}

async function rowCounts(store: Store): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const table of counted) {
    const [row] = await store.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
    rows[table] = Number(row?.n ?? 0);
  }
  return rows;
}

/**
 * The reading phase taken apart, as a same-run baseline: one pass over `sourceEvents()` with
 * identifier extraction timed on its own.
 */
export async function scanSourceEvents(store: Store): Promise<ScanFigures> {
  const figures: ScanFigures = { events: 0, identifiers: 0, readMs: 0, extractMs: 0 };
  const started = performance.now();
  for await (const chunk of store.identity.sourceEvents({ namesIdentifier })) {
    const extracting = performance.now();
    for (const event of chunk)
      figures.identifiers += extractIdentifiers(event, defaultIdentifierSettings).length;
    figures.extractMs += performance.now() - extracting;
    figures.events += chunk.length;
  }
  figures.readMs = performance.now() - started - figures.extractMs;
  return figures;
}
