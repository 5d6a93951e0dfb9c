import type { ProfileWithValue, Store } from '../store/port.ts';
import type { KeptValue } from '../store/view-cache.ts';
import { type CustomerView, computedValueOf, customerViewOf } from './customer-view.ts';
import type { ViewChanges } from './view-cache-changes.ts';
import { keptValueOf } from './view-cache-json.ts';

export interface WarmUpDeps {
  engine: Store;
  changes: ViewChanges;
  /** Keeps the views (and their values) that did not change since `since`. */
  keepViews: (workspaceId: string, views: readonly CustomerView[], since: number) => Promise<void>;
  keepValues: (workspaceId: string, values: readonly KeptValue[], since: number) => Promise<void>;
  /** Profiles read per batch (one snapshot, a few queries). */
  batchSize: number;
  /** Whether requests are being served: the pass then gives them half the time. */
  busy: () => boolean;
  log: (message: string) => void;
}

/** How a pass ended: every profile read, stopped (closing, or its workspace changed), or failed. */
export type PassEnd = 'done' | 'stopped';

/** Views built per turn of the event loop while a batch is kept (about 10 ms): requests go on meanwhile. */
const viewsPerTurn = 100;

/**
 * Fills the cache with every view of the workspace, a batch at a time in profile-id order,
 * without holding up requests. Stops when `stop` says so or when every view of the workspace
 * changes (a new pass is then scheduled by whoever changed them).
 */
export async function warmViews(
  deps: WarmUpDeps,
  workspaceId: string,
  stop: () => boolean,
): Promise<PassEnd> {
  const started = performance.now();
  const from = deps.changes.begin();
  let kept = 0;
  let shown = 0;
  let after: string | null = null;
  let next: ReturnType<typeof readBatch> | undefined;
  try {
    deps.log(`view cache: warming up the customer views of ${workspaceId}`);
    for (;;) {
      if (stop() || deps.changes.workspaceChangedSince(workspaceId, from)) return 'stopped';
      const { since, batch, readMs }: Batch = await (next ??
        readBatch(deps, workspaceId, after, deps.busy()));
      next = undefined;
      try {
        if (batch.length === 0) break;
        after = batch.at(-1)?.profile.profileId ?? null;
        // Requests first: while they come, the store works for the pass a quarter of the time, on
        // smaller batches (a miss's queries wait behind a batch's); else the next batch is read
        // while this one is kept.
        if (deps.busy()) await pause(3 * readMs);
        else next = readBatch(deps, workspaceId, after);
        // Each turn's views are written while the next turn's are built: commits overlap.
        const keeping: Promise<void>[] = [];
        for (let at = 0; at < batch.length; at += viewsPerTurn) {
          if (stop()) break;
          const turn = performance.now();
          const views = batch
            .slice(at, at + viewsPerTurn)
            .map(({ value, ...record }) => customerViewOf(record.profile.profileId, record, value));
          keeping.push(deps.keepViews(workspaceId, views, since));
          await (deps.busy() ? pause(performance.now() - turn) : new Promise(setImmediate));
        }
        await Promise.all(keeping);
        if (stop()) return 'stopped';
        kept += batch.length;
      } finally {
        deps.changes.end(since);
      }
      if (kept - shown >= 100_000) {
        shown = kept;
        deps.log(
          `view cache: ${kept.toLocaleString('en')} views of ${workspaceId} kept (${rate(kept, started)})`,
        );
      }
    }
    deps.log(
      `view cache: ${kept.toLocaleString('en')} views of ${workspaceId} kept, warm (${rate(kept, started)})`,
    );
    return 'done';
  } finally {
    deps.changes.end(from);
    next?.then(
      ({ since }) => deps.changes.end(since),
      () => undefined,
    );
  }
}

/** Fills the value blocks of the workspace after a valuation, the views being kept as they are. */
export async function warmValues(
  deps: WarmUpDeps,
  workspaceId: string,
  stop: () => boolean,
): Promise<PassEnd> {
  const started = performance.now();
  const from = deps.changes.begin();
  let after: string | null = null;
  let kept = 0;
  try {
    for (;;) {
      if (stop() || deps.changes.valuesChangedSince(workspaceId, from)) return 'stopped';
      const since = deps.changes.begin();
      try {
        const rows = await deps.engine.profiles.valuesAfter(workspaceId, after, deps.batchSize);
        if (rows.length === 0) break;
        after = rows.at(-1)?.profileId ?? null;
        const values = rows.map((row) => ({
          profileId: row.profileId,
          json: keptValueOf(computedValueOf(row)),
        }));
        await deps.keepValues(workspaceId, values, since);
        kept += rows.length;
      } finally {
        deps.changes.end(since);
      }
    }
    deps.log(
      `view cache: ${kept.toLocaleString('en')} values of ${workspaceId} kept (${rate(kept, started)})`,
    );
    return 'done';
  } finally {
    deps.changes.end(from);
  }
}

interface Batch {
  since: number;
  batch: ProfileWithValue[];
  readMs: number;
}

/** A batch read from the store, with the generation it was read from (ended by the caller). */
function readBatch(
  deps: WarmUpDeps,
  workspaceId: string,
  after: string | null,
  small = false,
): Promise<Batch> {
  const since = deps.changes.begin();
  const started = performance.now();
  const size = small ? Math.ceil(deps.batchSize / 5) : deps.batchSize;
  return deps.engine.profiles.profilesAfter(workspaceId, after, size).then(
    (batch) => ({ since, batch, readMs: performance.now() - started }),
    (error: unknown) => {
      deps.changes.end(since);
      throw error;
    },
  );
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(ms, 3_000)));
}

function rate(kept: number, started: number): string {
  const seconds = (performance.now() - started) / 1000;
  return `${seconds.toFixed(1)} s, ${Math.round(kept / Math.max(seconds, 0.001)).toLocaleString('en')}/s`;
}
