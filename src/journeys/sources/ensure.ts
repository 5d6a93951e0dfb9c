/**
 * Keeps a workspace's materialised `journey_events` up to date: rebuilt when its digest says it is
 * stale, left alone otherwise.
 * @module
 */
import type { Store } from '../../store/port.ts';
import { defaultTouchpointMapping } from '../touchpoints/defaults.ts';
import type { TouchpointMapping } from '../touchpoints/mapping.ts';
import { journeyDigest } from './digest.ts';
import { journeyEventsSelect } from './journey-events-select.ts';

/** What `ensureJourneyEvents` reports while it works. */
export type JourneyBuildProgress =
  | { step: 'building'; workspaceId: string }
  | { step: 'built'; workspaceId: string; rows: number; seconds: number };

/** What `ensureJourneyEvents` found and did. */
export interface JourneyEventsStatus {
  rebuilt: boolean;
  rows: number;
  digest: string;
}

const queues = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * Rebuilds the workspace's `journey_events` if what it was built from changed (events, identity,
 * mapping), else does nothing. The digest is read before the rows are, so events arriving during a
 * rebuild make the next call rebuild again rather than be missed. Calls for the same store and
 * workspace take turns, so a second call made during a rebuild finds the rows fresh and returns.
 * @example
 * await ensureJourneyEvents(store, 'default', parseTouchpointMapping(json));
 * const source = journeySource(store.dialect, 'default');
 */
export function ensureJourneyEvents(
  store: Pick<Store, 'dialect' | 'query' | 'journeys'>,
  workspaceId: string,
  mapping: TouchpointMapping = defaultTouchpointMapping,
  onProgress?: (progress: JourneyBuildProgress) => void,
): Promise<JourneyEventsStatus> {
  const byWorkspace = queues.get(store) ?? new Map<string, Promise<unknown>>();
  queues.set(store, byWorkspace);
  const before = byWorkspace.get(workspaceId) ?? Promise.resolve();
  const work = before.catch(() => undefined).then(() => ensure(store, workspaceId, mapping, onProgress));
  byWorkspace.set(workspaceId, work);
  void work
    .catch(() => undefined)
    .then(() => {
      if (byWorkspace.get(workspaceId) === work) byWorkspace.delete(workspaceId);
    });
  return work;
}

async function ensure(
  store: Pick<Store, 'dialect' | 'query' | 'journeys'>,
  workspaceId: string,
  mapping: TouchpointMapping,
  onProgress: ((progress: JourneyBuildProgress) => void) | undefined,
): Promise<JourneyEventsStatus> {
  const select = journeyEventsSelect(store.dialect, workspaceId, mapping);
  const digest = await journeyDigest(store, workspaceId, select);
  const state = await store.journeys.state(workspaceId);
  if (state?.digest === digest) return { rebuilt: false, rows: state.rows, digest };
  onProgress?.({ step: 'building', workspaceId });
  const started = performance.now();
  const { rows } = await store.journeys.materialise(workspaceId, select, digest);
  onProgress?.({ step: 'built', workspaceId, rows, seconds: (performance.now() - started) / 1000 });
  return { rebuilt: true, rows, digest };
}
