import type { ProfilesChanged } from '../identity/store/index.ts';
import type { Store } from '../store/port.ts';

/**
 * Recomputes the single customer view (traits, consents, summaries) of the profiles a write to
 * the identity tables changed; `all` recomputes the workspace.
 */
export function refreshProfiles(
  store: Store,
  workspaceId: string,
  changed: ProfilesChanged,
  traitSources: Record<string, readonly string[]> = {},
): Promise<void> {
  return store.profiles.refresh(workspaceId, {
    traitSources,
    ...(changed === 'all' ? {} : { profileIds: changed }),
  });
}

/** Recomputes every workspace's profiles, e.g. after `panorama identity rebuild`. */
export async function refreshAllProfiles(
  store: Store,
  traitSources: Record<string, readonly string[]> = {},
): Promise<string[]> {
  const rows = await store.query<{ workspace_id: string }>(
    `SELECT workspace_id FROM identity_profiles UNION SELECT workspace_id FROM profile_summaries`,
  );
  const workspaces = rows.map((r) => r.workspace_id).sort();
  for (const workspaceId of workspaces) await refreshProfiles(store, workspaceId, 'all', traitSources);
  return workspaces;
}
