export { componentEventsOf } from './components.ts';
export { type IdentityConfig, type WorkspaceConfig, workspaceConfig } from './config.ts';
export {
  type LoadProgress,
  loadIdentity,
  operatorLinksByWorkspace,
  splitsByWorkspace,
  workspaceIdentity,
} from './load.ts';
export { PendingChanges } from './pending.ts';
export { type RebuildSummary, rebuildIdentity } from './rebuild.ts';
export { droppedRows, imageOf, mergeRow, operatorLinkRow, profileRows } from './rows.ts';
export { type ProfilesChanged, WorkspaceIdentity } from './workspace-identity.ts';
