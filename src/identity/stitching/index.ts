export { compareEventKeys, type EventKey } from './canonical-order.ts';
export {
  IdentityGraph,
  type LinkRequest,
  type LinkResult,
  rebuildIdentityGraph,
  type SplitResult,
  type StitchEvent,
} from './graph.ts';
export { operatorLinkEvent } from './operator-links.ts';
export { byTypeAndValue, type ProfileView } from './profile-state.ts';
export type {
  DroppedIdentifier,
  DropReason,
  EventOutcome,
  GraphChanges,
  LinkRule,
  MergeRecord,
  MergeRule,
  OperatorLink,
  SplitDecision,
  StitchAction,
  StitchedProfile,
  StitchResult,
} from './records.ts';
export {
  defaultStitchingRules,
  type IdentifierLimit,
  limitOf,
  type StitchingRules,
  stitchingRules,
  typeOrder,
} from './rules.ts';
export { stitchEventOf } from './stitch-event.ts';
