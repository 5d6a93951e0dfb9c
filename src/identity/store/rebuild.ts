import type { Store } from '../../store/port.ts';
import type { IdentityConfig } from './config.ts';
import { type LoadProgress, loadIdentity } from './load.ts';

export interface RebuildSummary {
  workspaces: number;
  events: number;
  profiles: number;
  merges: number;
}

/**
 * Rebuilds every workspace's identity graph from all stored events (honouring the operators'
 * splits) and rewrites its identity tables, each workspace in one transaction.
 */
export async function rebuildIdentity(
  store: Store,
  config: IdentityConfig = {},
  onProgress?: (progress: LoadProgress | { step: 'writing'; workspaceId: string }) => void,
): Promise<RebuildSummary> {
  const workspaces = await loadIdentity(store, config, onProgress);
  const summary: RebuildSummary = { workspaces: workspaces.size, events: 0, profiles: 0, merges: 0 };
  for (const [workspaceId, workspace] of workspaces) {
    onProgress?.({ step: 'writing', workspaceId });
    workspace.stale = true;
    await workspace.persist(store);
    summary.events += workspace.state.eventsStitched;
    summary.profiles += workspace.graph.profileCount();
    summary.merges += workspace.graph.mergeCount();
  }
  return summary;
}
