import type { Store } from '../../store/port.ts';
import type { IdentitySourceEvent } from '../../store/types.ts';
import { namesIdentifier } from '../identifiers/index.ts';
import {
  type OperatorLink,
  operatorLinkEvent,
  type SplitDecision,
  type StitchEvent,
} from '../stitching/index.ts';
import { type IdentityConfig, workspaceConfig } from './config.ts';
import { WorkspaceIdentity } from './workspace-identity.ts';

/**
 * How far loading has gone: events read and stitched so far (after each chunk), then each
 * workspace as its last operator links are stitched, with the events it holds.
 */
export type LoadProgress =
  | { step: 'reading'; events: number }
  | { step: 'stitching'; workspaceId: string; events: number };

/**
 * Builds every workspace's identity graph from the stored events and the operators' decisions:
 * splits, and links fed in as synthetic events at their time. The store hands the events over in
 * chunks, in time order (only what extraction reads), and each chunk is stitched as it comes, so
 * the graph never re-runs a component and never holds more than a chunk of events unstitched.
 */
export async function loadIdentity(
  store: Store,
  config: IdentityConfig = {},
  onProgress: (progress: LoadProgress) => void = () => {},
  splits?: ReadonlyMap<string, SplitDecision[]>,
): Promise<Map<string, WorkspaceIdentity>> {
  const decided = splits ?? (await splitsByWorkspace(store));
  const links = await operatorLinksByWorkspace(store);
  const workspaces = new Map<string, WorkspaceIdentity>();
  let read = 0;
  for await (const chunk of store.identity.sourceEvents({ namesIdentifier })) {
    for (const [workspaceId, events] of byWorkspace(chunk)) {
      let workspace = workspaces.get(workspaceId);
      if (!workspace) {
        workspace = workspaceIdentity(workspaceId, config, decided);
        // Whether the tables already hold this is for the caller to say; until then, rewrite whole.
        workspace.stale = true;
        workspaces.set(workspaceId, workspace);
      }
      const list = events.map((event) => (workspace as WorkspaceIdentity).stitchEvent(event));
      workspace.add(withLinksDue(list, links.get(workspaceId)));
    }
    read += chunk.length;
    onProgress({ step: 'reading', events: read });
  }
  for (const [workspaceId, workspace] of workspaces) {
    onProgress({ step: 'stitching', workspaceId, events: workspace.state.eventsStitched });
    const rest = links.get(workspaceId) ?? [];
    if (rest.length > 0) workspace.add(rest.splice(0).map(operatorLinkEvent));
  }
  return workspaces;
}

/** A chunk's events by workspace (a store usually sends one workspace per chunk). */
function byWorkspace(chunk: readonly IdentitySourceEvent[]): Map<string, readonly IdentitySourceEvent[]> {
  const first = chunk[0]?.workspaceId;
  if (first === undefined) return new Map();
  if (chunk.every((event) => event.workspaceId === first)) return new Map([[first, chunk]]);
  const groups = new Map<string, IdentitySourceEvent[]>();
  for (const event of chunk) {
    const group = groups.get(event.workspaceId);
    if (group) group.push(event);
    else groups.set(event.workspaceId, [event]);
  }
  return groups;
}

/**
 * The chunk's events with the operator links (oldest first, taken from `links`) decided no later
 * than its latest event: stitched in one batch, they fall into place in the canonical order.
 */
function withLinksDue(events: StitchEvent[], links: OperatorLink[] | undefined): StitchEvent[] {
  if (!links || links.length === 0) return events;
  let latest = Number.NEGATIVE_INFINITY;
  for (const event of events) latest = Math.max(latest, new Date(event.timestamp).getTime());
  let due = 0;
  while (due < links.length && Date.parse((links[due] as OperatorLink).at) <= latest) due += 1;
  for (const link of links.splice(0, due)) events.push(operatorLinkEvent(link));
  return events;
}

/** A workspace's identity as loading and ingestion create it. */
export function workspaceIdentity(
  workspaceId: string,
  config: IdentityConfig,
  splits: ReadonlyMap<string, SplitDecision[]>,
): WorkspaceIdentity {
  return new WorkspaceIdentity(
    workspaceId,
    workspaceConfig(config, workspaceId),
    splits.get(workspaceId) ?? [],
  );
}

/** The operators' links of every workspace, as the graph takes them. */
export async function operatorLinksByWorkspace(store: Store): Promise<Map<string, OperatorLink[]>> {
  const byWorkspace = new Map<string, OperatorLink[]>();
  for (const row of (await store.identity.operatorLinks?.()) ?? []) {
    const list = byWorkspace.get(row.workspaceId) ?? [];
    list.push({
      id: row.linkId,
      identifiers: row.identifiers,
      by: row.by,
      at: row.at.toISOString(),
      ...(row.reason === null ? {} : { reason: row.reason }),
      ...(row.rule === 'probabilistic' ? { rule: row.rule } : {}),
    });
    byWorkspace.set(row.workspaceId, list);
  }
  return byWorkspace;
}

export async function splitsByWorkspace(store: Store): Promise<Map<string, SplitDecision[]>> {
  const byWorkspace = new Map<string, SplitDecision[]>();
  for (const row of await store.identity.splits()) {
    const list = byWorkspace.get(row.workspaceId) ?? [];
    list.push({
      id: row.splitId,
      mergeId: row.mergeId,
      sides: row.sides,
      by: row.by,
      at: row.at.toISOString(),
      ...(row.reason === null ? {} : { reason: row.reason }),
    });
    byWorkspace.set(row.workspaceId, list);
  }
  return byWorkspace;
}
