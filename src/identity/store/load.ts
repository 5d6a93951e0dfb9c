import type { Store } from '../../store/port.ts';
import {
  type OperatorLink,
  operatorLinkEvent,
  type SplitDecision,
  type StitchEvent,
} from '../stitching/index.ts';
import { type IdentityConfig, workspaceConfig } from './config.ts';
import { WorkspaceIdentity } from './workspace-identity.ts';

/** How far loading has gone: events read so far, then each workspace as it is stitched. */
export type LoadProgress =
  | { step: 'reading'; events: number }
  | { step: 'stitching'; workspaceId: string; events: number };

/**
 * Builds every workspace's identity graph from the stored events and the operators' decisions:
 * splits, and links fed in as synthetic events. The events are read in chunks (only what
 * extraction needs) and stitched in one pass per workspace, so the graph never re-runs a
 * component while loading.
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
  const events = new Map<string, StitchEvent[]>();
  let read = 0;
  for await (const chunk of store.identity.sourceEvents()) {
    for (const event of chunk) {
      let workspace = workspaces.get(event.workspaceId);
      if (!workspace) {
        workspace = workspaceIdentity(event.workspaceId, config, decided);
        workspaces.set(event.workspaceId, workspace);
        events.set(event.workspaceId, []);
      }
      events.get(event.workspaceId)?.push(workspace.stitchEvent(event));
    }
    read += chunk.length;
    onProgress({ step: 'reading', events: read });
  }
  for (const [workspaceId, workspace] of workspaces) {
    const list = events.get(workspaceId) ?? [];
    events.delete(workspaceId);
    for (const link of links.get(workspaceId) ?? []) list.push(operatorLinkEvent(link));
    onProgress({ step: 'stitching', workspaceId, events: list.length });
    // Whether the tables already hold this is for the caller to say; until then, rewrite whole.
    workspace.stale = true;
    workspace.add(list);
  }
  return workspaces;
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
